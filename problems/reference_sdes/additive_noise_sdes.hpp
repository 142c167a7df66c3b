#pragma once
// Additive-noise reference problems (G independent of x, so Itô = Stratonovich), d = m = 1:
//   TimeDependentAdditiveSde  TP-07 (sde.md §2.2): f = β/√(1+t) − x/(2(1+t)), g = αβ/√(1+t),
//                             exact X_t = x0/√(1+t) + β(t + αW_t)/√(1+t). Linear drift: SRA1 and
//                             Heun show strong order 2 here (regression value, not a proof of 1.5).
//   DoubleWellAdditiveSde     our stand-in for the withheld strong-1.5 problem TP-09: nonlinear
//                             drift f = x − x³, g = σ = 1, x0 = 0.5, T = 1. Since f'' ≠ 0 the
//                             I_(1,1,0) term L¹L¹f = σ² f'' survives, so SRA1 shows its true
//                             strong order 1.5 (not 2). No closed form: reference = fine solution.
#include <cmath>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::problems {

class TimeDependentAdditiveSde {
 public:
  static constexpr std::string_view kName = "TP-07 time-dependent additive noise";
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kAdditive | NoiseStructure::kScalar;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  // Set (b) "noise-dominated" α = β = 1 by default; set (a) is α = 0.1, β = 0.05.
  explicit TimeDependentAdditiveSde(double alpha = 1.0, double beta = 1.0, double initial_value = 1.0)
      : alpha_(alpha), beta_(beta), x0_(initial_value) {}

  Index state_dimension() const { return 1; }
  Index noise_dimension() const { return 1; }
  Vector initial_state() const { return Vector::Constant(1, x0_); }
  double final_time() const { return 1.0; }

  void drift(double t, const ConstVectorRef& x, VectorRef out) const {
    out[0] = beta_ / std::sqrt(1.0 + t) - x[0] / (2.0 * (1.0 + t));
  }
  void apply(double t, const ConstVectorRef&, const ConstVectorRef& xi, VectorRef out) const {
    out[0] = alpha_ * beta_ / std::sqrt(1.0 + t) * xi[0];
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef&, const ConstVectorRef&,
                        VectorRef out) const {
    out.setZero();
  }
  void exact_solution(double t, const ConstVectorRef& w, VectorRef out) const {
    out[0] = (x0_ + beta_ * (t + alpha_ * w[0])) / std::sqrt(1.0 + t);
  }

 private:
  double alpha_, beta_, x0_;
};

class DoubleWellAdditiveSde {
 public:
  static constexpr std::string_view kName = "double-well drift, additive noise (TP-09 stand-in)";
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kAdditive | NoiseStructure::kScalar;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  explicit DoubleWellAdditiveSde(double noise_strength = 1.0, double initial_value = 0.5)
      : sigma_(noise_strength), x0_(initial_value) {}

  Index state_dimension() const { return 1; }
  Index noise_dimension() const { return 1; }
  Vector initial_state() const { return Vector::Constant(1, x0_); }
  double final_time() const { return 1.0; }

  void drift(double, const ConstVectorRef& x, VectorRef out) const { out[0] = x[0] - x[0] * x[0] * x[0]; }
  void apply(double, const ConstVectorRef&, const ConstVectorRef& xi, VectorRef out) const {
    out[0] = sigma_ * xi[0];
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef&, const ConstVectorRef&,
                        VectorRef out) const {
    out.setZero();
  }

 private:
  double sigma_, x0_;
};

}  // namespace sgdbias::problems
