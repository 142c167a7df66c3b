#pragma once
// TP-03 (sde.md §2.2), d = m = 2, Itô, T = 1:
//   (a) DiagonalGeometricBrownianMotion: f_i = a_i x_i, G = diag(b_i x_i), exact path.
//   (b) CoupledDiagonalSde: f = A x, G = diag(0.8 x1, 0.5 x2); strictly diagonal (hence
//       commutative) noise, no closed-form path; exact moments at T = 1.
//   (c) CrossCoupledNoiseSde: f = −x, G = diag(0.5 x2, 0.5 x1): diagonal SHAPE but each entry
//       depends on the other component, so L^1 g_2 ≠ L^2 g_1: declared kGeneral (not diagonal,
//       not commutative). Every method without Lévy areas is strong order 1/2 on it.
#include <array>
#include <cmath>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::problems {

// Shared form f = A x, (G ξ)_i = s_i x_{p(i)} ξ_i  (p = identity for (a), (b); swap for (c)).
template <bool kSwapped>
class LinearDiagonalShapedSde {
 public:
  static constexpr NoiseStructure kNoiseStructure =
      kSwapped ? NoiseStructure::kGeneral : NoiseStructure::kDiagonal;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;

  LinearDiagonalShapedSde(std::array<double, 4> drift_matrix, std::array<double, 2> noise_scale,
                          std::array<double, 2> initial_value)
      : a_(drift_matrix), s_(noise_scale), x0_(initial_value) {}

  Index state_dimension() const { return 2; }
  Index noise_dimension() const { return 2; }
  Vector initial_state() const { return Eigen::Vector2d(x0_[0], x0_[1]); }
  double final_time() const { return 1.0; }

  void drift(double, const ConstVectorRef& x, VectorRef out) const {
    const double x0 = x[0], x1 = x[1];
    out[0] = a_[0] * x0 + a_[1] * x1;
    out[1] = a_[2] * x0 + a_[3] * x1;
  }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    const double x0 = x[0], x1 = x[1];
    out[0] = s_[0] * (kSwapped ? x1 : x0) * xi[0];
    out[1] = s_[1] * (kSwapped ? x0 : x1) * xi[1];
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const {
    const double d0 = direction[0], d1 = direction[1];
    out[0] = s_[0] * (kSwapped ? d1 : d0) * xi[0];
    out[1] = s_[1] * (kSwapped ? d0 : d1) * xi[1];
  }

 protected:
  std::array<double, 4> a_;  // row-major 2×2
  std::array<double, 2> s_;
  std::array<double, 2> x0_;
};

class DiagonalGeometricBrownianMotion : public LinearDiagonalShapedSde<false> {
 public:
  static constexpr std::string_view kName = "TP-03a diagonal GBM";
  DiagonalGeometricBrownianMotion()
      : LinearDiagonalShapedSde({1.01, 0.0, 0.0, -0.5}, {0.87, 0.6}, {0.5, 1.0}) {}
  void exact_solution(double t, const ConstVectorRef& w, VectorRef out) const {
    for (Index i = 0; i < 2; ++i) {
      const double a = a_[static_cast<std::size_t>(3 * i)], b = s_[static_cast<std::size_t>(i)];
      out[i] = x0_[static_cast<std::size_t>(i)] * std::exp((a - 0.5 * b * b) * t + b * w[i]);
    }
  }
};

class CoupledDiagonalSde : public LinearDiagonalShapedSde<false> {
 public:
  static constexpr std::string_view kName = "TP-03b coupled drift, diagonal noise";
  CoupledDiagonalSde() : LinearDiagonalShapedSde({-1.0, 0.5, 0.25, -0.5}, {0.8, 0.5}, {1.0, 1.0}) {}
  // Exact at T = 1 (sde.md §2.2): E X, then E X1², E X1X2, E X2².
  static constexpr std::array<double, 2> kMeanAtOne = {0.6391639533, 0.7609807072};
  static constexpr std::array<double, 3> kSecondMomentsAtOne = {0.6296374409, 0.5362570292,
                                                                0.7198068273};
};

class CrossCoupledNoiseSde : public LinearDiagonalShapedSde<true> {
 public:
  static constexpr std::string_view kName = "TP-03c cross-coupled (non-commutative) noise";
  CrossCoupledNoiseSde() : LinearDiagonalShapedSde({-1.0, 0.0, 0.0, -1.0}, {0.5, 0.5}, {1.0, 0.5}) {}
  static constexpr std::array<double, 2> kMeanAtOne = {0.3678794412, 0.1839397206};
};

}  // namespace sgdbias::problems
