// Peak resident memory of a streaming ensemble: 1e6 SGD trajectories (peers' problem, 20 steps
// each by default) reduced into RunningMoments by run_ensemble, no trajectory stored. Prints the
// peak RSS (getrusage) before and after, so bounded memory is visible as "after ≈ before".
//   ensemble_memory [trajectories=1000000] [steps=20] [threads=1]
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <vector>

#include "bench/bench_problems.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/monte_carlo/ensemble.hpp"
#include "lib/monte_carlo/running_moments.hpp"

namespace {

constexpr const char* kUsage = "usage: ensemble_memory [trajectories=1000000] [steps=20] [threads=1]\n";

// argv[index] as a positive integer, `fallback` when absent; false on anything else.
bool read_positive(int argc, char** argv, int index, long long fallback, long long& value) {
  if (argc <= index) {
    value = fallback;
    return true;
  }
  char* end = nullptr;
  value = std::strtoll(argv[index], &end, 10);
  return end != argv[index] && *end == '\0' && value >= 1;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sgdbias;
  if (argc == 2 && (std::strcmp(argv[1], "--help") == 0 || std::strcmp(argv[1], "-h") == 0)) {
    std::printf("%s", kUsage);
    return 0;
  }
  long long trajectories = 0, steps = 0, threads = 0;
  if (argc > 4 || !read_positive(argc, argv, 1, 1000000, trajectories) ||
      !read_positive(argc, argv, 2, 20, steps) || !read_positive(argc, argv, 3, 1, threads)) {
    std::fprintf(stderr, "%s(every argument a positive integer)\n", kUsage);
    return 2;
  }
  const problems::DiagonalLinearNetwork problem = bench::benchmark_network(40, 100);
  const long before = peak_rss_kib();
  EnsembleOptions options;
  options.trajectories = trajectories;
  options.threads = static_cast<int>(threads);
  options.chunk_size = 256;
  auto simulate_one = [problem, steps](const TrajectoryContext& context) {
    StochasticGradientDescentOptions sgd;
    sgd.step_size = bench::kPeerStepSize;
    StochasticGradientDescent<problems::DiagonalLinearNetwork> algorithm(problem, sgd,
                                                                          context.stream(Purpose::kMinibatch));
    Vector x = problem.initial_state();
    IterationOptions iteration;
    iteration.steps = steps;
    iteration.record_stride = steps;
    iterate(algorithm, x, iteration);
    return problem.loss(x);
  };
  const std::vector<RunningMoments> result = run_ensemble(options, simulate_one, RunningMoments{});
  const long after = peak_rss_kib();
  std::printf("trajectories=%lld steps=%lld threads=%lld mean_final_loss=%.6g se=%.3g "
              "peak_rss_before_kib=%ld peak_rss_after_kib=%ld\n",
              static_cast<long long>(result.front().count()), steps, threads,
              result.front().mean(), result.front().standard_error(), before, after);
  return 0;
}
