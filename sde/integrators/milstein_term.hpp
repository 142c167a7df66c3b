#pragma once
// The Milstein correction Σ_{j1,j2} (L^{j1} g_{j2})(t, x) · I_(j1,j2)  (Kloeden & Platen 1992,
// (10.3.3); sde.md §2.0), L^{j} = Σ_i G_ij ∂/∂x_i, shared by Milstein, RungeKuttaMilstein and
// LevyAreaMilstein. I is the m × m matrix of iterated integrals of one step:
//   Itô            I_(j1,j2) = ½ ΔW_{j1} ΔW_{j2} − ½ δ_{j1j2} h + A_{j1j2}
//   Stratonovich   J_(j1,j2) = ½ ΔW_{j1} ΔW_{j2} + A_{j1j2}
// with A the Lévy areas (zero under the commutative approximation, which is exact in the sum
// whenever L^{j1} g_{j2} = L^{j2} g_{j1}, since A is antisymmetric).
//
// Two ways to form Σ_{j1} (D_x[G·I_{j1,·}]) · g_{j1}:
//   with_derivative   m calls of the noise's apply_derivative (g_{j1} = G e_{j1} as direction);
//   derivative_free   Runge–Kutta form (Kloeden & Platen 1992 §11.1; Rößler 2010's stage
//                     idea): D_x[G c]·g ≈ [G(x + a√h g) c − G(x − b√h g) c] / √h, a + b = 1.
//                     Itô: a = 1, b = 0 (forward difference; its O(√h) error multiplies the
//                     zero-mean I, so the local error is O(h^{3/2}) in mean square with mean
//                     O(h²): strong order 1 kept). Stratonovich: a = b = ½ (central difference;
//                     J has mean ½h δ, so a one-sided O(√h) error would leave a mean O(h^{3/2})
//                     per step and strong order 1/2).
// Strictly diagonal and scalar noise need only the diagonal of I and ONE stage: for diagonal noise
// entry i of G(x + s·G·1)c depends on x_i + s g_ii only (sde.md §2.0 "diagonal: only j1 = j2").
#include <cmath>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_operator.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::sde::detail {

// Noise whose Milstein term needs only the diagonal of I and one Runge–Kutta stage.
constexpr bool has_one_stage_milstein(NoiseStructure noise) {
  return satisfies(noise, NoiseStructure::kDiagonal) || satisfies(noise, NoiseStructure::kScalar);
}

class MilsteinTerm {
 public:
  MilsteinTerm(Index state_dimension, Index noise_dimension)
      : iterated_(noise_dimension, noise_dimension), unit_(noise_dimension), row_(noise_dimension),
        row_sum_(noise_dimension), column_(state_dimension), stage_(state_dimension),
        plus_(state_dimension), minus_(state_dimension), term_(state_dimension) {}

  // I (or J) from ΔW and, when given (size m·m, column-major), the Lévy areas A.
  template <Interpretation kCalculus>
  void set_iterated_integrals(double h, const ConstVectorRef& dw, const ConstVectorRef& levy_area) {
    iterated_.noalias() = 0.5 * dw * dw.transpose();
    if constexpr (kCalculus == Interpretation::kIto) iterated_.diagonal().array() -= 0.5 * h;
    if (levy_area.size() > 0) iterated_ += levy_area.reshaped(iterated_.rows(), iterated_.cols());
  }
  const Matrix& iterated_integrals() const { return iterated_; }

  // out = Σ_{j1} D_x[G·I_{j1,·}](t, x) · g_{j1}(t, x)  (exact, via apply_derivative).
  template <class Sde>
    requires HasDiffusionDerivative<Sde>
  void with_derivative(const Sde& sde, double t, const ConstVectorRef& x, VectorRef out) {
    out.setZero();
    if constexpr (has_one_stage_milstein(Sde::kNoiseStructure)) {
      row_ = iterated_.diagonal();
      unit_.setOnes();
      sde.apply(t, x, unit_, column_);  // G·1: the direction g_jj in every component j
      sde.apply_derivative(t, x, column_, row_, out);
    } else {
      for_each_column(sde, t, x, [&](Index j) {
        row_ = iterated_.row(j).transpose();
        sde.apply_derivative(t, x, column_, row_, term_);
        out += term_;
      });
    }
  }

  // The same sum without derivatives (Runge–Kutta form, see the header).
  template <class Sde>
  void derivative_free(const Sde& sde, double t, double h, const ConstVectorRef& x, VectorRef out) {
    constexpr bool kIto = Sde::kInterpretation == Interpretation::kIto;
    constexpr double kAhead = kIto ? 1.0 : 0.5, kBehind = 1.0 - kAhead;
    const double root_h = std::sqrt(h);
    const auto difference = [&](const ConstVectorRef& direction, const ConstVectorRef& weights) {
      stage_ = x + (kAhead * root_h) * direction;
      sde.apply(t, stage_, weights, plus_);
      if constexpr (!kIto) {
        stage_ = x - (kBehind * root_h) * direction;
        sde.apply(t, stage_, weights, minus_);
        plus_ -= minus_;
      }
    };
    out.setZero();
    if constexpr (has_one_stage_milstein(Sde::kNoiseStructure)) {
      row_sum_ = iterated_.diagonal();
      unit_.setOnes();
      sde.apply(t, x, unit_, column_);
      difference(column_, row_sum_);
      out = plus_;
    } else {
      row_sum_.setZero();
      for_each_column(sde, t, x, [&](Index j) {
        row_ = iterated_.row(j).transpose();
        row_sum_ += row_;
        difference(column_, row_);
        out += plus_;
      });
    }
    if constexpr (kIto) {  // the x-stage of every forward difference at once: G(x)·Σ_j I_{j,·}
      sde.apply(t, x, row_sum_, minus_);
      out -= minus_;
    }
    out /= root_h;
  }

 private:
  // body(j) with column_ = g_j(t, x) = G(t, x) e_j.
  template <class Sde, class Body>
  void for_each_column(const Sde& sde, double t, const ConstVectorRef& x, Body&& body) {
    unit_.setZero();
    for (Index j = 0; j < unit_.size(); ++j) {
      unit_[j] = 1.0;
      sde.apply(t, x, unit_, column_);
      unit_[j] = 0.0;
      body(j);
    }
  }

  Matrix iterated_;                       // m × m
  Vector unit_, row_, row_sum_;           // size m
  Vector column_, stage_, plus_, minus_, term_;  // size d
};

}  // namespace sgdbias::sde::detail
