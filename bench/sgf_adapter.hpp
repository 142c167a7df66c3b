#pragma once
// STOPGAP until sde/stochastic_gradient_flow.hpp lands: the SGF of dln.md §6.2 (product form)
//   dx = −∇L(x) dt + √(γ·MSE(x)/n) · [v⊙(Xᵀξ); u⊙(Xᵀξ)],  ξ ∈ R^n,
// assembled from the library's DLN oracles (gradient, mean_squared_error, features) so that the
// library's integrators (Euler–Maruyama) can be timed on it. It is NOT a fused step: the drift
// and the noise each do their own X products (6nd flops instead of 4nd), which is exactly the
// cost the library's SGF should remove. With the peers' convention (c = 1/4) this is their SDE.
#include <cmath>

#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::bench {

class SgfAdapter {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kGeneral;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  SgfAdapter(problems::DiagonalLinearNetwork problem, double step_size)
      : problem_(std::move(problem)), step_size_(step_size), projected_(problem_.num_features()) {}

  Index state_dimension() const { return problem_.dimension(); }
  Index noise_dimension() const { return problem_.num_samples(); }
  void drift(double, const ConstVectorRef& x, VectorRef out) const {
    problem_.gradient(x, out);
    out = -out;
  }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    const Index d = problem_.num_features();
    const double scale = std::sqrt(step_size_ * problem_.mean_squared_error(x) /
                                   static_cast<double>(problem_.num_samples()));
    projected_.noalias() = problem_.features().transpose() * xi;
    out.head(d) = scale * x.tail(d).cwiseProduct(projected_);
    out.tail(d) = scale * x.head(d).cwiseProduct(projected_);
  }

 private:
  problems::DiagonalLinearNetwork problem_;
  double step_size_;
  mutable Vector projected_;  // Xᵀξ, workspace
};

static_assert(StochasticDifferentialEquation<SgfAdapter>);

}  // namespace sgdbias::bench
