#pragma once
// The two isotropic-noise SDEs of dln.md §6.5, kept as comparisons (neither models SGD):
//   WrongSgf           the slides' "wrong SDE": the §6.2 prefactor σ but B ∈ R^d NOT passed
//                      through Xᵀ: dw± = ∓ w± ⊙ (m dt + σ dB), B shared by u and v. Then
//                      d ln κ_j = −σ² dt (no n·D_j factor, ≈ n times less shrinkage) and ζ leaves
//                      range(Xᵀ): the limit is tilted by a random Z (§6.5).
//   OverdampedLangevin dx = −∇L dt + √(2/η) dB, B ∈ R^{dim x}: additive, state-independent; no
//                      conserved quantity and no implicit-bias formula (§6.5). Any objective.
#include <cmath>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/stochastic_gradient_flow/diagonal_network_sgf.hpp"

namespace sgdbias::sde {

template <DiagonalNetworkProblem Problem>
class WrongSgf {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kGeneral;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  WrongSgf(Problem problem, SgfOptions options)
      : flow_(std::move(problem), options), scaled_(flow_.problem().num_features()) {}

  Index state_dimension() const { return flow_.state_dimension(); }
  Index noise_dimension() const { return flow_.problem().num_features(); }
  void drift(double t, const ConstVectorRef& x, VectorRef out) const { flow_.drift(t, x, out); }
  void apply(double t, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    scaled_ = flow_.noise_scale(t, x) * xi;
    detail::light_cone_field(detail::uses_square_difference(flow_.problem()), x, scaled_, out);
  }

 private:
  DiagonalNetworkSgf<Problem> flow_;
  mutable Vector scaled_;  // workspace (d)
};

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
