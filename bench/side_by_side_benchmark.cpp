// The library's side of bench/side_by_side/run.sh: GD, SGD (batch 1) and SGF Euler–Maruyama on the
// peers' problem and convention (bench_problems.hpp), one trajectory and ensembles of K
// trajectories through run_ensemble on 1 and 2 threads, with the peers' step counts:
//   SideBySide/<alg>/single                      iteration = LOOP_STEPS steps of one trajectory
//   SideBySide/<alg>/ensemble/threads:<t>        iteration = K trajectories × BATCHED_STEPS steps
// Steps and K come from $SGDBIAS_SBS_LOOP_STEPS, $SGDBIAS_SBS_BATCHED_STEPS, $SGDBIAS_SBS_K
// (run.sh sets them to what it passes to the peers). Wall-clock time, like the peers' timers.
// items_per_second = trajectory-steps per second.
#include <cstdlib>
#include <string>
#include <utility>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/bench_problems.hpp"
#include "bench/sgf_adapter.hpp"
#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/monte_carlo/ensemble.hpp"
#include "lib/monte_carlo/running_moments.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"

namespace sgdbias::bench {
namespace {

using problems::DiagonalLinearNetwork;

Index setting(const char* name, Index fallback) {
  const char* text = std::getenv(name);
  return text != nullptr && *text != '\0' ? static_cast<Index>(std::atoll(text)) : fallback;
}

// One trajectory of `steps` steps of algorithm `Alg` from x (in place). Streams per trajectory.
enum class Alg { kGd, kSgd, kSgfEm };

void advance(Alg alg, const DiagonalLinearNetwork& problem, const SgfAdapter& sgf,
             const TrajectoryContext& context, Index steps, VectorRef x) {
  if (alg == Alg::kSgfEm) {
    sde::EulerMaruyama integrator(sgf.state_dimension(), sgf.noise_dimension());
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
  const SgfAdapter sgf(problem, kPeerStepSize);
  Vector x = problem.initial_state();
  Index trajectory = 0;
  for (auto _ : state) {  // the state carries over between blocks, as in the peers' time_reps
    advance(alg, problem, sgf, TrajectoryContext{1, 0, trajectory++}, steps, x);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * steps);
}

void ensemble(benchmark::State& state, Alg alg, Index steps, Index trajectories, int threads) {
  const DiagonalLinearNetwork problem = benchmark_network(40, 100);
  const SgfAdapter sgf(problem, kPeerStepSize);
  EnsembleOptions options;
  options.trajectories = trajectories;
  options.threads = threads;
  // Each worker copies this callable, hence its own problem workspace (problems are not thread-safe).
  auto simulate_one = [problem, sgf, alg, steps](const TrajectoryContext& context) {
    Vector x = problem.initial_state();
    advance(alg, problem, sgf, context, steps, x);
    return problem.loss(x);
  };
  for (auto _ : state) {
    std::vector<RunningMoments> result = run_ensemble(options, simulate_one, RunningMoments{});
    benchmark::DoNotOptimize(result.data());
  }
  state.SetItemsProcessed(state.iterations() * trajectories * steps);
}

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
      benchmark::RegisterBenchmark((prefix + "/ensemble/threads:" + std::to_string(threads)).c_str(),
                                   [=, alg = alg](benchmark::State& s) {
                                     ensemble(s, alg, batched_steps, trajectories, threads);
                                   })
          ->UseRealTime()->Unit(benchmark::kMillisecond);
    }
  }
  return true;
}

const bool kRegistered = register_all();

}  // namespace
}  // namespace sgdbias::bench
