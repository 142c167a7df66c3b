// Roofline probes: what Eigen's GEMV/GEMM reach on this machine, one core, in THIS build (same
// compiler flags as the library, so no -march=native unless the whole build has it). The
// side-by-side table divides each algorithm's rate by (probe GFLOP/s) / (flops per step).
//
//   GemvPair   r = Xb − y, g = Xᵀr          the linear algebra of one GD / SGF step (4nd flops)
//   GemvPairMultiversioned                   the same through lib/core/row_combination (AVX-512 /
//                                            AVX2 / baseline picked at load time): in a build
//                                            without -march, Eigen's GEMV is held to SSE2 and would
//                                            understate this machine; the table takes the faster of the two
//   GemmPair   R = XB − Y, G = XᵀR, B d×K   the same for K trajectories at once (4ndK flops)
//   GemmSquare C = AB, m×m                   the machine's large-GEMM peak (2m³ flops)
//   DotAxpy    r = x·b, u += r x⊙v, v += …   the memory-light kernel of SGD batch 1 (8d flops)
#include <benchmark/benchmark.h>

#include "bench/flop_counts.hpp"
#include "bench/peer_problem.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/row_combination.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias::bench {
namespace {

Matrix gaussian_matrix(Index rows, Index cols, std::uint64_t salt) {
  RandomStream stream(salt, 0, Purpose::kBenchmark);
  Matrix m(rows, cols);
  for (Index j = 0; j < cols; ++j) stream.fill_standard_normal(m.col(j));
  return m;
}

// Uses the peers' X when the shape is theirs, so the probe sees the same data.
Matrix features(Index n, Index d) {
  const PeerProblem& peer = peer_problem();
  if (peer.features.rows() == n && peer.features.cols() == d) return peer.features;
  return gaussian_matrix(n, d, 1);
}

void set_flop_counters(benchmark::State& state, double flops_per_iteration, double steps_per_iteration) {
  const double iterations = static_cast<double>(state.iterations());
  state.counters["GFLOPS"] =
      benchmark::Counter(flops_per_iteration * iterations * 1e-9, benchmark::Counter::kIsRate);
  state.counters["flops_per_traj_step"] = flops_per_iteration / steps_per_iteration;
  state.SetItemsProcessed(static_cast<std::int64_t>(iterations * steps_per_iteration));
}

// The data of the GD / SGF linear algebra for K columns: R = XB − Y, then G = XᵀR (K = 1: the
// GEMV pair of one trajectory). x_rows is X row-major, the layout combine_rows reads Xᵀz from.
struct PairProbe {
  PairProbe(Index n, Index d, Index k)
      : x(features(n, d)), x_rows(x), b(gaussian_matrix(d, k, 2) * 0.1), y(gaussian_matrix(n, k, 3)), r(n, k),
        g(d, k) {}
  Index n() const { return x.rows(); }
  Index d() const { return x.cols(); }
  Index k() const { return b.cols(); }

