#pragma once
// iterate(): THE loop for every discrete algorithm (StepPolicy: GD, SGD, label-noise SGD, heavy
// ball). Observers, record strides and the divergence guard are written once here (style.md D5,
// D7). No allocation inside the loop (one copy of x₀ is made before it, for the error message).
//
// Observers follow THE protocol of lib/core/observer.hpp (on_start, on_record, on_step, on_finish):
// records at k = 0, s, 2s, ..., and k = steps (lib/core/record_grid.hpp) with time t = γk (dln.md
// §6.2's clock); on_step(k, x_k, algorithm) every step, after prepare(k) and before the update
// k → k+1, sees the algorithm's step_size(), batch() and label_shifts() of step k, which is what
// the exact bookkeeping of dln.md §7 and the loss integral ∫L dt ≈ γΣ_k L(x_k) need; on_finish
// sees the steps taken (fewer if the stop rule of options.loss_tolerance ended the run).
//
// Runs: when no observer has on_step and the algorithm is a RunStepPolicy (step_policy.hpp:
// SGD), the steps between two records are one apply_run call, with the same draws and bits.
//
// Divergence guard: after every step, if some |x_i| is NaN, infinite or above
// options.divergence_threshold, iterate throws NumericalFailure naming the algorithm, the step
// and the step size, with the linear-stability bound that applies to it at x₀ when HVPs are
// available (linear_stability.hpp: GD's 2/λ_max(∇²L), minibatch methods' 2/max_i λ_max(∇²ℓ_i)).
// A GuardedStepPolicy (step_policy.hpp) measures this inside its own update pass; otherwise
// iterate makes one branch-free pass over x after apply() (lib/core/bound_check.hpp). A threshold
// of +inf still stops an infinite state.
#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>

#include "lib/algorithms/linear_stability.hpp"
#include "lib/algorithms/step_policy.hpp"
#include "lib/core/bound_check.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/record_grid.hpp"

namespace sgdbias {

struct IterationOptions {
  Index steps = 1000;          // number of updates K (at most, with loss_tolerance)
  Index record_stride = 1;     // on_record every this many steps (and at the last step)
  double divergence_threshold = 1e10;  // max |x_i| before the run counts as diverged (> 0, may be +inf)
  // Stop rule: end the run at the first record (steps 0, s, 2s, …) where L(x) ≤ loss_tolerance, so
  // no step count has to be guessed to reach interpolation. Checked only at records (one loss
  // evaluation each); empty: run all `steps`.
  std::optional<double> loss_tolerance = std::nullopt;

  void validate() const {
    record_grid().validate("iterate");
    require(divergence_threshold > 0.0, "iterate", "divergence_threshold must be > 0 (may be +inf), got ",
            divergence_threshold);
    require(!loss_tolerance || std::isfinite(*loss_tolerance), "iterate", "loss_tolerance must be finite, got ",
            loss_tolerance.value_or(0.0));
  }
  RecordGrid record_grid() const { return {steps, record_stride}; }
  // Number of on_record calls of a run that is not stopped early (an upper bound with loss_tolerance).
  Index num_records() const { return record_grid().num_records(); }
};

// What iterate() did.
struct IterationResult {
  Index steps = 0;                      // steps taken: options.steps unless the stop rule ended the run
  bool reached_loss_tolerance = false;  // L(x) ≤ loss_tolerance at the last record
};

namespace detail {

template <StepPolicy Algorithm>
[[noreturn]] void report_divergence(const Algorithm& algorithm, Index step, const ConstVectorRef& x,
                                    const ConstVectorRef& initial_state, const IterationOptions& options) {
  std::string state = x.allFinite() ? describe("max |x_i| = ", x.cwiseAbs().maxCoeff(),
                                               " exceeds the divergence threshold ", options.divergence_threshold)
                                    : std::string("the state became NaN or infinite");
  throw NumericalFailure("iterate", describe(Algorithm::kName, " diverged at step ", step + 1, " of ", options.steps,
                                             " with step size ", algorithm.step_size(), ": ", state,
                                             ". Hint: ", stability_advice(algorithm, initial_state)));
}

}  // namespace detail

template <StepPolicy Algorithm, class... Observers>
IterationResult iterate(Algorithm& algorithm, VectorRef x, const IterationOptions& options, Observers&&... observers) {
  options.validate();
  require(x.size() == algorithm.problem().dimension(), "iterate", "state has size ", x.size(), ", but ",
          Algorithm::kName, "'s problem has dimension ", algorithm.problem().dimension());
  require(all_finite(x), "iterate", "the initial state contains NaN or infinite entries");
  const Vector initial_state = x;
  // The stop rule at a record: L(x) ≤ loss_tolerance.
  using Problem = std::remove_cvref_t<decltype(algorithm.problem())>;
  require(!options.loss_tolerance || DifferentiableObjective<Problem>, "iterate",
          "loss_tolerance needs a problem with loss(); ", Algorithm::kName, "'s problem has none");
  const auto reached_tolerance = [&]() -> bool {
    if constexpr (DifferentiableObjective<Problem>) {
      return options.loss_tolerance.has_value() && algorithm.problem().loss(x) <= *options.loss_tolerance;
    } else {
      return false;
    }
  };
  const ConstVectorRef state = x;  // the observers' view of x (no copy)
  [[maybe_unused]] const auto at = [&algorithm](Index k) {  // records on the clock t = γk
    return RecordPoint{k, static_cast<double>(k) * algorithm.step_size()};
  };
  (observer::notify_start(observers, options.record_grid(), state), ...);
  RecordCountdown countdown(options.record_grid());
  for (Index k = 0; k < options.steps;) {
    if (countdown.due()) {
      (observer::notify_record(observers, at(k), state), ...);
      if (reached_tolerance()) {
        (observer::notify_finish(observers, at(k), state), ...);
        return {.steps = k, .reached_loss_tolerance = true};
      }
      countdown.restart();
    }
    if constexpr (RunStepPolicy<Algorithm> &&
                  !(observer::ObservesSteps<Observers, ConstVectorRef, Algorithm> || ...)) {
      // No observer looks at single steps: the algorithm takes the steps up to the next record
      // in one call (step_policy.hpp), with the same bits as the branch below.
      const Index run = std::min(countdown.steps_to_record(), options.steps - k);
      const Index within = algorithm.apply_run(x, run, options.divergence_threshold);
      if (within < run) detail::report_divergence(algorithm, k + within, x, initial_state, options);
      k += run;
      countdown.advance(run);
    } else {
      algorithm.prepare(k);
      (observer::notify_step(observers, k, state, algorithm), ...);
      bool within_threshold;
      if constexpr (GuardedStepPolicy<Algorithm>) {
        within_threshold = algorithm.apply_within(x, options.divergence_threshold);
      } else {
        algorithm.apply(x);
        within_threshold = all_within(x, options.divergence_threshold);
      }
      if (!within_threshold) detail::report_divergence(algorithm, k, x, initial_state, options);
      ++k;
      countdown.advance(1);
    }
  }
  (observer::notify_record(observers, at(options.steps), state), ...);
  (observer::notify_finish(observers, at(options.steps), state), ...);
  return {.steps = options.steps, .reached_loss_tolerance = reached_tolerance()};
}

}  // namespace sgdbias
