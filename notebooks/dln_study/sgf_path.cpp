#include "notebooks/dln_study/sgf_path.hpp"

#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/stop_request.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/residual_noise_kernels.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf_paths.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/isotropic_noise_sdes.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/log_light_cone_sgf.hpp"
#include "sde/sgf_options.hpp"

namespace sgdbias::dln_study {
namespace {

using problems::DiagonalLinearNetwork;

// The SGD the SGF models: batch 1 with replacement, step size γ (dln.md §6.2).
sde::SgfOptions sgf_options(const MethodRun& run) { return {run.step_size, 1, BatchSampling::kWithReplacement}; }

sde::TimeGrid sgd_clock(const MethodRun& run) {
  return {0.0, run.step_size * static_cast<double>(run.steps), run.steps * run.sgf_substeps};
}

void check_run(const MethodRun& run) {
  require(run.sgf_substeps >= 1, "simulate_sde", "sgf_substeps m (h = gamma / m) must be >= 1, got ",
          run.sgf_substeps);
  require(run.steps >= 1, "simulate_sde", "steps must be >= 1, got ", run.steps);
}

// Integrates `sde` from `state` to T = γ·steps with h = γ/m; `to_parameters(state, x)` maps the
// integrator state to x = [u; v]. Accumulates ∫L dt and the records into `path`, leaves the final
// integrator state in `state`.
template <class Sde, class ToParameters>
void integrate_on_sgd_clock(const Sde& sde, Vector& state, ToParameters&& to_parameters,
                            const DiagonalLinearNetwork& network, const study::TestLoss& test_loss,
                            const MethodRun& run, RandomStream brownian, SgfPath& path,
                            const std::atomic<bool>* interrupt) {
  const Index substeps = run.sgf_substeps, total = run.steps * substeps;
  const double time_step = run.step_size / static_cast<double>(substeps);
  const Index record_every = run.record_stride > 0 ? run.record_stride * substeps : total + 1;
  sde::EulerMaruyama integrator(sde.state_dimension(), sde.noise_dimension());
  sde::BrownianIncrements increments(sde.noise_dimension(), std::move(brownian));
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
      path.record_test_losses.push_back(test_loss(network.beta(x)));
    }
  };
  sde::integrate(integrator, sde, state, sgd_clock(run), increments, observe);
  path.loss_integral = time_step * loss_sum;
}

// An SDE in x = [u; v] itself (EM SGF with records, wrong SDE, Langevin).
template <class Sde>
SgfPath simulate_in_parameters(const Sde& sde, const DiagonalLinearNetwork& network, const study::TestLoss& test_loss,
                               const MethodRun& run, RandomStream brownian, const std::atomic<bool>* interrupt) {
  SgfPath path;
  path.x = network.initial_state();
  integrate_on_sgd_clock(
      sde, path.x, [](const ConstVectorRef& state, VectorRef out) { out = state; }, network, test_loss, run,
      std::move(brownian), path, interrupt);
  path.log_shrink.resize(network.num_features());
  network.log_scale(path.x, path.log_shrink);
  path.log_shrink -= network.log_initial_scale();
  return path;
}

SgfPath simulate_log_euler(const DiagonalLinearNetwork& network, const study::TestLoss& test_loss,
                           const MethodRun& run, RandomStream brownian, const std::atomic<bool>* interrupt) {
  const sde::LogLightConeSgf<DiagonalLinearNetwork> sgf(network, sgf_options(run));
  SgfPath path;
  Vector y(network.dimension());
  sgf.from_parameters(network.initial_state(), y);
  integrate_on_sgd_clock(
      sgf, y, [&sgf](const ConstVectorRef& state, VectorRef out) { sgf.to_parameters(state, out); }, network,
      test_loss, run, std::move(brownian), path, interrupt);
  path.x.resize(network.dimension());
  sgf.to_parameters(y, path.x);
  path.log_shrink.resize(network.num_features());
  sgf.log_scale(y, path.log_shrink);
  path.log_shrink -= network.log_initial_scale();
  return path;
}

}  // namespace

std::vector<SgfPath> simulate_sgf_panel(const DiagonalLinearNetwork& network, const MethodRun& run,
                                        std::uint64_t seed, Index first, Index end,
                                        const std::atomic<bool>* interrupt) {
  check_run(run);
  const Index paths = end - first, n = network.num_samples();
  std::vector<RandomStream> streams;
  for (Index k = first; k < end; ++k) streams.emplace_back(seed, static_cast<std::uint64_t>(k), Purpose::kBrownian);
  Matrix states = network.initial_state().replicate(1, paths);
  // ∫L dt per path from the residuals the panel computes anyway: L = c·‖r‖²/n (dln.md §6.3).
  std::vector<double> loss_sums(static_cast<std::size_t>(paths), 0.0);
  const auto add_losses = [&loss_sums, n, interrupt](Index step, const Matrix& residuals) {
    if (step % kStopPollSteps == 0) throw_if_stop_requested(interrupt);
    for (Index k = 0; k < residuals.cols(); ++k) {
      loss_sums[static_cast<std::size_t>(k)] += sum_of_squares(residuals.col(k).data(), n) / static_cast<double>(n);
    }
  };
  sde::DiagonalNetworkSgfPaths<DiagonalLinearNetwork> panel(sde::DiagonalNetworkSgf(network, sgf_options(run)));
  panel.integrate(states, sgd_clock(run), streams, add_losses);
  const double time_step = run.step_size / static_cast<double>(run.sgf_substeps);
  std::vector<SgfPath> results(static_cast<std::size_t>(paths));
  for (Index k = 0; k < paths; ++k) {
    SgfPath& path = results[static_cast<std::size_t>(k)];
    path.x = states.col(k);
    path.log_shrink.resize(network.num_features());
    network.log_scale(path.x, path.log_shrink);
    path.log_shrink -= network.log_initial_scale();
    path.loss_integral = time_step * network.loss_scale() * loss_sums[static_cast<std::size_t>(k)];
  }
  return results;
}

SgfPath simulate_sde(const DiagonalLinearNetwork& network, const study::TestLoss& test_loss, SdeKind kind,
                     const MethodRun& run, RandomStream brownian, const std::atomic<bool>* interrupt) {
  check_run(run);
  switch (kind) {
    case SdeKind::kSgfLogEuler:
      return simulate_log_euler(network, test_loss, run, std::move(brownian), interrupt);
    case SdeKind::kSgfEulerMaruyama:
      return simulate_in_parameters(sde::DiagonalNetworkSgf<DiagonalLinearNetwork>(network, sgf_options(run)), network,
                                    test_loss, run, std::move(brownian), interrupt);
    case SdeKind::kWrongSde:
      return simulate_in_parameters(sde::WrongSgf<DiagonalLinearNetwork>(network, sgf_options(run)), network,
                                    test_loss, run, std::move(brownian), interrupt);
    case SdeKind::kLangevin:
      break;
  }
  return simulate_in_parameters(sde::OverdampedLangevin<DiagonalLinearNetwork>(network, run.langevin_inverse_temperature),
                                network, test_loss, run, std::move(brownian), interrupt);
}

}  // namespace sgdbias::dln_study
