#pragma once
// What the diagonal-network studies share (notebooks/*/experiment.cpp): the data-shape options
// (n, d, sparsity of β*), the seed-setting data drawn from them (dln.md §8.4: X ~ N(0,1),
// β* on the first coordinates) and log-spaced parameter grids.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "notebooks/experiment/option_field.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/data/sparse_regression_data.hpp"

namespace sgdbias::study {

// Embedded in a study's Options as `DataShapeOptions data;` and registered with
// with_option_group(fields, &Options::data) (notebooks/experiment/option_group.hpp).
struct DataShapeOptions {
  Index samples = 40;
  Index dimension = 100;
  Index sparsity = 5;

  static std::vector<OptionField<DataShapeOptions>> fields();
  // Overparametrised (n < d: many interpolators, the implicit bias decides) and s ≤ d.
  std::optional<std::string> validate() const;
};

struct StudyProblem {
  problems::SparseRegressionData data;
  // The product-form network equivalent to PPF scale α (u₀ = 2α, v₀ = 0: κ₀ = 2α², dln.md §3.3, §6.6).
  problems::DiagonalLinearNetwork network(double alpha) const;
};

StudyProblem make_study_problem(const DataShapeOptions& shape, std::uint64_t seed);

// `points` values from `min` to `max` equally spaced in log scale (min alone if points = 1).
std::vector<double> log_spaced(double min, double max, Index points);

}  // namespace sgdbias::study
