#pragma once
// The SGF of diagonal_network_sgf.hpp in log light-cone coordinates y = [ln w+; ln w−]
// (dln.md §3.3 "recommended internal representation", §6.3):
//   dy± = ∓(m dt + σ XᵀdB) − ½σ² n D dt        (Itô; the −½σ²nD is the Itô correction of ln).
// Euler–Maruyama on THIS SDE is the structure-preserving log-Euler stepper of dln.md §6.3/§6.6:
//   * the noise enters y+ and y− with opposite signs, so ln κ = y+ + y− moves by exactly
//     −σ² n D h = −γ (MSE + 4δ²)/b_eff · f² D h per step: κ_T equals the Riemann-sum formula of
//     §6.3 to round-off (dln.md §9 check 9: ≤ 1e-10), whatever h;
//   * ζ = y+ − y− changes by multiples of Xᵀ(·) only, so it stays in range(Xᵀ) exactly;
//   * w± stay positive (EM in x can flip signs when |z| ≥ 1).
// to_parameters / from_parameters convert between y and x = [u; v] (w± must be > 0).
#include <cmath>
#include <numbers>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/residual_noise_kernels.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"

namespace sgdbias::sde {

template <DiagonalNetworkProblem Problem>
class LogLightConeSgf {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kGeneral;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  LogLightConeSgf(Problem problem, SgfOptions options)
      : flow_(std::move(problem), options), parameters_(2 * flow_.problem().num_features()),
        multiplier_(flow_.problem().num_features()), residual_(flow_.problem().num_samples()),
        combined_(flow_.problem().num_samples()) {}

  Index state_dimension() const { return flow_.state_dimension(); }
  Index noise_dimension() const { return flow_.noise_dimension(); }
  const DiagonalNetworkSgf<Problem>& flow() const { return flow_; }

  void drift(double t, const ConstVectorRef& y, VectorRef out) const {
    const Index d = multiplier_.size();
    to_parameters(y, parameters_);
    flow_.problem().multiplier_gradient(parameters_, multiplier_);
    const double sigma = flow_.noise_scale(t, parameters_);
    const double correction = 0.5 * sigma * sigma * static_cast<double>(flow_.problem().num_samples());
    out.head(d) = -multiplier_ - correction * flow_.problem().feature_second_moments();
    out.tail(d) = multiplier_ - correction * flow_.problem().feature_second_moments();
  }
  void apply(double t, const ConstVectorRef& y, const ConstVectorRef& xi, VectorRef out) const {
    const Index d = multiplier_.size();
    to_parameters(y, parameters_);
    const double sigma = flow_.noise_scale(t, parameters_);
    flow_.problem().feature_correlation(xi, out.head(d));
    out.head(d) *= -sigma;
    out.tail(d) = -out.head(d);
  }

  // out = f(t,y) h + G(t,y) ΔW in one pass (EulerMaruyama through HasEulerIncrement): y is
  // converted to x once instead of in both drift() and apply(), and drift and noise share one Xᵀ
  // product as in DiagonalNetworkSgf (dln.md §6.6):
  //   out± = ∓Xᵀz − ½σ² n h D,   z = (f_m h/n) r + σ ΔW   (h m = (f_m h/n) Xᵀr).
  // Equals h·drift + apply(ΔW) up to round-off; allocation-free.
  void euler_increment(double t, double h, const ConstVectorRef& y, const ConstVectorRef& dw, VectorRef out) const {
    const Index d = multiplier_.size();
    const Problem& problem = flow_.problem();
    to_parameters(y, parameters_);
    problem.residual(parameters_, residual_);
    const double sigma = flow_.noise_scale_of_residual(t, residual_.data());
    combine_residual_and_noise(residual_.size(), flow_.drift_scale(h), residual_.data(), sigma, 1.0, dw.data(),
                               combined_.data());
    problem.feature_correlation(combined_, multiplier_);  // Xᵀz
    const double correction = 0.5 * sigma * sigma * static_cast<double>(problem.num_samples()) * h;
    out.head(d) = -multiplier_ - correction * problem.feature_second_moments();
    out.tail(d) = multiplier_ - correction * problem.feature_second_moments();
  }

  // x = [u; v] from y (PPF: u = e^{y+}, v = e^{y−}; product: u, v = (e^{y+} ± e^{y−})/√2), with
  // one exponential per entry of y (the exponentials are most of a log-Euler step's cost).
  void to_parameters(const ConstVectorRef& y, VectorRef x) const {
    const Index d = multiplier_.size();
    x = y.array().exp().matrix();
    if (detail::uses_square_difference(flow_.problem())) return;
    for (Index j = 0; j < d; ++j) {
      const double plus = x[j], minus = x[d + j];
      x[j] = (plus + minus) / std::numbers::sqrt2;
      x[d + j] = (plus - minus) / std::numbers::sqrt2;
    }
  }
  void from_parameters(const ConstVectorRef& x, VectorRef y) const {
    const Index d = multiplier_.size();
    Vector plus(d), minus(d);
    if (detail::uses_square_difference(flow_.problem())) {
      plus = x.head(d);
      minus = x.tail(d);
    } else {
      plus = (x.head(d) + x.tail(d)) / std::numbers::sqrt2;
      minus = (x.head(d) - x.tail(d)) / std::numbers::sqrt2;
    }
    require((plus.array() > 0.0).all() && (minus.array() > 0.0).all(), "LogLightConeSgf::from_parameters",
            "the light-cone factors w± must be positive (e.g. PPF u, v > 0; product u > |v|)");
    y.head(d) = plus.array().log().matrix();
    y.tail(d) = minus.array().log().matrix();
  }
  // ln κ = y+ + y− (+ ln 2 for PPF, where κ = 2uv; product κ = w+ w−).
  void log_scale(const ConstVectorRef& y, VectorRef out) const {
    const Index d = multiplier_.size();
    out = y.head(d) + y.tail(d);
    if (detail::uses_square_difference(flow_.problem())) out.array() += std::numbers::ln2;
  }

 private:
  DiagonalNetworkSgf<Problem> flow_;
  mutable Vector parameters_, multiplier_, residual_, combined_;  // workspace (2d, d, n, n)
};

}  // namespace sgdbias::sde
