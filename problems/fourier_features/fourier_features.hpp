#pragma once
// Fourier-feature interpolation (the seed slides' example): scalar inputs t_i ∈ R (usually in
// [0, 1)), features for frequencies k = 1..K
//   kDecaying: (cos 2πk t, sin 2πk t)/k        kUniform: (cos 2πk t, sin 2πk t)
// in column order (cos₁, sin₁, cos₂, sin₂, ...), so d = 2K ≫ n gives an over-parametrised
// interpolation problem. fourier_feature_dataset() builds the Dataset for ANY problem (linear
// regression, diagonal network); FourierFeatureRegression is least squares on it, with predict().
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "problems/data/dataset.hpp"
#include "problems/linear_regression/linear_regression.hpp"

namespace sgdbias::problems {

enum class FourierWeighting {
  kDecaying,  // divide frequency k by k (smooth interpolants)
  kUniform,   // no 1/k
};

std::string_view to_string(FourierWeighting weighting);

// n × 2K feature matrix of `points`.
Matrix fourier_features(const ConstVectorRef& points, Index frequencies, FourierWeighting weighting);

Dataset fourier_feature_dataset(const ConstVectorRef& points, const ConstVectorRef& targets, Index frequencies,
                                FourierWeighting weighting);

class FourierFeatureRegression : public LinearRegression {
 public:
  FourierFeatureRegression(const ConstVectorRef& points, const ConstVectorRef& targets, Index frequencies,
                           FourierWeighting weighting, double loss_scale = 0.5);

  Index frequencies() const { return frequencies_; }
  FourierWeighting weighting() const { return weighting_; }
  // f(t) = ⟨φ(t), β⟩ at new points (out has one entry per point).
  void predict(const ConstVectorRef& beta, const ConstVectorRef& points, VectorRef out) const;

 private:
  Index frequencies_;
  FourierWeighting weighting_;
};

static_assert(HasBatchHessianVectorProduct<FourierFeatureRegression>);

}  // namespace sgdbias::problems
