#pragma once
// Diagonal linear networks for the benchmarks: the peers' problem at (n, d) = (40, 100), Gaussian
// data from a fixed seed at other shapes, in the peers' convention (β = u⊙v, u₀ = √2·α, v₀ = 0,
// L = (1/4n)‖Xβ − y‖², γ = 0.01: DlnConvention::custom with c = 1/4, see ref_numpy.py), so the
// library steps the very same trajectories as the reference implementations.
#include <cmath>

#include "bench/peer_problem.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::bench {

inline problems::Dataset benchmark_dataset(Index n, Index d) {
  const PeerProblem& peer = peer_problem();
  if (peer.features.rows() == n && peer.features.cols() == d) return {peer.features, peer.targets};
  RandomStream stream(7, 0, Purpose::kBenchmark);
  problems::Dataset data{Matrix(n, d), Vector(n)};
  for (Index j = 0; j < d; ++j) stream.fill_standard_normal(data.features.col(j));
  data.targets = data.features.leftCols(5).rowwise().sum();
  return data;
}

inline problems::DlnConvention peers_convention() {
  return problems::DlnConvention::custom(problems::DlnParametrisation::kProduct,
                                         Vector::Constant(1, std::sqrt(2.0) * kPeerAlpha),
                                         Vector::Zero(1), 0.25);
}

inline problems::DiagonalLinearNetwork benchmark_network(Index n, Index d) {
  return problems::DiagonalLinearNetwork(benchmark_dataset(n, d), peers_convention());
}

}  // namespace sgdbias::bench
