// Experiment `step-size-sweep`: GD vs SGD test loss against the step size γ, up to divergence,
// on the seed setting at α = 0.1 (dln.md §7 "Linear stability / edge of stability", §8.4 γ sweep,
// EPGF's claim that large steps help SGD and hurt GD, most strongly just below divergence).
// Per run: test loss, the exact gain mean ln(κ∞/κ₀) (dln.md §7) and γ·λ_max(∇²L) at the end —
// GD can only settle where γ·λ_max ≤ 2, and inside the EoS window it ends at ≈ 2.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "notebooks/experiment/option_group.hpp"
#include "notebooks/experiment/publish_table.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "notebooks/dln_study/outcome_tables.hpp"
#include "notebooks/step_size_sweep/experiment.hpp"
#include "notebooks/study_support/step_size_range.hpp"
#include "notebooks/study_support/study_problem.hpp"

namespace sgdbias {
namespace {

using dln_study::Method;

struct StepSizeSweepOptions {
  std::vector<Method> methods{Method::kGradientDescent, Method::kStochasticGradientDescent};
  double alpha = 0.1;
  study::StepSizeRange step_size{0.01, 2.0, 12};  // --step-size-min, --step-size-max, --step-size-points
  double time = 600.0;
  Index max_steps = 60000;
  Index trajectories = 3;
  study::DataOptions data;  // generated (--samples, ...) or the user's (--data DIR, --features, ...)

  static std::vector<OptionField<StepSizeSweepOptions>> fields() {
    using O = StepSizeSweepOptions;
    return with_option_group(with_option_group(std::vector<OptionField<O>>{
        choice_list_option("methods", &O::methods, "discrete methods to run", dln_study::method_choices()),
        real_option("alpha", &O::alpha, "PPF initialisation scale", {0, 10, true}),
        real_option("time", &O::time, "horizon: steps = min(max-steps, max(ceil(time / gamma), 2000))",
                    {0, 1e7, true}),
        integer_option("max-steps", &O::max_steps, "cap on the steps of one run", {1, 1000000000}),
        integer_option("trajectories", &O::trajectories, "independent runs per (method, step size)", {1, 100000}),
    }, &O::step_size), &O::data);
  }

  std::optional<std::string> validate() const {
    if (std::optional<std::string> range = step_size.validate()) return range;
    if (std::optional<std::string> shape = data.validate()) return shape;
    return std::nullopt;
  }

  Index steps_for(double step_size) const {
    // Clamped in double before the cast: ceil(time / gamma) can exceed what an Index holds.
    const double by_time = std::ceil(time / step_size);
    return static_cast<Index>(std::min(static_cast<double>(max_steps), std::max(by_time, 2000.0)));
  }
};

// The verdict (dln.md §7, §8.4 step-size figure): at every step size where both converged, SGD's
// test loss is below GD's (SGD's noise shrinks κ; GD's only O(γ²) drift does less).
void print_verdict(const std::vector<dln_study::MethodRun>& runs, const std::vector<EnsembleSummary>& summaries,
                   std::ostream& report) {
  using dln_study::MethodOutcome;
  std::int64_t below = 0, compared = 0;
  for (std::size_t s = 0; s < runs.size(); ++s) {
    if (runs[s].method != Method::kStochasticGradientDescent) continue;
    for (std::size_t g = 0; g < runs.size(); ++g) {
      if (runs[g].method != Method::kGradientDescent || runs[g].step_size != runs[s].step_size) continue;
      const study::OutcomeStatistics sgd = dln_study::statistics(summaries[s], &MethodOutcome::test_loss);
      const study::OutcomeStatistics gd = dln_study::statistics(summaries[g], &MethodOutcome::test_loss);
      if (sgd.non_finite > 0 || gd.non_finite > 0 || sgd.count == 0 || gd.count == 0) continue;  // not stable
      ++compared;
      if (sgd.mean < gd.mean) ++below;
    }
  }
  if (compared == 0) {
    report << "verdict: none (needs GD and SGD at a common step size where both converge, and a test loss)\n";
    return;
  }
  report << "verdict: SGD test loss below GD's at every step size where both converge: "
         << dln_study::verdict(below, compared) << "\n";
}

void run(const StepSizeSweepOptions& options, RunContext& context) {
  using dln_study::MethodOutcome;
  const study::StudyProblem problem = study::make_study_problem(options.data, context.seed);
  dln_study::report_data(problem, context.report);
  std::vector<dln_study::MethodRun> runs;
  for (Method method : options.methods) {
    for (double step_size : options.step_size.values()) {
      dln_study::MethodRun run;
      run.method = method;
      run.alpha = options.alpha;
      run.step_size = step_size;
      run.steps = options.steps_for(step_size);
      runs.push_back(run);
    }
  }
  const std::vector<EnsembleSummary> summaries =
      dln_study::run_configurations(problem, runs, options.trajectories, "step-size-sweep", context);
  io::TableWriter gradient_flow({"alpha", "test_loss"});
  gradient_flow.add_row({options.alpha, dln_study::gradient_flow_test_loss(problem, options.alpha)});
  publish_table(context, gradient_flow, "gradient_flow.csv", "test loss of argmin phi_alpha (the gamma -> 0 limit)");
  context.report << "method  step size  steps   test loss  (diverged)  mean ln(kappa_inf/kappa_0)  gamma*lambda_max\n";
  for (std::size_t c = 0; c < runs.size(); ++c) {
    const study::OutcomeStatistics test_loss = dln_study::statistics(summaries[c], &MethodOutcome::test_loss);
    char line[200];
    std::snprintf(line, sizeof line, "%-7s %-10.4g %-7lld %-10.4g (%lld/%lld)     %-27.4g %.4g\n",
                  choice_name(dln_study::method_choices(), runs[c].method).c_str(), runs[c].step_size,
                  static_cast<long long>(runs[c].steps), test_loss.mean, static_cast<long long>(test_loss.non_finite),
                  static_cast<long long>(summaries[c].records().size()),
                  dln_study::statistics(summaries[c], &MethodOutcome::mean_log_scale_ratio).mean,
                  dln_study::statistics(summaries[c], &MethodOutcome::sharpness_step_size).mean);
    context.report << line;
    if (dln_study::failed_predictions(summaries[c]) > 0) {
      context.report << dln_study::failed_predictions_note(summaries[c]) << '\n';
    }
  }
  print_verdict(runs, summaries, context.report);
}

}  // namespace

Experiment make_step_size_sweep_experiment() {
  return make_experiment<StepSizeSweepOptions>(
      "step-size-sweep", "GD vs SGD test loss against the step size up to divergence (edge of stability)",
      "step_size_sweep", &run);
}

}  // namespace sgdbias
