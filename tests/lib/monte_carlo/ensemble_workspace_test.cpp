// run_ensemble's per-worker workspaces and chunk simulators: a simulator that keeps mutable buffers
// (one copy per worker) and one that steps whole chunks give the same bits as the plain
// per-trajectory callable, for any thread count. Deterministic: every draw comes from
// RandomStream(test_seed(), trajectory, purpose), bit-identical for a seed.
#include <atomic>
#include <vector>

#include <gtest/gtest.h>

#include "lib/monte_carlo/ensemble.hpp"
#include "lib/monte_carlo/running_moments.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

constexpr Index kSteps = 40;

// Final value of a random walk with drift 0.1·configuration.
double walk(const TrajectoryContext& context) {
  RandomStream stream = context.stream(Purpose::kTest);
  double value = 0.0;
  for (Index step = 0; step < kSteps; ++step) value += 0.1 * static_cast<double>(context.configuration) + stream.standard_normal();
  return value;
}

// The same walk through a workspace owned by the simulator (filled, then summed): non-const call.
struct BufferedWalk {
  std::vector<double> increments = std::vector<double>(kSteps);
  double operator()(const TrajectoryContext& context) {
    RandomStream stream = context.stream(Purpose::kTest);
    for (double& increment : increments) increment = 0.1 * static_cast<double>(context.configuration) + stream.standard_normal();
    double value = 0.0;
    for (double increment : increments) value += increment;
    return value;
  }
};

// The same walk, a whole chunk at a time (samples added in trajectory order).
struct ChunkWalk {
  std::atomic<int>* chunk_calls;
  double operator()(const TrajectoryContext& context) const { return walk(context); }
  void simulate_chunk(const TrajectoryChunk& chunk, RunningMoments& reducer) {
    chunk_calls->fetch_add(1);
    std::vector<double> values;
    for (Index trajectory = chunk.first; trajectory < chunk.end; ++trajectory) values.push_back(walk(chunk.context(trajectory)));
    for (double value : values) reducer.add(value);
  }
};
static_assert(ChunkSimulator<ChunkWalk, RunningMoments>);
static_assert(!ChunkSimulator<BufferedWalk, RunningMoments>);

EnsembleOptions options_with_threads(int threads) { return EnsembleOptions{2, 203, testing::test_seed(), 16, threads}; }

void expect_bit_identical(const std::vector<RunningMoments>& actual, const std::vector<RunningMoments>& expected) {
  ASSERT_EQ(actual.size(), expected.size());
  for (std::size_t c = 0; c < expected.size(); ++c) {
    EXPECT_EQ(actual[c].count(), expected[c].count());
    EXPECT_EQ(actual[c].mean(), expected[c].mean());
    EXPECT_EQ(actual[c].variance(), expected[c].variance());
  }
}

TEST(EnsembleWorkspace, SimulatorsWithMutableWorkspacesGiveTheSameBitsOnAnyThreadCount) {
  SGDBIAS_TRACE_SEED();
  const std::vector<RunningMoments> plain = run_ensemble(options_with_threads(1), walk, RunningMoments{});
  for (int threads : {1, 2, 3}) {
    expect_bit_identical(run_ensemble(options_with_threads(threads), BufferedWalk{}, RunningMoments{}), plain);
  }
}

TEST(EnsembleWorkspace, ChunkSimulatorsReceiveWholeChunksAndGiveTheSameBits) {
  SGDBIAS_TRACE_SEED();
  const std::vector<RunningMoments> plain = run_ensemble(options_with_threads(1), walk, RunningMoments{});
  for (int threads : {1, 2, 3}) {
    std::atomic<int> calls{0};
    expect_bit_identical(run_ensemble(options_with_threads(threads), ChunkWalk{&calls}, RunningMoments{}), plain);
    EXPECT_EQ(calls.load(), 2 * 13);  // ⌈203/16⌉ chunks per configuration, each simulated once
  }
}

}  // namespace
}  // namespace sgdbias
