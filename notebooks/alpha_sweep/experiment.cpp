// Experiment `alpha-sweep`: test loss against the initialisation scale α for GD, SGD and
// label-noise SGD on the seed setting, with the gradient-flow curve argmin φ_α and, per run, the
// interpolator predicted from the run's own effective scale κ∞ (dln.md §6.3 α∞, §7 exact κ
// bookkeeping, §8.4 α sweep: "the benefit of stochasticity"). Step size γ(α) = min(γ_max,
// c/α²) keeps |γ g| < 1 at large α (dln.md §8.4 uses γ_max = 0.02, c = 0.5/400).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <vector>

#include "notebooks/experiment/option_group.hpp"
#include "notebooks/alpha_sweep/experiment.hpp"
#include "notebooks/experiment/publish_table.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "notebooks/dln_study/outcome_tables.hpp"
#include "notebooks/study_support/horizon_steps.hpp"
#include "notebooks/study_support/study_problem.hpp"

namespace sgdbias {
namespace {

using dln_study::Method;

struct AlphaSweepOptions {
  std::vector<Method> methods{Method::kGradientDescent, Method::kStochasticGradientDescent, Method::kLabelNoiseSgd};
  double alpha_min = 0.025;
  double alpha_max = 0.4;
  Index alpha_points = 5;
  double step_size = 0.02;
  double step_size_alpha_squared = 0.00125;
  double time = 1000.0;
  Index label_noise_steps = 1000;
  double label_noise = 1.0;
  Index trajectories = 4;
  // SGF rows: h = γ/m. The log-Euler κ follows the α∞ formula on its own path for any h (dln.md
  // §6.3), but the path (hence ∫L) depends on h: at γ = 0.05, α = 0.1 (8 runs) mean ln(κ_T/κ₀) =
  // −0.347 with h = γ/2 vs −0.321 with h = γ/10; m = 2 keeps the sweep fast at γ ≤ 0.02 (SGF within
  // 1% of SGD's test loss there). Euler–Maruyama rows need m ≥ 20 (§6.6).
  Index sgf_substeps = 2;
  study::DataOptions data;  // generated (--samples, ...) or the user's (--data DIR, --features, ...)

  static std::vector<OptionField<AlphaSweepOptions>> fields() {
    using O = AlphaSweepOptions;
    return with_option_group(std::vector<OptionField<O>>{
        choice_list_option("methods", &O::methods, "discrete methods to run", dln_study::method_choices()),
        real_option("alpha-min", &O::alpha_min, "smallest PPF initialisation scale alpha", {0, 10, true}),
        real_option("alpha-max", &O::alpha_max, "largest alpha", {0, 10, true}),
        integer_option("alpha-points", &O::alpha_points, "alphas, log-spaced from alpha-min to alpha-max", {1, 100}),
        real_option("step-size", &O::step_size, "largest step size gamma", {0, 10, true}),
        real_option("step-size-alpha-squared", &O::step_size_alpha_squared,
                    "gamma(alpha) = min(step-size, this / alpha^2) (dln.md §8.4: 0.5/400)", {0, 10, true}),
        real_option("time", &O::time, "horizon t = gamma * steps (steps = ceil(time / gamma), at most 1e9)",
                    {0, 1e7, true}),
        integer_option("label-noise-steps", &O::label_noise_steps, "K0: label noise delta for steps < K0, then 0",
                       {0, 100000000}),
        real_option("label-noise", &O::label_noise, "delta of the label-noise schedule (dln.md §6.4)", {0, 100}),
        integer_option("sgf-substeps", &O::sgf_substeps, "SGF time steps per SGD step (h = gamma / this)",
                       {1, 100000}),
        integer_option("trajectories", &O::trajectories, "independent SGD runs per (method, alpha)", {1, 100000}),
    }, &O::data);
  }

  std::optional<std::string> validate() const {
    if (alpha_max < alpha_min) return "--alpha-max must be >= --alpha-min";
    if (std::optional<std::string> shape = data.validate()) return shape;
    // gamma(alpha) falls with alpha: the largest alpha of the grid takes the most steps.
    return study::check_horizon_steps(time, step_size_for(alphas().back()), "--step-size, --step-size-alpha-squared");
  }

