// Throughput of the normal sampler: our ziggurat in blocks (fill_standard_normal, the generator
// stepped 8 draws at a time on AVX-512), the same draws one call at a time, and
// std::normal_distribution on the same engine.
#include <random>

#include <benchmark/benchmark.h>

#include "lib/random/random_stream.hpp"

namespace {

void BM_ZigguratNormal(benchmark::State& state) {
  sgdbias::RandomStream stream(1, 0, sgdbias::Purpose::kBenchmark);
  sgdbias::Vector out(static_cast<sgdbias::Index>(state.range(0)));
  for (auto _ : state) {
    stream.fill_standard_normal(out);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ZigguratNormal)->Arg(40)->Arg(1024);

void BM_ZigguratNormalOneByOne(benchmark::State& state) {
  sgdbias::RandomStream stream(1, 0, sgdbias::Purpose::kBenchmark);
  sgdbias::Vector out(static_cast<sgdbias::Index>(state.range(0)));
  for (auto _ : state) {
    for (auto& x : out) x = stream.standard_normal();
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_ZigguratNormalOneByOne)->Arg(40)->Arg(1024);

void BM_StdNormalDistribution(benchmark::State& state) {
  sgdbias::RandomStream stream(1, 0, sgdbias::Purpose::kBenchmark);
  std::normal_distribution<double> normal;
  sgdbias::Vector out(static_cast<sgdbias::Index>(state.range(0)));
  for (auto _ : state) {
    for (auto& x : out) x = normal(stream);
    benchmark::DoNotOptimize(out.data());
  }
  state.SetItemsProcessed(state.iterations() * state.range(0));
}
BENCHMARK(BM_StdNormalDistribution)->Arg(40)->Arg(1024);

}  // namespace
