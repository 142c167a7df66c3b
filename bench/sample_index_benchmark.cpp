// Throughput of SGD's sample index draw, 64 at a time into an array as
// StochasticGradientDescent::apply_run draws them: pcg-cpp's engine(n) in a plain loop (where the
// compiler hoists its rejection threshold's division, which it did not do behind the sampler's
// switch), the same draws through a BoundedIndex (lib/random/bounded_index.hpp), and the sampler
// itself (MinibatchSampler, batch 1 with replacement, which uses a BoundedIndex). n = 40 is the
// peers' problem; n = 2^63 + 1 rejects about half of the words, so the rejection loop shows.
#include <array>
#include <cstdint>

#include <benchmark/benchmark.h>

#include "lib/random/bounded_index.hpp"
#include "lib/random/minibatch_sampler.hpp"
#include "lib/random/random_stream.hpp"

namespace {

using sgdbias::Index;

// Arg 0 stands for 2^63 + 1, which does not fit Google Benchmark's int64 arguments.
std::uint64_t bound_of(const benchmark::State& state) {
  return state.range(0) == 0 ? (std::uint64_t{1} << 63) + 1 : static_cast<std::uint64_t>(state.range(0));
}

template <class Bound>
void draw_blocks(benchmark::State& state, const Bound& bound) {
  sgdbias::RandomStream stream(1, 0, sgdbias::Purpose::kBenchmark);
  std::array<Index, 64> block{};  // one block of StochasticGradientDescent::apply_run
  for (auto _ : state) {
    for (Index& index : block) index = stream.uniform_index(bound);
    benchmark::DoNotOptimize(block.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(block.size()));
}

void BM_SampleIndexPcgBounded(benchmark::State& state) {
  draw_blocks(state, static_cast<Index>(bound_of(state)));  // 2^63 + 1 wraps and is unwrapped inside
}
BENCHMARK(BM_SampleIndexPcgBounded)->Arg(40)->Arg(0);

void BM_SampleIndexBoundedIndex(benchmark::State& state) { draw_blocks(state, sgdbias::BoundedIndex(bound_of(state))); }
BENCHMARK(BM_SampleIndexBoundedIndex)->Arg(40)->Arg(0);

void BM_SampleIndexMinibatchSampler(benchmark::State& state) {
  const Index n = state.range(0);
  sgdbias::MinibatchSampler sampler(n, 1, sgdbias::BatchSampling::kWithReplacement,
                                    sgdbias::RandomStream(1, 0, sgdbias::Purpose::kBenchmark));
  std::array<Index, 64> block{};
  for (auto _ : state) {
    for (Index& index : block) index = sampler.next()[0];
    benchmark::DoNotOptimize(block.data());
    benchmark::ClobberMemory();
  }
  state.SetItemsProcessed(state.iterations() * static_cast<std::int64_t>(block.size()));
}
BENCHMARK(BM_SampleIndexMinibatchSampler)->Arg(40);

}  // namespace
