// Experiment `step-size-sweep`: GD vs SGD test loss against the step size γ, up to divergence,
// on the seed setting at α = 0.1 (dln.md §7 "Linear stability / edge of stability", §8.4 γ sweep,
// EPGF's claim that large steps help SGD and hurt GD, most strongly just below divergence).
// Per run: test loss, the exact gain mean ln(κ∞/κ₀) (dln.md §7) and γ·λ_max(∇²L) at the end —
// GD can only settle where γ·λ_max ≤ 2, and inside the EoS window it ends at ≈ 2.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "lib/experiment/option_group.hpp"
#include "lib/experiment/publish_table.hpp"
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
  study::DataShapeOptions data;  // --samples, --dimension, --sparsity

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

void run(const StepSizeSweepOptions& options, RunContext& context) {
  const problems::SparseRegressionData data =
      study::make_study_problem(options.data, context.seed).data;
  std::vector<dln_study::MethodRun> runs;
  dln_study::ConfigurationLabels labels{{"method", "alpha", "step_size", "steps"}, {}};
  for (Method method : options.methods) {
    for (double step_size : options.step_size.values()) {
      dln_study::MethodRun run;
      run.method = method;
      run.alpha = options.alpha;
      run.step_size = step_size;
      run.steps = options.steps_for(step_size);
      runs.push_back(run);
      labels.rows.push_back({choice_name(dln_study::method_choices(), method), options.alpha, step_size,
                             static_cast<std::int64_t>(run.steps)});
    }
  }
  const std::vector<EnsembleSummary> summaries =
      dln_study::run_configurations(data, runs, labels, options.trajectories, "step-size-sweep", context);
  io::TableWriter gradient_flow({"alpha", "test_loss"});
  gradient_flow.add_row({options.alpha, dln_study::gradient_flow_test_loss(data, options.alpha)});
  publish_table(context, gradient_flow, "gradient_flow.csv", "test loss of argmin phi_alpha (the gamma -> 0 limit)");
  context.report << "method  step size  steps   test loss  (diverged)  mean ln(kappa_inf/kappa_0)  gamma*lambda_max\n";
  for (std::size_t c = 0; c < runs.size(); ++c) {
    char line[200];
    std::snprintf(line, sizeof line, "%-7s %-10.4g %-7lld %-10.4g (%lld/%lld)     %-27.4g %.4g\n",
                  choice_name(dln_study::method_choices(), runs[c].method).c_str(), runs[c].step_size,
                  static_cast<long long>(runs[c].steps), summaries[c].moments(1).mean(),
                  static_cast<long long>(summaries[c].non_finite(1)),
                  static_cast<long long>(summaries[c].records().size()),  // GD runs once, SGD `trajectories` times
                  summaries[c].moments(4).mean(), summaries[c].moments(9).mean());
    context.report << line;
    if (dln_study::failed_predictions(summaries[c]) > 0) {
      context.report << dln_study::failed_predictions_note(summaries[c]) << '\n';
    }
  }
}

}  // namespace

Experiment make_step_size_sweep_experiment() {
  return make_experiment<StepSizeSweepOptions>(
      "step-size-sweep", "GD vs SGD test loss against the step size up to divergence (edge of stability)",
      "step_size_sweep", &run);
}

}  // namespace sgdbias
