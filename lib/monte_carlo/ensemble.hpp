#pragma once
// run_ensemble: many independent trajectories over a grid of configurations, in parallel,
// bit-identical for any thread count (style.md D8).
//
// Why the results cannot depend on the thread count:
//   * randomness: trajectory k draws only from RandomStream(seed, k, purpose) (random_stream.hpp),
//     whichever thread runs it. The configuration is NOT mixed into the stream, so all
//     configurations of trajectory k see the same data and noise (common random numbers: method
//     differences are not drowned in replicate-to-replicate variance);
//   * reduction: the work is cut into fixed chunks (`chunk_size` consecutive trajectories of one
//     configuration); each chunk is reduced sequentially in trajectory order into a fresh copy of
//     `empty`, and the chunks of a configuration are merged in chunk order after all threads
//     finished. Threads only change WHO computes a chunk, never the arithmetic.
// Interruption: when `*hooks.interrupt` becomes true, workers abandon their current chunk, the
// finished chunks are already in `hooks.store`, and run_ensemble throws Interrupted. Resuming:
// chunks found in the store are loaded instead of recomputed (bit-exact archives).
//
// Requirements: `Sample simulate_one(const TrajectoryContext&)`, copyable; Reducer copyable with
// `add(const Sample&)` and `merge(const Reducer&)`; with a store also `save(io::ArchiveWriter&)
// const` and `load(io::ArchiveReader&)`.
// Per-worker workspace: simulate_one is copied ONCE per worker thread and that copy is called as
// a non-const object, so a simulator class can own its problem copy (mutable workspaces are then
// safe), integrator and state buffers, allocated once per worker and reset per trajectory.
// Chunk simulators: if the simulator also has `simulate_chunk(const TrajectoryChunk&, Reducer&)`
// (ChunkSimulator), a worker hands it whole chunks, e.g. to step K trajectories as one d×K matrix
// (one GEMM pair per step instead of K GEMV pairs); it must add the chunk's samples in trajectory
// order. Chunks depend on chunk_size only, so results stay independent of the thread count.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/stop_request.hpp"
#include "lib/io/archive.hpp"
#include "lib/io/progress.hpp"
#include "lib/monte_carlo/chunk_store.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias {

struct EnsembleOptions {
  Index configurations = 1;   // grid points (methods × parameters), indexed 0..configurations−1
  Index trajectories = 1000;  // independent trajectories per configuration
  std::uint64_t seed = 1;
  Index chunk_size = 16;      // fixes the reduction tree → results independent of `threads`
  int threads = 0;            // 0: the cores this process may use (usable_cpu_count())
};

struct TrajectoryContext {
  std::uint64_t seed;
  Index configuration;
  Index trajectory;
  // EnsembleHooks::interrupt, for a simulation long enough to poll it inside the trajectory
  // (StopCheck, throw_if_stop_requested): StopRequested abandons the chunk, as between trajectories.
  const std::atomic<bool>* interrupt = nullptr;
  RandomStream stream(Purpose purpose) const {
    return RandomStream(seed, static_cast<std::uint64_t>(trajectory), purpose);
  }
};

// Trajectories [first, end) of one configuration: the unit a ChunkSimulator receives.
struct TrajectoryChunk {
  std::uint64_t seed;
  Index configuration;
  Index first, end;
  Index size() const { return end - first; }
  const std::atomic<bool>* interrupt = nullptr;
  TrajectoryContext context(Index trajectory) const { return {seed, configuration, trajectory, interrupt}; }
};

template <class Simulator, class Reducer>
concept ChunkSimulator = requires(Simulator& simulator, const TrajectoryChunk& chunk, Reducer& reducer) {
  simulator.simulate_chunk(chunk, reducer);
};

struct EnsembleHooks {
  io::ProgressSink* progress = nullptr;
  std::string label = "ensemble";
  const ChunkStore* store = nullptr;
  std::string tag = "ensemble";  // distinguishes the ensembles of one run inside the store
  const std::atomic<bool>* interrupt = nullptr;
};

// Thrown by run_ensemble after an interruption; finished chunks are safe in the store.
class Interrupted : public StopRequested {
 public:
  Interrupted(std::int64_t finished_chunks, std::int64_t total_chunks)
      : StopRequested(describe("interrupted with ", finished_chunks, " of ", total_chunks,
                                    " chunks finished")) {}
};

template <class Reducer>
concept PersistentReducer = requires(const Reducer& constant, Reducer& mutable_reducer,
                                     io::ArchiveWriter& writer, io::ArchiveReader& reader) {
  constant.save(writer);
  mutable_reducer.load(reader);
};

// The cores this process may run on (its CPU affinity mask), at least 1.
int usable_cpu_count();
// `requested` worker threads, or for 0 ("all cores") usable_cpu_count().
int resolve_thread_count(int requested);

