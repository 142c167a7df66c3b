// The fused Euler–Maruyama step of DiagonalNetworkSgf (dln.md §6.6: drift and noise share one Xᵀ
// product): it is the same increment f h + G ΔW as drift() + apply() up to round-off, in both
// parametrisations and with minibatch / label-noise factors; EulerMaruyama takes it (the
// HasEulerIncrement hook), its in-place form (HasEulerStep) is that increment added bit for bit, and
// the run allocates nothing per step; DiagonalNetworkSgfPaths (K paths as
// one matrix) follows the single-path runs, and so do single-path observers on its columns (EachPath).
// The log-Euler form (LogLightConeSgf) has the same
// one-pass increment, equal to its drift() + apply() up to round-off. Deterministic for a seed (bit-identical reruns).
#include <utility>
#include <vector>

#include <gtest/gtest.h>

#include "lib/observers/each_path.hpp"
#include "lib/observers/loss_integral.hpp"
#include "lib/observers/state_trace.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/drift_and_noise_only.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf_paths.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/log_light_cone_sgf.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "tests/support/counting_allocator.hpp"
#include "tests/support/test_seed.hpp"


namespace sgdbias::sde {
namespace {

using Network = problems::DiagonalLinearNetwork;
using Sgf = DiagonalNetworkSgf<Network>;

static_assert(HasEulerIncrement<Sgf> && HasEulerStep<Sgf> && HasEulerIncrement<LogLightConeSgf<Network>>);

// The same SGF without the hook: EulerMaruyama falls back to drift() + apply().
using UnfusedSgf = DriftAndNoiseOnly<Sgf>;
static_assert(!HasEulerIncrement<UnfusedSgf>);

// dln.md §8.4 shape: n = 40, d = 100, Gaussian X, 5-sparse teacher, y = Xβ*.
Network network_with(const problems::DlnConvention& convention) {
  RandomStream stream(testing::test_seed(), 0, Purpose::kData);
  problems::Dataset data{Matrix(40, 100), Vector(40)};
  for (Index j = 0; j < 100; ++j) stream.fill_standard_normal(data.features.col(j));
  data.targets = data.features.leftCols(5) * Vector::Ones(5);
  return Network(std::move(data), convention);
}

// A generic state (not the symmetric initialisation, where v = 0 hides half of the product field).
Vector perturbed_state(const Network& network) {
  RandomStream stream(testing::test_seed(), 1, Purpose::kTest);
  Vector x = network.initial_state();
  for (Index i = 0; i < x.size(); ++i) x[i] += 0.05 * stream.standard_normal();
  return x;
}

// euler_increment(t, h, x, ΔW) against h·drift + apply(ΔW) of the same SDE at a generic state x.
template <class SgfForm>
void expect_increment_equals_drift_plus_noise(const SgfForm& sgf, const Vector& x, double t) {
  Vector dw(sgf.noise_dimension());
  RandomStream(testing::test_seed(), 2, Purpose::kTest).fill_standard_normal(dw);
  const double h = 1e-3;
  dw *= std::sqrt(h);
  Vector drift(sgf.state_dimension()), noise(sgf.state_dimension()), fused(sgf.state_dimension());
  sgf.drift(t, x, drift);
  sgf.apply(t, x, dw, noise);
  sgf.euler_increment(t, h, x, dw, fused);
  const Vector expected = h * drift + noise;
  // Linearity of x ↦ Xᵀx: only the summation order differs, so the gap is a few ulps of the terms.
  const double scale = (h * drift).cwiseAbs().maxCoeff() + noise.cwiseAbs().maxCoeff();
  EXPECT_LE((fused - expected).cwiseAbs().maxCoeff(), 1e-13 * scale);
  EXPECT_GT((h * drift).norm(), 1e-3 * noise.norm());  // both parts matter (no vacuous pass)
  EXPECT_GT(noise.norm(), 1e-3 * (h * drift).norm());
}

// Both forms of the SGF: in x = [u; v], and the log-Euler form (LogLightConeSgf, dln.md §6.3) with
// its Itô correction −½σ²nD h, at a generic y (any y is a valid state there).
void expect_fused_equals_drift_plus_noise(const Network& network, const SgfOptions& options, double t) {
  expect_increment_equals_drift_plus_noise(Sgf(network, options), perturbed_state(network), t);
  const LogLightConeSgf<Network> log_form(network, options);
  Vector y(log_form.state_dimension());
  log_form.from_parameters(network.initial_state(), y);
  RandomStream stream(testing::test_seed(), 3, Purpose::kTest);
  for (Index i = 0; i < y.size(); ++i) y[i] += 0.3 * stream.standard_normal();
  expect_increment_equals_drift_plus_noise(log_form, y, t);
}

TEST(FusedSgfStep, EqualsDriftTimesStepPlusNoiseInTheProductParametrisation) {
  SGDBIAS_TRACE_SEED();
  expect_fused_equals_drift_plus_noise(network_with(problems::DlnConvention::product_equivalent_to_ppf(0.1)),
                                       {.step_size = 0.05}, 0.0);
}

TEST(FusedSgfStep, EqualsDriftTimesStepPlusNoiseInThePpfParametrisation) {
  SGDBIAS_TRACE_SEED();
  expect_fused_equals_drift_plus_noise(network_with(problems::DlnConvention::ppf(0.1)), {.step_size = 0.05}, 0.0);
}

TEST(FusedSgfStep, KeepsMinibatchAndLabelNoiseFactors) {
  SGDBIAS_TRACE_SEED();
  const Network network = network_with(problems::DlnConvention::epgf(0.1));
  const SgfOptions options{.step_size = 0.02, .batch_size = 4, .sampling = BatchSampling::kWithoutReplacement,
                           .label_noise = 0.5, .label_noise_duration = 1.0};
  expect_fused_equals_drift_plus_noise(network, options, 0.5);  // label noise on
  expect_fused_equals_drift_plus_noise(network, options, 2.0);  // label noise off
}

// The end states of two EulerMaruyama runs from the network's initial state, one per SDE, with
// the same Brownian stream.
template <class FirstSde, class SecondSde>
std::pair<Vector, Vector> run_both(const Network& network, const FirstSde& first, const SecondSde& second,
                                   const TimeGrid& grid) {
  const auto run = [&](const auto& sde) {
    EulerMaruyama integrator(sde.state_dimension(), sde.noise_dimension());
    BrownianIncrements brownian(sde.noise_dimension(), RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
    Vector x = network.initial_state();
    integrate(integrator, sde, x, grid, brownian);
    return x;
  };
  return {run(first), run(second)};
}

TEST(FusedSgfStep, EulerMaruyamaPathMatchesTheUnfusedPathToRoundOff) {
  SGDBIAS_TRACE_SEED();
  const Network network = network_with(problems::DlnConvention::product_equivalent_to_ppf(0.1));
  const Sgf sgf(network, {.step_size = 0.05});
  const auto [fused_state, unfused_state] = run_both(network, sgf, UnfusedSgf(sgf), TimeGrid{0.0, 1.0, 200});
  EXPECT_GT((fused_state - network.initial_state()).norm(), 1e-2);  // the path moved
  EXPECT_LE((fused_state - unfused_state).norm(), 1e-11 * unfused_state.norm());
}

// The same SGF with the increment hook only: EulerMaruyama writes the increment, then adds it.
class IncrementOnlySgf : public UnfusedSgf {
 public:
  explicit IncrementOnlySgf(const Sgf& sgf) : UnfusedSgf(sgf), sgf_(sgf) {}
  void euler_increment(double t, double h, const ConstVectorRef& x, const ConstVectorRef& dw, VectorRef out) const {
    sgf_.euler_increment(t, h, x, dw, out);
  }

 private:
  Sgf sgf_;
};
static_assert(HasEulerIncrement<IncrementOnlySgf> && !HasEulerStep<IncrementOnlySgf>);

// The in-place step (one pass of the light-cone kernel) is the increment followed by x += it, BIT
// FOR BIT, along a whole path, in both parametrisations.
TEST(FusedSgfStep, InPlaceStepIsTheIncrementAddedBitForBit) {
  SGDBIAS_TRACE_SEED();
  for (const auto& convention :
       {problems::DlnConvention::product_equivalent_to_ppf(0.1), problems::DlnConvention::ppf(0.1)}) {
    const Network network = network_with(convention);
    const Sgf sgf(network, {.step_size = 0.05});
    const auto [in_place, added] = run_both(network, sgf, IncrementOnlySgf(sgf), TimeGrid{0.0, 1.0, 100});
    EXPECT_GT((in_place - network.initial_state()).norm(), 1e-2);  // the path moved
    for (Index j = 0; j < in_place.size(); ++j) ASSERT_EQ(in_place[j], added[j]) << "entry " << j;
  }
}

TEST(FusedSgfStep, EulerMaruyamaOnTheSgfDoesNotAllocate) {
  const Network network = network_with(problems::DlnConvention::product_equivalent_to_ppf(0.1));
  const Sgf sgf(network, {.step_size = 0.05});
  EulerMaruyama integrator(sgf.state_dimension(), sgf.noise_dimension());
  BrownianIncrements brownian(sgf.noise_dimension(), RandomStream(testing::test_seed(), 0, Purpose::kBrownian));
  Vector x = network.initial_state();
  const long before = testing::allocations_so_far();
  integrate(integrator, sgf, x, TimeGrid{0.0, 1.0, 256}, brownian);
  EXPECT_EQ(testing::allocations_so_far() - before, 0);
}

// Column k of the trajectory-major stepper vs EM on path k alone with the same Brownian stream:
// the same operations in the same order (panel products with combine_rows' bits, the same
// fixed-order ‖r‖²), so they agree BIT FOR BIT, for path counts around the panel width of 8.
void expect_paths_follow_single_runs(const Network& network) {
  const Sgf sgf(network, {.step_size = 0.05});
  constexpr Index kPaths = 11;
  const TimeGrid grid{0.0, 1.0, 40, 16};
  Matrix states(sgf.state_dimension(), kPaths);
  std::vector<RandomStream> streams;
  for (Index k = 0; k < kPaths; ++k) {
    states.col(k) = network.initial_state();
    streams.emplace_back(testing::test_seed(), static_cast<std::uint64_t>(k), Purpose::kBrownian);
  }
  // Single-path observers on every column through EachPath (lib/observers/each_path.hpp): they
  // see what they see in the single-path run, bit for bit.
  std::vector<LossIntegral<Network>> integrals(kPaths, LossIntegral<Network>(network));
  std::vector<StateTrace> traces(kPaths);
  DiagonalNetworkSgfPaths<Network> paths(sgf);
  paths.integrate(states, grid, streams, EachPath<LossIntegral<Network>>(integrals), EachPath<StateTrace>(traces));
  EulerMaruyama integrator(sgf.state_dimension(), sgf.noise_dimension());
  for (Index k = 0; k < kPaths; ++k) {
    BrownianIncrements brownian(sgf.noise_dimension(),
                                RandomStream(testing::test_seed(), static_cast<std::uint64_t>(k), Purpose::kBrownian));
    Vector x = network.initial_state();
    LossIntegral<Network> integral(network);
    StateTrace trace;
    integrate(integrator, sgf, x, grid, brownian, integral, trace);
    EXPECT_GT((x - network.initial_state()).norm(), 1e-2) << "path " << k;
    for (Index j = 0; j < x.size(); ++j) ASSERT_EQ(states(j, k), x[j]) << "path " << k << ", entry " << j;
    const auto path = static_cast<std::size_t>(k);
    EXPECT_GT(integral.value(), 0.0);
    EXPECT_EQ(integrals[path].value(), integral.value()) << "path " << k;
    EXPECT_EQ(traces[path].steps(), (std::vector<Index>{0, 16, 32, 40})) << "path " << k;
    EXPECT_EQ(traces[path].steps(), trace.steps()) << "path " << k;
    EXPECT_TRUE(traces[path].states() == trace.states()) << "path " << k;
  }
  EXPECT_GT((states.col(0) - states.col(1)).norm(), 1e-3);  // independent paths differ
}

TEST(SgfPaths, EveryColumnFollowsItsSinglePathRunInTheProductParametrisation) {
  SGDBIAS_TRACE_SEED();
  expect_paths_follow_single_runs(network_with(problems::DlnConvention::product_equivalent_to_ppf(0.1)));
}

TEST(SgfPaths, EveryColumnFollowsItsSinglePathRunInThePpfParametrisation) {
  SGDBIAS_TRACE_SEED();
  expect_paths_follow_single_runs(network_with(problems::DlnConvention::ppf(0.1)));
}

// A state whose β overflows (finite u, v with u⊙v = ∞) must stop the run with NumericalFailure, not
// carry NaN on: the per-step check looks at each path's σ, which the infinite residual makes ∞.
TEST(SgfPaths, StopsWhenAPathOverflows) {
  const Network network = network_with(problems::DlnConvention::product_equivalent_to_ppf(0.1));
  DiagonalNetworkSgfPaths<Network> paths(Sgf(network, {.step_size = 0.05}));
  Matrix states(network.dimension(), 9);
  for (Index k = 0; k < 9; ++k) states.col(k) = network.initial_state();
  states.col(8).setConstant(1e200);
  std::vector<RandomStream> streams;
  for (Index k = 0; k < 9; ++k) streams.emplace_back(1, static_cast<std::uint64_t>(k), Purpose::kBrownian);
  EXPECT_THROW(paths.integrate(states, TimeGrid{0.0, 1.0, 10}, streams), NumericalFailure);
}

TEST(SgfPaths, RejectsMismatchedStreamsAndStates) {
  const Network network = network_with(problems::DlnConvention::ppf(0.1));
  DiagonalNetworkSgfPaths<Network> paths(Sgf(network, {.step_size = 0.05}));
  Matrix states(network.dimension(), 3);
  for (Index k = 0; k < 3; ++k) states.col(k) = network.initial_state();
  std::vector<RandomStream> two(2, RandomStream(1, 0, Purpose::kBrownian));
  EXPECT_THROW(paths.integrate(states, TimeGrid{0.0, 1.0, 10}, two), InvalidArgument);
  Matrix wrong_rows(network.dimension() + 1, 2);
  wrong_rows.setZero();
  EXPECT_THROW(paths.integrate(wrong_rows, TimeGrid{0.0, 1.0, 10}, two), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::sde
