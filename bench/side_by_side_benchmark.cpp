// The library's side of bench/side_by_side/run.sh: GD, SGD (batch 1) and SGF Euler–Maruyama on the
// peers' problem and convention (bench_problems.hpp), one trajectory and ensembles of K
// trajectories through run_ensemble on 1 and 2 threads, with the peers' step counts:
//   SideBySide/<alg>/single                      iteration = LOOP_STEPS steps of one trajectory
//   SideBySide/<alg>/ensemble/threads:<t>        iteration = K trajectories × BATCHED_STEPS steps;
//                                                GD's and the SGF's in chunks of paths stepped as
//                                                panels (gradient_steps, DiagonalNetworkSgfPaths)
//   SideBySide/{gd,sgf_em}/ensemble_path_by_path/threads:<t>   the same ensembles one path at a time
// SGF = sde::DiagonalNetworkSgf (fused step) under sde::EulerMaruyama, or DiagonalNetworkSgfPaths.
// Steps and K come from $SGDBIAS_SBS_LOOP_STEPS, $SGDBIAS_SBS_BATCHED_STEPS, $SGDBIAS_SBS_K
// (run.sh sets them to what it passes to the peers). Wall-clock time, like the peers' timers.
// items_per_second = trajectory-steps per second; ensembles also report items_per_cpu_second
// (all threads' CPU time), readable on a shared machine.
#include <time.h>

#include <cstdlib>
#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/bench_problems.hpp"
#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/monte_carlo/ensemble.hpp"
#include "lib/monte_carlo/running_moments.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf_paths.hpp"

namespace sgdbias::bench {
namespace {

using problems::DiagonalLinearNetwork;
using Sgf = sde::DiagonalNetworkSgf<DiagonalLinearNetwork>;

// The library's SGF (fused Euler–Maruyama step) made the peers' SDE. Their noise prefactor
// 2√(γL/n) = √(γ·MSE/n) with L = MSE/4 is the one of the named conventions (f = 1); the library's
// SGF of the c = 1/4 problem has f = 2c = ½ (dln.md §6.2, diagonal_network_sgf.hpp), so SgfOptions
// γ = 4γ_peers gives exactly their noise; the drift and the time step h = γ_peers are unchanged.
Sgf peers_sgf(const DiagonalLinearNetwork& problem) { return Sgf(problem, {.step_size = 4.0 * kPeerStepSize}); }

Index setting(const char* name, Index fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? static_cast<Index>(std::atoll(text)) : fallback;
}

// One trajectory of `steps` steps of algorithm `Alg` from x (in place). Streams per trajectory.
enum class Alg { kGd, kSgd, kSgfEm };

void advance(Alg alg, const DiagonalLinearNetwork& problem, const Sgf& sgf, sde::EulerMaruyama& integrator,
             const TrajectoryContext& context, Index steps, VectorRef x) {
  if (alg == Alg::kSgfEm) {
    sde::BrownianIncrements brownian(sgf.noise_dimension(), context.stream(Purpose::kBrownian));
    const sde::TimeGrid grid{0.0, kPeerStepSize * static_cast<double>(steps), steps};
    sde::integrate(integrator, sgf, x, grid, brownian);
    return;
  }
  IterationOptions options;
  options.steps = steps;
  options.record_stride = steps;
  if (alg == Alg::kGd) {
    GradientDescent<DiagonalLinearNetwork> algorithm(problem, {.step_size = kPeerStepSize});
    iterate(algorithm, x, options);
  } else {
    StochasticGradientDescentOptions sgd;
    sgd.step_size = kPeerStepSize;
    StochasticGradientDescent<DiagonalLinearNetwork> algorithm(problem, sgd, context.stream(Purpose::kMinibatch));
    iterate(algorithm, x, options);
  }
}

void single(benchmark::State& state, Alg alg, Index steps) {
  const DiagonalLinearNetwork problem = benchmark_network(40, 100);
  const Sgf sgf = peers_sgf(problem);
  sde::EulerMaruyama integrator(sgf.state_dimension(), sgf.noise_dimension());
  Vector x = problem.initial_state();
  Index trajectory = 0;
  for (auto _ : state) {  // the state carries over between blocks, as in the peers' time_reps
    advance(alg, problem, sgf, integrator, TrajectoryContext{1, 0, trajectory++}, steps, x);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * steps);
}

// One run_ensemble worker: run_ensemble copies it once per thread, so each worker owns its problem
// and SDE copies (mutable workspaces: problems are not thread-safe), its integrator and its state,
// allocated once and reset per trajectory.
class TrajectoryWorker {
 public:
  TrajectoryWorker(const DiagonalLinearNetwork& problem, Alg alg, Index steps)
      : problem_(problem), sgf_(peers_sgf(problem)), integrator_(sgf_.state_dimension(), sgf_.noise_dimension()),
        alg_(alg), steps_(steps), initial_(problem.initial_state()), x_(initial_) {}

  double operator()(const TrajectoryContext& context) {
    x_ = initial_;
    advance(alg_, problem_, sgf_, integrator_, context, steps_, x_);
    return problem_.loss(x_);
  }

