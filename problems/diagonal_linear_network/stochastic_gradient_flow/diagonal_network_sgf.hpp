#pragma once
// The stochastic gradient flow of SGD on a diagonal linear network (dln.md §6.2), in any
// convention of problems/diagonal_linear_network (PPF β = u²−v² or product β = u⊙v), written
// through the light-cone factors w± (PPF: w+ = u, w− = v; product: w± = (u ± v)/√2, §3.2):
//   dw± = ∓ w± ⊙ (m dt + σ XᵀdB),   m = (multiplier) full-batch gradient of §7,
//   σ² = f²·γ·(MSE + 4δ_t²)/(n·b_eff),   f = 4c (u²−v²) or 2c (u⊙v)   (f = 1 for named conventions),
// with B ∈ R^n the SAME for every coordinate. In x = [u; v] this is the spec's
//   PPF:     du = −∇_uL dt + 2√(γL/n) u⊙XᵀdB,  dv = −∇_vL dt − 2√(γL/n) v⊙XᵀdB
//   product: du = −(1/n)(Xᵀr)⊙v dt + √(γ·MSE/n) v⊙XᵀdB, dv likewise with u  (B → −B is immaterial).
// The 2d × n matrix G is never formed: one Xᵀξ per application (O(nd)).
// Fused Euler–Maruyama step (dln.md §6.6, euler_increment): drift and noise are both light-cone
// fields of Xᵀ(·), so f h + G ΔW = field(Xᵀ z) with z = (f_m h/n) r + σ ΔW ∈ R^n, f_m = 4c or 2c:
// one Xβ and one Xᵀz per step (4nd flops) instead of drift + apply (Xβ, Xᵀr, Xβ, XᵀΔW: 8nd).
// euler_step adds that field to x in the same pass that forms it (HasEulerStep, same bits).
//
// Seed-slides note (dln.md §3.3 box): the slides pair the product-form SGD u ← u − γ r x⊙v with
// the drift −∇_u L, L = MSE/4; that drift is HALF the SGD's mean step (which is −∇_u L̂, L̂ = MSE/2),
// so the literal SDE equals this (consistent) SGF at step size 2γ (measured κ shrink −0.098 vs
// −0.046). Here the drift is the problem's own gradient, always matching its SGD, and the noise
// prefactor √(γ·MSE/n) is the slides' (correct) one.
//
// Problem: duck-typed on the DiagonalLinearNetwork API (sde/ does not include problems/).
#include <cmath>
#include <concepts>
#include <utility>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/residual_noise_kernels.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "sde/sgf_options.hpp"

namespace sgdbias::sde {

template <class P>
concept DiagonalNetworkProblem = requires(const P& p, const ConstVectorRef& x, VectorRef out) {
  { p.num_features() } -> std::convertible_to<Index>;
  { p.num_samples() } -> std::convertible_to<Index>;
  { p.features() } -> std::convertible_to<const Matrix&>;
  { p.targets() } -> std::convertible_to<const Vector&>;
  { p.feature_second_moments() } -> std::convertible_to<const Vector&>;
  { p.mean_squared_error(x) } -> std::convertible_to<double>;
  { p.loss_scale() } -> std::convertible_to<double>;
  p.parametrisation();
  decltype(p.parametrisation())::kSquareDifference;
  p.multiplier_gradient(x, out);
  p.residual(x, out);
  p.feature_correlation(x, out);
};

namespace detail {
template <class Problem>
bool uses_square_difference(const Problem& problem) {
  using Parametrisation = decltype(problem.parametrisation());
  return problem.parametrisation() == Parametrisation::kSquareDifference;
}

// Light-cone field of a d-vector w in x = [u; v] coordinates: the x-increment caused by
// dw± = ∓ w± ⊙ w (PPF: [−u⊙w; v⊙w]; product: [−v⊙w; −u⊙w]).
inline void light_cone_field(bool square_difference, const ConstVectorRef& x, const ConstVectorRef& w,
                             VectorRef out) {
  const Index d = w.size();
  if (square_difference) {
    out.head(d) = -x.head(d).cwiseProduct(w);
    out.tail(d) = x.tail(d).cwiseProduct(w);
  } else {
    out.head(d) = -x.tail(d).cwiseProduct(w);
    out.tail(d) = -x.head(d).cwiseProduct(w);
  }
}
}  // namespace detail

template <DiagonalNetworkProblem Problem>
class DiagonalNetworkSgf {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kGeneral;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  DiagonalNetworkSgf(Problem problem, SgfOptions options)
      : problem_(std::move(problem)), options_(options), multiplier_(problem_.num_features()),
        projected_(problem_.num_features()), beta_(problem_.num_features()), residual_(problem_.num_samples()),
        combined_(problem_.num_samples()) {
    options_.validate(problem_.num_samples());
  }

