// Principal flow (bea.md §4): the coefficient c(x) in every regime, exactness on quadratics at integer
// multiples of h including hλ > 2 and λ < 0 (closed form and complex ODE integration), bea.md §8
// check 7. Deterministic (fixed seed, no threads).
#include "lib/flows/principal_flow.hpp"

#include <cmath>
#include <numbers>
#include <vector>

#include <gtest/gtest.h>

#include "lib/flows/integrate_flow.hpp"
#include "lib/flows/principal_flow_coefficient.hpp"
#include "lib/flows/quadratic_principal_flow.hpp"
#include "tests/lib/flows/flow_test_problems.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

TEST(PrincipalFlowCoefficient, IsRealBelowOneAndTendsToMinusOneAtZero) {
  EXPECT_EQ(principal_flow_coefficient(0.0), std::complex<double>(-1.0, 0.0));
  EXPECT_NEAR(principal_flow_coefficient(1e-9).real(), -1.0 - 0.5e-9, 1e-15);
  for (double x : {-3.0, -0.4, 1e-3, 0.3, 0.8, 0.999}) {
    EXPECT_EQ(principal_flow_coefficient(x).imag(), 0.0) << x;
    EXPECT_NEAR(principal_flow_coefficient(x).real(), std::log(1.0 - x) / x, 1e-14 * std::abs(std::log(1.0 - x) / x));
  }
  // λ < 0: c ∈ (−1, 0), so the PF grows more slowly than the negative gradient flow (§4.2).
  EXPECT_GT(principal_flow_coefficient(-0.4).real(), -1.0);
  EXPECT_LT(principal_flow_coefficient(-0.4).real(), 0.0);
}

TEST(PrincipalFlowCoefficient, SeriesAndLogarithmBranchesJoinContinuously) {
  for (double sign : {-1.0, 1.0}) {
    const double below = std::nextafter(sign * 1e-4, 0.0), at = sign * 1e-4;
    EXPECT_NEAR(principal_flow_coefficient(below).real(), principal_flow_coefficient(at).real(), 1e-12);
  }
}

TEST(PrincipalFlowCoefficient, IsComplexAboveOneWithImaginaryPartPiOverXAndRealPartChangingSignAtTwo) {
  for (double x : {1.0001, 1.5, 1.9, 2.3, 10.0}) {
    const std::complex<double> c = principal_flow_coefficient(x);
    EXPECT_NEAR(c.imag(), std::numbers::pi / x, 1e-15) << x;
    if (x < 2.0) EXPECT_LT(c.real(), 0.0) << x;
    else EXPECT_GT(c.real(), 0.0) << x;
  }
  EXPECT_NEAR(principal_flow_coefficient(1.5).real(), -0.462, 1e-3);  // bea.md §4.2 table
  EXPECT_NEAR(principal_flow_coefficient(2.3).imag(), 1.366, 1e-3);
}

TEST(PrincipalFlowCoefficient, RejectsOneWhereTheCoefficientIsMinusInfinity) {
  EXPECT_THROW(principal_flow_coefficient(1.0), InvalidArgument);
  EXPECT_THROW(principal_flow_coefficient(std::nan("")), InvalidArgument);
}

class QuadraticPrincipalFlowRegimes : public ::testing::Test {
 protected:
  // h = 1 and hλ ∈ {0.3, 0.8, 1.5, 1.9, 2.3, −0.4}: every regime of bea.md §4.2.
  QuadraticPrincipalFlowRegimes()
      : problem_((Vector(6) << 0.3, 0.8, 1.5, 1.9, 2.3, -0.4).finished(), testing::test_seed()),
        start_(problem_.minimiser() + problem_.eigenvectors().rowwise().sum()) {}

  Vector gd(Index steps) const {
    Vector x = start_;
    gradient_descent_steps(problem_, kStepSize, steps, x);
    return x;
  }

  static constexpr double kStepSize = 1.0;
  testing::TestQuadratic problem_;
  Vector start_;
};

