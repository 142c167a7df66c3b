#pragma once
// Convergence-order harness (sde.md §3.2), usable from tests and benchmarks:
//   * ONE DyadicBrownianPath per trajectory serves every level h_k = T·2^{-k} (exact coarsening),
//     so strong errors are pathwise and weak errors are PAIRED: mean[φ(X_h) − φ(X_ref(W))];
//   * the reference is a callable reference(path, out): the exact solution on the same W
//     (exact_solution_reference) or a fine solution on the same path (FineSolutionReference);
//   * order = least-squares slope of log e_k on log h_k; its standard error is a delete-one-batch
//     jackknife over `batches` groups of trajectories (covers the correlation between levels).
// Deterministic: trajectory p uses RandomStream(seed, p, Purpose::kBrownian).
#include <atomic>
#include <cmath>
#include <cstdint>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/stop_request.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/brownian/dyadic_brownian_path.hpp"
#include "sde/integrate.hpp"
#include "sde/log_log_fit.hpp"

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
  // Ctrl-C's flag (lib/core/stop_request.hpp), polled between trajectories: StopRequested.
  const std::atomic<bool>* interrupt = nullptr;
};

struct OrderEstimate {
  double slope = 0.0;
  double standard_error = 0.0;
  std::vector<double> time_steps;            // h_k, coarse to fine
  std::vector<double> errors;                // strong: RMS |X_h − X_ref|; weak: |mean Δφ|
  std::vector<double> mean_absolute_errors;  // strong only: mean |X_h − X_ref|
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

// Runs every trajectory at every level; record(level_index, batch, x_h, x_ref).
template <class Integrator, class Sde, class Reference, class Record>
void run_convergence_study(const Sde& sde, const ConstVectorRef& initial_state,
                           const ConvergenceStudyOptions& options, Reference& reference,
                           Record&& record) {
  validate_study(options);
  const TimeIntegrals integrals =
      Integrator::kUsesTimeIntegral ? TimeIntegrals::kOn : options.path_time_integrals;
  DyadicBrownianPath path(sde.noise_dimension(), options.duration, options.path_level, integrals);
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
  return detail::fit_order(options, differences,
                           [](double sum, double count) { return std::abs(sum / count); });
}

namespace detail {

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
  estimate.slope = log_log_slope(estimate.time_steps, estimate.errors);
  std::vector<double> leave_one_out(batches), errors(levels);
  double mean = 0.0;
  for (std::size_t b = 0; b < batches; ++b) {
    for (std::size_t k = 0; k < levels; ++k)
      errors[k] = error_of(totals[k] - sums[b][k], count - batch_sizes[b]);
    leave_one_out[b] = log_log_slope(estimate.time_steps, errors);
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
