#pragma once
// Itô ↔ Stratonovich drift conversion (sde.md §5):  f_Strat = f_Itô − ½ Σ_j L^j g_j,
// with L^j g_j = D_x g_j · g_j (g_j the j-th column of G). The diffusion is unchanged.
//
//   as_stratonovich(ito_sde)   the same process written as a Stratonovich SDE (e.g. for Heun)
//   as_ito(stratonovich_sde)   the same process written as an Itô SDE (e.g. for EM, SRIW1)
//   reinterpreted_as<I>(sde)   the SAME coefficients read in the other calculus: a DIFFERENT
//                              process. Only for negative tests (interpretation mismatch must
//                              plateau, sde.md §3.2 item 8).
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_operator.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::sde {

namespace detail {
// out = Σ_j L^j g_j(t, x); `unit` (size m) and `column` (size d) are caller workspace.
template <HasDiffusionDerivative Noise>
void ito_correction(const Noise& noise, double t, const ConstVectorRef& x, VectorRef unit,
                    VectorRef column, VectorRef term, VectorRef out) {
  if constexpr (HasItoCorrection<Noise>) {
    noise.ito_correction(t, x, out);
  } else {
    out.setZero();
    unit.setZero();
    for (Index j = 0; j < unit.size(); ++j) {
      unit[j] = 1.0;
      noise.apply(t, x, unit, column);                     // g_j
      noise.apply_derivative(t, x, column, unit, term);    // D g_j · g_j
      out += term;
      unit[j] = 0.0;
    }
  }
}
}  // namespace detail

template <StochasticDifferentialEquation Sde, Interpretation kTarget>
  requires HasDiffusionDerivative<Sde>
class ConvertedSde {
 public:
  static constexpr NoiseStructure kNoiseStructure = Sde::kNoiseStructure;
  static constexpr Interpretation kInterpretation = kTarget;

  explicit ConvertedSde(Sde sde)
      : sde_(std::move(sde)), unit_(sde_.noise_dimension()), column_(sde_.state_dimension()),
        term_(sde_.state_dimension()), correction_(sde_.state_dimension()) {}

  Index state_dimension() const { return sde_.state_dimension(); }
  Index noise_dimension() const { return sde_.noise_dimension(); }
  const Sde& original() const { return sde_; }

  void drift(double t, const ConstVectorRef& x, VectorRef out) const {
    sde_.drift(t, x, out);
    if (kTarget == Sde::kInterpretation) return;
    detail::ito_correction(sde_, t, x, unit_, column_, term_, correction_);
    // Itô → Stratonovich subtracts ½Σ L^j g_j; Stratonovich → Itô adds it.
    out += (kTarget == Interpretation::kStratonovich ? -0.5 : 0.5) * correction_;
  }
  void apply(double t, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    sde_.apply(t, x, xi, out);
  }
  void apply_derivative(double t, const ConstVectorRef& x, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const {
    sde_.apply_derivative(t, x, direction, xi, out);
  }

 private:
  Sde sde_;
  mutable Vector unit_, column_, term_, correction_;  // workspace, sized once
};

template <StochasticDifferentialEquation Sde>
ConvertedSde<Sde, Interpretation::kStratonovich> as_stratonovich(Sde sde) {
  return ConvertedSde<Sde, Interpretation::kStratonovich>(std::move(sde));
}
template <StochasticDifferentialEquation Sde>
ConvertedSde<Sde, Interpretation::kIto> as_ito(Sde sde) {
  return ConvertedSde<Sde, Interpretation::kIto>(std::move(sde));
}

// Same coefficients, other calculus (a different SDE; negative tests only).
template <StochasticDifferentialEquation Sde, Interpretation kTarget>
class ReinterpretedSde : public Sde {
 public:
  static constexpr Interpretation kInterpretation = kTarget;
  explicit ReinterpretedSde(Sde sde) : Sde(std::move(sde)) {}
};

template <Interpretation kTarget, StochasticDifferentialEquation Sde>
ReinterpretedSde<Sde, kTarget> reinterpreted_as(Sde sde) {
  return ReinterpretedSde<Sde, kTarget>(std::move(sde));
}

}  // namespace sgdbias::sde
