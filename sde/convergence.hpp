#pragma once
// Convergence-order harness (sde.md §3.2), usable from tests and benchmarks:
//   * ONE DyadicBrownianPath per trajectory serves every level h_k = T·2^{-k} (exact coarsening),
//     so strong errors are pathwise and weak errors are PAIRED: mean[φ(X_h) − φ(X_ref(W))];
//   * the reference is a callable reference(path, out): the exact solution on the same W
//     (exact_solution_reference) or a fine solution on the same path (FineSolutionReference);
//   * order = least-squares slope of log e_k on log h_k; its standard error is a delete-one-batch
//     jackknife over `batches` groups of trajectories (covers the correlation between levels).
//   * UNPAIRED weak errors (estimate_weak_order_unpaired) when only the exact expectation E φ(X_T)
//     is known: independent paths per level, signed errors mean φ(X_h) − E φ(X_T) with their
//     per-level standard errors (sde.md §3.2 item 7b), so a sign change or a level lost in noise
//     is visible instead of being folded into |·|.
// Deterministic: trajectory p uses RandomStream(seed, p, Purpose::kBrownian); unpaired level k
// uses RandomStream(seed, k·2^40 + p, Purpose::kBrownian), independent across levels.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdint>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/log_log_fit.hpp"
#include "lib/core/stop_request.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/brownian/dyadic_brownian_path.hpp"
#include "sde/integrate.hpp"

namespace sgdbias::sde {

struct ConvergenceStudyOptions {
  int coarsest_level = 3;   // largest h = T·2^{-coarsest_level}
  int finest_level = 9;     // smallest h = T·2^{-finest_level}
  int path_level = 9;       // Brownian path resolution; ≥ finest level and any reference level
  Index trajectories = 1000;
  Index batches = 20;       // jackknife groups for the slope's standard error
  std::uint64_t seed = 1;
  double start_time = 0.0;
  double duration = 1.0;
  // Sample I_(1,0) on the path even when the tested integrator does not need it (references such
  // as a fine SRA1/SRIW1 solution or the OU grid transition do). Integrators that need it force it.
  TimeIntegrals path_time_integrals = TimeIntegrals::kOn;
  // Lévy areas on the path: forced on for integrators that use them (LevyAreaMilstein); turn on
  // for references that need them (e.g. an exact solution in terms of the area).
  LevyAreas path_levy_areas = LevyAreas::kOff;
  // Ctrl-C's flag (lib/core/stop_request.hpp), polled between trajectories: StopRequested.
  const std::atomic<bool>* interrupt = nullptr;
};

struct OrderEstimate {
  double slope = 0.0;
  double standard_error = 0.0;
  std::vector<double> time_steps;            // h_k, coarse to fine
  std::vector<double> errors;                // strong: RMS |X_h − X_ref|; weak: |mean Δφ|
  std::vector<double> mean_absolute_errors;  // strong only: mean |X_h − X_ref|
  std::vector<double> signed_errors;         // weak only: mean φ(X_h) − φ(X_ref) or − E φ(X_T)
  std::vector<double> error_standard_errors; // unpaired weak only: standard error of signed_errors[k]
};

// Reference = exact solution of the SDE given W(T) − W(t0) (problems with exact paths).
template <class Sde>
auto exact_solution_reference(const Sde& sde, double time) {
  return [&sde, time](const DyadicBrownianPath& path, VectorRef out) {
    sde.exact_solution(time, path.total_increment(), out);
  };
}

// Reference = the same integrator (or a better one) at a finer level of the same path.
template <class Integrator, class Sde>
class FineSolutionReference {
 public:
  FineSolutionReference(const Sde& sde, const ConstVectorRef& initial_state, int level,
                        double start_time = 0.0, double duration = 1.0)
      : sde_(&sde), initial_state_(initial_state), level_(level),
        grid_{start_time, start_time + duration, Index{1} << level},
        integrator_(sde.state_dimension(), sde.noise_dimension()) {}
  void operator()(const DyadicBrownianPath& path, VectorRef out) {
    out = initial_state_;
    DyadicBrownianPath::Level source = path.level(level_);
    integrate(integrator_, *sde_, out, grid_, source);
  }

