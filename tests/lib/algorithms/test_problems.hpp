#pragma once
// Small shared fixtures for the algorithm tests: a Gaussian sparse-regression dataset and the
// exact λ_max of a linear-regression Hessian. Deterministic for a seed.
#include <Eigen/Eigenvalues>

#include "problems/data/sparse_regression_data.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::testing {

inline problems::SparseRegressionData regression_data(Index samples, Index dimension, Index sparsity,
                                                      Index test_samples = 0) {
  problems::SparseRegressionOptions options;
  options.samples = samples;
  options.dimension = dimension;
  options.sparsity = sparsity;
  options.test_samples = test_samples;
  return problems::make_sparse_regression(options, test_seed());
}

// λ_max of (2c/n)XᵀX, from a dense symmetric eigensolver (independent of power iteration).
inline double exact_largest_eigenvalue(const problems::LinearRegression& problem) {
  const Matrix hessian = 2.0 * problem.loss_scale() * problem.features().transpose() * problem.features() /
                         static_cast<double>(problem.num_samples());
  return Eigen::SelfAdjointEigenSolver<Matrix>(hessian).eigenvalues().maxCoeff();
}

}  // namespace sgdbias::testing
