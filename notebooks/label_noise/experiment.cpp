// Experiment `label-noise`: SGD with and without the seed's label-noise schedule (δ = 1 for the
// first K₀ = 1000 steps, then 0; dln.md §6.4) on the seed setting at α = 0.1, for several step
// sizes. Trajectory k of both methods uses the same minibatch stream (common random numbers), so
// the difference of their mean ln κ∞ isolates the schedule's effect, to be compared with the
// prediction −4γ²K₀δ²·mean_j D_j (dln.md §6.4; §9 check 12). Train/test losses are recorded
// along the iterations for the "label noise" figure.
#include <cmath>
#include <cstdio>
#include <vector>

#include "notebooks/experiment/option_group.hpp"
#include "notebooks/experiment/publish_table.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "problems/data/linear_model_data.hpp"
#include "notebooks/dln_study/outcome_tables.hpp"
#include "notebooks/label_noise/experiment.hpp"
#include "notebooks/study_support/step_size_range.hpp"
#include "notebooks/study_support/study_problem.hpp"

namespace sgdbias {
namespace {

using dln_study::Method;

struct LabelNoiseOptions {
  double alpha = 0.1;
  study::StepSizeRange step_size{0.005, 0.02, 3};  // --step-size-min, --step-size-max, --step-size-points
  Index steps = 50000;
  Index record_stride = 250;
  Index label_noise_steps = 1000;
  double label_noise = 1.0;
  Index trajectories = 4;
  study::DataOptions data;  // generated (--samples, ...) or the user's (--data DIR, --features, ...)

  static std::vector<OptionField<LabelNoiseOptions>> fields() {
    using O = LabelNoiseOptions;
    return with_option_group(with_option_group(std::vector<OptionField<O>>{
        real_option("alpha", &O::alpha, "PPF initialisation scale", {0, 10, true}),
        integer_option("steps", &O::steps, "SGD steps K of every run", {1, 1000000000}),
        integer_option("record-stride", &O::record_stride, "record train/test loss every this many steps",
                       {1, 1000000000}),
        integer_option("label-noise-steps", &O::label_noise_steps, "K0: delta for steps < K0, then 0",
                       {0, 1000000000}),
        real_option("label-noise", &O::label_noise, "delta (labels y_i +- 2 delta)", {0, 100}),
        integer_option("trajectories", &O::trajectories, "independent runs per configuration", {1, 100000}),
    }, &O::step_size), &O::data);
  }

  std::optional<std::string> validate() const {
    if (std::optional<std::string> range = step_size.validate()) return range;
    if (std::optional<std::string> shape = data.validate()) return shape;
    return std::nullopt;
  }
};

void run(const LabelNoiseOptions& options, RunContext& context) {
  using dln_study::MethodOutcome;
  const study::StudyProblem problem = study::make_study_problem(options.data, context.seed);
  dln_study::report_data(problem, context.report);
  std::vector<dln_study::MethodRun> runs;
  for (Method method : {Method::kStochasticGradientDescent, Method::kLabelNoiseSgd}) {
    for (double step_size : options.step_size.values()) {
      dln_study::MethodRun run;
      run.method = method;
      run.alpha = options.alpha;
      run.step_size = step_size;
      run.steps = options.steps;
      run.record_stride = options.record_stride;
      run.label_noise = options.label_noise;
      run.label_noise_steps = options.label_noise_steps;
      runs.push_back(run);
    }
  }
  const std::vector<EnsembleSummary> summaries =
      dln_study::run_configurations(problem, runs, options.trajectories, "label-noise", context);

  // dln.md §6.4: the schedule multiplies κ by exp(−4γ²K₀δ²D) on top of SGD's own shrinkage.
  const double mean_second_moment =
      problems::LinearModelData(problem.train, "label-noise").feature_second_moments().mean();
  io::TableWriter prediction({"step_size", "predicted_extra_mean_log_scale_ratio", "measured_extra_mean_log_scale_ratio"});
  const std::size_t points = options.step_size.values().size();
  std::int64_t agree = 0, small_steps = 0;
  context.report << "step size  extra mean ln kappa shrink: measured (label noise - SGD)   predicted -4 g^2 K0 d^2 D\n";
  for (std::size_t i = 0; i < points; ++i) {
    const double step_size = runs[i].step_size;
    const double predicted = -4.0 * step_size * step_size * static_cast<double>(options.label_noise_steps) *
                             options.label_noise * options.label_noise * mean_second_moment;
    const study::OutcomeStatistics sgd = dln_study::statistics(summaries[i], &MethodOutcome::mean_log_scale_ratio);
    const study::OutcomeStatistics noisy =
        dln_study::statistics(summaries[points + i], &MethodOutcome::mean_log_scale_ratio);
    const double measured = noisy.mean - sgd.mean;
    if (step_size <= 0.01 + 1e-12 && std::isfinite(measured)) {
      ++small_steps;
      if (std::abs(measured - predicted) <= 0.15 * std::abs(predicted)) ++agree;
    }
    prediction.add_row({step_size, predicted, measured});
    char line[200];
    std::snprintf(line, sizeof line, "%-10.4g %-56.4g %.4g", step_size, measured, predicted);
    context.report << line;
    // Diverged runs are left out of the means (summary.csv counts them); say so next to a NaN.
    const std::int64_t sgd_diverged = sgd.non_finite, noisy_diverged = noisy.non_finite;
    if (sgd_diverged + noisy_diverged > 0) {
      context.report << "  (diverged: SGD " << sgd_diverged << "/" << options.trajectories << ", label noise "
                     << noisy_diverged << "/" << options.trajectories << ")";
    }
    context.report << '\n';
  }
  publish_table(context, prediction, "label_noise_shrink.csv",
                "per step size: extra mean ln(kappa_inf/kappa_0) of label-noise SGD over SGD (same minibatches), "
                "measured from the exact bookkeeping, and predicted -4 gamma^2 K0 delta^2 mean(D) (dln.md §6.4)");
  if (small_steps == 0) {
    context.report << "verdict: none (no step size <= 0.01 where both methods converged)\n";
  } else {
    context.report << "verdict: label noise's extra kappa shrink within 15% of -4 gamma^2 K0 delta^2 D at step size "
                      "<= 0.01 (dln.md §6.4): "
                   << dln_study::verdict(agree, small_steps) << "\n";
  }
}

}  // namespace

Experiment make_label_noise_experiment() {
  return make_experiment<LabelNoiseOptions>(
      "label-noise", "SGD with vs without label noise (delta = 1 for the first 1000 steps): losses and kappa shrink",
      "label_noise", &run);
}

}  // namespace sgdbias
