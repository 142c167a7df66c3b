// Cost per step of the discrete algorithms (lib/algorithms) on a diagonal linear network, through
// the library's one loop iterate() with no observer, against (n, d) and the minibatch settings.
//   name: AlgorithmStep/<algorithm>/n:<n>/d:<d>[/b:<b>]     items = steps
// Compare with problem_oracle_benchmark (the oracle alone) and roofline_benchmark (the bound).
#include <benchmark/benchmark.h>

#include "bench/bench_problems.hpp"
#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/label_noise_schedule.hpp"
#include "lib/algorithms/label_noise_sgd.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/random/minibatch_sampler.hpp"

namespace sgdbias::bench {
namespace {

using problems::DiagonalLinearNetwork;

constexpr Index kStepsPerIteration = 1000;

template <class Algorithm>
void run_steps(benchmark::State& state, const DiagonalLinearNetwork& problem, Algorithm& algorithm) {
  const Vector initial = problem.initial_state();
  Vector x = initial;
  IterationOptions options;
  options.steps = kStepsPerIteration;
  options.record_stride = kStepsPerIteration;
  for (auto _ : state) {
    x = initial;  // same work every iteration, never near a divergence
    iterate(algorithm, x, options);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * kStepsPerIteration);
}

void BM_GradientDescent(benchmark::State& state) {
  const DiagonalLinearNetwork problem = benchmark_network(state.range(0), state.range(1));
  GradientDescent<DiagonalLinearNetwork> algorithm(problem, {.step_size = kPeerStepSize});
  run_steps(state, problem, algorithm);
}

void BM_StochasticGradientDescent(benchmark::State& state) {
  const DiagonalLinearNetwork problem = benchmark_network(state.range(0), state.range(1));
  StochasticGradientDescentOptions options;
  options.step_size = kPeerStepSize;
  options.batch_size = state.range(2);
  options.sampling = state.range(3) == 0 ? BatchSampling::kWithReplacement : BatchSampling::kWithoutReplacement;
  StochasticGradientDescent<DiagonalLinearNetwork> algorithm(problem, options,
                                                             RandomStream(1, 0, Purpose::kMinibatch));
  run_steps(state, problem, algorithm);
}

void BM_LabelNoiseSgd(benchmark::State& state) {
  const DiagonalLinearNetwork problem = benchmark_network(state.range(0), state.range(1));
  LabelNoiseSgdOptions options;
  options.step_size = kPeerStepSize;
  options.batch_size = state.range(2);
  LabelNoiseSgd<DiagonalLinearNetwork> algorithm(problem, options, LabelNoiseSchedule::constant(0.1),
                                                 RandomStream(1, 0, Purpose::kMinibatch),
                                                 RandomStream(1, 0, Purpose::kLabelNoise));
  run_steps(state, problem, algorithm);
}

// The index draw alone (part of every SGD step): pcg64's unbiased bounded draw.
void BM_MinibatchSamplerNext(benchmark::State& state) {
  MinibatchSampler sampler(state.range(0), state.range(1), BatchSampling::kWithReplacement,
                           RandomStream(1, 0, Purpose::kMinibatch));
  for (auto _ : state) benchmark::DoNotOptimize(sampler.next().data());
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_MinibatchSamplerNext)->ArgNames({"n", "b"})->Args({40, 1})->Args({40, 8});

BENCHMARK(BM_GradientDescent)->ArgNames({"n", "d"})->Args({40, 100})->Args({40, 1000})->Args({200, 1000});
// replacement: 0 = with, 1 = without (each batch a fresh subset)
BENCHMARK(BM_StochasticGradientDescent)
    ->ArgNames({"n", "d", "b", "without_replacement"})
    ->Args({40, 100, 1, 0})
    ->Args({40, 100, 1, 1})
    ->Args({40, 100, 8, 0})
    ->Args({40, 100, 8, 1})
    ->Args({40, 1000, 1, 0})
    ->Args({200, 1000, 1, 0});
BENCHMARK(BM_LabelNoiseSgd)->ArgNames({"n", "d", "b"})->Args({40, 100, 1})->Args({40, 1000, 1});

}  // namespace
}  // namespace sgdbias::bench
