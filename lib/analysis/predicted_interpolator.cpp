#include "lib/analysis/predicted_interpolator.hpp"

namespace sgdbias {

MirrorProjectionResult predict_gradient_flow_limit(const InterpolationConstraint& constraint,
                                                   const ConstVectorRef& log_initial_scale,
                                                   const MirrorProjectionOptions& options) {
  return minimum_entropy_interpolator(constraint, log_initial_scale, options);
}

MirrorProjectionResult predict_stochastic_gradient_flow_limit(const InterpolationConstraint& constraint,
                                                              const ConstVectorRef& log_initial_scale,
                                                              const SgfPathIntegrals& integrals,
                                                              const MirrorProjectionOptions& options) {
  const Vector moments = feature_second_moments(constraint.features());
  return minimum_entropy_interpolator(constraint, sgf_effective_log_scale(log_initial_scale, moments, integrals),
                                      options);
}

MirrorProjectionResult predict_discrete_limit(const InterpolationConstraint& constraint,
                                              const ConstVectorRef& log_initial_scale,
                                              const ConstVectorRef& sum_q_plus, const ConstVectorRef& sum_q_minus,
                                              const MirrorProjectionOptions& options) {
  const DiscreteEffectiveInitialization effective =
      discrete_effective_initialization(log_initial_scale, sum_q_plus, sum_q_minus);
  return bregman_projection(constraint, effective.log_scale, effective.reference_mirror, options);
}

}  // namespace sgdbias
