#pragma once
// One SGF trajectory run until (near) interpolation, as the §9 checks 10–11 of dln.md need it:
// Euler–Maruyama in x = [u; v] or the log-Euler stepper (EM on LogLightConeSgf, dln.md §6.3),
// integrated in chunks on the clock t = γ·k with ONE streaming Brownian path, recording the left
// Riemann sum ∫MSE dt of the simulated path (what ln κ∞ = ln κ₀ − γD∫MSE dt is evaluated with).
// Deterministic for (seed, trajectory).
#include <cmath>
#include <cstdint>

#include "lib/observers/loss_integral.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/log_light_cone_sgf.hpp"

namespace sgdbias::testing {

enum class SgfScheme { kEulerMaruyama, kLogEuler };

struct SgfRunOptions {
  SgfScheme scheme = SgfScheme::kLogEuler;
  double step_size = 0.05;        // γ of the modelled SGD
  double time_step = 0.005;       // h
  double target_mse = 1e-10;      // stop at the first chunk end with MSE ≤ this
  double max_time = 1000.0;
  double chunk = 10.0;            // time between convergence checks
  std::uint64_t seed = 1;
  std::uint64_t trajectory = 0;
};

struct SgfRun {
  Vector beta;
  Vector log_scale;               // ln κ_T of the final state
  double integrated_mse = 0.0;    // left Riemann ∫₀^T MSE dt of the same path
  double final_mse = 0.0;
  double time = 0.0;              // T
};

namespace detail {
// `mse(state)` and `finish(state, run)` adapt the two state representations.
template <class Sde, class MeanSquaredError, class Finish>
SgfRun run_sgf_chunks(const Sde& sde, Vector state, const SgfRunOptions& options, MeanSquaredError&& mse,
                      Finish&& finish) {
  sde::EulerMaruyama stepper(sde.state_dimension(), sde.noise_dimension());
  sde::BrownianIncrements brownian(sde.noise_dimension(),
                                   RandomStream(options.seed, options.trajectory, Purpose::kBrownian));
  const Index steps = static_cast<Index>(std::lround(options.chunk / options.time_step));
  SgfRun run;
  double current_mse = mse(state);
  while (run.time < options.max_time && current_mse > options.target_mse) {
    const sde::TimeGrid grid{run.time, run.time + options.chunk, steps};
    RiemannSum mse_integral([&](const ConstVectorRef& x) { return mse(x); });
    sde::integrate(stepper, sde, state, grid, brownian, mse_integral);
    run.integrated_mse += mse_integral.value();
    run.time = grid.end;
    current_mse = mse(state);
  }
  run.final_mse = current_mse;
  finish(state, run);
  return run;
}
}  // namespace detail

inline SgfRun run_sgf(const problems::DiagonalLinearNetwork& network, const SgfRunOptions& options) {
  const sde::SgfOptions flow_options{.step_size = options.step_size};
  if (options.scheme == SgfScheme::kEulerMaruyama) {
    const sde::DiagonalNetworkSgf<problems::DiagonalLinearNetwork> sgf(network, flow_options);
    return detail::run_sgf_chunks(
        sgf, network.initial_state(), options,
        [&](const ConstVectorRef& x) { return network.mean_squared_error(x); },
        [&](const Vector& x, SgfRun& run) {
          run.beta = network.beta(x);
          run.log_scale.resize(network.num_features());
          network.log_scale(x, run.log_scale);
        });
  }
  const sde::LogLightConeSgf<problems::DiagonalLinearNetwork> sgf(network, flow_options);
  Vector y(sgf.state_dimension()), x(sgf.state_dimension());
  sgf.from_parameters(network.initial_state(), y);
  return detail::run_sgf_chunks(
      sgf, y, options,
      [&](const ConstVectorRef& state) {
        sgf.to_parameters(state, x);
        return network.mean_squared_error(x);
      },
      [&](const Vector& state, SgfRun& run) {
        sgf.to_parameters(state, x);
        run.beta = network.beta(x);
        run.log_scale.resize(network.num_features());
        sgf.log_scale(state, run.log_scale);
      });
}

}  // namespace sgdbias::testing
