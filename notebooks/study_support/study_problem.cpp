#include "notebooks/study_support/study_problem.hpp"

#include <cmath>

#include "lib/core/errors.hpp"

namespace sgdbias::study {

std::vector<OptionField<DataShapeOptions>> DataShapeOptions::fields() {
  using O = DataShapeOptions;
  return {
      integer_option("samples", &O::samples, "training samples n", {2, 100000}),
      integer_option("dimension", &O::dimension, "features d", {1, 100000}),
      integer_option("sparsity", &O::sparsity, "nonzeros of the teacher beta*", {1, 100000}),
  };
}

std::optional<std::string> DataShapeOptions::validate() const {
  if (sparsity > dimension) return "--sparsity must be <= --dimension";
  if (samples >= dimension) return "--samples must be < --dimension (overparametrised: many interpolators)";
  return std::nullopt;
}

problems::DiagonalLinearNetwork StudyProblem::network(double alpha) const {
  return problems::DiagonalLinearNetwork(data.train, problems::DlnConvention::product_equivalent_to_ppf(alpha));
}

StudyProblem make_study_problem(const DataShapeOptions& shape, std::uint64_t seed) {
  problems::SparseRegressionOptions options;
  options.samples = shape.samples;
  options.dimension = shape.dimension;
  options.sparsity = shape.sparsity;
  options.teacher_support = problems::TeacherSupport::kFirst;  // dln.md §8.4
  return {problems::make_sparse_regression(options, seed)};
}

std::vector<double> log_spaced(double min, double max, Index points) {
  require(min > 0.0 && max >= min && points >= 1, "study::log_spaced", "need 0 < min <= max and points >= 1, got min ",
          min, ", max ", max, ", points ", points);
  std::vector<double> values;
  for (Index i = 0; i < points; ++i) {
    const double fraction = points > 1 ? static_cast<double>(i) / static_cast<double>(points - 1) : 0.0;
    values.push_back(min * std::pow(max / min, fraction));
  }
  return values;
}

}  // namespace sgdbias::study
