// The order-check harness and the odeint glue on problems with known answers.
#include "lib/flows/order_check.hpp"

#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "lib/flows/integrate_flow.hpp"

namespace sgdbias {
namespace {

struct Decay {
  void operator()(const Vector& x, Vector& dxdt, double) { dxdt = -x; }
};
struct Rotation {  // ż = iπ z: z(1) = −z(0)
  void operator()(const ComplexVector& z, ComplexVector& dzdt, double) { dzdt = std::complex<double>(0, std::numbers::pi) * z; }
};

TEST(IntegrateFlow, BothSteppersSolveLinearDecayAndRk4HandlesComplexStates) {
  Decay decay;
  Vector x = Vector::Ones(2);
  integrate_flow(decay, x, 1.0, FlowIntegrationOptions{.substeps = 200});
  EXPECT_NEAR(x[0], std::exp(-1.0), 1e-10);
  x = Vector::Ones(2);
  integrate_flow(decay, x, 1.0, FlowIntegrationOptions{.stepper = FlowStepper::kRungeKuttaFehlberg78});
  EXPECT_NEAR(x[0], std::exp(-1.0), 1e-12);
  Rotation rotation;
  ComplexVector z = ComplexVector::Ones(1);
  integrate_flow(rotation, z, 1.0, FlowIntegrationOptions{.substeps = 400});
  EXPECT_NEAR(std::abs(z[0] + 1.0), 0.0, 1e-9);
  EXPECT_THROW(integrate_flow(decay, x, -1.0), InvalidArgument);
  EXPECT_THROW(integrate_flow(decay, x, 1.0, FlowIntegrationOptions{.substeps = 0}), InvalidArgument);
}

TEST(OrderStudies, EulerAgainstExactDecayHasLocalOrderTwoAndGlobalOrderOne) {
  // Discrete map: one explicit Euler step of ẋ = −x; flow: the exact solution.
  const StateMap euler = [](double h, Vector& x) { x *= 1.0 - h; };
  const StateMap exact = flow_state_map([](double, const Vector&) { return Decay{}; }, 1);
  const OrderStudy local = local_order_study(euler, exact, Vector::Ones(1));
  EXPECT_NEAR(local.fit.slope, 2.0, 0.01) << local.report();
  EXPECT_EQ(local.successive_slopes.size(), 9u);
  const RunMap euler_run = [](double h, Index steps, Vector& x) { x *= std::pow(1.0 - h, static_cast<double>(steps)); };
  const RunMap exact_run = piecewise_flow_run_map([](double, const Vector&, Index, Index) { return Decay{}; }, 4);
  const OrderStudy global = global_order_study(euler_run, exact_run, Vector::Ones(1));
  EXPECT_NEAR(global.fit.slope, 1.0, 0.05) << global.report();
  EXPECT_THROW(global_order_study(euler_run, exact_run, Vector::Ones(1), GlobalOrderOptions{.horizon = 0.5, .largest_step_size = 0.3}),
               InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
