// Placeholder main until the experiment registry lands (issue 7): a small real simulation —
// Monte Carlo estimate of E[W_T²] = T for Brownian motion, from derived random streams.
#include <cmath>
#include <cstdio>

#include "lib/random/random_stream.hpp"

int main() {
  constexpr int kTrajectories = 20000, kSteps = 100;
  constexpr double kHorizon = 1.0, kTimeStep = kHorizon / kSteps;
  double sum = 0, sum_squares = 0;
  for (int trajectory = 0; trajectory < kTrajectories; ++trajectory) {
    sgdbias::RandomStream stream(1, static_cast<std::uint64_t>(trajectory), sgdbias::Purpose::kBrownian);
    double w = 0;
    for (int k = 0; k < kSteps; ++k) w += std::sqrt(kTimeStep) * stream.standard_normal();
    sum += w * w;
    sum_squares += w * w * w * w;
  }
  const double mean = sum / kTrajectories;
  const double standard_error = std::sqrt((sum_squares / kTrajectories - mean * mean) / kTrajectories);
  std::printf("E[W_T^2] = %.4f +- %.4f (theory %.1f), %d trajectories\n", mean, standard_error, kHorizon,
              kTrajectories);
  return 0;
}
