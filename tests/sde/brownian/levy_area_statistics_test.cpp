// The law of the sampled Lévy areas (sde/brownian/levy_area.hpp) against exact moments of the
// true area of a step of length h, ξ = ΔW/√h (sde.md §3.2 item 9; Lévy's formula
// E[e^{iuA}] = 1/cosh(uh/2), conditional variance Var(A_ij | ΔW) = h²(1 + ξ_i² + ξ_j²)/12):
//   E A_12 = 0,  E A_12² = h²/4,  E[A_12² |ξ|²] = 10h²/12 (m = 2, |ξ|² ~ χ²_2),
//   E[A_12 A_13 ξ_2 ξ_3] = h²/12 (m = 3: the tail's cross-covariance Q),  E[A_12 A_13] = 0.
// Wiktorsson's Gaussian tail makes these second moments exact for ANY number of Fourier terms, so
// they are checked with 1 term (the worst case) and with ⌈1/√h⌉ terms. The fourth moment
// E A_12⁴ = 5h⁴/16 (hyperbolic secant law, excess kurtosis 2) is only approached as terms grow:
// checked at 16 terms. Each check is a 4.5σ interval, σ estimated from the same sample.
#include <cmath>
#include <cstdio>

#include <gtest/gtest.h>

#include "sde/brownian/levy_area.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::sde {
namespace {

constexpr double kSigmas = 4.5;
constexpr double kStep = 0.5;
constexpr int kSamples = 200'000;

struct SampleMean {
  double sum = 0.0, sum2 = 0.0;
  int count = 0;
  void add(double x) { sum += x, sum2 += x * x, ++count; }
  double mean() const { return sum / count; }
  double standard_error() const { return std::sqrt((sum2 / count - mean() * mean()) / count); }
};

void expect_mean(const char* what, const SampleMean& sample, double exact) {
  std::printf("[levy area] %-44s %.5f ± %.5f (exact %.5f)\n", what, sample.mean(), sample.standard_error(), exact);
  EXPECT_NEAR(sample.mean(), exact, kSigmas * sample.standard_error()) << what;
}

TEST(LevyAreaLaw, SecondMomentsAreExactForAnyNumberOfTerms) {
  SGDBIAS_TRACE_SEED();
  for (int terms : {1, levy_area_terms(kStep)}) {
    RandomStream stream(testing::test_seed(), static_cast<std::uint64_t>(terms), Purpose::kTest);
    LevyAreaSampler sampler(2);
    Vector dw(2), area(4);
    SampleMean first, second, conditional;
    for (int n = 0; n < kSamples; ++n) {
      stream.fill_standard_normal(dw);
      dw *= std::sqrt(kStep);
      sampler.sample(stream, kStep, terms, dw, area);
      const double a = area[2], xi2 = dw.squaredNorm() / kStep;
      ASSERT_EQ(area[1], -a);
      first.add(a);
      second.add(a * a);
      conditional.add(a * a * xi2);
    }
    std::printf("[levy area] m = 2, %d term(s)\n", terms);
    expect_mean("E A12", first, 0.0);
    expect_mean("E A12^2 = h^2/4", second, kStep * kStep / 4.0);
    expect_mean("E A12^2 |xi|^2 = 10 h^2/12", conditional, 10.0 * kStep * kStep / 12.0);
  }
}

TEST(LevyAreaLaw, CrossCovarianceOfThreeComponentsFollowsTheConditionalLaw) {
  SGDBIAS_TRACE_SEED();
  RandomStream stream(testing::test_seed(), 3, Purpose::kTest);
  LevyAreaSampler sampler(3);
  Vector dw(3), area(9);
  SampleMean cross, weighted;
  for (int n = 0; n < kSamples; ++n) {
    stream.fill_standard_normal(dw);
    dw *= std::sqrt(kStep);
    sampler.sample(stream, kStep, 1, dw, area);
    const double a12 = area[3], a13 = area[6];  // (0,1), (0,2) column-major
    cross.add(a12 * a13);
    weighted.add(a12 * a13 * dw[1] * dw[2] / kStep);
  }
  expect_mean("m = 3: E A12 A13", cross, 0.0);
  expect_mean("m = 3: E A12 A13 xi2 xi3 = h^2/12", weighted, kStep * kStep / 12.0);
}

TEST(LevyAreaLaw, FourthMomentApproachesTheHyperbolicSecantLaw) {
  SGDBIAS_TRACE_SEED();
  RandomStream stream(testing::test_seed(), 4, Purpose::kTest);
  LevyAreaSampler sampler(2);
  Vector dw(2), area(4);
  SampleMean fourth;
  for (int n = 0; n < kSamples; ++n) {
    stream.fill_standard_normal(dw);
    dw *= std::sqrt(kStep);
    sampler.sample(stream, kStep, 16, dw, area);
    fourth.add(std::pow(area[2], 4));
  }
  expect_mean("16 terms: E A12^4 = 5 h^4/16", fourth, 5.0 * std::pow(kStep, 4) / 16.0);
}

}  // namespace
}  // namespace sgdbias::sde
