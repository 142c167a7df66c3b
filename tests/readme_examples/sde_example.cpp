// sde/README.md's example, built and run by tests/readme_examples: an SDE of your own under an
// integrator of sde/, one Brownian stream per path. Euler–Maruyama on dX = −X dt + ½ dW, X₀ = 1,
// has the exact mean E X_N = (1 − h)^N; 4000 paths land within 4 standard errors of it.
#include <cmath>
#include <cstdio>

#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"

using namespace sgdbias;

struct Pullback {  // Ornstein–Uhlenbeck: drift f(x) = −x, noise G·ξ = ½ξ (additive, scalar), Itô
  static constexpr NoiseStructure kNoiseStructure = NoiseStructure::kAdditive | NoiseStructure::kScalar;
  static constexpr Interpretation kInterpretation = Interpretation::kIto;
  Index state_dimension() const { return 1; }
  Index noise_dimension() const { return 1; }
  void drift(double, const ConstVectorRef& x, VectorRef out) const { out = -x; }
  void apply(double, const ConstVectorRef&, const ConstVectorRef& xi, VectorRef out) const { out = 0.5 * xi; }
};

int main() {
  const sde::TimeGrid grid{.start = 0.0, .end = 1.0, .steps = 16};
  const int paths = 4000;
  double sum = 0.0, sum_of_squares = 0.0;
  for (int path = 0; path < paths; ++path) {
    sde::EulerMaruyama integrator(1, 1);
    sde::BrownianIncrements brownian(1, RandomStream(7, path, Purpose::kBrownian));
    Vector x = Vector::Ones(1);
    sde::integrate(integrator, Pullback{}, x, grid, brownian);
    sum += x[0], sum_of_squares += x[0] * x[0];
  }
  const double mean = sum / paths, exact = std::pow(1.0 - grid.time_step(), grid.steps);
  const double standard_error = std::sqrt((sum_of_squares / paths - mean * mean) / paths);
  std::printf("E X_T: %.4f ± %.4f from %d paths, exact %.4f\n", mean, standard_error, paths, exact);
  return std::abs(mean - exact) <= 4.0 * standard_error ? 0 : 1;
}
