#pragma once
// Seed-averaged SGD and SGF statistics for dln.md §9 check 11 (§6.3, "SGD vs SGF agreement"):
// mean over coordinates of ln(κ_T/κ₀) and the test loss ‖β_T − β*‖², over independent
// trajectories (SGD: Purpose::kMinibatch streams; SGF: Purpose::kBrownian streams), both run on
// the clock t = γ·k until MSE ≤ 1e-10 (or max_time). Deterministic for a seed.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <vector>

#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/random/random_stream.hpp"
#include "tests/problems/diagonal_linear_network/stochastic_gradient_flow/sgf_runs.hpp"
#include "tests/problems/diagonal_linear_network/stochastic_gradient_flow/sgf_test_problem.hpp"

namespace sgdbias::testing {

struct SeedAverage {
  double mean = 0.0;
  double standard_error = 0.0;  // of the mean, from the spread over trajectories
};

inline SeedAverage seed_average(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  double mean = 0.0, spread = 0.0;
  for (double value : values) mean += value / n;
  for (double value : values) spread += (value - mean) * (value - mean);
  return {mean, std::sqrt(spread / (n - 1.0) / n)};
}

struct EnsembleStatistics {
  SeedAverage mean_log_shrink;  // mean_j ln(κ_T/κ₀)
  SeedAverage test_loss;        // ‖β_T − β*‖²
  SeedAverage formula_shrink;   // −γ mean(D) ∫MSE dt of the same paths (SGD: γ Σ_k γ MSE(β_k))
  // SGD only: −γ mean_j ∫ (1/n)Σ_i r_i² x_ij² dt, the κ shrink rate of SGD's EXACT gradient second
  // moment (dln.md §6.1 before replacing diag(r²) by (‖r‖²/n)I); 0 for the SGF.
  SeedAverage second_moment_shrink;
  double max_final_mse = 0.0;
};

inline EnsembleStatistics summarise(const std::vector<double>& shrinks, const std::vector<double>& losses,
                                    const std::vector<double>& formula, const std::vector<double>& second_moment,
                                    double max_final_mse) {
  return {seed_average(shrinks), seed_average(losses), seed_average(formula), seed_average(second_moment),
          max_final_mse};
}

// Accumulates ∫MSE dt ≈ γ Σ_k MSE(β_k) along an SGD run (dln.md §6.6, same clock as the SGF).
// Also ∫ mean_j (1/n)Σ_i r_i² x_ij² dt = ∫ (1/(nd)) Σ_i r_i² ‖x_i‖² dt.
struct LossIntegralObserver {
  const problems::DiagonalLinearNetwork* network;
  double step_size;
  Vector row_norms_squared;  // ‖x_i‖²/d
  Vector residual;
  double integral = 0.0;
  double second_moment_integral = 0.0;
  LossIntegralObserver(const problems::DiagonalLinearNetwork& problem, double gamma)
      : network(&problem), step_size(gamma),
        row_norms_squared(problem.features().rowwise().squaredNorm() / static_cast<double>(problem.num_features())),
        residual(problem.num_samples()) {}
  template <class Algorithm>
  void on_step(Index, const ConstVectorRef& x, const Algorithm&) {
    network->residual(x, residual);
    const double n = static_cast<double>(residual.size());
    integral += step_size * residual.squaredNorm() / n;
    second_moment_integral += step_size * residual.cwiseAbs2().dot(row_norms_squared) / n;
  }
};

inline double mean_log_shrink(const problems::DiagonalLinearNetwork& network, const ConstVectorRef& log_scale) {
  return (log_scale - network.log_initial_scale()).mean();
}

struct AgreementRunOptions {
  double step_size = 0.05;
  Index trajectories = 5;
  double sgf_time_step_fraction = 0.05;  // h = γ·this
  double max_time = 400.0;
  double chunk = 20.0;
  double target_mse = 1e-10;  // stop at the first chunk end with MSE ≤ this
  std::uint64_t seed = 1;
};

inline EnsembleStatistics sgd_statistics(const SgfTestSetting& setting, const AgreementRunOptions& options) {
  const problems::DiagonalLinearNetwork& network = setting.network;
  std::vector<double> shrinks, losses, formula, second_moment;
  double max_mse = 0.0;
  const double mean_moment = network.feature_second_moments().mean();
  for (Index p = 0; p < options.trajectories; ++p) {
    LossIntegralObserver loss_integral(network, options.step_size);
    StochasticGradientDescent<problems::DiagonalLinearNetwork> sgd(
        network, {.step_size = options.step_size, .batch_size = 1},
        RandomStream(options.seed, static_cast<std::uint64_t>(p), Purpose::kMinibatch));
    IterationOptions chunk;
    chunk.steps = static_cast<Index>(std::lround(options.chunk / options.step_size));
    chunk.record_stride = chunk.steps;
    Vector x = network.initial_state();
    for (double t = 0.0; t < options.max_time && network.mean_squared_error(x) > options.target_mse;
         t += options.chunk) {
      iterate(sgd, x, chunk, loss_integral);
    }
    formula.push_back(-options.step_size * mean_moment * loss_integral.integral);
    second_moment.push_back(-options.step_size * loss_integral.second_moment_integral);
    Vector log_scale(network.num_features());
    network.log_scale(x, log_scale);
    shrinks.push_back(mean_log_shrink(network, log_scale));
    losses.push_back(setting.test_loss(network.beta(x)));
    max_mse = std::max(max_mse, network.mean_squared_error(x));
  }
  return summarise(shrinks, losses, formula, second_moment, max_mse);
}

inline EnsembleStatistics sgf_statistics(const SgfTestSetting& setting, const AgreementRunOptions& options) {
  std::vector<double> shrinks, losses, formula;
  double max_mse = 0.0;
  const double mean_moment = setting.network.feature_second_moments().mean();
  for (Index p = 0; p < options.trajectories; ++p) {
    const SgfRun run = run_sgf(setting.network, {.scheme = SgfScheme::kLogEuler,
                                                 .step_size = options.step_size,
                                                 .time_step = options.sgf_time_step_fraction * options.step_size,
                                                 .target_mse = options.target_mse,
                                                 .max_time = options.max_time,
                                                 .chunk = options.chunk,
                                                 .seed = options.seed,
                                                 .trajectory = static_cast<std::uint64_t>(p)});
    shrinks.push_back(mean_log_shrink(setting.network, run.log_scale));
    losses.push_back(setting.test_loss(run.beta));
    formula.push_back(-options.step_size * mean_moment * run.integrated_mse);
    max_mse = std::max(max_mse, run.final_mse);
  }
  return summarise(shrinks, losses, formula, std::vector<double>(formula.size(), 0.0), max_mse);
}

}  // namespace sgdbias::testing
