// Local and global orders of the gradient flow, the IGR flow and the full-batch n-step flow
// against GD (bea.md §8 checks 1, 2, 6 (GD part)). Deterministic: fixed data seed, no threads, so
// every number is bit-identical run to run.
#include "lib/flows/implicit_gradient_regularized_flow.hpp"

#include <gtest/gtest.h>

#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/order_check.hpp"
#include "tests/lib/flows/flow_test_problems.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::FlowTestRegression;
using testing::Parametrisation;

struct Setting {
  const char* name;
  Parametrisation parametrisation;
  Index d;
  bool near_minimiser;
};

class GradientDescentFlows : public ::testing::TestWithParam<Setting> {
 protected:
  void SetUp() override {
    const Setting& s = GetParam();
    problem_ = std::make_unique<FlowTestRegression>(
        testing::make_flow_test_regression(s.d, s.parametrisation, testing::test_seed()));
    const Vector initial = Vector::Constant(problem_->dimension(), 0.8);
    const Vector minimiser =
        testing::approximate_window_minimiser(*problem_, testing::three_batches(), initial);
    start_ = s.near_minimiser ? Vector(minimiser + testing::offset_direction(problem_->dimension(), 0.05))
                              : Vector(minimiser + testing::offset_direction(problem_->dimension(), 0.7));
  }

  StateMap gd_steps(Index steps) const {
    return [this, steps](double h, Vector& x) { gradient_descent_steps(*problem_, h, steps, x); };
  }
  StateMap igr_flow(Index steps, double coefficient_factor) const {
    return flow_state_map([this, coefficient_factor](double h, const Vector&) {
      return ImplicitGradientRegularizedFlow<FlowTestRegression>(*problem_, coefficient_factor * h);
    }, steps);
  }

  std::unique_ptr<FlowTestRegression> problem_;
  Vector start_;
};

TEST_P(GradientDescentFlows, GradientFlowMatchesOneStepToSecondOrderAndIgrToThird) {
  SGDBIAS_TRACE_SEED();
  const StateMap gradient_flow = flow_state_map(
      [this](double, const Vector&) { return GradientFlow<FlowTestRegression>(*problem_); }, 1);
  const OrderStudy gf = local_order_study(gd_steps(1), gradient_flow, start_);
  const OrderStudy igr = local_order_study(gd_steps(1), igr_flow(1, 1.0), start_);
  RecordProperty("gradient_flow_slope", std::to_string(gf.fit.slope));
  RecordProperty("igr_slope", std::to_string(igr.fit.slope));
  EXPECT_NEAR(gf.fit.slope, 2.0, 0.1) << gf.report();
  EXPECT_NEAR(igr.fit.slope, 3.0, 0.1) << igr.report();
  std::printf("[%s] GF vs 1 GD: %.4f ± %.4f   IGR vs 1 GD: %.4f ± %.4f (e_min %.3g)\n", GetParam().name,
              gf.fit.slope, gf.fit.standard_error, igr.fit.slope, igr.fit.standard_error, igr.errors.back());
}

TEST_P(GradientDescentFlows, IgrWithCoefficientHOverFourMatchesThreeFullBatchStepsButNhOverFourDoesNot) {
  SGDBIAS_TRACE_SEED();
  const OrderStudy right = local_order_study(gd_steps(3), igr_flow(3, 1.0), start_);
  const OrderStudy wrong = local_order_study(gd_steps(3), igr_flow(3, 3.0), start_);
  EXPECT_NEAR(right.fit.slope, 3.0, 0.1) << right.report();
  EXPECT_NEAR(wrong.fit.slope, 2.0, 0.1) << wrong.report();
  std::printf("[%s] IGR(h/4) vs 3 GD: %.4f ± %.4f   IGR(nh/4): %.4f ± %.4f\n", GetParam().name, right.fit.slope,
              right.fit.standard_error, wrong.fit.slope, wrong.fit.standard_error);
}

TEST_P(GradientDescentFlows, GlobalErrorOverFixedHorizonIsFirstOrderForGradientFlowAndSecondForIgr) {
  SGDBIAS_TRACE_SEED();
  const RunMap gd = [this](double h, Index steps, Vector& x) { gradient_descent_steps(*problem_, h, steps, x); };
  const RunMap gradient_flow = piecewise_flow_run_map(
      [this](double, const Vector&, Index, Index) { return GradientFlow<FlowTestRegression>(*problem_); }, 1);
  const RunMap igr = piecewise_flow_run_map([this](double h, const Vector&, Index, Index) {
    return ImplicitGradientRegularizedFlow<FlowTestRegression>(*problem_, h);
  }, 1);
  const OrderStudy gf_study = global_order_study(gd, gradient_flow, start_);
  const OrderStudy igr_study = global_order_study(gd, igr, start_);
  EXPECT_NEAR(gf_study.fit.slope, 1.0, 0.15) << gf_study.report();
  EXPECT_NEAR(igr_study.fit.slope, 2.0, 0.15) << igr_study.report();
  std::printf("[%s] global GF vs GD: %.4f ± %.4f   IGR vs GD: %.4f ± %.4f\n", GetParam().name, gf_study.fit.slope,
              gf_study.fit.standard_error, igr_study.fit.slope, igr_study.fit.standard_error);
}

INSTANTIATE_TEST_SUITE_P(
    BeaChecks, GradientDescentFlows,
    ::testing::Values(Setting{"DlnNear", Parametrisation::kProduct, 3, true},
                      Setting{"DlnFar", Parametrisation::kProduct, 3, false},
                      Setting{"LeastSquaresNear", Parametrisation::kLinear, 4, true},
                      Setting{"LeastSquaresFar", Parametrisation::kLinear, 4, false}),
    [](const ::testing::TestParamInfo<Setting>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace sgdbias
