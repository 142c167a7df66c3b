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
#include "notebooks/study_support/horizon_steps.hpp"

namespace sgdbias {
namespace {

using dln_study::Method;

std::vector<Method> all_methods() {
  std::vector<Method> methods;
  for (const auto& entry : dln_study::method_choices()) methods.push_back(entry.second);
  return methods;
}

struct SparsityBiasOptions {
  std::vector<Method> methods = all_methods();
  double alpha = 0.1;
  double step_size = 0.02;
  double time = 1000.0;
  Index label_noise_steps = 1000;
  double label_noise = 1.0;
  Index sgf_substeps = 2;  // keeps the default run < 1 min on 2 cores; the SGF dominates its cost
  Index alignment_window = 4;
  Index flow_substeps = 2;
  Index trajectories = 8;
  Index samples = 40;
  Index dimension = 100;
  Index sparsity = 5;

  static std::vector<OptionField<SparsityBiasOptions>> fields() {
    using O = SparsityBiasOptions;
    return {
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
        integer_option("samples", &O::samples, "training samples n", {2, 100000}),
        integer_option("dimension", &O::dimension, "features d", {1, 100000}),
        integer_option("sparsity", &O::sparsity, "nonzeros of beta*", {1, 100000}),
    };
  }

  std::optional<std::string> validate() const {
    if (sparsity > dimension) return "--sparsity must be <= --dimension";
    if (samples >= dimension) return "--samples must be < --dimension (overparametrised: many interpolators)";
    return study::check_horizon_steps(time, step_size, "--step-size");
  }
};

// Metric indices of dln_study::metric_names().
enum Metric : Index {
  kTrainLoss = 0, kTestLoss = 1, kL1Norm = 2, kSupportError = 3, kMeanLogScaleRatio = 4, kPredictedTestLoss = 7,
  kPredictionDistance = 8, kSgdDistanceMax = 10, kSgdDistanceFinal = 11
};

void print_report(const std::vector<dln_study::MethodRun>& runs, const std::vector<EnsembleSummary>& summaries,
                  double gradient_flow_test_loss, std::ostream& report) {
  report << "method                     runs  train loss  test loss (± s.e.)    ||beta||_1  support err  "
            "mean ln(k_inf/k_0)  predicted test  dist. to prediction  dist. to SGD (max / final)\n";
  char line[400];
  for (std::size_t c = 0; c < runs.size(); ++c) {
    const EnsembleSummary& summary = summaries[c];
    const auto mean = [&summary](Metric metric) { return summary.moments(metric).mean(); };
    char distance[64] = "-";
    if (std::isfinite(mean(kSgdDistanceMax))) {
      std::snprintf(distance, sizeof distance, "%.3g / %.3g", mean(kSgdDistanceMax), mean(kSgdDistanceFinal));
    }
    std::snprintf(line, sizeof line, "%-26s %-5zu %-11.3g %-9.4g ± %-9.2g %-11.4g %-12.3g %-19.4g %-15.4g %-20.3g %s%s\n",
                  choice_name(dln_study::method_choices(), runs[c].method).c_str(), summary.records().size(),
                  mean(kTrainLoss), mean(kTestLoss), summary.moments(kTestLoss).standard_error(), mean(kL1Norm),
                  mean(kSupportError), mean(kMeanLogScaleRatio), mean(kPredictedTestLoss), mean(kPredictionDistance),
                  distance, summary.non_finite(kTestLoss) > 0 ? "  (some runs diverged)" : "");
    report << line;
    if (dln_study::failed_predictions(summary) > 0) report << dln_study::failed_predictions_note(summary) << '\n';
  }
  std::snprintf(line, sizeof line, "%-26s %-5s %-11s %-22.4g (limit argmin phi_alpha, dln.md §3.3: no simulation)\n",
                "gradient-flow-limit", "-", "0", gradient_flow_test_loss);
  report << line;
  report << "GD and gradient-flow are deterministic: one run; a flow's distance to SGD is to the SGD run with the "
            "same batches (trajectory 0 for gradient-flow), at every window end t = gamma n j.\n";
}

void run(const SparsityBiasOptions& options, RunContext& context) {
  const problems::SparseRegressionData data =
      dln_study::make_data({options.samples, options.dimension, options.sparsity}, context.seed);
  std::vector<dln_study::MethodRun> runs;
  dln_study::ConfigurationLabels labels{{"method", "alpha", "step_size", "steps"}, {}};
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
    labels.rows.push_back({choice_name(dln_study::method_choices(), method), options.alpha, options.step_size,
                           static_cast<std::int64_t>(run.steps)});
  }
  const std::vector<EnsembleSummary> summaries =
      dln_study::run_configurations(data, runs, labels, options.trajectories, "sparsity-bias", context);
  const double gradient_flow_test_loss = dln_study::gradient_flow_test_loss(data, options.alpha);
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