 private:
  const Sde* sde_;
  Vector initial_state_;
  int level_;
  TimeGrid grid_;
  Integrator integrator_;
};

namespace detail {

void validate_study(const ConvergenceStudyOptions& options);
std::vector<double> level_means(const std::vector<std::vector<double>>& sums, Index trajectories);

// Runs every trajectory at every level; record(level_index, batch, x_h, x_ref).
template <class Integrator, class Sde, class Reference, class Record>
void run_convergence_study(const Sde& sde, const ConstVectorRef& initial_state,
                           const ConvergenceStudyOptions& options, Reference& reference,
                           Record&& record) {
  validate_study(options);
  const TimeIntegrals integrals =
      Integrator::kUsesTimeIntegral ? TimeIntegrals::kOn : options.path_time_integrals;
  const LevyAreas areas = uses_levy_area<Integrator>() ? LevyAreas::kOn : options.path_levy_areas;
  DyadicBrownianPath path(sde.noise_dimension(), options.duration, options.path_level, integrals, areas);
  Integrator integrator(sde.state_dimension(), sde.noise_dimension());
  Vector state(sde.state_dimension()), reference_state(sde.state_dimension());
  for (Index p = 0; p < options.trajectories; ++p) {
    throw_if_stop_requested(options.interrupt);
    RandomStream stream(options.seed, static_cast<std::uint64_t>(p), Purpose::kBrownian);
    path.sample(stream);
    reference(path, reference_state);
    const Index batch = p % options.batches;
    for (int level = options.coarsest_level; level <= options.finest_level; ++level) {
      state = initial_state;
      DyadicBrownianPath::Level source = path.level(level);
      const TimeGrid grid{options.start_time, options.start_time + options.duration, Index{1} << level};
      integrate(integrator, sde, state, grid, source);
      record(static_cast<std::size_t>(level - options.coarsest_level), static_cast<std::size_t>(batch),
             state, reference_state);
    }
  }
}

// sums[batch][level] → (slope, jackknife SE); error_of(total_sum, count) maps a pooled sum to e_k.
template <class ErrorOf>
OrderEstimate fit_order(const ConvergenceStudyOptions& options,
                        const std::vector<std::vector<double>>& sums, ErrorOf&& error_of);

}  // namespace detail

// Strong order: e_k = (mean_p |X_{h_k}(T) − X_ref(T)|²)^{1/2}.
template <class Integrator, class Sde, class Reference>
OrderEstimate estimate_strong_order(const Sde& sde, const ConstVectorRef& initial_state,
                                    const ConvergenceStudyOptions& options, Reference&& reference) {
  const std::size_t levels = static_cast<std::size_t>(options.finest_level - options.coarsest_level + 1);
  const std::size_t batches = static_cast<std::size_t>(options.batches);
  std::vector<std::vector<double>> squared(batches, std::vector<double>(levels, 0.0));
  std::vector<double> absolute(levels, 0.0);
  detail::run_convergence_study<Integrator>(
      sde, initial_state, options, reference,
      [&](std::size_t level, std::size_t batch, const Vector& x, const Vector& x_ref) {
        const double distance = (x - x_ref).norm();
        squared[batch][level] += distance * distance;
        absolute[level] += distance;
      });
  OrderEstimate estimate = detail::fit_order(
      options, squared, [](double sum, double count) { return std::sqrt(sum / count); });
  for (double& value : absolute) value /= static_cast<double>(options.trajectories);
  estimate.mean_absolute_errors = absolute;
  return estimate;
}

// Weak order with the paired estimator: e_k = |mean_p [φ(X_{h_k}) − φ(X_ref)]|.
template <class Integrator, class Sde, class Reference, class Observable>
OrderEstimate estimate_weak_order(const Sde& sde, const ConstVectorRef& initial_state,
                                  const ConvergenceStudyOptions& options, Reference&& reference,
                                  Observable&& observable) {
  const std::size_t levels = static_cast<std::size_t>(options.finest_level - options.coarsest_level + 1);
  std::vector<std::vector<double>> differences(static_cast<std::size_t>(options.batches),
                                               std::vector<double>(levels, 0.0));
  detail::run_convergence_study<Integrator>(
      sde, initial_state, options, reference,
      [&](std::size_t level, std::size_t batch, const Vector& x, const Vector& x_ref) {
        differences[batch][level] += observable(x) - observable(x_ref);
      });
  OrderEstimate estimate = detail::fit_order(options, differences,
                                             [](double sum, double count) { return std::abs(sum / count); });
  estimate.signed_errors = detail::level_means(differences, options.trajectories);
  return estimate;
}

// Weak order WITHOUT a per-path reference: e_k = mean_p φ(X_{h_k}) − exact_expectation over
// independent paths per level (streaming increments at the level's own h; no dyadic path needed),
// with the per-level standard error sd_k/√N. The slope is fitted on |e_k|; its standard error is
// the larger of the jackknife's and the delta method's over the independent levels; N must make sd_k/√N small against |e_k| at the finest level (sde.md §2.0:
// "SE at the finest level < 1/10 of the bias"), which error_standard_errors lets the caller check.
template <class Integrator, class Sde, class Observable>
OrderEstimate estimate_weak_order_unpaired(const Sde& sde, const ConstVectorRef& initial_state,
                                           const ConvergenceStudyOptions& options, Observable&& observable,
                                           double exact_expectation) {
  detail::validate_study(options);
  const std::size_t levels = static_cast<std::size_t>(options.finest_level - options.coarsest_level + 1);
  std::vector<std::vector<double>> differences(static_cast<std::size_t>(options.batches),
                                               std::vector<double>(levels, 0.0));
  std::vector<double> squares(levels, 0.0);
  const TimeIntegrals integrals = Integrator::kUsesTimeIntegral ? TimeIntegrals::kOn : TimeIntegrals::kOff;
  Integrator integrator(sde.state_dimension(), sde.noise_dimension());
  Vector state(sde.state_dimension());
  for (std::size_t k = 0; k < levels; ++k) {
    const int level = options.coarsest_level + static_cast<int>(k);
    const TimeGrid grid{options.start_time, options.start_time + options.duration, Index{1} << level};
    for (Index p = 0; p < options.trajectories; ++p) {
      const std::uint64_t trajectory = (static_cast<std::uint64_t>(level) << 40) + static_cast<std::uint64_t>(p);
      BrownianIncrements brownian(sde.noise_dimension(), RandomStream(options.seed, trajectory, Purpose::kBrownian),
                                  integrals, uses_levy_area<Integrator>() ? LevyAreas::kOn : LevyAreas::kOff);
      state = initial_state;
      integrate(integrator, sde, state, grid, brownian);
      const double error = observable(state) - exact_expectation;
      differences[static_cast<std::size_t>(p % options.batches)][k] += error;
      squares[k] += error * error;
    }
  }
  OrderEstimate estimate = detail::fit_order(options, differences,
                                             [](double sum, double count) { return std::abs(sum / count); });
  estimate.signed_errors = detail::level_means(differences, options.trajectories);
  const double count = static_cast<double>(options.trajectories);
  for (std::size_t k = 0; k < levels; ++k) {
    const double mean = estimate.signed_errors[k];
    const double variance = (squares[k] / count - mean * mean) * count / (count - 1.0);
    estimate.error_standard_errors.push_back(std::sqrt(std::max(variance, 0.0) / count));
  }
  // Levels are independent, so the slope's standard error follows from the per-level ones by the
  // delta method, Var log|e_k| ≈ (SE_k/e_k)²; kept if larger than the jackknife's.
  double mean_log_h = 0.0, sxx = 0.0, variance = 0.0;
  for (double h : estimate.time_steps) mean_log_h += std::log(h) / static_cast<double>(levels);
  for (double h : estimate.time_steps) sxx += (std::log(h) - mean_log_h) * (std::log(h) - mean_log_h);
  for (std::size_t k = 0; k < levels; ++k) {
    const double weight = (std::log(estimate.time_steps[k]) - mean_log_h) / sxx;
    const double relative = estimate.error_standard_errors[k] / std::abs(estimate.signed_errors[k]);
    variance += weight * weight * relative * relative;
  }
  estimate.standard_error = std::max(estimate.standard_error, std::sqrt(variance));
  return estimate;
}

namespace detail {

// Pooled mean per level of sums[batch][level].
inline std::vector<double> level_means(const std::vector<std::vector<double>>& sums, Index trajectories) {
  std::vector<double> means(sums.front().size(), 0.0);
  for (const std::vector<double>& batch : sums)
    for (std::size_t k = 0; k < means.size(); ++k) means[k] += batch[k] / static_cast<double>(trajectories);
  return means;
}

inline void validate_study(const ConvergenceStudyOptions& options) {
  const std::string_view where = "convergence study";
  require(options.coarsest_level >= 0 && options.finest_level >= options.coarsest_level + 2, where,
          "need at least 3 levels with 0 <= coarsest level, got levels ", options.coarsest_level,
          "..", options.finest_level);
  require(options.path_level >= options.finest_level, where, "path level ", options.path_level,
          " must be >= finest level ", options.finest_level);
  require(options.batches >= 2 && options.trajectories >= options.batches, where,
          "need 2 <= batches <= trajectories, got ", options.batches, " batches and ",
          options.trajectories, " trajectories");
  require(options.duration > 0.0 && std::isfinite(options.duration), where,
          "duration must be finite and > 0, got ", options.duration);
}

template <class ErrorOf>
OrderEstimate fit_order(const ConvergenceStudyOptions& options,
                        const std::vector<std::vector<double>>& sums, ErrorOf&& error_of) {
  const std::size_t levels = sums.front().size();
  const std::size_t batches = sums.size();
  OrderEstimate estimate;
  std::vector<double> totals(levels, 0.0);
  for (const std::vector<double>& batch : sums)
    for (std::size_t k = 0; k < levels; ++k) totals[k] += batch[k];
  std::vector<double> batch_sizes(batches, 0.0);
  for (Index p = 0; p < options.trajectories; ++p) batch_sizes[static_cast<std::size_t>(p % options.batches)] += 1.0;
  const double count = static_cast<double>(options.trajectories);
  for (std::size_t k = 0; k < levels; ++k) {
    estimate.time_steps.push_back(options.duration / std::ldexp(1.0, options.coarsest_level + static_cast<int>(k)));
    estimate.errors.push_back(error_of(totals[k], count));
  }
  estimate.slope = fit_log_log_slope(estimate.time_steps, estimate.errors).slope;
  std::vector<double> leave_one_out(batches), errors(levels);
  double mean = 0.0;
  for (std::size_t b = 0; b < batches; ++b) {
    for (std::size_t k = 0; k < levels; ++k)
      errors[k] = error_of(totals[k] - sums[b][k], count - batch_sizes[b]);
    leave_one_out[b] = fit_log_log_slope(estimate.time_steps, errors).slope;
    mean += leave_one_out[b] / static_cast<double>(batches);
  }
  double spread = 0.0;
  for (double slope : leave_one_out) spread += (slope - mean) * (slope - mean);
  estimate.standard_error =
      std::sqrt(spread * static_cast<double>(batches - 1) / static_cast<double>(batches));
  return estimate;
}

}  // namespace detail
}  // namespace sgdbias::sde
