#pragma once
// The two isotropic-noise SDEs of dln.md §6.5, kept as comparisons (neither models SGD):
//   WrongSgf           the slides' "wrong SDE": the §6.2 prefactor σ but B ∈ R^d NOT passed
//                      through Xᵀ: dw± = ∓ w± ⊙ (m dt + σ dB), B shared by u and v. Then
//                      d ln κ_j = −σ² dt (no n·D_j factor, ≈ n times less shrinkage) and ζ leaves
//                      range(Xᵀ): the limit is tilted by a random Z (§6.5).
//   OverdampedLangevin dx = −∇L dt + √(2/η) dB for any objective: generic, so it lives in
//                      sde/overdamped_langevin.hpp and is included here for the comparisons.
#include <cmath>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "sde/overdamped_langevin.hpp"

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

}  // namespace sgdbias::sde
