#include "bench/peer_problem.hpp"

#include <cstdlib>
#include <fstream>
#include <stdexcept>

#include "lib/random/random_stream.hpp"

#ifndef SGDBIAS_PEER_PROBLEM_DEFAULT
#define SGDBIAS_PEER_PROBLEM_DEFAULT ""
#endif

namespace sgdbias::bench {
namespace {

bool read_problem(const std::string& path, PeerProblem& problem) {
  std::ifstream in(path);
  if (!in) return false;
  Index n = 0;
  Index d = 0;
  Index sparsity = 0;
  in >> n >> d >> sparsity;
  if (!in || n <= 0 || d <= 0) throw std::runtime_error("peer problem: bad header in " + path);
  problem.features.resize(n, d);
  problem.targets.resize(n);
  problem.teacher.resize(d);
  for (Index i = 0; i < n; ++i)
    for (Index j = 0; j < d; ++j) in >> problem.features(i, j);
  for (Index i = 0; i < n; ++i) in >> problem.targets[i];
  for (Index j = 0; j < d; ++j) in >> problem.teacher[j];
  if (!in) throw std::runtime_error("peer problem: truncated file " + path);
  problem.source = path;
  return true;
}

PeerProblem generated_problem() {
  constexpr Index kSamples = 40;
  constexpr Index kDimension = 100;
  PeerProblem problem;
  RandomStream stream(20261123, 0, Purpose::kBenchmark);
  problem.features.resize(kSamples, kDimension);
  for (Index j = 0; j < kDimension; ++j) stream.fill_standard_normal(problem.features.col(j));
  problem.teacher = Vector::Zero(kDimension);
  for (Index j = 0; j < 5; ++j) problem.teacher[j] = 1.0;
  problem.targets = problem.features * problem.teacher;
  problem.source = "generated (Gaussian, n=40, d=100): peers' problem.txt not found";
  return problem;
}

PeerProblem load() {
  PeerProblem problem;
  if (const char* path = std::getenv("SGDBIAS_PEER_PROBLEM"); path != nullptr && *path != '\0') {
    if (!read_problem(path, problem))
      throw std::runtime_error(std::string("SGDBIAS_PEER_PROBLEM: cannot open ") + path);
    return problem;
  }
  if (read_problem(SGDBIAS_PEER_PROBLEM_DEFAULT, problem)) return problem;
  return generated_problem();
}

}  // namespace

const PeerProblem& peer_problem() {
  static const PeerProblem problem = load();
  return problem;
}

}  // namespace sgdbias::bench
