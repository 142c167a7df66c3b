// run_ensemble: bit-identical for any thread count, equal to a sequential reduction, resumable
// after an interruption with the same bits. Deterministic: every draw comes from
// RandomStream(test_seed(), trajectory, purpose), bit-identical for a seed.
#include "lib/monte_carlo/ensemble.hpp"

#include <sched.h>

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <thread>

#include <gtest/gtest.h>

#include "lib/monte_carlo/ensemble_summary.hpp"
#include "tests/support/scratch_folder.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

constexpr Index kSteps = 50, kStride = 10;

// A random walk whose drift depends on the configuration; metrics: final value, running maximum;
// series: the value every kStride steps.
struct RandomWalk {
  std::atomic<bool>* interrupt = nullptr;
  Index interrupt_at = -1;

  TrajectorySample operator()(const TrajectoryContext& context) const {
    if (context.trajectory == interrupt_at && interrupt != nullptr) interrupt->store(true);
    RandomStream stream = context.stream(Purpose::kTest);
    TrajectorySample sample{context.trajectory, {0, 0}, {}};
    double value = 0, maximum = 0;
    for (Index step = 1; step <= kSteps; ++step) {
      value += 0.1 * static_cast<double>(context.configuration) + stream.standard_normal();
      maximum = std::max(maximum, value);
      if (step % kStride == 0) sample.series.push_back(value);
    }
    sample.metrics = {value, maximum};
    return sample;
  }
};

EnsembleSummary empty_summary() {
  return EnsembleSummary(SummaryLayout{2, kSteps / kStride, 1, true, 64});
}

std::string archive(const std::vector<EnsembleSummary>& summaries) {
  io::ArchiveWriter writer;
  for (const EnsembleSummary& summary : summaries) summary.save(writer);
  return writer.str();
}

EnsembleOptions options_with_threads(int threads) {
  return EnsembleOptions{3, 203, testing::test_seed(), 16, threads};
}

TEST(Ensemble, ResultsAreBitIdenticalForOneTwoAndThreeThreads) {
  SGDBIAS_TRACE_SEED();
  const std::string one = archive(run_ensemble(options_with_threads(1), RandomWalk{}, empty_summary()));
  EXPECT_EQ(archive(run_ensemble(options_with_threads(2), RandomWalk{}, empty_summary())), one);
  EXPECT_EQ(archive(run_ensemble(options_with_threads(3), RandomWalk{}, empty_summary())), one);
}

TEST(Ensemble, EqualsASequentialReductionOfTheSameTrajectories) {
  SGDBIAS_TRACE_SEED();
  const EnsembleOptions options = options_with_threads(2);
  const std::vector<EnsembleSummary> parallel = run_ensemble(options, RandomWalk{}, empty_summary());
  for (Index configuration = 0; configuration < options.configurations; ++configuration) {
    RunningMoments sequential;
    for (Index trajectory = 0; trajectory < options.trajectories; ++trajectory) {
      sequential.add(RandomWalk{}(TrajectoryContext{options.seed, configuration, trajectory}).metrics[0]);
    }
    const RunningMoments& merged = parallel[static_cast<std::size_t>(configuration)].moments(0);
    EXPECT_EQ(merged.count(), options.trajectories);
    EXPECT_NEAR(merged.mean(), sequential.mean(), 1e-12);
    EXPECT_NEAR(merged.variance(), sequential.variance(), 1e-10 * sequential.variance());
    // The drift 0.1·c·kSteps is recovered within 4 standard errors.
    EXPECT_NEAR(merged.mean(), 0.1 * static_cast<double>(configuration * kSteps), 4 * merged.standard_error());
    ASSERT_EQ(parallel[static_cast<std::size_t>(configuration)].records().size(), 203u);
    EXPECT_EQ(parallel[static_cast<std::size_t>(configuration)].records()[17].trajectory, 17);
  }
}

TEST(Ensemble, CommonRandomNumbersAcrossConfigurations) {
  SGDBIAS_TRACE_SEED();
  const std::vector<EnsembleSummary> summaries = run_ensemble(options_with_threads(2), RandomWalk{}, empty_summary());
  // Same noise in every configuration: final values differ by exactly the drift (to round-off).
  const double difference = summaries[1].records()[5].metrics[0] - summaries[0].records()[5].metrics[0];
  EXPECT_NEAR(difference, 0.1 * kSteps, 1e-9);
}

