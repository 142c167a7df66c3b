// dln.md §9 check 10 for Euler–Maruyama against the formula at the spec's tolerance (opt-in
// `slow` suite; see sgf_final_point_test.cpp for why h = γ/1000 on this data). Deterministic.
#include <gtest/gtest.h>

#include "tests/problems/diagonal_linear_network/stochastic_gradient_flow/sgf_final_point.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::sde {
namespace {

constexpr double kGamma = testing::kFinalPointStepSize;

// The spec's EM bound against the formula: single-path errors 1.3e-3, 9.7e-4, 6.6e-4 at
// h = γ/100, γ/400, γ/1000 (decaying like h^0.3 here, slower than the √h of check 9).
TEST(SgfFinalPointSlow, EulerMaruyamaEndsAtTheMirrorProjectionToOneInAThousand) {
  SGDBIAS_TRACE_SEED();
  const testing::SgfTestSetting setting = testing::sgf_test_setting(testing::test_seed());
  const testing::FinalPointErrors errors = testing::final_point_errors(
      setting, {.scheme = testing::SgfScheme::kEulerMaruyama, .step_size = kGamma,
                .time_step = kGamma / 1000.0, .seed = testing::test_seed()},
      "Euler-Maruyama, h = gamma/1000");
  EXPECT_LT(errors.to_prediction, 1e-3);
  EXPECT_GT(errors.to_gradient_flow, 10.0 * 1e-3);
}

}  // namespace
}  // namespace sgdbias::sde
