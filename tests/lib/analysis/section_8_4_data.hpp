#pragma once
// The dln.md §8.4 data regime shared by the analysis tests: n = 40, d = 100, β* 5-sparse with
// N(0,1) values on the first 5 coordinates, x_i ~ N(0, I), noiseless labels, plus a held-out
// test set. Drawn through problems/data (make_sparse_regression), so it is deterministic and
// bit-identical for a given seed.
#include <cstdint>

#include "lib/analysis/interpolation_constraint.hpp"
#include "problems/data/sparse_regression_data.hpp"

namespace sgdbias::testing {

struct Section84Data {
  problems::SparseRegressionData data;
  InterpolationConstraint constraint;
};

inline Section84Data section_8_4_data(std::uint64_t seed, Index samples = 40, Index dimension = 100) {
  problems::SparseRegressionOptions options;
  options.samples = samples;
  options.dimension = dimension;
  options.sparsity = 5;
  options.test_samples = 200;
  options.teacher_values = problems::TeacherValues::kGaussian;
  options.teacher_support = problems::TeacherSupport::kFirst;
  problems::SparseRegressionData data = problems::make_sparse_regression(options, seed);
  InterpolationConstraint constraint(data.train.features, data.train.targets);
  return {std::move(data), std::move(constraint)};
}

}  // namespace sgdbias::testing
