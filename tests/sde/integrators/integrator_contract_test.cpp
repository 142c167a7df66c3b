// Properties every integrator must have, checked over sde::AllIntegrators (style.md D2):
// unsupported noise / interpretation does not compile, the loop's argument checks and non-finite
// guard, time bookkeeping t0 + k·h, bit-identical reruns, and no heap allocation inside a step.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "problems/reference_sdes/additive_noise_sdes.hpp"
#include "problems/reference_sdes/diagonal_noise_sdes.hpp"
#include "problems/reference_sdes/geometric_brownian_motion.hpp"
#include "problems/reference_sdes/kubo_oscillator.hpp"
#include "problems/reference_sdes/ornstein_uhlenbeck.hpp"
#include "problems/reference_sdes/commuting_linear_noise_sde.hpp"
#include "problems/reference_sdes/sinh_sde.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/drift_and_noise_only.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/all.hpp"
#include "sde/interpretation.hpp"
#include "tests/sde/integrators/integrator_test_types.hpp"
#include "tests/support/counting_allocator.hpp"
#include "tests/support/test_seed.hpp"


namespace sgdbias::sde {
namespace {

using problems::CoupledDiagonalSde;
using problems::CrossCoupledNoiseSde;
using problems::ItoGeometricBrownianMotion;
using problems::KuboOscillator;
using problems::OrnsteinUhlenbeck;
using problems::StratonovichGeometricBrownianMotion;

// Compile-time rejection: each integrator refuses the noise classes and calculi it does not handle.
static_assert(IntegratorFor<EulerMaruyama, ItoGeometricBrownianMotion>);
static_assert(IntegratorFor<EulerMaruyama, CrossCoupledNoiseSde>);
static_assert(!IntegratorFor<EulerMaruyama, StratonovichGeometricBrownianMotion>);
static_assert(IntegratorFor<Milstein, CoupledDiagonalSde>);
static_assert(IntegratorFor<Milstein, StratonovichGeometricBrownianMotion>);
static_assert(!IntegratorFor<Milstein, CrossCoupledNoiseSde>);  // non-commutative
static_assert(IntegratorFor<StochasticHeun, KuboOscillator>);
static_assert(!IntegratorFor<StochasticHeun, ItoGeometricBrownianMotion>);
static_assert(IntegratorFor<StochasticHeun, OrnsteinUhlenbeck>);  // additive: Itô = Stratonovich
static_assert(IntegratorFor<Milstein, DriftAndNoiseOnly<CoupledDiagonalSde>>);  // no derivative needed
static_assert(IntegratorFor<Milstein, DriftAndNoiseOnly<problems::DoubleWellAdditiveSde>>);
static_assert(IntegratorFor<RungeKuttaMilstein, problems::CommutingLinearNoiseSde>);
static_assert(!IntegratorFor<RungeKuttaMilstein, CrossCoupledNoiseSde>);
static_assert(IntegratorFor<LevyAreaMilstein, CrossCoupledNoiseSde>);  // general noise, with areas
static_assert(IntegratorFor<Sriw1, CoupledDiagonalSde>);
static_assert(IntegratorFor<Sriw1, ItoGeometricBrownianMotion>);
static_assert(!IntegratorFor<Sriw1, CrossCoupledNoiseSde>);  // diagonal shape is not enough
static_assert(!IntegratorFor<Sriw1, KuboOscillator>);        // Stratonovich
static_assert(IntegratorFor<Sra1, OrnsteinUhlenbeck>);
static_assert(!IntegratorFor<Sra1, ItoGeometricBrownianMotion>);  // multiplicative noise
static_assert(!IntegratorFor<Sra1, CoupledDiagonalSde>);

// A representative SDE each integrator supports, to run the shared checks on.
template <class Integrator>
auto supported_sde() {
  if constexpr (std::is_same_v<Integrator, StochasticHeun>) return KuboOscillator();
  else if constexpr (std::is_same_v<Integrator, Sra1>) return OrnsteinUhlenbeck();
  else return CoupledDiagonalSde();
}

template <class Integrator>
class IntegratorContract : public ::testing::Test {};
TYPED_TEST_SUITE(IntegratorContract, testing::AllIntegratorTypes, testing::IntegratorNames);

template <class Integrator, class Sde>
BrownianIncrements brownian_for(const Sde& sde, std::uint64_t trajectory = 0) {
  return BrownianIncrements(sde.noise_dimension(),
                            RandomStream(testing::test_seed(), trajectory, Purpose::kBrownian),
                            Integrator::kUsesTimeIntegral ? TimeIntegrals::kOn : TimeIntegrals::kOff,
                            uses_levy_area<Integrator>() ? LevyAreas::kOn : LevyAreas::kOff);
}

TYPED_TEST(IntegratorContract, DeclaresOrdersForTheNoiseItSupports) {
  using Sde = decltype(supported_sde<TypeParam>());
  EXPECT_TRUE(TypeParam::supports(Sde::kNoiseStructure));
  EXPECT_GE(TypeParam::order(Sde::kNoiseStructure).strong, 0.5);
  EXPECT_GE(TypeParam::order(Sde::kNoiseStructure).weak, 1.0);
}

TYPED_TEST(IntegratorContract, RejectsBadArgumentsWithClearErrors) {
  const auto sde = supported_sde<TypeParam>();
  TypeParam integrator(sde.state_dimension(), sde.noise_dimension());
  BrownianIncrements brownian = brownian_for<TypeParam>(sde);
  Vector x = sde.initial_state();
  EXPECT_THROW(integrate(integrator, sde, x, TimeGrid{1.0, 1.0, 4}, brownian), InvalidArgument);
  EXPECT_THROW(integrate(integrator, sde, x, TimeGrid{0.0, 1.0, 0}, brownian), InvalidArgument);
  Vector wrong_size = Vector::Zero(sde.state_dimension() + 1);
  EXPECT_THROW(integrate(integrator, sde, wrong_size, TimeGrid{0.0, 1.0, 4}, brownian), InvalidArgument);
  Vector nan_state = x;
  nan_state[0] = std::nan("");
  try {
    integrate(integrator, sde, nan_state, TimeGrid{0.0, 1.0, 4}, brownian);
    ADD_FAILURE() << "a NaN initial state was accepted";
  } catch (const InvalidArgument& error) {
    EXPECT_NE(std::string(error.what()).find(TypeParam::kName), std::string::npos) << error.what();
  }
  BrownianIncrements wrong_noise(sde.noise_dimension() + 1, RandomStream(1, 0, Purpose::kBrownian),
                                 TimeIntegrals::kOn);
  EXPECT_THROW(integrate(integrator, sde, x, TimeGrid{0.0, 1.0, 4}, wrong_noise), InvalidArgument);
  if constexpr (uses_levy_area<TypeParam>()) {
    BrownianIncrements no_areas(sde.noise_dimension(), RandomStream(1, 0, Purpose::kBrownian), TimeIntegrals::kOn);
    EXPECT_THROW(integrate(integrator, sde, x, TimeGrid{0.0, 1.0, 4}, no_areas), InvalidArgument);
  }
  if constexpr (TypeParam::kUsesTimeIntegral) {
    BrownianIncrements no_integrals(sde.noise_dimension(), RandomStream(1, 0, Purpose::kBrownian));
    EXPECT_THROW(integrate(integrator, sde, x, TimeGrid{0.0, 1.0, 4}, no_integrals), InvalidArgument);
  }
}

TYPED_TEST(IntegratorContract, NonFiniteStateIsAnErrorNamingIntegratorStepAndTime) {
  // GBM with a huge rate overflows within a few steps; the loop must stop with a message.
  const problems::ItoGeometricBrownianMotion exploding(800.0, 0.1, 1.0);
  const auto stratonovich = problems::StratonovichGeometricBrownianMotion(800.0, 0.1, 1.0);
  const problems::DoubleWellAdditiveSde additive;
  auto run = [](const auto& sde) {
    TypeParam integrator(sde.state_dimension(), sde.noise_dimension());
    BrownianIncrements brownian = brownian_for<TypeParam>(sde);
    Vector x = Vector::Constant(1, 1e300);
    integrate(integrator, sde, x, TimeGrid{0.0, 10.0, 8}, brownian);
  };
  try {
    if constexpr (std::is_same_v<TypeParam, StochasticHeun>) run(stratonovich);
    else if constexpr (std::is_same_v<TypeParam, Sra1>) run(additive);
    else run(exploding);
    ADD_FAILURE() << "overflow was not reported";
  } catch (const NumericalFailure& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find(TypeParam::kName), std::string::npos) << message;
    // "... in step k at t = t0 + k·h (time step h) ...": step index and time must be consistent.
    long step = -1;
    double time = -1.0, time_step = -1.0;
    const std::size_t at = message.find("in step ");
    ASSERT_NE(at, std::string::npos) << message;
    ASSERT_EQ(std::sscanf(message.c_str() + at, "in step %ld at t = %lf (time step %lf", &step, &time,
                          &time_step), 3) << message;
    EXPECT_DOUBLE_EQ(time, static_cast<double>(step) * time_step) << message;
  }
  (void)exploding;
  (void)stratonovich;
  (void)additive;
}

TYPED_TEST(IntegratorContract, ObserverSeesTimesStartPlusStepTimesTimeStep) {
  const auto sde = supported_sde<TypeParam>();
  TypeParam integrator(sde.state_dimension(), sde.noise_dimension());
  BrownianIncrements brownian = brownian_for<TypeParam>(sde);
  Vector x = sde.initial_state();
  std::vector<double> times;
  const TimeGrid grid{0.1, 0.8, 7};
  integrate(integrator, sde, x, grid, brownian,
            on_each_record([&](const RecordPoint& point, const ConstVectorRef&) { times.push_back(point.time); }));
  ASSERT_EQ(times.size(), 8u);
  for (std::size_t k = 0; k < times.size(); ++k) {
    EXPECT_EQ(times[k], k == 7 ? 0.8 : 0.1 + static_cast<double>(k) * ((0.8 - 0.1) / 7.0));
  }
}

TYPED_TEST(IntegratorContract, SameSeedGivesBitIdenticalPath) {
  // Deterministic for a seed: two runs from the same (seed, trajectory) must agree bit for bit.
  SGDBIAS_TRACE_SEED();
  const auto sde = supported_sde<TypeParam>();
  auto run = [&](std::uint64_t trajectory) {
    TypeParam integrator(sde.state_dimension(), sde.noise_dimension());
    BrownianIncrements brownian = brownian_for<TypeParam>(sde, trajectory);
    Vector x = sde.initial_state();
    integrate(integrator, sde, x, TimeGrid{0.0, 1.0, 64}, brownian);
    return x;
  };
  EXPECT_EQ(run(3), run(3));
  EXPECT_NE(run(3), run(4));
}

TYPED_TEST(IntegratorContract, StepsAllocateNothing) {
#ifndef NDEBUG
  GTEST_SKIP() << "Debug builds check the noise structure on entry to integrate(), which allocates";
#endif
  const auto sde = supported_sde<TypeParam>();
  TypeParam integrator(sde.state_dimension(), sde.noise_dimension());
  BrownianIncrements brownian = brownian_for<TypeParam>(sde);
  Vector x = sde.initial_state();
  const long before = testing::allocations_so_far();
  integrate(integrator, sde, x, TimeGrid{0.0, 1.0, 256}, brownian);
  EXPECT_EQ(testing::allocations_so_far() - before, 0);
}

TEST(IntegratorContract, ConvertedSdesStepWithoutAllocating) {
#ifndef NDEBUG
  GTEST_SKIP() << "Debug builds check the noise structure on entry to integrate(), which allocates";
#endif
  const auto stratonovich = as_stratonovich(problems::ItoGeometricBrownianMotion());
  StochasticHeun heun(1, 1);
  Milstein milstein(2, 2);
  const CoupledDiagonalSde diagonal;
  BrownianIncrements brownian(1, RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
  BrownianIncrements diagonal_brownian(2, RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
  Vector x = stratonovich.original().initial_state();
  Vector y = diagonal.initial_state();
  const long before = testing::allocations_so_far();
  integrate(heun, stratonovich, x, TimeGrid{0.0, 1.0, 128}, brownian);
  integrate(milstein, diagonal, y, TimeGrid{0.0, 1.0, 128}, diagonal_brownian);
  EXPECT_EQ(testing::allocations_so_far() - before, 0);
}

// Milstein on an SDE without apply_derivative takes the derivative-free Runge–Kutta form: the
// same bits as RungeKuttaMilstein on the full SDE, for every kind of commutative noise and both
// calculi (the Stratonovich form uses central differences).
template <class Sde>
void expect_milstein_without_derivative_is_runge_kutta_milstein(const Sde& sde) {
  auto run = [&](auto integrator, const auto& problem) {
    BrownianIncrements brownian(sde.noise_dimension(), RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
    Vector x = sde.initial_state();
    integrate(integrator, problem, x, TimeGrid{0.0, 1.0, 32}, brownian);
    return x;
  };
  const Index d = sde.state_dimension(), m = sde.noise_dimension();
  EXPECT_EQ(run(Milstein(d, m), DriftAndNoiseOnly<Sde>(sde)), run(RungeKuttaMilstein(d, m), sde));
}

TEST(IntegratorContract, MilsteinWithoutADerivativeUsesTheRungeKuttaForm) {
  expect_milstein_without_derivative_is_runge_kutta_milstein(problems::ItoSinhSde());
  expect_milstein_without_derivative_is_runge_kutta_milstein(problems::StratonovichSinhSde());
  expect_milstein_without_derivative_is_runge_kutta_milstein(CoupledDiagonalSde());
  expect_milstein_without_derivative_is_runge_kutta_milstein(problems::CommutingLinearNoiseSde());
}

}  // namespace
}  // namespace sgdbias::sde
