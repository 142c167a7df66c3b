#include "problems/fourier_features/fourier_features.hpp"

#include <cmath>
#include <numbers>

#include "lib/core/errors.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias::problems {
namespace {
constexpr std::string_view kWhere = "fourier_features";
}  // namespace

std::string_view to_string(FourierWeighting weighting) {
  switch (weighting) {
    case FourierWeighting::kDecaying: return "decaying";
    case FourierWeighting::kUniform: return "uniform";
  }
  return "unknown";
}

Matrix fourier_features(const ConstVectorRef& points, Index frequencies, FourierWeighting weighting) {
  require(points.size() >= 1, kWhere, "need at least one point");
  require(frequencies >= 1, kWhere, "number of frequencies K must be >= 1, got ", frequencies);
  require_all_finite(points, kWhere, "points");
  Matrix features(points.size(), 2 * frequencies);
  for (Index i = 0; i < points.size(); ++i) {
    for (Index k = 1; k <= frequencies; ++k) {
      const double angle = 2.0 * std::numbers::pi * static_cast<double>(k) * points[i];
      const double weight = weighting == FourierWeighting::kDecaying ? 1.0 / static_cast<double>(k) : 1.0;
      features(i, 2 * (k - 1)) = weight * std::cos(angle);
      features(i, 2 * (k - 1) + 1) = weight * std::sin(angle);
    }
  }
  return features;
}

Dataset fourier_feature_dataset(const ConstVectorRef& points, const ConstVectorRef& targets, Index frequencies,
                                FourierWeighting weighting) {
  require(targets.size() == points.size(), kWhere, "targets have ", targets.size(), " entries for ", points.size(),
          " points");
  Dataset data{fourier_features(points, frequencies, weighting), targets};
  validate_dataset(data, kWhere);
  return data;
}

FourierFeatureRegression::FourierFeatureRegression(const ConstVectorRef& points, const ConstVectorRef& targets,
                                                   Index frequencies, FourierWeighting weighting, double loss_scale)
    : LinearRegression(fourier_feature_dataset(points, targets, frequencies, weighting), loss_scale),
      frequencies_(frequencies), weighting_(weighting) {}

void FourierFeatureRegression::predict(const ConstVectorRef& beta, const ConstVectorRef& points, VectorRef out) const {
  require(beta.size() == dimension(), "FourierFeatureRegression::predict", "β has size ", beta.size(),
          ", expected 2K = ", dimension());
  require_size(out.size(), points.size(), "FourierFeatureRegression::predict", "output");
  out.noalias() = fourier_features(points, frequencies_, weighting_) * beta;
}

}  // namespace sgdbias::problems
