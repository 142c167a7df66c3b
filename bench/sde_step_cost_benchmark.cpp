// Cost per step of every integrator of the ladder (sde/integrators/all.hpp) against the state
// dimension d and the noise structure, through the library's own loop (sde::integrate) and
// streaming Brownian increments, so the figure includes the normal draws a real run pays.
//   name: SdeStep/<integrator>/<structure>/d:<d>/m:<m>     items = steps
// Pairings an integrator does not support are not registered (they do not compile, by design).
#include <string>

#include <benchmark/benchmark.h>

#include "bench/scalable_sdes.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/all.hpp"

namespace sgdbias::bench {
namespace {

constexpr Index kStepsPerIteration = 100;
constexpr double kTimeStep = 0.01;

template <class Integrator, class Sde>
void run_steps(benchmark::State& state, const Sde& sde) {
  Integrator integrator(sde.state_dimension(), sde.noise_dimension());
  sde::BrownianIncrements brownian(
      sde.noise_dimension(), RandomStream(1, 0, Purpose::kBrownian),
      Integrator::kUsesTimeIntegral ? sde::TimeIntegrals::kOn : sde::TimeIntegrals::kOff);
  const Vector initial = Vector::Constant(sde.state_dimension(), 0.5);
  Vector x = initial;
  const sde::TimeGrid grid{0.0, kTimeStep * static_cast<double>(kStepsPerIteration), kStepsPerIteration};
  for (auto _ : state) {
    x = initial;  // the contracting SDEs would otherwise decay into subnormal numbers
    sde::integrate(integrator, sde, x, grid, brownian);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * kStepsPerIteration);
}

template <class Integrator, class Sde, class... Args>
void register_if_supported(const std::string& structure, Index d, Index m, Args... args) {
  if constexpr (sde::IntegratorFor<Integrator, Sde>) {
    const std::string name = "SdeStep/" + std::string(Integrator::kName) + "/" + structure +
                             "/d:" + std::to_string(d) + "/m:" + std::to_string(m);
    benchmark::RegisterBenchmark(name.c_str(), [=](benchmark::State& state) {
      run_steps<Integrator>(state, Sde(args...));
    });
  }
}

// Heun needs a Stratonovich SDE, everything else here is Itô (the families are written in both).
template <class Integrator>
constexpr Interpretation calculus_for() {
  return Integrator::accepts(Interpretation::kIto) ? Interpretation::kIto : Interpretation::kStratonovich;
}

template <class Integrator>
void register_integrator() {
  constexpr Interpretation kCalculus = calculus_for<Integrator>();
  for (Index d : {1, 10, 100, 1000}) {
    register_if_supported<Integrator, AdditiveSde<kCalculus>>("additive", d, d, d);
    register_if_supported<Integrator, DiagonalSde<kCalculus, true>>("diagonal", d, d, d);
    register_if_supported<Integrator, DiagonalSde<kCalculus, false>>("diagonal_no_ito_shortcut", d, d, d);
    register_if_supported<Integrator, GeneralSde<kCalculus>>("general", d, 40, d, Index{40});
  }
}

template <class... Integrators>
bool register_all(sde::TypeList<Integrators...>) {
  (register_integrator<Integrators>(), ...);
  return true;
}

const bool kRegistered = register_all(sde::AllIntegrators{});

}  // namespace
}  // namespace sgdbias::bench
