// Non-quadratic principal flow and the third-order flow against one GD step (bea.md §4.4, §3.1;
// §8 check 8). Deterministic: fixed data seed, no threads — bit-identical run to run.
#include <gtest/gtest.h>

#include "lib/flows/implicit_gradient_regularized_flow.hpp"
#include "lib/flows/order_check.hpp"
#include "lib/flows/principal_flow.hpp"
#include "lib/flows/third_order_flow.hpp"
#include "tests/lib/flows/flow_test_problems.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::FlowTestRegression;

class NetworkFlowsAgainstOneStep : public ::testing::Test {
 protected:
  NetworkFlowsAgainstOneStep()
      : problem_(testing::make_flow_test_regression(3, testing::Parametrisation::kProduct, testing::test_seed())),
        start_(Vector::Constant(problem_.dimension(), 0.8) + testing::offset_direction(problem_.dimension(), 0.5)) {}
  StateMap one_step() const {
    return [this](double h, Vector& x) { gradient_descent_steps(problem_, h, 1, x); };
  }
  FlowTestRegression problem_;
  Vector start_;
};

TEST_F(NetworkFlowsAgainstOneStep, IgrAndPrincipalFlowAreThirdOrderAndThirdOrderFlowFourth) {
  SGDBIAS_TRACE_SEED();
  const LocalOrderOptions options{.largest_step_size = 0.02, .levels = 10, .fitted_levels = 4};
  const OrderStudy igr = local_order_study(one_step(), flow_state_map([this](double h, const Vector&) {
    return ImplicitGradientRegularizedFlow<FlowTestRegression>(problem_, h);
  }, 1), start_, options);
  const OrderStudy principal = local_order_study(one_step(), flow_state_map([this](double h, const Vector&) {
    return PrincipalFlow<FlowTestRegression>(problem_, h);
  }, 1), start_, options);
  const OrderStudy third = local_order_study(one_step(), flow_state_map([this](double h, const Vector&) {
    return ThirdOrderModifiedFlow<FlowTestRegression>(problem_, h);
  }, 1, FlowIntegrationOptions{.substeps = 16}), start_, LocalOrderOptions{.largest_step_size = 0.02, .levels = 6, .fitted_levels = 4});
  EXPECT_NEAR(igr.fit.slope, 3.0, 0.1) << igr.report();
  EXPECT_NEAR(principal.fit.slope, 3.0, 0.1) << principal.report();
  EXPECT_NEAR(third.fit.slope, 4.0, 0.15) << third.report();
  // PF keeps every H-and-g term: smaller constant than IGR (bea.md §4.4).
  EXPECT_LT(principal.errors.front(), igr.errors.front());
  std::printf("DLN vs 1 GD: IGR %.4f ± %.4f (e(0.02) %.3g)  PF %.4f ± %.4f (e(0.02) %.3g)  third-order %.4f ± %.4f\n",
              igr.fit.slope, igr.fit.standard_error, igr.errors.front(), principal.fit.slope,
              principal.fit.standard_error, principal.errors.front(), third.fit.slope, third.fit.standard_error);
}

TEST(PrincipalFlowOnQuadratic, RealPrincipalFlowReproducesOneGradientStepToRoundOff) {
  SGDBIAS_TRACE_SEED();
  const testing::TestQuadratic problem((Vector(4) << 0.5, 1.0, 2.0, 5.0).finished(), testing::test_seed());
  const Vector start = problem.minimiser() + problem.eigenvectors().rowwise().sum();
  const double h = 0.15;  // hλ_max = 0.75 < 1: the real PF applies
  PrincipalFlow<testing::TestQuadratic> flow(problem, h);
  Vector by_flow = start, by_step = start;
  integrate_flow(flow, by_flow, h, FlowIntegrationOptions{.substeps = 2000});  // RK4 error ∝ N⁻⁴ below round-off
  gradient_descent_steps(problem, h, 1, by_step);
  std::printf("real PF vs 1 GD step on a quadratic: %.3g\n", (by_flow - by_step).norm());
  EXPECT_LE((by_flow - by_step).norm(), 1e-13);
}

}  // namespace
}  // namespace sgdbias
