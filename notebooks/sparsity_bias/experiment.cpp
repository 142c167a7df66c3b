// Experiment `sparsity-bias` (the default of `sgdbias`): the comparison this library exists for.
// On the seed setting (dln.md §8.4: n = 40, d = 100, 5-sparse β*, Gaussian design, α = 0.1) it
// runs every method of dln_study from the same data: GD, SGD, label-noise SGD, GD with the
// Theorem-4 alignment regulariser, the SGF of SGD (log-Euler and Euler–Maruyama, t = γ·k), the
// simulated gradient flow and the piecewise Theorem-4 flow following the SGD run (bea.md §2.2,
// §3.2). Per method: final train loss, test loss ‖β−β*‖², ‖β‖₁, the support error, mean
// ln(κ∞/κ₀) (dln.md §6.3, §7), the interpolator predicted from the run's own κ∞ (mirror
// projection, §5) and the distance to it, and for the flows the distance to the SGD run with the
// same batches. The gradient-flow limit argmin φ_α (§3.3) is the analytic reference row. Theory
// (§6.3, §9 checks 10, 13): SGD and the SGF shrink κ, so their test loss lies below gradient
// flow's; label noise shrinks it further; a converged SGF sits at its predicted interpolator.
#include "notebooks/sparsity_bias/experiment.hpp"

#include <cmath>
#include <cstdio>
#include <vector>

#include "notebooks/experiment/publish_table.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "notebooks/dln_study/outcome_tables.hpp"
#include "notebooks/experiment/option_group.hpp"
#include "notebooks/study_support/horizon_steps.hpp"
#include "notebooks/study_support/outcome_record.hpp"
#include "notebooks/study_support/study_problem.hpp"

namespace sgdbias {
namespace {

using dln_study::Method;

// The default: every method of dln_study but the isotropic-noise SDEs (sde-variants compares those).
std::vector<Method> default_methods() {
  std::vector<Method> methods;
  for (const auto& entry : dln_study::method_choices()) {
    if (entry.second != Method::kWrongSde && entry.second != Method::kLangevin) methods.push_back(entry.second);
  }
  return methods;
}

struct SparsityBiasOptions {
  std::vector<Method> methods = default_methods();
  double alpha = 0.1;
  double step_size = 0.02;
  double time = 1000.0;
  Index label_noise_steps = 1000;
  double label_noise = 1.0;
  Index sgf_substeps = 2;  // keeps the default run < 1 min on 2 cores; the SGF dominates its cost
  Index alignment_window = 4;
  Index flow_substeps = 2;
  Index trajectories = 8;
  study::DataOptions data;  // generated (--samples, --dimension, --sparsity) or the user's (--data DIR, ...)

  static std::vector<OptionField<SparsityBiasOptions>> fields() {
    using O = SparsityBiasOptions;
    return with_option_group(std::vector<OptionField<O>>{
        choice_list_option("methods", &O::methods, "methods to run", dln_study::method_choices()),
        real_option("alpha", &O::alpha, "PPF initialisation scale alpha (kappa_0 = 2 alpha^2, dln.md §3.3)",
                    {0, 10, true}),
        real_option("step-size", &O::step_size, "step size gamma of GD / SGD / label-noise SGD", {0, 10, true}),
        real_option("time", &O::time, "horizon t = gamma * steps (steps = ceil(time / gamma), at most 1e9)",
                    {0, 1e7, true}),
        integer_option("label-noise-steps", &O::label_noise_steps, "K0: label noise delta for steps < K0, then 0",
                       {0, 100000000}),
        real_option("label-noise", &O::label_noise, "delta of the label-noise schedule (dln.md §6.4)", {0, 100}),
        integer_option("sgf-substeps", &O::sgf_substeps,
                       "m: SGF time step h = gamma / m (log-Euler: kappa exact for any h; Euler-Maruyama: "
                       "end point within 1e-3 of its prediction needs m >= 100, dln.md §9 check 10)",
                       {1, 100000}),
        integer_option("alignment-window", &O::alignment_window,
                       "n: SGD steps per window of the Theorem-4 regulariser and flow (bea.md §3.2)", {1, 1000}),
        integer_option("flow-substeps", &O::flow_substeps,
                       "RK4 steps per window of the simulated flows (gradient-flow, piecewise-alignment-flow)",
                       {1, 100000}),
        integer_option("trajectories", &O::trajectories, "independent stochastic runs per method", {1, 100000}),
    }, &O::data);
  }