TEST_F(QuadraticPrincipalFlowRegimes, ClosedFormEqualsGradientDescentAtEveryIntegerTime) {
  SGDBIAS_TRACE_SEED();
  const QuadraticPrincipalFlow flow(problem_, kStepSize);
  double worst = 0.0;
  for (Index k = 1; k <= 6; ++k) {
    const Vector steps = gd(k);
    const ComplexVector closed = flow.at_time(start_, static_cast<double>(k) * kStepSize);
    worst = std::max(worst, (closed - steps.cast<std::complex<double>>()).norm() / steps.norm());
  }
  std::printf("PF closed form vs GD, k <= 6: max relative error %.3g\n", worst);
  EXPECT_LE(worst, 1e-12);
}

TEST_F(QuadraticPrincipalFlowRegimes, IntegratedComplexFlowHitsGradientDescentAtIntegerTimesAndIsComplexBetween) {
  SGDBIAS_TRACE_SEED();
  QuadraticPrincipalFlow flow(problem_, kStepSize);
  ComplexVector state = start_.cast<std::complex<double>>();
  const std::vector<double> times = {0, 1, 2, 2.5, 3, 4, 5, 6};
  const double scale = start_.norm();
  double worst_real = 0.0, worst_imaginary = 0.0, imaginary_between = 0.0;
  integrate_flow_at_times(flow, state, times, FlowIntegrationOptions{.substeps = 4000},
                          on_each_record([&](const RecordPoint& point, const ComplexVector& x) {
    const double t = point.time;
    if (t == 2.5) {
      imaginary_between = x.imag().norm();
      return;
    }
    const Vector steps = gd(static_cast<Index>(t));
    worst_real = std::max(worst_real, (x.real() - steps).norm() / steps.norm());
    worst_imaginary = std::max(worst_imaginary, x.imag().norm() / scale);
  }));
  std::printf("complex PF ODE vs GD: relative %.3g, |Im|/scale %.3g at integer k; |Im|/scale at 2.5h %.3g\n",
              worst_real, worst_imaginary, imaginary_between / scale);
  EXPECT_LE(worst_real, 1e-9);
  EXPECT_LE(worst_imaginary, 1e-9);
  EXPECT_GT(imaginary_between, 1e-3 * scale);
  // The closed form between integer times is the same complex curve.
  EXPECT_NEAR((flow.at_time(start_, 2.5).imag()).norm(), imaginary_between, 1e-8 * scale);
}

TEST(QuadraticPrincipalFlow, RefusesToIntegrateWhenHLambdaIsOneAndRejectsNonQuadraticProblems) {
  const testing::TestQuadratic problem((Vector(2) << 0.5, 2.0).finished(), testing::test_seed());
  QuadraticPrincipalFlow stiff(problem, 2.0);
  ComplexVector x = ComplexVector::Ones(2), dxdt(2);
  EXPECT_THROW(stiff(x, dxdt, 0.0), InvalidArgument);
  EXPECT_THROW(QuadraticPrincipalFlow(problem, 0.0), InvalidArgument);
  const testing::FlowTestRegression network =
      testing::make_flow_test_regression(3, testing::Parametrisation::kProduct, testing::test_seed());
  EXPECT_THROW(QuadraticPrincipalFlow(network, 0.1), InvalidArgument);
}

TEST(QuadraticPrincipalFlow, ClosedFormHandlesHLambdaOneByRemovingTheComponentInOneStep) {
  const testing::TestQuadratic problem((Vector(2) << 0.5, 2.0).finished(), testing::test_seed());
  const Vector start = problem.minimiser() + Vector::Ones(2);
  // h = 0.5, λ = 2: one GD step removes that eigen-component; the closed form reproduces it.
  const QuadraticPrincipalFlow flow(problem, 0.5);
  Vector steps = start;
  gradient_descent_steps(problem, 0.5, 1, steps);
  EXPECT_LE((flow.at_time(start, 0.5).real() - steps).norm(), 1e-12);
}

TEST(PrincipalFlow, RealStateVersionRefusesStatesWhereTheFlowIsComplex) {
  const testing::TestQuadratic problem((Vector(2) << 0.5, 2.0).finished(), testing::test_seed());
  PrincipalFlow<testing::TestQuadratic> flow(problem, 0.75);
  Vector x = problem.minimiser() + Vector::Ones(2), dxdt(2);
  EXPECT_THROW(flow(x, dxdt, 0.0), NumericalFailure);
}

}  // namespace
}  // namespace sgdbias
