#include "notebooks/dln_study/sgf_path.hpp"

#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/stop_request.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "sde/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "sde/stochastic_gradient_flow/log_light_cone_sgf.hpp"
#include "sde/stochastic_gradient_flow/sgf_options.hpp"

namespace sgdbias::dln_study {
namespace {

using problems::DiagonalLinearNetwork;

// Integrates `sgf` from `state` to T = γ·steps with h = γ/m; `to_parameters(state, x)` maps the
// integrator state to x = [u; v]. Accumulates ∫L dt and the records into `path`, leaves the final
// integrator state in `state`.
template <class Sgf, class ToParameters>
void integrate_on_sgd_clock(const Sgf& sgf, Vector& state, ToParameters&& to_parameters,
                            const DiagonalLinearNetwork& network, const Vector& teacher, const MethodRun& run,
                            RandomStream brownian, SgfPath& path, const std::atomic<bool>* interrupt) {
  const Index substeps = run.sgf_substeps, total = run.steps * substeps;
  const double time_step = run.step_size / static_cast<double>(substeps);
  const Index record_every = run.record_stride > 0 ? run.record_stride * substeps : total + 1;
  sde::EulerMaruyama integrator(sgf.state_dimension(), sgf.noise_dimension());
  sde::BrownianIncrements increments(sgf.noise_dimension(), std::move(brownian));
  Vector x(network.dimension());
  Index calls = 0;
  double loss_sum = 0.0;
  // Called at t = 0 and after every step: the left Riemann sum uses every state but the last;
  // records at t = γ·k for k = 0, s, 2s, … and the final state (iterate()'s record steps).
  const auto observe = [&](double, const ConstVectorRef& current) {
    const Index call = calls++;
    if (call % kStopPollSteps == 0) throw_if_stop_requested(interrupt);
    const bool record = run.record_stride > 0 && (call % record_every == 0 || call == total);
    if (call == total && !record) return;
    to_parameters(current, x);
    const double loss = network.loss(x);
    if (call < total) loss_sum += loss;
    if (record) {
      path.record_steps.push_back(call / substeps);
      path.record_train_losses.push_back(loss);
      path.record_test_losses.push_back((network.beta(x) - teacher).squaredNorm());
    }
  };
  const sde::TimeGrid grid{0.0, run.step_size * static_cast<double>(run.steps), total};
  sde::integrate(integrator, sgf, state, grid, increments, observe);
  path.loss_integral = time_step * loss_sum;
}

}  // namespace

SgfPath simulate_sgf(const DiagonalLinearNetwork& network, const Vector& teacher, SgfScheme scheme,
                     const MethodRun& run, RandomStream brownian, const std::atomic<bool>* interrupt) {
  require(run.sgf_substeps >= 1, "simulate_sgf", "sgf_substeps m (h = gamma / m) must be >= 1, got ",
          run.sgf_substeps);
  require(run.steps >= 1, "simulate_sgf", "steps must be >= 1, got ", run.steps);
  // The SGD it models: batch 1 with replacement, step size γ (dln.md §6.2).
  const sde::SgfOptions options{run.step_size, 1, BatchSampling::kWithReplacement};
  SgfPath path;
  path.log_shrink.resize(network.num_features());
  if (scheme == SgfScheme::kLogEuler) {
    const sde::LogLightConeSgf<DiagonalLinearNetwork> sgf(network, options);
    Vector y(network.dimension());
    sgf.from_parameters(network.initial_state(), y);
    integrate_on_sgd_clock(
        sgf, y, [&sgf](const ConstVectorRef& state, VectorRef out) { sgf.to_parameters(state, out); }, network,
        teacher, run, std::move(brownian), path, interrupt);
    path.x.resize(network.dimension());
    sgf.to_parameters(y, path.x);
    sgf.log_scale(y, path.log_shrink);
  } else {
    const sde::DiagonalNetworkSgf<DiagonalLinearNetwork> sgf(network, options);
    path.x = network.initial_state();
    integrate_on_sgd_clock(
        sgf, path.x, [](const ConstVectorRef& state, VectorRef out) { out = state; }, network, teacher, run,
        std::move(brownian), path, interrupt);
    network.log_scale(path.x, path.log_shrink);
  }
  path.log_shrink -= network.log_initial_scale();
  return path;
}

}  // namespace sgdbias::dln_study
