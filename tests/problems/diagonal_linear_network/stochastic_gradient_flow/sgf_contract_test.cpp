// Contract of the stochastic-gradient-flow SDEs (issue #4 acceptance, style.md D2): bad input is
// an InvalidArgument naming what is wrong (NaN state, wrong state size, non-positive time step,
// invalid options, w± ≤ 0 for the log light-cone form), and a step of EM / log-Euler on the SGF
// allocates nothing (a counting global operator new, this test binary only).
#include <cmath>
#include <string>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "sde/exact_covariance_sgf.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/isotropic_noise_sdes.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/log_light_cone_sgf.hpp"
#include "tests/problems/diagonal_linear_network/stochastic_gradient_flow/sgf_test_problem.hpp"
#include "tests/support/counting_allocator.hpp"
#include "tests/support/test_seed.hpp"


namespace sgdbias::sde {
namespace {

using Network = problems::DiagonalLinearNetwork;

template <class Sde>
void expect_invalid(const Sde& sde, Vector x, const TimeGrid& grid, const std::string& needle) {
  EulerMaruyama stepper(sde.state_dimension(), sde.noise_dimension());
  BrownianIncrements brownian(sde.noise_dimension(), RandomStream(1, 0, Purpose::kBrownian));
  try {
    integrate(stepper, sde, x, grid, brownian);
    ADD_FAILURE() << "accepted: " << needle;
  } catch (const InvalidArgument& error) {
    EXPECT_NE(std::string(error.what()).find(needle), std::string::npos) << error.what();
  }
}

TEST(SgfContract, BadStatesAndTimeGridsAreInvalidArguments) {
  const Network network = testing::sgf_test_network(testing::test_seed());
  const DiagonalNetworkSgf<Network> sgf(network, {.step_size = 0.05});
  Vector nan_state = network.initial_state();
  nan_state[3] = std::nan("");
  expect_invalid(sgf, nan_state, TimeGrid{0.0, 1.0, 10}, "NaN");
  expect_invalid(sgf, Vector::Ones(sgf.state_dimension() - 1), TimeGrid{0.0, 1.0, 10}, "state has size");
  expect_invalid(sgf, network.initial_state(), TimeGrid{1.0, 1.0, 10}, "start < end");
  expect_invalid(sgf, network.initial_state(), TimeGrid{1.0, 0.5, 10}, "start < end");
  expect_invalid(sgf, network.initial_state(), TimeGrid{0.0, 1.0, 0}, "number of steps");
}

TEST(SgfContract, InvalidOptionsAndStatesOutsideTheLightConeAreRejected) {
  const Network network = testing::sgf_test_network(testing::test_seed());
  EXPECT_THROW(DiagonalNetworkSgf<Network>(network, {.step_size = 0.0}), InvalidArgument);
  EXPECT_THROW(DiagonalNetworkSgf<Network>(network, {.step_size = std::nan("")}), InvalidArgument);
  EXPECT_THROW(DiagonalNetworkSgf<Network>(network, {.batch_size = 0}), InvalidArgument);
  EXPECT_THROW(DiagonalNetworkSgf<Network>(network, {.label_noise = -1.0}), InvalidArgument);
  EXPECT_THROW(DiagonalNetworkSgf<Network>(network, {.sampling = BatchSampling::kEpochShuffling}), InvalidArgument);
  EXPECT_THROW(ExactCovarianceSgf<Network>(network, {.label_noise = 1.0}), InvalidArgument);
  EXPECT_THROW(OverdampedLangevin<Network>(network, 0.0), InvalidArgument);
  // Product form: w± = (u ± v)/√2 must be positive, i.e. u > |v|.
  const LogLightConeSgf<Network> log_form(network, {.step_size = 0.05});
  Vector outside = network.initial_state();
  outside.tail(network.num_features()).setConstant(1.0);  // v = 1 > u = 0.2
  Vector y(log_form.state_dimension());
  EXPECT_THROW(log_form.from_parameters(outside, y), InvalidArgument);
}

template <class Sde>
long allocations_while_integrating(const Sde& sde, Vector state) {
  EulerMaruyama stepper(sde.state_dimension(), sde.noise_dimension());
  BrownianIncrements brownian(sde.noise_dimension(), RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
  const long before = testing::allocations_so_far();
  integrate(stepper, sde, state, TimeGrid{0.0, 1.0, 200}, brownian);
  return testing::allocations_so_far() - before;
}

TEST(SgfContract, StepsAllocateNothing) {
  const Network network = testing::sgf_test_network(testing::test_seed());
  const DiagonalNetworkSgf<Network> sgf(network, {.step_size = 0.05, .label_noise = 0.5});
  const LogLightConeSgf<Network> log_form(network, {.step_size = 0.05});
  const WrongSgf<Network> wrong(network, {.step_size = 0.05});
  const ExactCovarianceSgf<Network> exact(network, {.step_size = 0.05});
  Vector y(log_form.state_dimension());
  log_form.from_parameters(network.initial_state(), y);
  EXPECT_EQ(allocations_while_integrating(sgf, network.initial_state()), 0);
  EXPECT_EQ(allocations_while_integrating(log_form, y), 0);
  EXPECT_EQ(allocations_while_integrating(wrong, network.initial_state()), 0);
  EXPECT_EQ(allocations_while_integrating(exact, network.initial_state()), 0);
}

}  // namespace
}  // namespace sgdbias::sde
