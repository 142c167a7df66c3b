#pragma once
// Overdamped Langevin dynamics, one of the two isotropic-noise comparisons of dln.md §6.5 (the
// other, WrongSgf, is specific to the diagonal network: problems/diagonal_linear_network/
// stochastic_gradient_flow/isotropic_noise_sdes.hpp):
//   dx = −∇L dt + √(2/η) dB, B ∈ R^{dim x}: additive, state-independent; no conserved quantity
//   and no implicit-bias formula (§6.5). Any differentiable objective; it does not model SGD.
#include <cmath>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::sde {

template <DifferentiableObjective Problem>
class OverdampedLangevin {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kAdditive;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  // η: inverse temperature of the stationary density ∝ exp(−ηL) (when it is normalisable).
  OverdampedLangevin(Problem problem, double inverse_temperature)
      : problem_(std::move(problem)), noise_scale_(0.0) {
    require(std::isfinite(inverse_temperature) && inverse_temperature > 0.0, "OverdampedLangevin",
            "inverse temperature must be finite and > 0, got ", inverse_temperature);
    noise_scale_ = std::sqrt(2.0 / inverse_temperature);
  }

  Index state_dimension() const { return problem_.dimension(); }
  Index noise_dimension() const { return problem_.dimension(); }
  void drift(double, const ConstVectorRef& x, VectorRef out) const {
    problem_.gradient(x, out);
    out = -out;
  }
  void apply(double, const ConstVectorRef&, const ConstVectorRef& xi, VectorRef out) const {
    out = noise_scale_ * xi;
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef&, const ConstVectorRef&,
                        VectorRef out) const {
    out.setZero();
  }

 private:
  Problem problem_;
  double noise_scale_;
};

}  // namespace sgdbias::sde
