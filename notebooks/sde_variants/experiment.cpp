// Experiment `sde-variants`: train and test loss along the run for GD, SGD and the stochastic
// gradient flow of SGD (dln.md §6.2), on the seed setting, against the common clock t = γ·k
// (dln.md §6.6): "the SDE captures SGD". The SGF is integrated by Euler–Maruyama in x = [u; v]
// (DiagonalNetworkSgf) and by the structure-preserving log-Euler scheme (EM on LogLightConeSgf,
// dln.md §6.3), with time step h = γ / substeps. GD and SGD are lib/algorithms' iterate().
// Next to them, the two isotropic-noise comparisons of dln.md §6.5 (Euler–Maruyama, same h): the
// "wrong SDE" (the SGF prefactor with B ∈ R^d not passed through Xᵀ: ≈ n times less κ shrink and a
// random tilt, no systematic benefit) and overdamped Langevin dx = −∇L dt + √(2/η) dB (noise that
// never vanishes: no interpolation, no implicit-bias formula). Every method is a dln_study
// method (MethodRunner), run by the same engine as the other diagonal-network studies.
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "notebooks/experiment/option_group.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "notebooks/dln_study/outcome_tables.hpp"
#include "notebooks/sde_variants/experiment.hpp"
#include "notebooks/study_support/outcome_record.hpp"
#include "notebooks/study_support/study_problem.hpp"

namespace sgdbias {
namespace {

using dln_study::Method;
using dln_study::MethodOutcome;

struct SdeVariantsOptions {
  // In the order of dln_study::method_choices(), the order a parsed list takes: a resume reads
  // the list back from run.json and must configure the same run (test ResumeFingerprint.*).
  std::vector<Method> methods{Method::kGradientDescent, Method::kStochasticGradientDescent,
                              Method::kSgfLogEuler, Method::kSgfEulerMaruyama, Method::kWrongSde, Method::kLangevin};
  double alpha = 0.1;
  double step_size = 0.05;
  Index steps = 8000;
  Index record_stride = 100;
  Index substeps = 10;
  Index trajectories = 4;
  // η of the Langevin comparison. 1e4: its stationary train-loss floor n/(2η) (equipartition over
  // the n stiff directions) is 2e-3 on the seed data, far above the interpolating methods, while
  // the diffusion √(2T/η) ≈ 0.28 along the zero-loss set over t = 400 is of the order of α.
  double langevin_inverse_temperature = 1e4;
  study::DataOptions data;  // generated (--samples, ...) or the user's (--data DIR, --features, ...)

  static std::vector<OptionField<SdeVariantsOptions>> fields() {
    using O = SdeVariantsOptions;
    return with_option_group(std::vector<OptionField<O>>{
        choice_list_option("methods", &O::methods, "methods to run", dln_study::method_choices()),
        real_option("alpha", &O::alpha, "PPF initialisation scale", {0, 10, true}),
        real_option("step-size", &O::step_size, "SGD step size gamma (the SGF models this SGD)", {0, 10, true}),
        integer_option("steps", &O::steps, "SGD steps K; every method runs to t = gamma K", {1, 1000000000}),
        integer_option("record-stride", &O::record_stride, "record every this many SGD steps", {1, 1000000000}),
        integer_option("substeps", &O::substeps, "SDE time steps per SGD step (h = gamma / substeps)", {1, 100000}),
        integer_option("trajectories", &O::trajectories, "independent runs per stochastic method", {1, 100000}),
        real_option("langevin-inverse-temperature", &O::langevin_inverse_temperature,
                    "eta of the overdamped Langevin comparison dx = -grad L dt + sqrt(2/eta) dB", {0, 1e12, true}),
    }, &O::data);
  }
  std::optional<std::string> validate() const { return data.validate(); }
};

// The verdict (dln.md §6.2, §6.6 "the SDE captures SGD"): each SGF's test loss within 10% of SGD's,
// and SGD and the SGFs below GD.
void print_verdict(const std::vector<dln_study::MethodRun>& runs, const std::vector<EnsembleSummary>& summaries,
                   std::ostream& report) {
  double gd = NAN, sgd = NAN;
  for (std::size_t c = 0; c < runs.size(); ++c) {
    const double test_loss = dln_study::statistics(summaries[c], &MethodOutcome::test_loss).mean;
    if (runs[c].method == Method::kGradientDescent) gd = test_loss;
    if (runs[c].method == Method::kStochasticGradientDescent) sgd = test_loss;
  }
  std::int64_t holds = 0, checked = 0;
  for (std::size_t c = 0; c < runs.size(); ++c) {
    if (runs[c].method != Method::kSgfEulerMaruyama && runs[c].method != Method::kSgfLogEuler) continue;
    const double sgf = dln_study::statistics(summaries[c], &MethodOutcome::test_loss).mean;
    if (!std::isfinite(sgd) || !std::isfinite(gd) || !std::isfinite(sgf)) continue;
    ++checked;
    if (std::abs(sgf - sgd) <= 0.1 * sgd && sgf < gd && sgd < gd) ++holds;
  }
  if (checked == 0) {
    report << "verdict: none (needs GD, SGD, an SGF and a test loss)\n";
    return;
  }
  report << "verdict: SGF test loss within 10% of SGD's and both below GD (dln.md §6.2): "
         << dln_study::verdict(holds, checked) << "\n";
}

void run(const SdeVariantsOptions& options, RunContext& context) {
  const study::StudyProblem problem = study::make_study_problem(options.data, context.seed);
  dln_study::report_data(problem, context.report);
  std::vector<dln_study::MethodRun> runs;
  for (Method method : options.methods) {
    dln_study::MethodRun run;
    run.method = method;
    run.alpha = options.alpha;
    run.step_size = options.step_size;
    run.steps = options.steps;
    run.record_stride = options.record_stride;
    run.sgf_substeps = options.substeps;
    run.langevin_inverse_temperature = options.langevin_inverse_temperature;
    runs.push_back(run);
  }
  const std::vector<EnsembleSummary> summaries =
      dln_study::run_configurations(problem, runs, options.trajectories, "sde-variants", context);
  context.report << "method               runs  final train loss   test loss (± s.e.)    mean ln(kappa_T/kappa_0)\n";
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    const study::OutcomeStatistics test_loss = dln_study::statistics(summaries[c], &MethodOutcome::test_loss);
    char line[200];
    std::snprintf(line, sizeof line, "%-20s %-5zu %-18.3g %s %.4g%s\n",
                  choice_name(dln_study::method_choices(), runs[c].method).c_str(), summaries[c].records().size(),
                  dln_study::statistics(summaries[c], &MethodOutcome::train_loss).mean,
                  study::mean_and_error(test_loss.mean, test_loss.standard_error).c_str(),
                  dln_study::statistics(summaries[c], &MethodOutcome::mean_log_scale_ratio).mean,
                  dln_study::diverged_note(summaries[c]).c_str());
    context.report << line;
  }
  print_verdict(runs, summaries, context.report);
}

}  // namespace

Experiment make_sde_variants_experiment() {
  return make_experiment<SdeVariantsOptions>(
      "sde-variants", "train/test loss along the run: GD, SGD, the SGF (Euler-Maruyama and log-Euler), the wrong SDE and "
      "Langevin",
      "sde_variants", &run);
}

}  // namespace sgdbias
