#include "bench/peer_problem.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <utility>

#include "lib/random/random_stream.hpp"
#include "problems/data/peers_problem_file.hpp"

#ifndef SGDBIAS_PEER_PROBLEM_DEFAULT
#define SGDBIAS_PEER_PROBLEM_DEFAULT ""
#endif

namespace sgdbias::bench {
namespace {

bool read_problem(const std::string& path, PeerProblem& problem) {
  if (path.empty() || !std::filesystem::exists(path)) return false;
  problems::PeersProblem loaded = problems::load_peers_problem(path);
  problem.features = std::move(loaded.train.features);
  problem.targets = std::move(loaded.train.targets);
  problem.teacher = std::move(loaded.teacher);
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
