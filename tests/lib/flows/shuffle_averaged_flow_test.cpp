// Smith et al.'s shuffle-averaged flow (bea.md §3.4) and the piecewise Theorem-4 flow over a whole
// cyclic SGD run: bea.md §8 checks 5 (orders) and 6 (SGD part). Deterministic: fixed data seed, all
// 3! orders enumerated, no threads — bit-identical run to run.
#include "lib/flows/shuffle_averaged_flow.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/implicit_gradient_regularized_flow.hpp"
#include "lib/flows/order_check.hpp"
#include "lib/flows/sgd_alignment_flow.hpp"
#include "tests/lib/flows/flow_test_problems.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::FlowTestRegression;
using testing::Parametrisation;
using Problem = FlowTestRegression;

std::vector<BatchWindow> all_orders(BatchWindow window) {
  std::sort(window.begin(), window.end());
  std::vector<BatchWindow> orders;
  do orders.push_back(window);
  while (std::next_permutation(window.begin(), window.end()));
  return orders;
}

class SgdRunFlows : public ::testing::TestWithParam<Parametrisation> {
 protected:
  void SetUp() override {
    const Index d = GetParam() == Parametrisation::kProduct ? 3 : 4;
    problem_ = std::make_unique<Problem>(testing::make_flow_test_regression(d, GetParam(), testing::test_seed()));
    epoch_ = testing::three_batches();
    const Vector minimiser =
        testing::approximate_window_minimiser(*problem_, epoch_, Vector::Constant(problem_->dimension(), 0.8));
    start_ = minimiser + testing::offset_direction(problem_->dimension(), 0.05);
  }
  const char* name() const { return GetParam() == Parametrisation::kProduct ? "DLN" : "LSQ"; }
  StateMap smith_flow() const {
    return flow_state_map([this](double h, const Vector&) { return ShuffleAveragedFlow<Problem>(*problem_, h, epoch_); }, 3);
  }

  std::unique_ptr<Problem> problem_;
  BatchWindow epoch_;
  Vector start_;
};

TEST_P(SgdRunFlows, SmithFlowIsThirdOrderForTheMeanOverOrdersAndSecondOrderForOneOrder) {
  SGDBIAS_TRACE_SEED();
  const std::vector<BatchWindow> orders = all_orders(epoch_);
  ASSERT_EQ(orders.size(), 6u);
  const StateMap mean_sgd = [&](double h, Vector& x) {
    Vector sum = Vector::Zero(x.size());
    for (const BatchWindow& order : orders) {
      Vector y = x;
      sgd_steps_in_order(*problem_, h, order, y);
      sum += y;
    }
    x = sum / static_cast<double>(orders.size());
  };
  const StateMap one_order = [&](double h, Vector& x) { sgd_steps_in_order(*problem_, h, epoch_, x); };
  const OrderStudy averaged = local_order_study(mean_sgd, smith_flow(), start_);
  const OrderStudy single = local_order_study(one_order, smith_flow(), start_);
  EXPECT_NEAR(averaged.fit.slope, 3.0, 0.1) << averaged.report();
  EXPECT_NEAR(single.fit.slope, 2.0, 0.1) << single.report();
  std::printf("[%s] Smith vs mean over 6 orders %.4f ± %.4f  vs one order %.4f ± %.4f\n", name(),
              averaged.fit.slope, averaged.fit.standard_error, single.fit.slope, single.fit.standard_error);
}

TEST_P(SgdRunFlows, PiecewiseTheoremFourFlowIsGloballySecondOrderWhileGradientAndIgrFlowsAreFirst) {
  SGDBIAS_TRACE_SEED();
  const RunMap cyclic_sgd = [this](double h, Index steps, Vector& x) {
    for (Index k = 0; k < steps; ++k) {
      sgd_steps_in_order(*problem_, h, std::span<const Batch>(&epoch_[static_cast<std::size_t>(k % 3)], 1), x);
    }
  };
  const RunMap gradient_flow = piecewise_flow_run_map(
      [this](double, const Vector&, Index, Index) { return GradientFlow<Problem>(*problem_); }, 1);
  const RunMap igr = piecewise_flow_run_map(
      [this](double h, const Vector&, Index, Index) { return ImplicitGradientRegularizedFlow<Problem>(*problem_, h); }, 1);
  const RunMap piecewise = piecewise_flow_run_map([this](double h, const Vector& window_start, Index first, Index length) {
    BatchWindow window;
    for (Index k = first; k < first + length; ++k) window.push_back(epoch_[static_cast<std::size_t>(k % 3)]);
    return SgdAlignmentFlow<Problem>(*problem_, h, window, window_start);
  }, 3);
  const OrderStudy gf = global_order_study(cyclic_sgd, gradient_flow, start_);
  const OrderStudy igr_study = global_order_study(cyclic_sgd, igr, start_);
  const OrderStudy theorem_four = global_order_study(cyclic_sgd, piecewise, start_);
  EXPECT_NEAR(gf.fit.slope, 1.0, 0.15) << gf.report();
  EXPECT_NEAR(igr_study.fit.slope, 1.0, 0.15) << igr_study.report();
  EXPECT_NEAR(theorem_four.fit.slope, 2.0, 0.15) << theorem_four.report();
  std::printf("[%s] global vs cyclic SGD: GF %.4f ± %.4f  IGR %.4f ± %.4f  piecewise Thm4 %.4f ± %.4f\n", name(),
              gf.fit.slope, gf.fit.standard_error, igr_study.fit.slope, igr_study.fit.standard_error,
              theorem_four.fit.slope, theorem_four.fit.standard_error);
}

INSTANTIATE_TEST_SUITE_P(BeaChecks5And6, SgdRunFlows, ::testing::Values(Parametrisation::kProduct, Parametrisation::kLinear),
                         [](const ::testing::TestParamInfo<Parametrisation>& info) {
                           return std::string(info.param == Parametrisation::kProduct ? "Dln" : "LeastSquares");
                         });

}  // namespace
}  // namespace sgdbias