  std::vector<double> alphas() const { return study::log_spaced(alpha_min, alpha_max, alpha_points); }
  double step_size_for(double alpha) const { return std::min(step_size, step_size_alpha_squared / (alpha * alpha)); }
};

std::vector<double> write_gradient_flow_curve(const study::StudyProblem& problem, const std::vector<double>& alphas,
                                              RunContext& context) {
  io::TableWriter curve({"alpha", "test_loss"});
  std::vector<double> test_losses;
  for (double alpha : alphas) {
    test_losses.push_back(dln_study::gradient_flow_test_loss(problem, alpha));
    curve.add_row({alpha, test_losses.back()});
  }
  publish_table(context, curve, "gradient_flow.csv",
                "test loss of the gradient-flow limit argmin phi_alpha (no simulation; dln.md §3.3)");
  return test_losses;
}

// The verdict (dln.md §6.3, §8.4 "the benefit of stochasticity"): at every α, SGD and label-noise
// SGD end below the gradient-flow curve.
void print_verdict(const std::vector<dln_study::MethodRun>& runs, const std::vector<EnsembleSummary>& summaries,
                   const std::vector<double>& alphas, const std::vector<double>& gradient_flow, std::ostream& report) {
  std::int64_t below = 0, compared = 0;
  for (std::size_t c = 0; c < runs.size(); ++c) {
    if (runs[c].method != Method::kStochasticGradientDescent && runs[c].method != Method::kLabelNoiseSgd) continue;
    const std::size_t a = static_cast<std::size_t>(std::find(alphas.begin(), alphas.end(), runs[c].alpha) - alphas.begin());
    const double test_loss = dln_study::statistics(summaries[c], &dln_study::MethodOutcome::test_loss).mean;
    if (!std::isfinite(gradient_flow[a])) continue;
    ++compared;
    if (test_loss < gradient_flow[a]) ++below;
  }
  if (compared == 0) {
    report << "verdict: none (needs SGD or label-noise SGD and a test loss)\n";
    return;
  }
  report << "verdict: SGD and label-noise SGD test loss below gradient flow's at every alpha (dln.md §6.3): "
         << dln_study::verdict(below, compared) << "\n";
}

void run(const AlphaSweepOptions& options, RunContext& context) {
  const study::StudyProblem problem = study::make_study_problem(options.data, context.seed);
  dln_study::report_data(problem, context.report);
  const std::vector<double> alphas = options.alphas();
  std::vector<dln_study::MethodRun> runs;
  for (Method method : options.methods) {
    for (double alpha : alphas) {
      dln_study::MethodRun run;
      run.method = method;
      run.alpha = alpha;
      run.step_size = options.step_size_for(alpha);
      run.steps = study::horizon_steps(options.time, run.step_size);
      run.label_noise = options.label_noise;
      run.label_noise_steps = options.label_noise_steps;
      run.sgf_substeps = options.sgf_substeps;
      runs.push_back(run);
    }
  }
  const std::vector<EnsembleSummary> summaries =
      dln_study::run_configurations(problem, runs, options.trajectories, "alpha-sweep", context);
  const std::vector<double> gradient_flow = write_gradient_flow_curve(problem, alphas, context);
  context.report << "method            alpha    step size  test loss (± s.e.)   predicted from kappa_inf   "
                    "mean ln(kappa_inf/kappa_0)\n";
  using dln_study::MethodOutcome;
  for (std::size_t c = 0; c < runs.size(); ++c) {
    const study::OutcomeStatistics test_loss = dln_study::statistics(summaries[c], &MethodOutcome::test_loss);
    char line[240];
    std::snprintf(line, sizeof line, "%-17s %-8.4g %-10.4g %s  %-26.4g %.4g",
                  choice_name(dln_study::method_choices(), runs[c].method).c_str(), runs[c].alpha, runs[c].step_size,
                  study::mean_and_error(test_loss.mean, test_loss.standard_error, 9).c_str(),
                  dln_study::statistics(summaries[c], &MethodOutcome::predicted_test_loss).mean,
                  dln_study::statistics(summaries[c], &MethodOutcome::mean_log_scale_ratio).mean);
    // Diverged runs are left out of the means (summary.csv counts them); say so next to the row.
    context.report << line << dln_study::diverged_note(summaries[c]) << dln_study::failed_predictions_note(summaries[c])
                   << '\n';
  }
  print_verdict(runs, summaries, alphas, gradient_flow, context.report);
}

}  // namespace

Experiment make_alpha_sweep_experiment() {
  return make_experiment<AlphaSweepOptions>(
      "alpha-sweep", "test loss vs initialisation scale alpha: GD, SGD, SGF, label-noise SGD, GF and the alpha_inf prediction",
      "alpha_sweep", &run);
}

}  // namespace sgdbias
