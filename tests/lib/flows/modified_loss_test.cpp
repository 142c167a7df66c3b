// Modified losses as problems (explicit regularisers) and the gradient structure of the Theorem-4
// field: bea.md §8 check 4, the identities of check 5, §3.3, and argument checks. Deterministic
// (fixed data seed, fixed points, no threads): bit-identical run to run.
#include <algorithm>
#include <type_traits>

#include <gtest/gtest.h>

#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/implicit_gradient_regularized_flow.hpp"
#include "lib/flows/sgd_alignment_flow.hpp"
#include "lib/flows/shuffle_averaged_flow.hpp"
#include "tests/lib/flows/flow_test_problems.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::FlowTestRegression;
using testing::Parametrisation;
using Problem = FlowTestRegression;

static_assert(DifferentiableObjective<SgdAlignmentLoss<Problem>>);
static_assert(DifferentiableObjective<ShuffleAveragedLoss<Problem>>);
static_assert(DifferentiableObjective<ImplicitGradientRegularizedLoss<Problem>>);

// A problem with a gradient but no HVP: flows that need curvature must not accept it.
struct GradientOnly {
  Index dimension() const { return 1; }
  double loss(const ConstVectorRef& x) const { return x.squaredNorm(); }
  void gradient(const ConstVectorRef& x, VectorRef out) const { out = 2 * x; }
};
template <class P>
concept CanBuildIgrFlow = requires { typename ImplicitGradientRegularizedFlow<P>; };
template <class P>
concept CanBuildAlignmentFlow = requires { typename SgdAlignmentFlow<P>; };
static_assert(!CanBuildIgrFlow<GradientOnly> && CanBuildIgrFlow<Problem>);
static_assert(!CanBuildAlignmentFlow<GradientOnly> && CanBuildAlignmentFlow<Problem>);
static_assert(std::is_constructible_v<GradientFlow<GradientOnly>, GradientOnly>);

Vector field_of(auto& flow, const Vector& x) {
  Vector out(x.size());
  flow(x, out, 0.0);
  return out;
}

template <class Field>
Matrix central_difference_jacobian(Field&& field, const Vector& x, double step) {
  Matrix jacobian(x.size(), x.size());
  for (Index j = 0; j < x.size(); ++j) {
    Vector plus = x, minus = x;
    plus[j] += step;
    minus[j] -= step;
    jacobian.col(j) = (field(plus) - field(minus)) / (2 * step);
  }
  return jacobian;
}

template <DifferentiableObjective Loss>
Vector central_difference_gradient(const Loss& loss, const Vector& x, double step) {
  Vector gradient(x.size());
  for (Index j = 0; j < x.size(); ++j) {
    Vector plus = x, minus = x;
    plus[j] += step;
    minus[j] -= step;
    gradient[j] = (loss.loss(plus) - loss.loss(minus)) / (2 * step);
  }
  return gradient;
}

class ModifiedLosses : public ::testing::TestWithParam<Parametrisation> {
 protected:
  ModifiedLosses()
      : problem_(testing::make_flow_test_regression(3, GetParam(), testing::test_seed())),
        window_(testing::three_batches()),
        anchor_(testing::offset_direction(problem_.dimension(), 1.3) + Vector::Constant(problem_.dimension(), 0.4)),
        point_(anchor_ + testing::offset_direction(problem_.dimension() + 1, 0.3).head(problem_.dimension())) {}
  static constexpr double kStep = 0.05;
  Problem problem_;
  BatchWindow window_;
  Vector anchor_, point_;
};

