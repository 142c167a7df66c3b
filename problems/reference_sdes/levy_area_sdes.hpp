#pragma once
// Non-commutative noise with an exact solution in terms of the Lévy area (issue 26 item 7):
// d = 3, m = 2, x0 = (0, 0, 1), T = 1,
//   Stratonovich:  dY1 = ∘dW1,  dY2 = ∘dW2,  dY3 = (s/2) Y3 (Y1 ∘dW2 − Y2 ∘dW1),
//   Itô form:      the same noise, drift (0, 0, s²(Y1² + Y2²) Y3 / 8)  (½ Σ_j L^j g_j),
// so (Y1, Y2) = W and Y3 = exp(s A_12(0, T)), A_12 = ½∫(W1 dW2 − W2 dW1) the Lévy area.
// Non-commutative: L^1 g_2 − L^2 g_1 = (0, 0, s Y3) ≠ 0, so any scheme that uses only ΔW is
// strong order 1/2 here (the area is not a function of the increments), and Milstein with the
// areas of the same path is strong order 1. Y3 is nonlinear in the path, so Milstein is not
// exact (as it is on the linear (W1, W2, A) system) and its O(h) error is visible.
#include <cmath>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::problems {

template <Interpretation kCalculus>
class ExponentialLevyAreaSde {
 public:
  static constexpr std::string_view kName = kCalculus == Interpretation::kIto
                                                ? "exp(Levy area) non-commutative (Ito)"
                                                : "exp(Levy area) non-commutative (Stratonovich)";
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kGeneral;
  static constexpr Interpretation kInterpretation = kCalculus;

  // s = 1/2 keeps the fourth moment of Y3 finite (E e^{uA} = 1/cos(uT/2) for |u|T < π), so the
  // RMS errors and their jackknife are not heavy-tailed.
  explicit ExponentialLevyAreaSde(double strength = 0.5) : s_(strength) {}

  Index state_dimension() const { return 3; }
  Index noise_dimension() const { return 2; }
  Vector initial_state() const { return Eigen::Vector3d(0.0, 0.0, 1.0); }
  double final_time() const { return 1.0; }

  void drift(double, const ConstVectorRef& y, VectorRef out) const {
    out[0] = out[1] = 0.0;
    out[2] = kCalculus == Interpretation::kIto ? 0.125 * s_ * s_ * (y[0] * y[0] + y[1] * y[1]) * y[2] : 0.0;
  }
  void apply(double, const ConstVectorRef& y, const ConstVectorRef& xi, VectorRef out) const {
    const double y0 = y[0], y1 = y[1], y2 = y[2];
    out[0] = xi[0];
    out[1] = xi[1];
    out[2] = 0.5 * s_ * y2 * (y0 * xi[1] - y1 * xi[0]);
  }
  void apply_derivative(double, const ConstVectorRef& y, const ConstVectorRef& v, const ConstVectorRef& xi,
                        VectorRef out) const {
    const double y0 = y[0], y1 = y[1], y2 = y[2];
    const double v0 = v[0], v1 = v[1], v2 = v[2];
    out[0] = out[1] = 0.0;
    out[2] = 0.5 * s_ * (v2 * (y0 * xi[1] - y1 * xi[0]) + y2 * (v0 * xi[1] - v1 * xi[0]));
  }

  // Y_T from W_T − W_0 = w and the Lévy areas of [0, T] (m·m column-major, A_12 at index 2).
  void exact_solution(const ConstVectorRef& w, const ConstVectorRef& levy_area, VectorRef out) const {
    out[0] = w[0];
    out[1] = w[1];
    out[2] = std::exp(s_ * levy_area[2]);
  }

 private:
  double s_;
};

using ItoExponentialLevyAreaSde = ExponentialLevyAreaSde<Interpretation::kIto>;
using StratonovichExponentialLevyAreaSde = ExponentialLevyAreaSde<Interpretation::kStratonovich>;

}  // namespace sgdbias::problems
