#pragma once
// TP-02b (sde.md §2.2): Kubo oscillator dX = J X (a dt + b ∘ dW), J = [[0, −1], [1, 0]], d = 2,
// m = 1 (scalar noise), a = 2, b = 1, x0 = (1, 0), T = 1, Stratonovich. The exact path is the
// rotation of x0 by θ_t = a t + b W_t, so |X_t| = |x0| for every path.
#include <cmath>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::problems {

class KuboOscillator {
 public:
  static constexpr std::string_view kName = "TP-02b Kubo oscillator (Stratonovich)";
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kScalar;
  static constexpr Interpretation kInterpretation = Interpretation::kStratonovich;

  explicit KuboOscillator(double frequency = 2.0, double noise_strength = 1.0)
      : a_(frequency), b_(noise_strength) {}

  Index state_dimension() const { return 2; }
  Index noise_dimension() const { return 1; }
  Vector initial_state() const { return Vector::Unit(2, 0); }
  double final_time() const { return 1.0; }

  void drift(double, const ConstVectorRef& x, VectorRef out) const {
    out[0] = -a_ * x[1];
    out[1] = a_ * x[0];
  }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    out[0] = -b_ * x[1] * xi[0];
    out[1] = b_ * x[0] * xi[0];
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const {
    out[0] = -b_ * direction[1] * xi[0];
    out[1] = b_ * direction[0] * xi[0];
  }

  void exact_solution(double t, const ConstVectorRef& w, VectorRef out) const {
    const double angle = a_ * t + b_ * w[0];
    out[0] = std::cos(angle);
    out[1] = std::sin(angle);
  }

 private:
  double a_, b_;
};

}  // namespace sgdbias::problems