TEST_P(ModifiedLosses, TheoremFourFieldIsMinusTheGradientOfItsLossWithSymmetricJacobian) {
  SGDBIAS_TRACE_SEED();
  SgdAlignmentFlow<Problem> flow(problem_, kStep, window_, anchor_);
  const SgdAlignmentLoss<Problem> loss(problem_, kStep, window_, anchor_);
  const Vector field = field_of(flow, point_);
  const double gradient_gap = (field + central_difference_gradient(loss, point_, 1e-5)).cwiseAbs().maxCoeff();
  const Matrix jacobian = central_difference_jacobian([&](const Vector& x) { return field_of(flow, x); }, point_, 1e-5);
  const double asymmetry = (jacobian - jacobian.transpose()).norm() / jacobian.norm();
  SgdAlignmentFlow<Problem> twin(problem_, kStep, window_, anchor_, AlignmentAnchor::kMovingState);
  const Matrix twin_jacobian = central_difference_jacobian([&](const Vector& x) { return field_of(twin, x); }, point_, 1e-5);
  const double twin_asymmetry = (twin_jacobian - twin_jacobian.transpose()).norm() / twin_jacobian.norm();
  std::printf("Thm4 field vs -grad(loss): %.3g (|F| = %.3g); Jacobian asymmetry %.3g; moving twin %.3g\n",
              gradient_gap, field.norm(), asymmetry, twin_asymmetry);
  EXPECT_LE(gradient_gap, 1e-7 * std::max(1.0, field.norm()));
  EXPECT_LE(asymmetry, 1e-8);
  EXPECT_GE(twin_asymmetry, 1e-3);
  // The twin agrees with the anchored field at the window start (same O(h³) accuracy, §3.2).
  EXPECT_LE((field_of(twin, anchor_) - field_of(flow, anchor_)).norm(), 1e-13 * field_of(flow, anchor_).norm());
}

