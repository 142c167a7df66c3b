#pragma once
// Argument checks shared by every component (so each check is written once).
#include <cmath>
#include <string_view>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// `name` must be finite and > 0 (step sizes, time steps, scales).
inline void require_positive_finite(double value, std::string_view where, std::string_view name) {
  require(std::isfinite(value) && value > 0.0, where, name, " must be finite and > 0, got ", value);
}

// Every entry of `values` must be finite (data matrices, labels, states).
template <class Derived>
void require_all_finite(const Eigen::DenseBase<Derived>& values, std::string_view where,
                        std::string_view name) {
  require(values.allFinite(), where, name, " contains NaN or infinite entries");
}

// `value.size()` must equal `expected`.
inline void require_size(Index actual, Index expected, std::string_view where, std::string_view name) {
  require(actual == expected, where, name, " has size ", actual, ", expected ", expected);
}

}  // namespace sgdbias