  Matrix x;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> x_rows;
  Matrix b, y, r, g;
};

// Times `products(probe)`, which must fill probe.r and probe.g, on the benchmark's n × d and K.
template <class Products>
void time_pair(benchmark::State& state, Index k, Products products) {
  PairProbe probe(state.range(0), state.range(1), k);
  for (auto _ : state) {
    products(probe);
    benchmark::DoNotOptimize(probe.g.data());
    benchmark::ClobberMemory();
  }
  set_flop_counters(state, 4.0 * static_cast<double>(probe.n() * probe.d() * k), static_cast<double>(k));
}

void BM_RooflineGemvPair(benchmark::State& state) {
  time_pair(state, 1, [](PairProbe& p) {
    p.r.col(0).noalias() = p.x * p.b.col(0);
    p.r -= p.y;
    p.g.col(0).noalias() = p.x.transpose() * p.r.col(0);
  });
}
BENCHMARK(BM_RooflineGemvPair)->ArgNames({"n", "d"})->Args({40, 100})->Args({40, 1000})->Args({200, 1000});

void BM_RooflineGemvPairMultiversioned(benchmark::State& state) {
  time_pair(state, 1, [](PairProbe& p) {
    combine_rows(p.x.data(), p.d(), p.n(), p.b.data(), p.r.data());  // Σ_j b_j X[:, j]
    p.r -= p.y;
    combine_rows(p.x_rows.data(), p.n(), p.d(), p.r.data(), p.g.data());  // Σ_i r_i x_i
  });
}
BENCHMARK(BM_RooflineGemvPairMultiversioned)->ArgNames({"n", "d"})->Args({40, 100})->Args({40, 1000});

void BM_RooflineGemmPair(benchmark::State& state) {
  time_pair(state, state.range(2), [](PairProbe& p) {
    p.r.noalias() = p.x * p.b;
    p.r -= p.y;
    p.g.noalias() = p.x.transpose() * p.r;
  });
}
BENCHMARK(BM_RooflineGemmPair)
    ->ArgNames({"n", "d", "K"})
    ->Args({40, 100, 16})
    ->Args({40, 100, 64})
    ->Args({40, 100, 256})
    ->Args({40, 100, 1000});

// The same pair through the library's multiversioned panel kernel (combine_rows_for_paths, 8 paths
// per row load): like the multiversioned GEMV probe, the best this portable build can do on this
// CPU, so an ensemble is not judged against a bound it could beat.
void BM_RooflineGemmPairMultiversioned(benchmark::State& state) {
  time_pair(state, state.range(2), [](PairProbe& p) {
    combine_rows_for_paths(p.x.data(), p.d(), p.n(), p.k(), p.b.data(), p.d(), p.r.data(), p.n());
    p.r -= p.y;
    combine_rows_for_paths(p.x_rows.data(), p.n(), p.d(), p.k(), p.r.data(), p.n(), p.g.data(), p.d());
  });
}
BENCHMARK(BM_RooflineGemmPairMultiversioned)
    ->ArgNames({"n", "d", "K"})
    ->Args({40, 100, 16})
    ->Args({40, 100, 64})
    ->Args({40, 100, 256})
    ->Args({40, 100, 1000});

void BM_RooflineGemmSquare(benchmark::State& state) {
  const Index m = state.range(0);
  const Matrix a = gaussian_matrix(m, m, 4);
  const Matrix b = gaussian_matrix(m, m, 5);
  Matrix c(m, m);
  for (auto _ : state) {
    c.noalias() = a * b;
    benchmark::DoNotOptimize(c.data());
    benchmark::ClobberMemory();
  }
  set_flop_counters(state, 2.0 * static_cast<double>(m * m * m), 1.0);
}
BENCHMARK(BM_RooflineGemmSquare)->ArgName("m")->Arg(256)->Arg(512);

void BM_RooflineDotAxpy(benchmark::State& state) {
  const Index d = state.range(0);
  const Matrix x = features(40, d);
  Vector u = Vector::Constant(d, 0.1);
  Vector v = Vector::Constant(d, 0.1);
  Index i = 0;
  for (auto _ : state) {
    // The scale is tiny so u, v stay bounded however many iterations run.
    const double r = 1e-12 * x.row(i).dot(u.cwiseProduct(v));
    u += r * x.row(i).transpose().cwiseProduct(v);
    v += r * x.row(i).transpose().cwiseProduct(u);
    i = (i + 1 == x.rows()) ? 0 : i + 1;
    benchmark::DoNotOptimize(u.data());
    benchmark::DoNotOptimize(v.data());
  }
  set_flop_counters(state, sgd_flops_per_step(d), 1.0);
}
BENCHMARK(BM_RooflineDotAxpy)->ArgName("d")->Arg(100)->Arg(1000);

}  // namespace
}  // namespace sgdbias::bench
