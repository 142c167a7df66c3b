// Cost per step of the stochastic gradient flow of a diagonal network (dln.md §6) against n and d,
// in each form the library offers, through sde::integrate with streaming Brownian increments (the
// normals a real run pays are included):
//   SgfStep/em_fused/n:/d:            DiagonalNetworkSgf under EulerMaruyama: the fused step
//                                     (euler_step, one Xᵀ product for drift and noise, 4nd flops)
//   SgfStep/em_drift_and_noise/n:/d:  the same SDE seen only through drift() and apply() (what a
//                                     generic integrator sees: two Xᵀ products, 6nd flops)
//   SgfStep/em_formed_noise/n:/d:     the same, with G(x) formed as a 2d × n matrix each step (n
//                                     applications to unit vectors) and then multiplied by ξ: what
//                                     applying G as an operator avoids (sde.md §5, style.md D3)
//   SgfStep/log_euler/n:/d:           EulerMaruyama on LogLightConeSgf: the structure-preserving
//                                     log-Euler stepper of dln.md §6.3/§6.6 (exp per entry)
//   SgfStep/exact_covariance/n:/d:    EulerMaruyama on ExactCovarianceSgf: SGD's exact noise
//                                     covariance (dln.md §6.1), n single-sample gradients per step
// items = steps. The Itô integrators other than Euler–Maruyama need a diffusion derivative or
// Lévy areas that the SGF's general (m = n) noise does not offer (sde_step_cost_benchmark covers
// them on the reference SDEs).
#include <string>
#include <utility>

#include <benchmark/benchmark.h>

#include "bench/bench_problems.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/drift_and_noise_only.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "sde/exact_covariance_sgf.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/log_light_cone_sgf.hpp"

namespace sgdbias::bench {
namespace {

using problems::DiagonalLinearNetwork;
using Sgf = sde::DiagonalNetworkSgf<DiagonalLinearNetwork>;

constexpr Index kStepsPerIteration = 20;
constexpr double kTimeStep = 0.01;
const sde::SgfOptions kOptions{.step_size = kTimeStep};

// apply() forms G(t, x) column by column (G e_k, k < m) before multiplying it by ξ.
template <class Sde>
class FormedNoise : public sde::DriftAndNoiseOnly<Sde> {
 public:
  explicit FormedNoise(Sde sde)
      : sde::DriftAndNoiseOnly<Sde>(std::move(sde)),
        matrix_(this->state_dimension(), this->noise_dimension()),
        unit_(Vector::Zero(this->noise_dimension())) {}
  void apply(double t, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    for (Index k = 0; k < unit_.size(); ++k) {
      unit_[k] = 1.0;
      sde::DriftAndNoiseOnly<Sde>::apply(t, x, unit_, matrix_.col(k));
      unit_[k] = 0.0;
    }
    out.noalias() = matrix_ * xi;
  }

 private:
  mutable Matrix matrix_;
  mutable Vector unit_;
};

template <class Sde>
void run_steps(benchmark::State& state, const Sde& sde, const Vector& initial) {
  sde::EulerMaruyama integrator(sde.state_dimension(), sde.noise_dimension());
  sde::BrownianIncrements brownian(sde.noise_dimension(), RandomStream(1, 0, Purpose::kBrownian));
  const sde::TimeGrid grid{0.0, kTimeStep * static_cast<double>(kStepsPerIteration), kStepsPerIteration};
  Vector x = initial;
  for (auto _ : state) {
    x = initial;  // every iteration the same 20 steps from the same start: no drift to divergence
    sde::integrate(integrator, sde, x, grid, brownian);
    benchmark::DoNotOptimize(x.data());
  }
  state.SetItemsProcessed(state.iterations() * kStepsPerIteration);
}

template <class Sde>
void register_form(const std::string& form, Index n, Index d, Sde sde, Vector initial) {
  const std::string name = "SgfStep/" + form + "/n:" + std::to_string(n) + "/d:" + std::to_string(d);
  benchmark::RegisterBenchmark(name.c_str(), [sde = std::move(sde), initial = std::move(initial)](
                                                 benchmark::State& state) { run_steps(state, sde, initial); });
}

bool register_all() {
  for (Index n : {40, 200}) {
    for (Index d : {100, 1000}) {
      const DiagonalLinearNetwork network = benchmark_network(n, d);
      const Vector x0 = network.initial_state();
      const Sgf sgf(network, kOptions);
      register_form("em_fused", n, d, sgf, x0);
      register_form("em_drift_and_noise", n, d, sde::DriftAndNoiseOnly<Sgf>(sgf), x0);
      register_form("em_formed_noise", n, d, FormedNoise<Sgf>(sgf), x0);
      const sde::LogLightConeSgf<DiagonalLinearNetwork> log_form(network, kOptions);
      Vector y0(x0.size());
      log_form.from_parameters(x0, y0);
      register_form("log_euler", n, d, log_form, y0);
      register_form("exact_covariance", n, d, sde::ExactCovarianceSgf<DiagonalLinearNetwork>(network, kOptions), x0);
    }
  }
  return true;
}

const bool kRegistered = register_all();

}  // namespace
}  // namespace sgdbias::bench