  std::optional<std::string> validate() const {
    if (std::optional<std::string> data_error = data.validate()) return data_error;
    return study::check_horizon_steps(time, step_size, "--step-size");
  }
};

// The methods theory says beat gradient flow: SGD's noise (and its SGF) shrinks κ (dln.md §6.3,
// §9 check 13), label noise shrinks it further (§6.4).
bool shrinks_kappa(Method method) {
  return method == Method::kStochasticGradientDescent || method == Method::kLabelNoiseSgd ||
         method == Method::kSgfLogEuler || method == Method::kSgfEulerMaruyama;
}

// The verdict: every κ-shrinking method's mean test loss below the gradient-flow limit's, and
// label-noise SGD below SGD when both ran.
void print_verdict(const std::vector<dln_study::MethodRun>& runs, const std::vector<EnsembleSummary>& summaries,
                   double gradient_flow_test_loss, std::ostream& report) {
  if (!std::isfinite(gradient_flow_test_loss)) {
    report << "verdict: none (no test loss: give --teacher or --test-features/--test-targets)\n";
    return;
  }
  std::int64_t below = 0, shrinking = 0;
  double sgd = NAN, label_noise = NAN;
  for (std::size_t c = 0; c < runs.size(); ++c) {
    const double test_loss = dln_study::statistics(summaries[c], &dln_study::MethodOutcome::test_loss).mean;
    if (runs[c].method == Method::kStochasticGradientDescent) sgd = test_loss;
    if (runs[c].method == Method::kLabelNoiseSgd) label_noise = test_loss;
    if (!shrinks_kappa(runs[c].method)) continue;
    ++shrinking;
    if (test_loss < gradient_flow_test_loss) ++below;
  }
  if (shrinking > 0) {
    report << "verdict: SGD, label-noise SGD and SGF test loss below the gradient-flow limit (dln.md §6.3): "
           << dln_study::verdict(below, shrinking) << "\n";
  }
  if (std::isfinite(sgd) && std::isfinite(label_noise)) {
    report << "verdict: label-noise SGD below SGD (dln.md §6.4): " << dln_study::verdict(label_noise < sgd, 1) << "\n";
  }
}

void print_report(const std::vector<dln_study::MethodRun>& runs, const std::vector<EnsembleSummary>& summaries,
                  double gradient_flow_test_loss, std::ostream& report) {
  using dln_study::MethodOutcome;
  report << "method                     runs  train loss  test loss (± s.e.)    ||beta||_1  support err  "
            "mean ln(k_inf/k_0)  predicted test  dist. to prediction  dist. to SGD (max / final)\n";
  char line[400];
  for (std::size_t c = 0; c < runs.size(); ++c) {
    const EnsembleSummary& summary = summaries[c];
    const auto mean = [&summary](double MethodOutcome::*outcome) { return dln_study::statistics(summary, outcome).mean; };
    const study::OutcomeStatistics test_loss = dln_study::statistics(summary, &MethodOutcome::test_loss);
    char distance[64] = "-";
    if (std::isfinite(mean(&MethodOutcome::sgd_distance_max))) {
      std::snprintf(distance, sizeof distance, "%.3g / %.3g", mean(&MethodOutcome::sgd_distance_max),
                    mean(&MethodOutcome::sgd_distance_final));
    }
    const auto cell = [&mean](double MethodOutcome::*outcome, int width, int precision) {
      return study::value_or_dash(mean(outcome), width, precision);
    };
    std::snprintf(line, sizeof line, "%-26s %-5zu %s %s %s %s %s %s %s %s%s\n",
                  choice_name(dln_study::method_choices(), runs[c].method).c_str(), summary.records().size(),
                  cell(&MethodOutcome::train_loss, 11, 3).c_str(),
                  study::mean_and_error(test_loss.mean, test_loss.standard_error).c_str(),
                  cell(&MethodOutcome::l1_norm, 11, 4).c_str(), cell(&MethodOutcome::support_error, 12, 3).c_str(),
                  cell(&MethodOutcome::mean_log_scale_ratio, 19, 4).c_str(),
                  cell(&MethodOutcome::predicted_test_loss, 15, 4).c_str(),
                  cell(&MethodOutcome::prediction_distance, 20, 3).c_str(), distance,
                  dln_study::diverged_note(summary).c_str());
    report << line;
    if (dln_study::failed_predictions(summary) > 0) report << dln_study::failed_predictions_note(summary) << '\n';
  }
  std::snprintf(line, sizeof line, "%-26s %-5s %-11s %-22.4g (limit argmin phi_alpha, dln.md §3.3: no simulation)\n",
                "gradient-flow-limit", "-", "0", gradient_flow_test_loss);
  report << line;
  report << "GD and gradient-flow are deterministic: one run; a flow's distance to SGD is to the SGD run with the "
            "same batches (trajectory 0 for gradient-flow), at every window end t = gamma n j.\n";
  print_verdict(runs, summaries, gradient_flow_test_loss, report);
}

void run(const SparsityBiasOptions& options, RunContext& context) {
  const study::StudyProblem problem = study::make_study_problem(options.data, context.seed);
  dln_study::report_data(problem, context.report);
  std::vector<dln_study::MethodRun> runs;
  for (Method method : options.methods) {
    dln_study::MethodRun run;
    run.method = method;
    run.alpha = options.alpha;
    run.step_size = options.step_size;
    run.steps = study::horizon_steps(options.time, options.step_size);
    run.label_noise = options.label_noise;
    run.label_noise_steps = options.label_noise_steps;
    run.sgf_substeps = options.sgf_substeps;
    run.alignment_window = options.alignment_window;
    run.flow_substeps = options.flow_substeps;
    runs.push_back(run);
  }
  const std::vector<EnsembleSummary> summaries =
      dln_study::run_configurations(problem, runs, options.trajectories, "sparsity-bias", context);
  const double gradient_flow_test_loss = dln_study::gradient_flow_test_loss(problem, options.alpha);
  io::TableWriter gradient_flow({"alpha", "test_loss"});
  gradient_flow.add_row({options.alpha, gradient_flow_test_loss});
  publish_table(context, gradient_flow, "gradient_flow.csv",
                "test loss of the gradient-flow limit argmin phi_alpha (dln.md §3.3)");
  context.manifest.results.emplace_back("gradient_flow_test_loss", gradient_flow_test_loss);
  print_report(runs, summaries, gradient_flow_test_loss, context.report);
}

}  // namespace

Experiment make_sparsity_bias_experiment() {
  return make_experiment<SparsityBiasOptions>(
      "sparsity-bias",
      "sparsity bias on the seed setting: GD, SGD, label-noise SGD, SGF, gradient flow and the piecewise "
      "Theorem-4 flow vs the gradient-flow limit, with kappa_inf predictions",
      "sparsity_bias", &run);
}

}  // namespace sgdbias