  Index state_dimension() const { return 2 * problem_.num_features(); }
  Index noise_dimension() const { return problem_.num_samples(); }
  const Problem& problem() const { return problem_; }
  const SgfOptions& options() const { return options_; }

  void drift(double, const ConstVectorRef& x, VectorRef out) const {
    problem_.multiplier_gradient(x, multiplier_);
    detail::light_cone_field(detail::uses_square_difference(problem_), x, multiplier_, out);
  }
  void apply(double t, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    problem_.feature_correlation(xi, projected_);
    projected_ *= noise_scale(t, x);
    detail::light_cone_field(detail::uses_square_difference(problem_), x, projected_, out);
  }

  // out = f(t,x) h + G(t,x) ΔW in one pass (header comment; used by EulerMaruyama through
  // HasEulerIncrement). Equals h·drift + apply(ΔW) up to round-off; allocation-free.
  void euler_increment(double t, double h, const ConstVectorRef& x, const ConstVectorRef& dw, VectorRef out) const {
    project_increment(t, h, x, dw);
    detail::light_cone_field(detail::uses_square_difference(problem_), x, projected_, out);
  }

  // x ← x + euler_increment(t, h, x, ΔW) in one pass of the problem's light-cone kernel (used by
  // EulerMaruyama through HasEulerStep), bit for bit the increment followed by x += increment.
  void euler_step(double t, double h, VectorRef x, const ConstVectorRef& dw) const
    requires requires(const Problem& p, MatrixRef states, const ConstMatrixRef& directions, MatrixRef betas) {
      p.light_cone_steps(states, directions, betas);
    }
  {
    project_increment(t, h, x, dw);
    const Index d = projected_.size();
    Eigen::Map<Matrix> state(x.data(), x.size(), 1);
    Eigen::Map<Matrix> beta(beta_.data(), d, 1);  // the kernel's β output, unused here
    problem_.light_cone_steps(state, Eigen::Map<const Matrix>(projected_.data(), d, 1), beta);
  }

  // The two scalars of z = (f_m h/n) r + σ ΔW: f_m h/n, and σ at MSE = ‖r‖²/n for a residual of n
  // entries. The sum of squares and z come from residual_noise_kernels.hpp in this folder (a fixed
  // order, not Eigen's, which depends on alignment), so a path stepped with DiagonalNetworkSgfPaths
  // gets the same bits as stepped alone.
  double drift_scale(double h) const { return h * multiplier_factor() / static_cast<double>(problem_.num_samples()); }
  double noise_scale_of_residual(double t, const double* residual) const {
    const Index n = problem_.num_samples();
    return noise_scale_at(t, sum_of_squares(residual, n) / static_cast<double>(n));
  }

  // σ of the header comment, at x or at a given MSE(x).
  double noise_scale(double t, const ConstVectorRef& x) const {
    return noise_scale_at(t, problem_.mean_squared_error(x));
  }
  double noise_scale_at(double t, double mean_squared_error) const {
    const double delta = options_.label_noise_at(t);
    const double variance = options_.step_size * (mean_squared_error + 4.0 * delta * delta) *
                            options_.covariance_factor(problem_.num_samples()) /
                            static_cast<double>(problem_.num_samples());
    return multiplier_factor() * std::sqrt(variance);
  }
  // f_m: m = f_m·(1/n)Xᵀr (dln.md §7), also the f of σ.
  double multiplier_factor() const {
    return (detail::uses_square_difference(problem_) ? 4.0 : 2.0) * problem_.loss_scale();
  }

 private:
  // projected_ = Xᵀz, z = (f_m h/n) r + σ ΔW: the field direction of f h + G ΔW (header comment).
  void project_increment(double t, double h, const ConstVectorRef& x, const ConstVectorRef& dw) const {
    problem_.residual(x, residual_);
    const double drift = drift_scale(h), sigma = noise_scale_of_residual(t, residual_.data());
    combine_residual_and_noise(residual_.size(), drift, residual_.data(), sigma, 1.0, dw.data(), combined_.data());
    problem_.feature_correlation(combined_, projected_);
  }

  Problem problem_;
  SgfOptions options_;
  mutable Vector multiplier_, projected_, beta_;  // workspace (d)
  mutable Vector residual_, combined_;     // workspace (n)
};

}  // namespace sgdbias::sde
