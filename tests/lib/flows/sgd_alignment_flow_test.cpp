// Theorem-4 SGD alignment flow (bea.md §3.2) against n SGD steps in a fixed batch order, near a
// minimiser of the window-average loss (§2.3 item 6): bea.md §8 checks 3, 4 and 6 (SGD part).
// Deterministic: fixed data seed, fixed batch orders, no threads — bit-identical run to run.
#include "lib/flows/sgd_alignment_flow.hpp"

#include <algorithm>

#include <gtest/gtest.h>

#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/implicit_gradient_regularized_flow.hpp"
#include "lib/flows/order_check.hpp"
#include "tests/lib/flows/flow_test_problems.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::FlowTestRegression;
using testing::Parametrisation;
using Problem = FlowTestRegression;

// The loss Ē of a window as a plain problem, so GF/IGR "of Ē" can be built from the same oracles.
class WindowAverage {
 public:
  WindowAverage(Problem problem, BatchWindow window) : problem_(std::move(problem)), window_(std::move(window)) {}
  Index dimension() const { return problem_.dimension(); }
  double loss(const ConstVectorRef& x) const {
    double sum = 0;
    for (const Batch& b : window_) sum += problem_.batch_loss(x, b);
    return sum / static_cast<double>(window_.size());
  }
  void gradient(const ConstVectorRef& x, VectorRef out) const { average(x, out, nullptr); }
  void hessian_vector_product(const ConstVectorRef& x, const ConstVectorRef& w, VectorRef out) const {
    average(x, out, &w);
  }

 private:
  void average(const ConstVectorRef& x, VectorRef out, const ConstVectorRef* w) const {
    Vector part(dimension());
    out.setZero();
    for (const Batch& b : window_) {
      if (w == nullptr) problem_.batch_gradient(x, b, part);
      else problem_.batch_hessian_vector_product(x, b, *w, part);
      out += part / static_cast<double>(window_.size());
    }
  }
  Problem problem_;
  BatchWindow window_;
};

struct Setting {
  const char* name;
  Parametrisation parametrisation;
  Index d;
  BatchWindow window;
};

BatchWindow reversed(BatchWindow window) {
  std::reverse(window.begin(), window.end());
  return window;
}

class AlignmentFlowOrders : public ::testing::TestWithParam<Setting> {
 protected:
  void SetUp() override {
    const Setting& s = GetParam();
    problem_ = std::make_unique<Problem>(testing::make_flow_test_regression(s.d, s.parametrisation, testing::test_seed()));
    window_ = s.window;
    const Vector minimiser =
        testing::approximate_window_minimiser(*problem_, window_, Vector::Constant(problem_->dimension(), 0.8));
    start_ = minimiser + testing::offset_direction(problem_->dimension(), 0.05);
  }
  Index n() const { return static_cast<Index>(window_.size()); }
  StateMap sgd() const {
    return [this](double h, Vector& x) { sgd_steps_in_order(*problem_, h, window_, x); };
  }
  StateMap alignment_flow(BatchWindow window, AlignmentAnchor anchor = AlignmentAnchor::kWindowStart) const {
    return flow_state_map([this, window, anchor](double h, const Vector& x0) {
      return SgdAlignmentFlow<Problem>(*problem_, h, window, x0, anchor);
    }, n());
  }

  std::unique_ptr<Problem> problem_;
  BatchWindow window_;
  Vector start_;
};

TEST_P(AlignmentFlowOrders, TheoremFourFlowIsThirdOrderAndItsReversedOrderTwinSecondOrder) {
  SGDBIAS_TRACE_SEED();
  const OrderStudy forward = local_order_study(sgd(), alignment_flow(window_), start_);
  const OrderStudy backward = local_order_study(sgd(), alignment_flow(reversed(window_)), start_);
  const OrderStudy moving = local_order_study(sgd(), alignment_flow(window_, AlignmentAnchor::kMovingState), start_);
  EXPECT_NEAR(forward.fit.slope, 3.0, 0.1) << forward.report();
  EXPECT_NEAR(moving.fit.slope, 3.0, 0.1) << moving.report();
  const bool palindrome = window_ == reversed(window_);
  if (!palindrome) {
    EXPECT_NEAR(backward.fit.slope, 2.0, 0.1) << backward.report();
  }
  std::printf("[%s] Thm4 vs SGD %.4f ± %.4f  moving anchors %.4f ± %.4f  reversed order %.4f ± %.4f\n",
              GetParam().name, forward.fit.slope, forward.fit.standard_error, moving.fit.slope,
              moving.fit.standard_error, backward.fit.slope, backward.fit.standard_error);
}

TEST_P(AlignmentFlowOrders, GradientAndIgrFlowsOfTheWindowAverageAreOnlySecondOrder) {
  SGDBIAS_TRACE_SEED();
  const WindowAverage average(*problem_, window_);
  const StateMap gradient_flow =
      flow_state_map([&](double, const Vector&) { return GradientFlow<WindowAverage>(average); }, n());
  const StateMap igr = flow_state_map(
      [&](double h, const Vector&) { return ImplicitGradientRegularizedFlow<WindowAverage>(average, h); }, n());
  const StateMap igr_n = flow_state_map([&](double h, const Vector&) {
    return ImplicitGradientRegularizedFlow<WindowAverage>(average, static_cast<double>(n()) * h);
  }, n());
  const OrderStudy gf = local_order_study(sgd(), gradient_flow, start_);
  const OrderStudy igr_study = local_order_study(sgd(), igr, start_);
  const OrderStudy igr_n_study = local_order_study(sgd(), igr_n, start_);
  EXPECT_NEAR(gf.fit.slope, 2.0, 0.1) << gf.report();
  EXPECT_NEAR(igr_study.fit.slope, 2.0, 0.1) << igr_study.report();
  EXPECT_NEAR(igr_n_study.fit.slope, 2.0, 0.1) << igr_n_study.report();
  std::printf("[%s] GF(Ē) vs SGD %.4f ± %.4f  IGR(Ē,h/4) %.4f ± %.4f  IGR(Ē,nh/4) %.4f ± %.4f\n", GetParam().name,
              gf.fit.slope, gf.fit.standard_error, igr_study.fit.slope, igr_study.fit.standard_error,
              igr_n_study.fit.slope, igr_n_study.fit.standard_error);
}

INSTANTIATE_TEST_SUITE_P(
    BeaCheck3, AlignmentFlowOrders,
    ::testing::Values(Setting{"DlnThreeBatches", Parametrisation::kProduct, 3, {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}}},
                      Setting{"LeastSquaresThreeBatches", Parametrisation::kLinear, 4, {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}}},
                      Setting{"DlnTwoBatches", Parametrisation::kProduct, 3, {{0, 1, 2, 3}, {4, 5, 6, 7}}},
                      Setting{"LeastSquaresTwoBatchesLastFirst", Parametrisation::kLinear, 4, {{8, 9, 10, 11}, {0, 1, 2, 3}}},
                      Setting{"DlnFourStepsRepeatedBatch", Parametrisation::kProduct, 3,
                              {{4, 5, 6, 7}, {8, 9, 10, 11}, {0, 1, 2, 3}, {8, 9, 10, 11}}},
                      Setting{"LeastSquaresFourStepsRepeatedBatch", Parametrisation::kLinear, 4,
                              {{4, 5, 6, 7}, {8, 9, 10, 11}, {0, 1, 2, 3}, {8, 9, 10, 11}}}),
    [](const ::testing::TestParamInfo<Setting>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace sgdbias
