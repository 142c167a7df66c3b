// Cost of the diagonal linear network's oracles, the inner work of every GD / SGD / SGF step,
// against the GEMV-pair roofline (roofline_benchmark.cpp) for the same (n, d): a step can be no
// faster than its oracle, so a slow oracle shows up here first.
//   gradient              r = Xβ − y, (1/n)Xᵀr, pulled back to (u, v)      ≈ 4nd + 6d flops
//   batch_gradient, b     (1/b) Σ r_i x_i over a batch, pulled back         ≈ 4bd + 6d flops
//   loss                  ‖Xβ − y‖²                                         ≈ 2nd flops
//   gradient_step         fused x ← x − γ∇L with the divergence test        ≈ 4nd + 5d flops
//   batch_gradient_step   fused minibatch step; b = 1 touches x_i, u, v     ≈ 3d + 5d flops (b = 1)
#include <span>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench/bench_problems.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::bench {
namespace {

using problems::DiagonalLinearNetwork;

DiagonalLinearNetwork network(Index n, Index d) { return benchmark_network(n, d); }

void shapes(benchmark::internal::Benchmark* b) {
  b->ArgNames({"n", "d"})->Args({40, 100})->Args({40, 1000})->Args({200, 1000});
}

void BM_DlnGradient(benchmark::State& state) {
  const DiagonalLinearNetwork problem = network(state.range(0), state.range(1));
  const Vector x = problem.initial_state();
  Vector gradient(problem.dimension());
  for (auto _ : state) {
    problem.gradient(x, gradient);
    benchmark::DoNotOptimize(gradient.data());
  }
  state.SetItemsProcessed(state.iterations());
  state.counters["GFLOPS"] = benchmark::Counter(
      (4.0 * static_cast<double>(state.range(0) * state.range(1)) + 6.0 * static_cast<double>(state.range(1))) *
          static_cast<double>(state.iterations()) * 1e-9,
      benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DlnGradient)->Apply(shapes);

void BM_DlnLoss(benchmark::State& state) {
  const DiagonalLinearNetwork problem = network(state.range(0), state.range(1));
  const Vector x = problem.initial_state();
  for (auto _ : state) benchmark::DoNotOptimize(problem.loss(x));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DlnLoss)->Apply(shapes);

void BM_DlnBatchGradient(benchmark::State& state) {
  const Index n = state.range(0);
  const Index d = state.range(1);
  const Index b = state.range(2);
  const DiagonalLinearNetwork problem = network(n, d);
  const Vector x = problem.initial_state();
  Vector gradient(problem.dimension());
  // Batches drawn beforehand (index draws belong to the sampler, benchmarked with the algorithms).
  constexpr Index kPool = 1024;
  std::vector<Index> pool(static_cast<std::size_t>(kPool * b));
  RandomStream stream(3, 0, Purpose::kBenchmark);
  for (Index& i : pool) i = stream.uniform_index(n);
  Index next = 0;
  for (auto _ : state) {
    problem.batch_gradient(x, std::span<const Index>(pool).subspan(static_cast<std::size_t>(next * b),
                                                                   static_cast<std::size_t>(b)),
                           gradient);
    next = (next + 1 == kPool) ? 0 : next + 1;
    benchmark::DoNotOptimize(gradient.data());
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DlnBatchGradient)
    ->ArgNames({"n", "d", "b"})
    ->Args({40, 100, 1})
    ->Args({40, 100, 8})
    ->Args({40, 1000, 1})
    ->Args({200, 1000, 1});

// The fused steps advance x in place (γ = 0.01 of the peers: stable from x₀ for every shape here).
void BM_DlnGradientStep(benchmark::State& state) {
  const DiagonalLinearNetwork problem = network(state.range(0), state.range(1));
  Vector x = problem.initial_state();
  for (auto _ : state) {
    benchmark::DoNotOptimize(problem.gradient_step(x, kPeerStepSize, 1e10));
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DlnGradientStep)->Apply(shapes);

void BM_DlnBatchGradientStep(benchmark::State& state) {
  const Index n = state.range(0);
  const Index b = state.range(2);
  const DiagonalLinearNetwork problem = network(n, state.range(1));
  Vector x = problem.initial_state();
  constexpr Index kPool = 1024;
  std::vector<Index> pool(static_cast<std::size_t>(kPool * b));
  RandomStream stream(3, 0, Purpose::kBenchmark);
  for (Index& i : pool) i = stream.uniform_index(n);
  Index next = 0;
  for (auto _ : state) {
    const std::span<const Index> batch =
        std::span<const Index>(pool).subspan(static_cast<std::size_t>(next * b), static_cast<std::size_t>(b));
    benchmark::DoNotOptimize(problem.batch_gradient_step(x, batch, {}, kPeerStepSize, 1e10));
    benchmark::ClobberMemory();
    next = (next + 1 == kPool) ? 0 : next + 1;
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_DlnBatchGradientStep)
    ->ArgNames({"n", "d", "b"})
    ->Args({40, 100, 1})
    ->Args({40, 100, 8})
    ->Args({40, 1000, 1})
    ->Args({200, 1000, 1});

}  // namespace
}  // namespace sgdbias::bench
