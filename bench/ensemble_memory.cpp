// Peak resident memory of a streaming ensemble: 1e6 SGD trajectories (peers' problem, 20 steps
// each by default) reduced into RunningMoments by run_ensemble, no trajectory stored. Prints the
// peak RSS (getrusage) before and after, so bounded memory is visible as "after ≈ before".
//   ensemble_memory [trajectories=1000000] [steps=20] [threads=1]
#include <sys/resource.h>

#include <cstdio>
#include <cstdlib>
#include <vector>

#include "bench/bench_problems.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/monte_carlo/ensemble.hpp"
#include "lib/monte_carlo/running_moments.hpp"

namespace {

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;  // KiB on Linux
}

}  // namespace

int main(int argc, char** argv) {
  using namespace sgdbias;
  const Index trajectories = argc > 1 ? std::atoll(argv[1]) : 1000000;
  const Index steps = argc > 2 ? std::atoll(argv[2]) : 20;
  const int threads = argc > 3 ? std::atoi(argv[3]) : 1;
  const problems::DiagonalLinearNetwork problem = bench::benchmark_network(40, 100);
  const long before = peak_rss_kib();
  EnsembleOptions options;
  options.trajectories = trajectories;
  options.threads = threads;
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
  std::printf("trajectories=%lld steps=%lld threads=%d mean_final_loss=%.6g se=%.3g "
              "peak_rss_before_kib=%ld peak_rss_after_kib=%ld\n",
              static_cast<long long>(result.front().count()), static_cast<long long>(steps), threads,
              result.front().mean(), result.front().standard_error(), before, after);
  return 0;
}