TEST_P(ModifiedLosses, OrderAverageOfTheoremFourFieldsIsSmithsFieldAndItsLossTheCorrectedClosedForm) {
  SGDBIAS_TRACE_SEED();
  BatchWindow order = window_;
  std::sort(order.begin(), order.end());
  Vector mean_field = Vector::Zero(problem_.dimension());
  const std::vector<Vector> points = {anchor_, point_, Vector(0.5 * (anchor_ + point_) + Vector::Constant(anchor_.size(), 0.2))};
  std::vector<double> mean_loss(points.size(), 0.0);
  int orders = 0;
  do {
    SgdAlignmentFlow<Problem> flow(problem_, kStep, order, anchor_);
    mean_field += field_of(flow, anchor_);
    const SgdAlignmentLoss<Problem> loss(problem_, kStep, order, anchor_);
    for (std::size_t p = 0; p < points.size(); ++p) mean_loss[p] += loss.loss(points[p]);
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  ASSERT_EQ(orders, 6);
  mean_field /= 6.0;
  ShuffleAveragedFlow<Problem> smith(problem_, kStep, window_);
  const Vector smith_field = field_of(smith, anchor_);
  const double field_gap = (mean_field - smith_field).norm() / smith_field.norm();
  double loss_gap = 0.0;
  for (std::size_t p = 0; p < points.size(); ++p) {
    const double closed = order_averaged_alignment_loss(problem_, kStep, window_, anchor_, points[p]);
    loss_gap = std::max(loss_gap, std::abs(mean_loss[p] / 6.0 - closed) / std::abs(closed));
  }
  std::printf("order-averaged Thm4 field vs Smith: %.3g relative; loss vs closed form: %.3g relative\n", field_gap,
              loss_gap);
  EXPECT_LE(field_gap, 1e-12);
  EXPECT_LE(loss_gap, 1e-12);
}

TEST_P(ModifiedLosses, SmithLossSplitsIntoFullBatchIgrPlusGradientVariancePenaltyAndHasTheFlowAsGradient) {
  const ShuffleAveragedLoss<Problem> smith(problem_, kStep, window_);
  Vector mean = Vector::Zero(problem_.dimension()), g(problem_.dimension());
  std::vector<Vector> batch_gradients;
  double mean_loss = 0.0;
  for (const Batch& b : window_) {
    problem_.batch_gradient(point_, b, g);
    batch_gradients.push_back(g);
    mean += g / 3.0;
    mean_loss += problem_.batch_loss(point_, b) / 3.0;
  }
  double variance = 0.0;
  for (const Vector& gk : batch_gradients) variance += (gk - mean).squaredNorm();
  const double split = mean_loss + kStep / 4 * mean.squaredNorm() + kStep / 12 * variance;
  EXPECT_NEAR(smith.loss(point_), split, 1e-13 * std::abs(split));
  Vector gradient(problem_.dimension());
  smith.gradient(point_, gradient);
  EXPECT_LE((gradient - central_difference_gradient(smith, point_, 1e-5)).norm(), 1e-7 * std::max(1.0, gradient.norm()));
  const ImplicitGradientRegularizedLoss<Problem> igr(problem_, kStep);
  igr.gradient(point_, gradient);
  EXPECT_LE((gradient - central_difference_gradient(igr, point_, 1e-5)).norm(), 1e-7 * std::max(1.0, gradient.norm()));
}

TEST_P(ModifiedLosses, OneStepWindowsAndRepeatedFullBatchesReduceToTheIgrField) {
  // n = 1: G₀ = 0, the IGR field everywhere. n identical full batches: G_μ = μ·g(θ_{t−1}), so the
  // field equals IGR's at the window start (bea.md §3.3), where BEA fixes the correction.
  const Batch all = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
  ImplicitGradientRegularizedFlow<Problem> igr(problem_, kStep);
  SgdAlignmentFlow<Problem> one_step(problem_, kStep, BatchWindow{all}, anchor_);
  EXPECT_LE((field_of(one_step, point_) - field_of(igr, point_)).norm(), 1e-13 * field_of(igr, point_).norm());
  const Vector reference = field_of(igr, anchor_);
  for (Index n : {2, 3, 5}) {
    SgdAlignmentFlow<Problem> flow(problem_, kStep, BatchWindow(static_cast<std::size_t>(n), all), anchor_);
    EXPECT_LE((field_of(flow, anchor_) - reference).norm(), 1e-13 * reference.norm()) << "n = " << n;
    auto full_batch = make_full_batch_window_flow(problem_, kStep, n);
    EXPECT_EQ(field_of(full_batch, point_), field_of(igr, point_));
  }
}

TEST_P(ModifiedLosses, GradientDescentOnTheExplicitRegularisersDecreasesThem) {
  SgdAlignmentLoss<Problem> alignment(problem_, kStep, window_, anchor_, AlignmentLossTerms::kAlignmentOnly);
  const ShuffleAveragedLoss<Problem> smith(problem_, kStep, window_);
  for (Index k = 0; k < 3; ++k) {
    Vector x = point_;
    double before = k == 0 ? alignment.loss(x) : smith.loss(x);
    for (Index step = 0; step < 200; ++step) {
      if (k == 0) gradient_descent_steps(alignment, 0.01, 1, x);
      else gradient_descent_steps(smith, 0.01, 1, x);
      const double after = k == 0 ? alignment.loss(x) : smith.loss(x);
      ASSERT_LE(after, before + 1e-15) << "step " << step;
      before = after;
    }
  }
  // Re-anchoring changes the alignment reward but not the window-average part.
  alignment.restart_window(window_, point_);
  EXPECT_TRUE(std::isfinite(alignment.loss(anchor_)));
}

TEST_P(ModifiedLosses, BadArgumentsAreRejectedWithInvalidArgument) {
  EXPECT_THROW(SgdAlignmentFlow<Problem>(problem_, 0.0, window_, anchor_), InvalidArgument);
  EXPECT_THROW(SgdAlignmentFlow<Problem>(problem_, -1.0, window_, anchor_), InvalidArgument);
  EXPECT_THROW(SgdAlignmentFlow<Problem>(problem_, kStep, BatchWindow{}, anchor_), InvalidArgument);
  EXPECT_THROW(SgdAlignmentFlow<Problem>(problem_, kStep, BatchWindow{{0, 12}}, anchor_), InvalidArgument);
  EXPECT_THROW(SgdAlignmentFlow<Problem>(problem_, kStep, BatchWindow{{}}, anchor_), InvalidArgument);
  EXPECT_THROW(SgdAlignmentFlow<Problem>(problem_, kStep, window_, Vector::Zero(2)), InvalidArgument);
  EXPECT_THROW(ImplicitGradientRegularizedFlow<Problem>(problem_, std::nan("")), InvalidArgument);
  EXPECT_THROW(make_full_batch_window_flow(problem_, kStep, 0), InvalidArgument);
  EXPECT_THROW(ShuffleAveragedFlow<Problem>(problem_, kStep, BatchWindow{}), InvalidArgument);
}

INSTANTIATE_TEST_SUITE_P(BeaChecks4And5, ModifiedLosses, ::testing::Values(Parametrisation::kProduct, Parametrisation::kLinear),
                         [](const ::testing::TestParamInfo<Parametrisation>& info) {
                           return std::string(info.param == Parametrisation::kProduct ? "Dln" : "LeastSquares");
                         });

}  // namespace
}  // namespace sgdbias