namespace detail {

// Per-worker counter on its own cache line: workers never write to a shared line per trajectory.
struct alignas(64) WorkerCounter {
  std::atomic<std::int64_t> trajectories{0};
};

struct ChunkRange {
  Index configuration, first, end;
};

// The shared chunk counter, alone on its cache line (workers take the next chunk with one RMW).
struct alignas(64) ChunkCounter {
  std::atomic<Index> next{0};
};

// Simulates one chunk into `reducer`; false when interrupted before its end (chunk abandoned).
template <class Reducer, class Simulator>
bool simulate_range(Simulator& simulate, const EnsembleOptions& options, const ChunkRange& range,
                    const std::atomic<bool>* interrupt, WorkerCounter& counter, Reducer& reducer) {
  auto interrupted = [interrupt] { return interrupt != nullptr && interrupt->load(std::memory_order_relaxed); };
  if constexpr (ChunkSimulator<Simulator, Reducer>) {
    if (interrupted()) return false;
    simulate.simulate_chunk(TrajectoryChunk{options.seed, range.configuration, range.first, range.end, interrupt},
                            reducer);
    counter.trajectories.fetch_add(range.end - range.first, std::memory_order_relaxed);
    return true;
  } else {
    for (Index trajectory = range.first; trajectory < range.end; ++trajectory) {
      if (interrupted()) return false;
      reducer.add(simulate(TrajectoryContext{options.seed, range.configuration, trajectory, interrupt}));
      counter.trajectories.fetch_add(1, std::memory_order_relaxed);
    }
    return true;
  }
}

inline ChunkRange chunk_range(const EnsembleOptions& options, Index chunk) {
  const Index per_configuration = (options.trajectories + options.chunk_size - 1) / options.chunk_size;
  const Index configuration = chunk / per_configuration;
  const Index first = (chunk % per_configuration) * options.chunk_size;
  return {configuration, first, std::min(first + options.chunk_size, options.trajectories)};
}

void validate(const EnsembleOptions& options);

}  // namespace detail

template <class Reducer, class SimulateOne>
std::vector<Reducer> run_ensemble(const EnsembleOptions& options, const SimulateOne& simulate_one,
                                  const Reducer& empty, const EnsembleHooks& hooks = {}) {
  detail::validate(options);
  const Index per_configuration = (options.trajectories + options.chunk_size - 1) / options.chunk_size;
  const Index chunk_count = per_configuration * options.configurations;
  std::vector<std::optional<Reducer>> chunks(static_cast<std::size_t>(chunk_count));
  std::int64_t preloaded_trajectories = 0;
  if constexpr (PersistentReducer<Reducer>) {
    for (Index chunk = 0; hooks.store != nullptr && chunk < chunk_count; ++chunk) {
      if (std::optional<std::string> text = hooks.store->load(hooks.tag, chunk)) {
        io::ArchiveReader reader(std::move(*text));
        Reducer loaded = empty;
        loaded.load(reader);
        chunks[static_cast<std::size_t>(chunk)] = std::move(loaded);
        const detail::ChunkRange range = detail::chunk_range(options, chunk);
        preloaded_trajectories += range.end - range.first;
      }
    }
  }
  const int workers = static_cast<int>(std::min<Index>(resolve_thread_count(options.threads),
                                                       std::max<Index>(chunk_count, 1)));
  std::vector<detail::WorkerCounter> counters(static_cast<std::size_t>(workers));
  std::vector<std::exception_ptr> failures(static_cast<std::size_t>(chunk_count));
  detail::ChunkCounter next_chunk;
  std::atomic<bool> stop{false};
  std::atomic<int> running{workers};
  std::mutex mutex;
  std::condition_variable all_done;

  auto work = [&](int worker) {
    std::decay_t<SimulateOne> simulate = simulate_one;  // this worker's workspace (functions decay to pointers)
    for (Index chunk = next_chunk.next++; chunk < chunk_count && !stop; chunk = next_chunk.next++) {
      if (chunks[static_cast<std::size_t>(chunk)].has_value()) continue;
      const detail::ChunkRange range = detail::chunk_range(options, chunk);
      try {
        Reducer reducer = empty;
        if (!detail::simulate_range(simulate, options, range, hooks.interrupt,
                                    counters[static_cast<std::size_t>(worker)], reducer)) {
          break;
        }
        if constexpr (PersistentReducer<Reducer>) {
          if (hooks.store != nullptr) {
            io::ArchiveWriter writer;
            reducer.save(writer);
            hooks.store->save(hooks.tag, chunk, writer.str());
          }
        }
        chunks[static_cast<std::size_t>(chunk)] = std::move(reducer);
      } catch (const StopRequested&) {  // polled inside a trajectory: the chunk is abandoned
        break;
      } catch (...) {
        failures[static_cast<std::size_t>(chunk)] = std::current_exception();
        stop = true;
      }
    }
    std::lock_guard lock(mutex);
    if (--running == 0) all_done.notify_all();
  };

  const std::int64_t total = options.configurations * options.trajectories;
  if (hooks.progress != nullptr) hooks.progress->start(hooks.label, total);
  std::vector<std::jthread> threads;
  threads.reserve(static_cast<std::size_t>(workers));
  for (int worker = 0; worker < workers; ++worker) threads.emplace_back(work, worker);
  {
    std::unique_lock lock(mutex);
    while (!all_done.wait_for(lock, std::chrono::milliseconds(200), [&] { return running == 0; })) {
      std::int64_t done = preloaded_trajectories;
      for (const detail::WorkerCounter& counter : counters) done += counter.trajectories.load();
      if (hooks.progress != nullptr) hooks.progress->update(done);
    }
  }
  threads.clear();  // joins
  if (hooks.progress != nullptr) {
    std::int64_t done = preloaded_trajectories;
    for (const detail::WorkerCounter& counter : counters) done += counter.trajectories.load();
    hooks.progress->update(done);
    hooks.progress->finish();
  }
  for (const std::exception_ptr& failure : failures) {
    if (failure) std::rethrow_exception(failure);  // the lowest failing chunk: deterministic
  }
  const std::int64_t finished = std::count_if(chunks.begin(), chunks.end(),
                                              [](const std::optional<Reducer>& c) { return c.has_value(); });
  if (finished < chunk_count) throw Interrupted(finished, chunk_count);

  std::vector<Reducer> results(static_cast<std::size_t>(options.configurations), empty);
  for (Index chunk = 0; chunk < chunk_count; ++chunk) {
    results[static_cast<std::size_t>(chunk / per_configuration)].merge(*chunks[static_cast<std::size_t>(chunk)]);
  }
  return results;
}

}  // namespace sgdbias
