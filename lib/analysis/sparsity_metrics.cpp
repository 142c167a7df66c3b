#include "lib/analysis/sparsity_metrics.hpp"

#include <cmath>

#include "lib/core/validation.hpp"

namespace sgdbias {
namespace {

void require_pair(const ConstVectorRef& beta, const ConstVectorRef& teacher, const char* where) {
  require_size(teacher.size(), beta.size(), where, "β*");
  require_all_finite(beta, where, "β");
  require_all_finite(teacher, where, "β*");
}

}  // namespace

double l1_norm(const ConstVectorRef& beta) {
  require_all_finite(beta, "l1_norm", "β");
  return beta.lpNorm<1>();
}

double squared_distance(const ConstVectorRef& beta, const ConstVectorRef& teacher) {
  require_pair(beta, teacher, "squared_distance");
  return (beta - teacher).squaredNorm();
}

double test_mean_squared_error(const ConstVectorRef& beta, const ConstMatrixRef& test_features,
                               const ConstVectorRef& test_targets) {
  constexpr const char* kWhere = "test_mean_squared_error";
  require(test_features.rows() >= 1, kWhere, "the test set is empty");
  require_size(test_features.cols(), beta.size(), kWhere, "columns of X_test");
  require_size(test_targets.size(), test_features.rows(), kWhere, "y_test");
  require_all_finite(beta, kWhere, "β");
  return (test_features * beta - test_targets).squaredNorm() / static_cast<double>(test_features.rows());
}

double effective_sparsity(const ConstVectorRef& beta) {
  require_all_finite(beta, "effective_sparsity", "β");
  const double squared = beta.squaredNorm();
  require(squared > 0.0, "effective_sparsity", "β = 0 has no effective sparsity (‖β‖₁²/‖β‖₂² = 0/0)");
  const double l1 = beta.lpNorm<1>();
  return l1 * l1 / squared;
}

SupportRecovery support_recovery(const ConstVectorRef& beta, const ConstVectorRef& teacher, double threshold) {
  require_pair(beta, teacher, "support_recovery");
  require(std::isfinite(threshold) && threshold >= 0.0, "support_recovery", "threshold must be finite and >= 0, got ",
          threshold);
  SupportRecovery result;
  for (Index j = 0; j < beta.size(); ++j) {
    const bool selected = std::abs(beta[j]) > threshold;
    const bool relevant = teacher[j] != 0.0;
    result.true_positives += selected && relevant;
    result.false_positives += selected && !relevant;
    result.false_negatives += !selected && relevant;
  }
  const Index selected = result.true_positives + result.false_positives;
  const Index relevant = result.true_positives + result.false_negatives;
  if (selected > 0) result.precision = static_cast<double>(result.true_positives) / static_cast<double>(selected);
  if (relevant > 0) result.recall = static_cast<double>(result.true_positives) / static_cast<double>(relevant);
  return result;
}

}  // namespace sgdbias
