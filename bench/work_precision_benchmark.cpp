// Work–precision of the integrators on reference SDEs with exact paths (problems/reference_sdes,
// sde.md §2.2): for every (integrator, problem) and time step h = T·2^{-k}, the wall time of one
// trajectory over [0, T] (the benchmark's time) next to its strong error at T, RMS |X_h − X_exact|
// over 2000 paths from the library's convergence harness (sde/convergence.hpp; computed once,
// outside the timed loop). Plot error against time: a higher-order method pays off below the
// error where its line crosses Euler–Maruyama's.
//   name: WorkPrecision/<integrator>/<problem>/steps:<2^k>
//   counters: strong_error (at that h), fitted_order ± order_se (slope over all levels)
#include <map>
#include <string>
#include <utility>

#include <benchmark/benchmark.h>

#include "lib/random/random_stream.hpp"
#include "problems/reference_sdes/additive_noise_sdes.hpp"
#include "problems/reference_sdes/diagonal_noise_sdes.hpp"
#include "problems/reference_sdes/geometric_brownian_motion.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/convergence.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/all.hpp"

namespace sgdbias::bench {
namespace {

constexpr int kCoarsestLevel = 3;
constexpr int kFinestLevel = 9;

template <class Integrator, class Sde>
const sde::OrderEstimate& strong_errors(const std::string& key, const Sde& sde) {
  static std::map<std::string, sde::OrderEstimate> cache;
  auto found = cache.find(key);
  if (found == cache.end()) {
    sde::ConvergenceStudyOptions options;
    options.coarsest_level = kCoarsestLevel;
    options.finest_level = kFinestLevel;
    options.path_level = kFinestLevel;
    options.trajectories = 2000;
    options.duration = sde.final_time();
    const Vector initial = sde.initial_state();
    found = cache.emplace(key, sde::estimate_strong_order<Integrator>(
                                   sde, initial, options, sde::exact_solution_reference(sde, sde.final_time())))
                .first;
  }
  return found->second;
}

template <class Integrator, class Sde>
void run_trajectory(benchmark::State& state, const std::string& key, int level) {
  const Sde sde;
  const sde::OrderEstimate& errors = strong_errors<Integrator>(key, sde);
  Integrator integrator(sde.state_dimension(), sde.noise_dimension());
  sde::BrownianIncrements brownian(
      sde.noise_dimension(), RandomStream(1, 0, Purpose::kBrownian),
      Integrator::kUsesTimeIntegral ? sde::TimeIntegrals::kOn : sde::TimeIntegrals::kOff);
  const Vector initial = sde.initial_state();
  Vector x = initial;
  const sde::TimeGrid grid{0.0, sde.final_time(), Index{1} << level};
  for (auto _ : state) {
    x = initial;
    sde::integrate(integrator, sde, x, grid, brownian);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * grid.steps);
  state.counters["strong_error"] = errors.errors[static_cast<std::size_t>(level - kCoarsestLevel)];
  state.counters["fitted_order"] = errors.slope;
  state.counters["order_se"] = errors.standard_error;
}

template <class Integrator, class Sde>
void register_pair(const std::string& problem) {
  if constexpr (sde::IntegratorFor<Integrator, Sde>) {
    const std::string key = std::string(Integrator::kName) + "/" + problem;
    for (int level = kCoarsestLevel; level <= kFinestLevel; ++level) {
      const std::string name = "WorkPrecision/" + key + "/steps:" + std::to_string(1 << level);
      benchmark::RegisterBenchmark(name.c_str(), [key, level](benchmark::State& state) {
        run_trajectory<Integrator, Sde>(state, key, level);
      });
    }
  }
}

template <class Integrator>
void register_integrator() {
  register_pair<Integrator, problems::ItoGeometricBrownianMotion>("gbm_ito");
  register_pair<Integrator, problems::StratonovichGeometricBrownianMotion>("gbm_stratonovich");
  register_pair<Integrator, problems::DiagonalGeometricBrownianMotion>("diagonal_gbm");
  register_pair<Integrator, problems::TimeDependentAdditiveSde>("additive_time_dependent");
}

template <class... Integrators>
bool register_all(sde::TypeList<Integrators...>) {
  (register_integrator<Integrators>(), ...);
  return true;
}

const bool kRegistered = register_all(sde::AllIntegrators{});

}  // namespace
}  // namespace sgdbias::bench
