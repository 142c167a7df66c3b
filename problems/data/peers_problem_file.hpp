#pragma once
// The shared benchmark problem format (../shared/peers/data/problem.txt, read by the peers'
// common.py load_problem): line 1 "n d s"; then n lines of d features; one line of n labels y;
// one line of d teacher values β*. Whitespace separated, 17 significant digits, so every
// implementation reads bit-identical doubles.
#include <string>

#include "lib/core/linear_algebra.hpp"
#include "problems/data/dataset.hpp"

namespace sgdbias::problems {

struct PeersProblem {
  Dataset train;
  Vector teacher;  // β*
  Index sparsity = 0;  // s from the header
};

PeersProblem load_peers_problem(const std::string& path);

}  // namespace sgdbias::problems
