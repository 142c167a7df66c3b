#include "lib/analysis/gain.hpp"

#include <cmath>

#include "lib/core/validation.hpp"

namespace sgdbias {

Vector gain(const ConstVectorRef& log_initial_scale, const ConstVectorRef& log_final_scale) {
  require_size(log_final_scale.size(), log_initial_scale.size(), "gain", "ln κ∞");
  require(log_initial_scale.allFinite() && log_final_scale.allFinite(), "gain", "ln κ₀ and ln κ∞ must be finite");
  return log_initial_scale - log_final_scale;
}

GainShape gain_shape(const ConstVectorRef& gain, const ConstVectorRef& teacher,
                     const ConstVectorRef& feature_second_moments) {
  constexpr const char* kWhere = "gain_shape";
  require_size(teacher.size(), gain.size(), kWhere, "β*");
  require_size(feature_second_moments.size(), gain.size(), kWhere, "D");
  require(gain.allFinite() && teacher.allFinite() && feature_second_moments.allFinite(), kWhere,
          "Gain, β* and D must be finite");
  double support_sum = 0.0, off_support_sum = 0.0;
  Index support_size = 0;
  for (Index j = 0; j < gain.size(); ++j) {
    if (teacher[j] != 0.0) {
      support_sum += gain[j];
      ++support_size;
    } else {
      off_support_sum += gain[j];
    }
  }
  const Index off_support_size = gain.size() - support_size;
  require(support_size > 0 && off_support_size > 0, kWhere, "supp(β*) has ", support_size, " of ", gain.size(),
          " coordinates; the support/off-support ratio needs both sets non-empty");
  GainShape shape;
  shape.support_mean = support_sum / static_cast<double>(support_size);
  shape.off_support_mean = off_support_sum / static_cast<double>(off_support_size);
  shape.support_ratio = shape.support_mean / shape.off_support_mean;
  const Eigen::ArrayXd centered_gain = gain.array() - gain.mean();
  const Eigen::ArrayXd centered_moments = feature_second_moments.array() - feature_second_moments.mean();
  const double denominator = std::sqrt(centered_gain.square().sum() * centered_moments.square().sum());
  if (denominator > 0.0) shape.correlation_with_feature_moments = (centered_gain * centered_moments).sum() / denominator;
  return shape;
}

}  // namespace sgdbias
