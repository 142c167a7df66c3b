#pragma once
// Synthetic sparse regression data (dln.md §8.4 setup): Gaussian design, k-sparse teacher β*,
// noiseless or noisy labels, and a held-out test set.
//
//   x_i ~ N(0, Σ) (Σ = I unless `covariance` is given; drawn as x = Lz with Σ = LLᵀ),
//   β* has `sparsity` nonzeros on a uniformly random support (or the first k coordinates),
//   with values N(0,1), ±1 or a fixed value,  y_i = ⟨x_i, β*⟩ + σ ε_i.
// Randomness: the training set and β* come from the kData stream, the test set from the
// kTestData stream, so changing the test size never moves the training data (purpose.hpp).
#include <cstdint>

#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/data/dataset.hpp"

namespace sgdbias::problems {

enum class TeacherValues {
  kGaussian,  // β*_j ~ N(0, 1) on the support
  kSigns,     // β*_j = ±1 with probability ½ each
  kFixed,     // β*_j = teacher_value
};

enum class TeacherSupport {
  kRandom,  // uniform random k-subset of {0..d−1}
  kFirst,   // coordinates 0..k−1 (dln.md §8.4)
};

struct SparseRegressionOptions {
  Index samples = 40;        // n (training)
  Index dimension = 100;     // d
  Index sparsity = 5;        // k = number of nonzeros of β*
  Index test_samples = 0;    // size of the held-out test set (0: none)
  TeacherValues teacher_values = TeacherValues::kGaussian;
  TeacherSupport teacher_support = TeacherSupport::kRandom;
  double teacher_value = 1.0;  // used with TeacherValues::kFixed
  double label_noise = 0.0;    // σ ≥ 0: y = Xβ* + σε, ε ~ N(0, I) (also on the test set)
  Matrix covariance{};         // Σ (d×d, symmetric positive definite); empty = identity

  // Throws InvalidArgument naming the offending option.
  void validate() const;
};

struct SparseRegressionData {
  Dataset train;
  Dataset test;    // empty (0 rows) if test_samples == 0
  Vector teacher;  // β*
};

SparseRegressionData make_sparse_regression(const SparseRegressionOptions& options, RandomStream data_stream,
                                            RandomStream test_stream);
// Streams RandomStream(seed, 0, Purpose::kData) and RandomStream(seed, 0, Purpose::kTestData).
SparseRegressionData make_sparse_regression(const SparseRegressionOptions& options, std::uint64_t seed);

}  // namespace sgdbias::problems
