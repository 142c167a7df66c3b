#pragma once
// SGF with the EXACT covariance of SGD's gradient noise (dln.md §6.1), for ANY finite-sum problem:
//   dx = −∇L dt + √(γ/b_eff) Σ^{1/2} dB,  Σ = (1/n) Σ_i (∇ℓ_i − ∇L)(∇ℓ_i − ∇L)ᵀ,
// with the square-root factor applied as an operator on ξ ∈ R^n:
//   G ξ = √(γ/(n·b_eff)) Σ_i (∇ℓ_i(x) − ∇L(x)) ξ_i.
// For the diagonal network this is (1/√n) diag(u) Xᵀ(diag(r) − r1ᵀ/n) of §6.1 (up to the
// convention's factor), i.e. the §6.2 model before replacing diag(r²) by (‖r‖²/n)I. Cost: n
// single-sample gradients per application. Label noise is not modelled here (use the §6.2 model).
#include <array>
#include <cmath>
#include <span>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/sgf_options.hpp"

namespace sgdbias::sde {

template <FiniteSumObjective Problem>
class ExactCovarianceSgf {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kGeneral;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  ExactCovarianceSgf(Problem problem, SgfOptions options)
      : problem_(std::move(problem)), options_(options), full_gradient_(problem_.dimension()),
        sample_gradient_(problem_.dimension()) {
    options_.validate(problem_.num_samples());
    require(options_.label_noise == 0.0, "ExactCovarianceSgf",
            "label noise is only modelled by the SGF model noise (DiagonalNetworkSgf)");
  }

  Index state_dimension() const { return problem_.dimension(); }
  Index noise_dimension() const { return problem_.num_samples(); }

  void drift(double, const ConstVectorRef& x, VectorRef out) const {
    problem_.gradient(x, out);
    out = -out;
  }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    const Index n = problem_.num_samples();
    problem_.gradient(x, full_gradient_);
    out.setZero();
    std::array<Index, 1> sample{};
    for (Index i = 0; i < n; ++i) {
      sample[0] = i;
      problem_.batch_gradient(x, std::span<const Index>(sample), sample_gradient_);
      out += xi[i] * (sample_gradient_ - full_gradient_);
    }
    out *= std::sqrt(options_.step_size * options_.covariance_factor(n) / static_cast<double>(n));
  }

 private:
  Problem problem_;
  SgfOptions options_;
  mutable Vector full_gradient_, sample_gradient_;  // workspace
};

}  // namespace sgdbias::sde
