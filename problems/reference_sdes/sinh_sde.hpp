#pragma once
// TP-10 (sde.md §2.2; Kloeden–Platen): X_t = sinh(t + W_t). Itô: f = x/2 + √(x²+1),
// g = √(x²+1); Stratonovich form f_S = √(x²+1), same g. x0 = 0, T = 1 (T = 2 for the weak test).
// Nonlinear scalar noise with an exact path: the cleanest strong-1.5 check for SRIW1.
#include <cmath>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::problems {

template <Interpretation kCalculus>
class SinhSde {
 public:
  static constexpr std::string_view kName =
      kCalculus == Interpretation::kIto ? "TP-10 sinh(t + W) (Ito)" : "TP-10 sinh(t + W) (Stratonovich)";
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kScalar;
  static constexpr Interpretation kInterpretation = kCalculus;

  explicit SinhSde(double final_time = 1.0) : final_time_(final_time) {}

  Index state_dimension() const { return 1; }
  Index noise_dimension() const { return 1; }
  Vector initial_state() const { return Vector::Zero(1); }
  double final_time() const { return final_time_; }

  void drift(double, const ConstVectorRef& x, VectorRef out) const {
    const double root = std::sqrt(x[0] * x[0] + 1.0);
    out[0] = kCalculus == Interpretation::kIto ? 0.5 * x[0] + root : root;
  }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    out[0] = std::sqrt(x[0] * x[0] + 1.0) * xi[0];
  }
  void apply_derivative(double, const ConstVectorRef& x, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const {
    out[0] = x[0] / std::sqrt(x[0] * x[0] + 1.0) * xi[0] * direction[0];
  }
  void exact_solution(double t, const ConstVectorRef& w, VectorRef out) const {
    out[0] = std::sinh(t + w[0]);
  }

 private:
  double final_time_;
};

using ItoSinhSde = SinhSde<Interpretation::kIto>;
using StratonovichSinhSde = SinhSde<Interpretation::kStratonovich>;

}  // namespace sgdbias::problems
