#pragma once
// TP-01 / TP-02a (sde.md §2.2): geometric Brownian motion dX = aX dt + bX dW (Itô) or
// dX = aX dt + bX ∘ dW (Stratonovich), d = m = 1, a = 1.01, b = 0.87, x0 = 0.5, T = 1.
// Exact paths: Itô X_t = x0 exp((a − b²/2)t + bW_t); Stratonovich X_t = x0 exp(at + bW_t).
#include <cmath>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::problems {

template <Interpretation kCalculus>
class GeometricBrownianMotion {
 public:
  static constexpr std::string_view kName =
      kCalculus == Interpretation::kIto ? "TP-01 GBM (Ito)" : "TP-02a GBM (Stratonovich)";
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kScalar;
  static constexpr Interpretation kInterpretation = kCalculus;

  explicit GeometricBrownianMotion(double drift_rate = 1.01, double volatility = 0.87,
                                   double initial_value = 0.5)
      : a_(drift_rate), b_(volatility), x0_(initial_value) {}

  Index state_dimension() const { return 1; }
  Index noise_dimension() const { return 1; }
  Vector initial_state() const { return Vector::Constant(1, x0_); }
  double final_time() const { return 1.0; }

  void drift(double, const ConstVectorRef& x, VectorRef out) const { out[0] = a_ * x[0]; }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    out[0] = b_ * x[0] * xi[0];
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const {
    out[0] = b_ * xi[0] * direction[0];
  }

  // X_t given W_t − W_0 = w.
  void exact_solution(double t, const ConstVectorRef& w, VectorRef out) const {
    const double ito_shift = kCalculus == Interpretation::kIto ? 0.5 * b_ * b_ : 0.0;
    out[0] = x0_ * std::exp((a_ - ito_shift) * t + b_ * w[0]);
  }
  // E X_t and E X_t² (TP-01: 1.372800508, 4.017282339 at T = 1).
  double mean(double t) const {
    return x0_ * std::exp((a_ + (kCalculus == Interpretation::kIto ? 0.0 : 0.5 * b_ * b_)) * t);
  }
  double second_moment(double t) const {
    const double rate = kCalculus == Interpretation::kIto ? 2.0 * a_ + b_ * b_ : 2.0 * a_ + 2.0 * b_ * b_;
    return x0_ * x0_ * std::exp(rate * t);
  }

 private:
  double a_, b_, x0_;
};

using ItoGeometricBrownianMotion = GeometricBrownianMotion<Interpretation::kIto>;
using StratonovichGeometricBrownianMotion = GeometricBrownianMotion<Interpretation::kStratonovich>;

}  // namespace sgdbias::problems