 private:
  DiagonalLinearNetwork problem_;
  Sgf sgf_;
  sde::EulerMaruyama integrator_;
  Alg alg_;
  Index steps_;
  Vector initial_, x_;
};

// The ensemble worker that steps a whole chunk as one 2d × K matrix: the SGF through
// DiagonalNetworkSgfPaths, GD through DiagonalLinearNetwork::gradient_steps (one panel product pair
// per step instead of K GEMV pairs). Path k keeps its own Brownian stream, so it is bit for bit
// TrajectoryWorker's trajectory k (tests/problems/diagonal_linear_network/euler_increment, diagonal_linear_network_steps_test).
class ChunkWorker {
 public:
  ChunkWorker(const DiagonalLinearNetwork& problem, Alg alg, Index steps)
      : problem_(problem), paths_(peers_sgf(problem)), alg_(alg), steps_(steps), initial_(problem.initial_state()) {}

  void simulate_chunk(const TrajectoryChunk& chunk, RunningMoments& reducer) {
    states_.resize(initial_.size(), chunk.size());
    states_.colwise() = initial_;
    if (alg_ == Alg::kSgfEm) {
      streams_.clear();
      for (Index k = chunk.first; k < chunk.end; ++k) streams_.push_back(chunk.context(k).stream(Purpose::kBrownian));
      paths_.integrate(states_, sde::TimeGrid{0.0, kPeerStepSize * static_cast<double>(steps_), steps_}, streams_);
    } else {
      for (Index step = 0; step < steps_; ++step) problem_.gradient_steps(states_, kPeerStepSize, kNoLimit);
    }
    for (Index k = 0; k < chunk.size(); ++k) reducer.add(problem_.loss(states_.col(k)));
  }

 private:
  static constexpr double kNoLimit = std::numeric_limits<double>::infinity();
  DiagonalLinearNetwork problem_;
  sde::DiagonalNetworkSgfPaths<DiagonalLinearNetwork> paths_;
  Alg alg_;
  Index steps_;
  Vector initial_;
  Matrix states_;
  std::vector<RandomStream> streams_;
};

double process_cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + 1e-9 * static_cast<double>(now.tv_nsec);
}

template <class Worker>
void ensemble(benchmark::State& state, const Worker& simulate_one, Index steps, Index trajectories, int threads,
              Index chunk_size = EnsembleOptions{}.chunk_size) {
  EnsembleOptions options;
  options.trajectories = trajectories;
  options.threads = threads;
  options.chunk_size = chunk_size;
  const double cpu_start = process_cpu_seconds();
  for (auto _ : state) {
    std::vector<RunningMoments> result = run_ensemble(options, simulate_one, RunningMoments{});
    benchmark::DoNotOptimize(result.data());
  }
  const double items = static_cast<double>(state.iterations() * trajectories * steps);
  state.SetItemsProcessed(state.iterations() * trajectories * steps);
  // All threads' CPU time (Google Benchmark's cpu_time is the main thread's, which only waits):
  // on a shared machine, items per CPU-second shows the work per step apart from the waiting.
  state.counters["items_per_cpu_second"] = items / (process_cpu_seconds() - cpu_start);
}

// Paths per chunk: 8 panels of 8 paths, the d × K workspaces in L2 (bench/README.md), and
// K = 1000 still splits into 16 chunks for the threads.
const Index kChunk = setting("SGDBIAS_SBS_CHUNK", 64);

bool register_all() {
  const Index loop_steps = setting("SGDBIAS_SBS_LOOP_STEPS", 4000);
  const Index batched_steps = setting("SGDBIAS_SBS_BATCHED_STEPS", 100);
  const Index trajectories = setting("SGDBIAS_SBS_K", 1000);
  for (auto [alg, name] : {std::pair{Alg::kGd, "gd"}, std::pair{Alg::kSgd, "sgd"}, std::pair{Alg::kSgfEm, "sgf_em"}}) {
    const std::string prefix = std::string("SideBySide/") + name;
    benchmark::RegisterBenchmark((prefix + "/single").c_str(),
                                 [alg = alg, loop_steps](benchmark::State& s) { single(s, alg, loop_steps); })
        ->UseRealTime()->Unit(benchmark::kMillisecond);
    for (int threads : {1, 2}) {
      const std::string suffix = "/threads:" + std::to_string(threads);
      // GD and the SGF as the library runs their ensembles: chunks of kChunk paths stepped as
      // panels (bit for bit the path-by-path runs); path by path for comparison. SGD's paths
      // share no loads (each draws its own sample), so it runs path by path.
      const bool panels = alg != Alg::kSgd;
      if (panels) {
        benchmark::RegisterBenchmark((prefix + "/ensemble" + suffix).c_str(), [=, alg = alg](benchmark::State& s) {
          ensemble(s, ChunkWorker(benchmark_network(40, 100), alg, batched_steps), batched_steps, trajectories,
                   threads, kChunk);
        })->UseRealTime()->Unit(benchmark::kMillisecond);
      }
      benchmark::RegisterBenchmark(
          (prefix + (panels ? "/ensemble_path_by_path" : "/ensemble") + suffix).c_str(),
          [=, alg = alg](benchmark::State& s) {
            ensemble(s, TrajectoryWorker(benchmark_network(40, 100), alg, batched_steps), batched_steps,
                     trajectories, threads);
          })->UseRealTime()->Unit(benchmark::kMillisecond);
    }
  }
  return true;
}

const bool kRegistered = register_all();

}  // namespace
}  // namespace sgdbias::bench
