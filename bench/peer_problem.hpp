#pragma once
// The fixed benchmark problem shared with the reference implementations in ../shared/peers
// (n = 40, d = 100, written with 17 significant digits so every implementation reads the same
// doubles). Benchmarks that are compared side by side with the peers must step exactly this data.
#include <string>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias::bench {

struct PeerProblem {
  Matrix features;   // X, n × d
  Vector targets;    // y, n
  Vector teacher;    // β*, d
  std::string source;  // file it was read from, or a note that it was generated
};

// Reads $SGDBIAS_PEER_PROBLEM, else <repo>/../shared/peers/data/problem.txt. When neither exists
// (a clone without shared/), returns a Gaussian problem of the same shape from a fixed seed, so
// the benchmarks still run; `source` says which one was used.
const PeerProblem& peer_problem();

// Constants of the peers (common.py): initialisation scale α and step size γ (= time step h of
// the SGF Euler–Maruyama runs).
inline constexpr double kPeerAlpha = 0.1;
inline constexpr double kPeerStepSize = 0.01;

}  // namespace sgdbias::bench
