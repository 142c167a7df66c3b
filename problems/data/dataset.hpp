#pragma once
// Dataset: the (features, targets) pair every regression-type problem is built from.
//
// features is the n×d design X (row i = sample x_i), targets the n labels y (dln.md §1).
// validate_dataset() is the single place where data enter the library, so every problem and
// loader rejects empty data, size mismatches and NaN/Inf with a message saying where.
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias::problems {

struct Dataset {
  Matrix features;  // X ∈ R^{n×d}
  Vector targets;   // y ∈ R^n

  Index num_samples() const { return features.rows(); }
  Index num_features() const { return features.cols(); }
};

// Throws InvalidArgument(where, ...) unless n ≥ 1, d ≥ 1, y has n entries and all are finite.
inline void validate_dataset(const Dataset& data, std::string_view where) {
  require(data.features.rows() >= 1 && data.features.cols() >= 1, where,
          "the feature matrix must have at least one row (sample) and one column (feature), got ",
          data.features.rows(), "×", data.features.cols());
  require(data.targets.size() == data.features.rows(), where, "targets have ", data.targets.size(),
          " entries but the feature matrix has ", data.features.rows(), " rows (samples)");
  require_all_finite(data.features, where, "feature matrix X");
  require_all_finite(data.targets, where, "targets y");
}

}  // namespace sgdbias::problems