TEST(Ensemble, ResumingAnInterruptedRunReproducesTheUninterruptedBits) {
  SGDBIAS_TRACE_SEED();
  const testing::ScratchFolder scratch("ensemble-resume");
  const std::filesystem::path& folder = scratch.path();
  const std::string uninterrupted = archive(run_ensemble(options_with_threads(2), RandomWalk{}, empty_summary()));
  std::atomic<bool> interrupt{false};
  {
    ChunkStore store(folder, "fingerprint-a");
    EnsembleHooks hooks{nullptr, "test", &store, "walk", &interrupt};
    RandomWalk interrupting{&interrupt, 100};
    EXPECT_THROW(run_ensemble(options_with_threads(2), interrupting, empty_summary(), hooks), Interrupted);
  }
  const auto chunk_files = std::distance(std::filesystem::directory_iterator(folder), std::filesystem::directory_iterator());
  EXPECT_GT(chunk_files, 2);  // fingerprint + some finished chunks
  interrupt = false;
  ChunkStore store(folder, "fingerprint-a");
  EnsembleHooks hooks{nullptr, "test", &store, "walk", &interrupt};
  EXPECT_EQ(archive(run_ensemble(options_with_threads(1), RandomWalk{}, empty_summary(), hooks)), uninterrupted);
  EXPECT_THROW(ChunkStore(folder, "fingerprint-b"), InvalidArgument);
}

// Two "processes" (threads of this test) sharing one ensemble through ChunkDealers that pass
// chunks in memory, as the MPI dealer passes them between ranks (notebooks/cluster/): a root that
// deals, stores and reduces, and a helper that takes from the same deal and hands its chunks over.
struct InMemoryWire {
  std::mutex mutex;
  std::vector<Index> pending;
  std::size_t next = 0;
  std::vector<ReceivedChunk> in_flight;  // helper → root
  bool helper_done = false;
  std::optional<std::string> results;    // root → helper
  std::optional<Index> take() {
    std::lock_guard lock(mutex);
    return next < pending.size() ? std::optional<Index>(pending[next++]) : std::nullopt;
  }
};

class InMemoryDeal final : public ChunkDeal {
 public:
  InMemoryDeal(InMemoryWire& wire, bool root) : wire_(wire), root_(root) {}
  std::optional<Index> take() override { return wire_.take(); }
  void put(Index chunk, std::string archive, bool stored) override {
    std::lock_guard lock(wire_.mutex);
    wire_.in_flight.push_back({chunk, std::move(archive), stored});
  }
  DealMail poll() override {
    DealMail mail;
    std::lock_guard lock(wire_.mutex);
    if (root_) mail.chunks.swap(wire_.in_flight);
    return mail;
  }
  bool settled() const override {
    std::lock_guard lock(wire_.mutex);
    if (!root_) wire_.helper_done = true;  // called once its workers ended
    return !root_ || (wire_.helper_done && wire_.in_flight.empty());
  }
  void interrupt() override {}
  void close() override {}
  std::string share(std::string results) override {
    while (true) {
      std::lock_guard lock(wire_.mutex);
      if (root_) return *(wire_.results = std::move(results));
      if (wire_.results) return *wire_.results;
    }
  }
  std::chrono::milliseconds poll_interval() const override { return std::chrono::milliseconds(1); }

 private:
  InMemoryWire& wire_;
  bool root_;
};

class InMemoryDealer final : public ChunkDealer {
 public:
  InMemoryDealer(InMemoryWire& wire, bool root) : wire_(wire), root_(root) {}
  bool is_root() const override { return root_; }
  std::unique_ptr<ChunkDeal> deal(Index, std::vector<Index> pending, int) override {
    if (root_) {
      std::lock_guard lock(wire_.mutex);
      wire_.pending = std::move(pending);
    }
    return std::make_unique<InMemoryDeal>(wire_, root_);
  }

 private:
  InMemoryWire& wire_;
  bool root_;
};

