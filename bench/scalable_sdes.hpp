#pragma once
// SDE families whose state dimension d and noise dimension m are free, one per noise structure,
// so the per-step cost of each integrator can be swept over d and structure (the library's
// reference SDEs in problems/reference_sdes/ have d ≤ 2 and serve the work–precision runs).
// Coefficients are mild and contracting so that long benchmark runs stay finite.
//
//   AdditiveSde     dX = −X dt + σ dW,                m = d     kAdditive
//   DiagonalSde     dX = −X dt + σ X ⊙ dW,            m = d     kDiagonal (strict: g_i = σ x_i)
//   GeneralSde      dX = −X dt + σ X ⊙ (A dW),        A d×m     kGeneral  (dense mixing)
// DiagonalSde<kWithShortcut = true> also provides ito_correction (σ² x), the cheap path the
// Milstein scheme and Itô↔Stratonovich conversions take instead of m column evaluations.
#include <cmath>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias::bench {

inline constexpr double kNoiseScale = 0.3;

template <Interpretation kCalculus>
class AdditiveSde {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kAdditive;
  static constexpr Interpretation kInterpretation = kCalculus;
  explicit AdditiveSde(Index dimension) : dimension_(dimension) {}
  Index state_dimension() const { return dimension_; }
  Index noise_dimension() const { return dimension_; }
  void drift(double, const ConstVectorRef& x, VectorRef out) const { out = -x; }
  void apply(double, const ConstVectorRef&, const ConstVectorRef& xi, VectorRef out) const {
    out = kNoiseScale * xi;
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef&, const ConstVectorRef&,
                        VectorRef out) const {
    out.setZero();
  }

 private:
  Index dimension_;
};

template <Interpretation kCalculus, bool kWithShortcut>
class DiagonalSde {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kDiagonal;
  static constexpr Interpretation kInterpretation = kCalculus;
  explicit DiagonalSde(Index dimension) : dimension_(dimension) {}
  Index state_dimension() const { return dimension_; }
  Index noise_dimension() const { return dimension_; }
  void drift(double, const ConstVectorRef& x, VectorRef out) const { out = -x; }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    out = kNoiseScale * x.cwiseProduct(xi);
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const {
    out = kNoiseScale * direction.cwiseProduct(xi);
  }
  void ito_correction(double, const ConstVectorRef& x, VectorRef out) const
    requires kWithShortcut
  {
    out = (kNoiseScale * kNoiseScale) * x;
  }

 private:
  Index dimension_;
};

template <Interpretation kCalculus>
class GeneralSde {
 public:
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kGeneral;
  static constexpr Interpretation kInterpretation = kCalculus;
  GeneralSde(Index dimension, Index noise_dimension)
      : mixing_(dimension, noise_dimension), mixed_(dimension) {
    RandomStream stream(11, 0, Purpose::kBenchmark);
    for (Index j = 0; j < noise_dimension; ++j) stream.fill_standard_normal(mixing_.col(j));
    mixing_ /= std::sqrt(static_cast<double>(noise_dimension));
  }
  Index state_dimension() const { return mixing_.rows(); }
  Index noise_dimension() const { return mixing_.cols(); }
  void drift(double, const ConstVectorRef& x, VectorRef out) const { out = -x; }
  void apply(double, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    mixed_.noalias() = mixing_ * xi;
    out = kNoiseScale * x.cwiseProduct(mixed_);
  }
  void apply_derivative(double, const ConstVectorRef&, const ConstVectorRef& direction,
                        const ConstVectorRef& xi, VectorRef out) const {
    mixed_.noalias() = mixing_ * xi;
    out = kNoiseScale * direction.cwiseProduct(mixed_);
  }

 private:
  Matrix mixing_;
  mutable Vector mixed_;  // workspace (not thread-safe, like problems)
};

static_assert(StochasticDifferentialEquation<AdditiveSde<Interpretation::kIto>>);
static_assert(StochasticDifferentialEquation<DiagonalSde<Interpretation::kIto, true>>);
static_assert(StochasticDifferentialEquation<GeneralSde<Interpretation::kIto>>);

}  // namespace sgdbias::bench
