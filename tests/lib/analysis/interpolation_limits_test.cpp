// dln.md §9 check 3: the ℓ1 (κ → 0) and ℓ2 (κ → ∞) limits of argmin H_κ against the LP and the
// closed forms, and the test loss of β^α non-decreasing in α on §8.4 data (§2.1, §5).
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "lib/analysis/minimum_l1_interpolator.hpp"
#include "lib/analysis/minimum_norm_interpolator.hpp"
#include "lib/analysis/mirror_projection.hpp"
#include "lib/analysis/paper_potentials.hpp"
#include "lib/core/errors.hpp"
#include "lib/random/random_stream.hpp"
#include "tests/lib/analysis/section_8_4_data.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

TEST(MinimumL1Interpolator, IsFeasibleAndBeatsOtherInterpolatorsInL1) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Vector l1 = minimum_l1_interpolator(setup.constraint);
  EXPECT_LE(setup.constraint.relative_infeasibility(l1), 1e-12);
  const Vector l2 = minimum_l2_interpolator(setup.constraint);
  EXPECT_LE(l1.lpNorm<1>(), l2.lpNorm<1>());
  for (double alpha : {1e-3, 0.1, 1.0}) {
    const Vector beta =
        minimum_entropy_interpolator(setup.constraint, ppf_log_scale(Vector::Constant(100, alpha))).beta;
    EXPECT_LE(l1.lpNorm<1>(), beta.lpNorm<1>() * (1 + 1e-12)) << "α = " << alpha;
  }
}

// n = 40 Gaussian measurements of a 5-sparse vector in d = 100: basis pursuit recovers it with
// overwhelming probability (Donoho–Tanner phase transition; dln.md §8.4 reports 1e-29).
TEST(MinimumL1Interpolator, RecoversTheSparseTeacherFromGaussianMeasurements) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Vector l1 = minimum_l1_interpolator(setup.constraint);
  EXPECT_LE((l1 - setup.data.teacher).norm(), 1e-10 * setup.data.teacher.norm());
}

TEST(MinimumL2Interpolator, IsFeasibleAndLiesInTheRowSpace) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Vector l2 = minimum_l2_interpolator(setup.constraint);
  EXPECT_LE(setup.constraint.relative_infeasibility(l2), 1e-13);
  EXPECT_LE(setup.constraint.relative_distance_from_row_space(l2), 1e-13);
  RandomStream stream(testing::test_seed(), 4, Purpose::kTest);
  Vector weights(100);
  for (Index j = 0; j < 100; ++j) weights[j] = std::exp(3.0 * stream.standard_normal());
  const Vector weighted = minimum_weighted_l2_interpolator(setup.constraint, weights);
  EXPECT_LE(setup.constraint.relative_infeasibility(weighted), 1e-12);
  EXPECT_LE(setup.constraint.relative_distance_from_row_space(weighted.cwiseQuotient(weights).eval()), 1e-12);
  EXPECT_THROW(minimum_weighted_l2_interpolator(setup.constraint, Vector::Zero(100)), InvalidArgument);
}

TEST(InterpolationLimits, SmallScaleGivesTheMinimumL1Interpolator) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Vector l1 = minimum_l1_interpolator(setup.constraint);
  const Vector beta = minimum_entropy_interpolator(setup.constraint, ppf_log_scale(Vector::Constant(100, 1e-6))).beta;
  const double relative = (beta - l1).norm() / l1.norm();
  EXPECT_LE(relative, 1e-5);
  RecordProperty("l1_gap_alpha_1e-6", describe(relative));
}

TEST(InterpolationLimits, LargeScaleGivesTheMinimumL2Interpolator) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Vector l2 = minimum_l2_interpolator(setup.constraint);
  const Vector beta = minimum_entropy_interpolator(setup.constraint, ppf_log_scale(Vector::Constant(100, 10.0))).beta;
  const double relative = (beta - l2).norm() / l2.norm();
  EXPECT_LE(relative, 1e-4);
  RecordProperty("l2_gap_alpha_10", describe(relative));
}

// §2.1: for vector κ → ∞ the limit is the weighted problem min Σβ²/κ; relative gap O(‖β‖²/κ²).
TEST(InterpolationLimits, LargeVectorScaleGivesTheWeightedL2Interpolator) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  RandomStream stream(testing::test_seed(), 5, Purpose::kTest);
  Vector log_scale(100);
  for (Index j = 0; j < 100; ++j) log_scale[j] = std::log(1e6) + 3.0 * stream.uniform01();
  const Vector weighted = minimum_weighted_l2_interpolator(setup.constraint, log_scale.array().exp().matrix());
  const Vector beta = minimum_entropy_interpolator(setup.constraint, log_scale).beta;
  EXPECT_LE((beta - weighted).norm(), 1e-8 * weighted.norm());
}

TEST(InterpolationLimits, TestLossIsNonDecreasingInTheInitialisationScale) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  double previous = 0.0;
  for (double alpha : {1e-4, 1e-3, 1e-2, 0.03, 0.1, 0.3, 1.0, 10.0}) {
    const Vector beta =
        minimum_entropy_interpolator(setup.constraint, ppf_log_scale(Vector::Constant(100, alpha))).beta;
    const double test_loss = (beta - setup.data.teacher).squaredNorm();
    EXPECT_GE(test_loss, previous * (1 - 1e-9)) << "α = " << alpha;
    previous = test_loss;
  }
}

}  // namespace
}  // namespace sgdbias
