#pragma once
// The dln.md §8.4 regime for SGF tests: n = 40, d = 100, 5-sparse β* ~ N(0,1) on the first 5
// coordinates, X with N(0,1) entries (drawn from our own stream, not numpy's), y = Xβ*.
#include "lib/random/random_stream.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/dln_convention.hpp"

namespace sgdbias::testing {

inline problems::Dataset sparse_regression_dataset(std::uint64_t seed, Index n = 40, Index d = 100) {
  RandomStream stream(seed, 0, Purpose::kData);
  problems::Dataset data{Matrix(n, d), Vector(n)};
  for (Index j = 0; j < d; ++j)
    for (Index i = 0; i < n; ++i) data.features(i, j) = stream.standard_normal();
  Vector teacher = Vector::Zero(d);
  for (Index j = 0; j < 5; ++j) teacher[j] = stream.standard_normal();
  data.targets = data.features * teacher;
  return data;
}

inline problems::DiagonalLinearNetwork sgf_test_network(std::uint64_t seed, double alpha = 0.1) {
  return problems::DiagonalLinearNetwork(sparse_regression_dataset(seed),
                                         problems::DlnConvention::product_equivalent_to_ppf(alpha));
}

}  // namespace sgdbias::testing