TEST(Ensemble, TwoProcessesSharingTheChunksGetTheBitsOfOne) {
  SGDBIAS_TRACE_SEED();
  const std::string alone = archive(run_ensemble(options_with_threads(1), RandomWalk{}, empty_summary()));
  for (const bool helper_sees_the_store : {false, true}) {
    const testing::ScratchFolder scratch("ensemble-shared");
    const ChunkStore store(scratch.path(), "fingerprint-a");
    const std::optional<ChunkStore> shared = ChunkStore::open_existing(scratch.path(), "fingerprint-a");
    ASSERT_TRUE(shared.has_value());
    EXPECT_FALSE(ChunkStore::open_existing(scratch.path(), "fingerprint-b").has_value());
    EXPECT_FALSE(ChunkStore::open_existing(scratch.path() / "absent", "fingerprint-a").has_value());
    InMemoryWire wire;
    wire.pending = {Index{-1}};  // the root's deal() sets the real list before any take()
    InMemoryDealer root(wire, true), helper(wire, false);
    std::string helper_result;
    std::jthread helper_process([&] {
      while (true) {  // the helper may only start once the root dealt
        std::lock_guard lock(wire.mutex);
        if (wire.pending.empty() || wire.pending[0] != -1) break;
      }
      EnsembleHooks hooks{nullptr, "test", helper_sees_the_store ? &*shared : nullptr, "walk", nullptr, &helper};
      helper_result = archive(run_ensemble(options_with_threads(2), RandomWalk{}, empty_summary(), hooks));
    });
    EnsembleHooks hooks{nullptr, "test", &store, "walk", nullptr, &root};
    EXPECT_EQ(archive(run_ensemble(options_with_threads(2), RandomWalk{}, empty_summary(), hooks)), alone);
    helper_process.join();
    EXPECT_EQ(helper_result, alone);  // the study continues with the same numbers on every process
    // Every chunk is in the store, whoever computed it and whoever saved it: 3 configurations x
    // ceil(203 / 16) chunks, plus the fingerprint.
    const auto files = std::distance(std::filesystem::directory_iterator(scratch.path()), std::filesystem::directory_iterator());
    EXPECT_EQ(files, 3 * 13 + 1);
  }
}

TEST(Ensemble, AFailingTrajectoryPropagatesItsException) {
  auto failing = [](const TrajectoryContext& context) -> TrajectorySample {
    if (context.trajectory == 7) throw NumericalFailure("walk", "diverged");
    return TrajectorySample{context.trajectory, {1.0, 1.0}, std::vector<double>(5, 0.0)};
  };
  EXPECT_THROW(run_ensemble(options_with_threads(2), failing, empty_summary()), NumericalFailure);
}

TEST(Ensemble, RejectsEmptyEnsemblesAndNegativeThreadCounts) {
  EXPECT_THROW(run_ensemble(EnsembleOptions{1, 0, 1, 16, 1}, RandomWalk{}, empty_summary()), InvalidArgument);
  EXPECT_THROW(run_ensemble(EnsembleOptions{1, 10, 1, 0, 1}, RandomWalk{}, empty_summary()), InvalidArgument);
  EXPECT_THROW(run_ensemble(EnsembleOptions{1, 10, 1, 4, -2}, RandomWalk{}, empty_summary()), InvalidArgument);
}

// A simulation that polls the interrupt inside its trajectory (StopCheck) abandons its chunk with
// StopRequested: run_ensemble reports an interruption (resumable), not a failed trajectory.
TEST(Ensemble, AStopInsideATrajectoryIsAnInterruptionNotAFailure) {
  const testing::ScratchFolder scratch("ensemble-stop");
  const ChunkStore store(scratch.path(), "stop");
  std::atomic<bool> interrupt{false};
  const auto simulate = [&interrupt](const TrajectoryContext& context) {
    if (context.trajectory == 20) interrupt.store(true);
    throw_if_stop_requested(context.interrupt);
    return TrajectorySample{context.trajectory, {1.0, 1.0}, std::vector<double>(kSteps / kStride, 0.0)};
  };
  EnsembleOptions options{1, 40, 1, 10, 1};
  const EnsembleHooks hooks{nullptr, "stop", &store, "stop", &interrupt};
  EXPECT_THROW(run_ensemble(options, simulate, empty_summary(), hooks), Interrupted);
  EXPECT_TRUE(store.load("stop", 1).has_value());   // trajectories 10-19: finished and saved
  EXPECT_FALSE(store.load("stop", 2).has_value());  // 20-29: abandoned mid-chunk
}

// Threads 0 ("all cores") means the cores the process may use: under `taskset -c 0` (or a
// scheduler's pinning) it is 1, not the machine's core count. The mask is narrowed on a thread of
// its own, which inherits nothing back to the test process.
TEST(Ensemble, ZeroThreadsMeansTheCoresOfTheAffinityMask) {
  int resolved_in_pinned_thread = 0;
  std::thread pinned([&] {
    cpu_set_t mask;
    CPU_ZERO(&mask);
    ASSERT_EQ(::sched_getaffinity(0, sizeof(mask), &mask), 0);
    int first = 0;
    while (!CPU_ISSET(first, &mask)) ++first;
    CPU_ZERO(&mask);
    CPU_SET(first, &mask);
    ASSERT_EQ(::sched_setaffinity(0, sizeof(mask), &mask), 0);
    resolved_in_pinned_thread = resolve_thread_count(0);
  });
  pinned.join();
  EXPECT_EQ(resolved_in_pinned_thread, 1);
  EXPECT_EQ(resolve_thread_count(3), 3);  // an explicit count is taken as given
}

}  // namespace
}  // namespace sgdbias
