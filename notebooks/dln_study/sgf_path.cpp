#include "notebooks/dln_study/sgf_path.hpp"

#include <type_traits>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/stop_request.hpp"
#include "lib/core/time_grid.hpp"
#include "lib/observers/stop_check.hpp"
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

// The observer of one SDE path on SGD's clock (lib/core/observer.hpp): ∫L dt as h·Σ_k L(x_k) over
// the steps (the left Riemann sum, one multiply at the end), and the records at t = γ·k for
// k = 0, s, 2s, … and the final state (iterate()'s record steps, stride s·m on the integrator
// grid). A record's loss is the one its step sums (the record comes first at the same state).
// `to_parameters(state, x)` maps the integrator state to x = [u; v].
template <class ToParameters>
class SgdClockObserver {
 public:
  SgdClockObserver(const DiagonalLinearNetwork& network, const study::TestLoss& test_loss, const MethodRun& run,
                   ToParameters& to_parameters, SgfPath& path)
      : network_(network), test_loss_(test_loss), run_(run), to_parameters_(to_parameters), path_(path),
        x_(network.dimension()) {}

  void on_record(const RecordPoint& point, const ConstVectorRef& state) {
    if (run_.record_stride == 0) return;
    const double loss = loss_at(point.step, state);
    path_.record_steps.push_back(point.step / run_.sgf_substeps);
    path_.record_train_losses.push_back(loss);
    path_.record_test_losses.push_back(test_loss_(network_.beta(x_)));
  }
  void on_step(Index step, const ConstVectorRef& state, const FixedStep& /*stepper*/) {
    loss_sum_ += loss_at(step, state);
  }
  double loss_sum() const { return loss_sum_; }

 private:
  // L(x) at integrator step `step`, evaluated once even when a record and a step share it.
  double loss_at(Index step, const ConstVectorRef& state) {
    if (step != loss_step_) {
      to_parameters_(state, x_);
      loss_ = network_.loss(x_);
      loss_step_ = step;
    }
    return loss_;
  }

  const DiagonalLinearNetwork& network_;
  const study::TestLoss& test_loss_;
  const MethodRun& run_;
  ToParameters& to_parameters_;
  SgfPath& path_;
  Vector x_;
  Index loss_step_ = -1;
  double loss_ = 0.0, loss_sum_ = 0.0;
};

// Integrates `sde` from `state` to T = γ·steps with h = γ/m. Accumulates ∫L dt and the records
// into `path`, leaves the final integrator state in `state`.
template <class Sde, class ToParameters>
void integrate_on_sgd_clock(const Sde& sde, Vector& state, ToParameters&& to_parameters,
                            const DiagonalLinearNetwork& network, const study::TestLoss& test_loss,
                            const MethodRun& run, RandomStream brownian, SgfPath& path,
                            const std::atomic<bool>* interrupt) {
  const Index substeps = run.sgf_substeps, total = run.steps * substeps;
  const double time_step = run.step_size / static_cast<double>(substeps);
  sde::EulerMaruyama integrator(sde.state_dimension(), sde.noise_dimension());
  sde::BrownianIncrements increments(sde.noise_dimension(), std::move(brownian));
  TimeGrid grid = sgd_clock(run);
  grid.record_stride = run.record_stride > 0 ? run.record_stride * substeps : total;
  SgdClockObserver<std::remove_reference_t<ToParameters>> observer(network, test_loss, run, to_parameters, path);
  sde::integrate(integrator, sde, state, grid, increments, StopCheck(interrupt), observer);
  path.loss_integral = time_step * observer.loss_sum();
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

// The panel's observer of Σ_k ‖r_k‖²/n per path, from the residuals of each step (the panel's
// SgfPanelStep): the loss without a product of its own.
class PanelLossSums {
 public:
  explicit PanelLossSums(Index paths) : sums_(static_cast<std::size_t>(paths), 0.0) {}
  void on_step(Index /*step*/, const Matrix& /*states*/, const sde::SgfPanelStep& step) {
    const Matrix& residuals = step.residuals();
    const Index n = residuals.rows();
    for (Index k = 0; k < residuals.cols(); ++k) {
      sums_[static_cast<std::size_t>(k)] += sum_of_squares(residuals.col(k).data(), n) / static_cast<double>(n);
    }
  }
  const std::vector<double>& sums() const { return sums_; }

 private:
  std::vector<double> sums_;
};

}  // namespace

std::vector<SgfPath> simulate_sgf_panel(const DiagonalLinearNetwork& network, const MethodRun& run,
                                        std::uint64_t seed, Index first, Index end,
                                        const std::atomic<bool>* interrupt) {
  check_run(run);
  const Index paths = end - first;
  std::vector<RandomStream> streams;
  for (Index k = first; k < end; ++k) streams.emplace_back(seed, static_cast<std::uint64_t>(k), Purpose::kBrownian);
  Matrix states = network.initial_state().replicate(1, paths);
  // ∫L dt per path from the residuals the panel computes anyway: L = c·‖r‖²/n (dln.md §6.3).
  PanelLossSums loss_sums(paths);
  sde::DiagonalNetworkSgfPaths<DiagonalLinearNetwork> panel(sde::DiagonalNetworkSgf(network, sgf_options(run)));
  panel.integrate(states, sgd_clock(run), streams, StopCheck(interrupt), loss_sums);
  const double time_step = run.step_size / static_cast<double>(run.sgf_substeps);
  std::vector<SgfPath> results(static_cast<std::size_t>(paths));
  for (Index k = 0; k < paths; ++k) {
    SgfPath& path = results[static_cast<std::size_t>(k)];
    path.x = states.col(k);
    path.log_shrink.resize(network.num_features());
    network.log_scale(path.x, path.log_shrink);
    path.log_shrink -= network.log_initial_scale();
    path.loss_integral = time_step * network.loss_scale() * loss_sums.sums()[static_cast<std::size_t>(k)];
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
