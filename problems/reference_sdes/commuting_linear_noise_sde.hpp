#pragma once
// Commutative but neither diagonal nor scalar noise with an exact path (Kloeden & Platen 1992
// §4.8 linear systems): d = m = 2, Itô,
//   dX = a X dt + B1 X dW1 + B2 X dW2,   B_j = [[b_j, c_j], [c_j, b_j]],
// symmetric circulants, so a·I, B1 and B2 commute and L^{j1} g_{j2} = B_{j2} B_{j1} x is symmetric
// in (j1, j2). Exact: X_t = exp((a − ½(B1² + B2²)) t + B1 W1 + B2 W2) x0, and the exponential of
// a circulant [[p, q], [q, p]] is e^p [[cosh q, sinh q], [sinh q, cosh q]]. Exercises the m-stage
// paths of the Milstein schemes (milstein_term.hpp) that scalar and diagonal noise skip.
#include <cmath>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::problems {

class CommutingLinearNoiseSde {
 public:
  static constexpr std::string_view kName = "commuting linear noise (d = m = 2)";
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kCommutative;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  Index state_dimension() const { return 2; }
  Index noise_dimension() const { return 2; }
  Vector initial_state() const { return Eigen::Vector2d(1.0, 0.5); }
  double final_time() const { return 1.0; }

  void drift(double, const ConstVectorRef& x, VectorRef out) const { out = rate_ * x; }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    apply_matrix(xi[0] * b1_ + xi[1] * b2_, xi[0] * c1_ + xi[1] * c2_, x, out);
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const {
    apply_matrix(xi[0] * b1_ + xi[1] * b2_, xi[0] * c1_ + xi[1] * c2_, direction, out);
  }
  void exact_solution(double t, const ConstVectorRef& w, VectorRef out) const {
    const double p = (rate_ - 0.5 * (b1_ * b1_ + c1_ * c1_ + b2_ * b2_ + c2_ * c2_)) * t + b1_ * w[0] + b2_ * w[1];
    const double q = -(b1_ * c1_ + b2_ * c2_) * t + c1_ * w[0] + c2_ * w[1];
    const Vector x0 = initial_state();
    out[0] = std::exp(p) * (std::cosh(q) * x0[0] + std::sinh(q) * x0[1]);
    out[1] = std::exp(p) * (std::sinh(q) * x0[0] + std::cosh(q) * x0[1]);
  }

 private:
  // out = [[b, c], [c, b]] v
  static void apply_matrix(double b, double c, const ConstVectorRef& v, VectorRef out) {
    const double v0 = v[0], v1 = v[1];
    out[0] = b * v0 + c * v1;
    out[1] = c * v0 + b * v1;
  }

  double rate_ = 0.2;
  double b1_ = 0.3, c1_ = 0.4;
  double b2_ = 0.2, c2_ = -0.3;
};

}  // namespace sgdbias::problems
