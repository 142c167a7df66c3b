// Experiment `sde-integrators`: strong and weak convergence of the integrator ladder and a
// work–precision diagram, on geometric Brownian motion (sde.md §2.2 TP-01 Itô / TP-02a
// Stratonovich; exact solution on the same Brownian path), and Milstein with Lévy areas on
// non-commutative noise (problems/reference_sdes/levy_area_sdes.hpp, exact in terms of the area). The harness is sde/convergence.hpp:
// one dyadic path per trajectory serves every step size, strong errors are pathwise RMS, weak
// errors paired (observable X_T²), orders are fitted log-log slopes with jackknife standard
// errors. Work = steps × evaluations per step (EvaluationCounter), a deterministic count.
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <string>
#include <vector>

#include "notebooks/experiment/publish_table.hpp"
#include "lib/io/table_writer.hpp"
#include "notebooks/sde_integrators/evaluation_counter.hpp"
#include "notebooks/sde_integrators/experiment.hpp"
#include "problems/reference_sdes/geometric_brownian_motion.hpp"
#include "problems/reference_sdes/levy_area_sdes.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/convergence.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "sde/integrators/levy_area_milstein.hpp"
#include "sde/integrators/milstein.hpp"
#include "sde/integrators/sri_w1.hpp"
#include "sde/integrators/stochastic_heun.hpp"

namespace sgdbias {
namespace {

struct SdeIntegratorsOptions {
  Index trajectories = 4000;
  Index batches = 20;
  Index coarsest_level = 2;
  Index finest_level = 8;

  static std::vector<OptionField<SdeIntegratorsOptions>> fields() {
    using O = SdeIntegratorsOptions;
    return {
        integer_option("trajectories", &O::trajectories, "Brownian paths per integrator", {20, 10000000}),
        integer_option("batches", &O::batches, "jackknife groups for the standard error of each order", {2, 1000}),
        integer_option("coarsest-level", &O::coarsest_level, "largest time step h = T 2^-level", {0, 20}),
        integer_option("finest-level", &O::finest_level, "smallest time step h = T 2^-level", {2, 20}),
    };
  }

  std::optional<std::string> validate() const {
    if (finest_level < coarsest_level + 2) return "--finest-level must be >= --coarsest-level + 2 (3 step sizes)";
    if (batches > trajectories) return "--batches must be <= --trajectories";
    return std::nullopt;
  }
};

struct IntegratorResult {
  std::string integrator;
  std::string problem;
  sde::ConvergenceOrder declared;
  sde::OrderEstimate strong, weak;
  double evaluations_per_step = 0.0;
};

// Evaluations of one step of `Integrator`, counted over a short integration (the first step
// may differ from later ones only if an integrator caches; averaging over 8 steps covers that).
template <class Integrator, class Sde>
double evaluations_per_step(const Sde& sde) {
  constexpr Index kSteps = 8;
  const EvaluationCounter<Sde> counter(sde);
  Integrator integrator(sde.state_dimension(), sde.noise_dimension());
  Vector state = sde.initial_state();
  sde::BrownianIncrements increments(sde.noise_dimension(), RandomStream(1, 0, Purpose::kBrownian),
                                     Integrator::kUsesTimeIntegral ? sde::TimeIntegrals::kOn : sde::TimeIntegrals::kOff,
                                     sde::uses_levy_area<Integrator>() ? sde::LevyAreas::kOn : sde::LevyAreas::kOff);
  sde::integrate(integrator, counter, state, sde::TimeGrid{0.0, sde.final_time(), kSteps}, increments);
  return static_cast<double>(counter.evaluations()) / static_cast<double>(kSteps);
}

// Exact solution on the same path: from W(T) alone, or from W(T) and the Lévy areas of [0, T].
template <class Sde>
auto exact_reference(const Sde& sde) {
  if constexpr (requires(const Vector& w, Vector& out) { sde.exact_solution(w, w, out); }) {
    return [&sde](const sde::DyadicBrownianPath& path, VectorRef out) {
      sde.exact_solution(path.total_increment(), path.total_levy_area(), out);
    };
  } else {
    return sde::exact_solution_reference(sde, sde.final_time());
  }
}

template <class Integrator, class Sde>
IntegratorResult study(const Sde& sde, const SdeIntegratorsOptions& options, const RunContext& context) {
  sde::ConvergenceStudyOptions study_options;
  study_options.coarsest_level = static_cast<int>(options.coarsest_level);
  study_options.finest_level = static_cast<int>(options.finest_level);
  study_options.path_level = static_cast<int>(options.finest_level);
  study_options.trajectories = options.trajectories;
  study_options.batches = options.batches;
  study_options.seed = context.seed;
  study_options.interrupt = context.interrupt;
  study_options.duration = sde.final_time();
  study_options.path_levy_areas = sde::uses_levy_area<Integrator>() ? sde::LevyAreas::kOn : sde::LevyAreas::kOff;
  const Vector start = sde.initial_state();
  const auto square = [](const Vector& x) { return x.squaredNorm(); };
  IntegratorResult result{std::string(Integrator::kName), std::string(Sde::kName),
                          Integrator::order(Sde::kNoiseStructure), {}, {}, 0.0};
  result.strong = sde::estimate_strong_order<Integrator>(sde, start, study_options, exact_reference(sde));
  result.weak = sde::estimate_weak_order<Integrator>(sde, start, study_options, exact_reference(sde), square);
  result.evaluations_per_step = evaluations_per_step<Integrator>(sde);
  return result;
}

void write_tables(const std::vector<IntegratorResult>& results, RunContext& context) {
  io::TableWriter errors({"integrator", "problem", "time_step", "steps", "evaluations", "strong_error",
                          "mean_absolute_error", "weak_error"});
  io::TableWriter orders({"integrator", "problem", "declared_strong_order", "strong_order", "strong_standard_error",
                          "declared_weak_order", "weak_order", "weak_standard_error", "evaluations_per_step"});
  for (const IntegratorResult& r : results) {
    for (std::size_t k = 0; k < r.strong.time_steps.size(); ++k) {
      const double steps = std::round(1.0 / r.strong.time_steps[k]);
      errors.add_row({r.integrator, r.problem, r.strong.time_steps[k], static_cast<std::int64_t>(steps),
                      steps * r.evaluations_per_step, r.strong.errors[k], r.strong.mean_absolute_errors[k],
                      r.weak.errors[k]});
    }
    orders.add_row({r.integrator, r.problem, r.declared.strong, r.strong.slope, r.strong.standard_error,
                    r.declared.weak, r.weak.slope, r.weak.standard_error, r.evaluations_per_step});
    context.manifest.results.emplace_back("strong order: " + r.integrator, r.strong.slope);
    context.manifest.results.emplace_back("weak order: " + r.integrator, r.weak.slope);
  }
  publish_table(context, errors, "errors.csv",
                "one row per (integrator, time step): strong RMS error, mean |error|, paired weak error of X_T^2, "
                "and the work (drift + noise evaluations per path)");
  publish_table(context, orders, "orders.csv",
                "declared and fitted strong/weak orders (± jackknife standard error) per integrator");
}

void run(const SdeIntegratorsOptions& options, RunContext& context) {
  const problems::ItoGeometricBrownianMotion ito;
  const problems::StratonovichGeometricBrownianMotion stratonovich;
  const problems::ItoExponentialLevyAreaSde non_commutative;
  std::vector<IntegratorResult> results;
  context.progress.start("integrators", 6);
  results.push_back(study<sde::EulerMaruyama>(ito, options, context));
  context.progress.update(1);
  results.push_back(study<sde::Milstein>(ito, options, context));
  context.progress.update(2);
  results.push_back(study<sde::RungeKuttaMilstein>(ito, options, context));
  context.progress.update(3);
  results.push_back(study<sde::Sriw1>(ito, options, context));
  context.progress.update(4);
  results.push_back(study<sde::StochasticHeun>(stratonovich, options, context));
  context.progress.update(5);
  results.push_back(study<sde::LevyAreaMilstein>(non_commutative, options, context));
  context.progress.update(6);
  context.progress.finish();
  write_tables(results, context);
  context.report << "integrator           problem                                   strong order (declared)   weak order (declared)\n";
  for (const IntegratorResult& r : results) {
    char line[240];
    std::snprintf(line, sizeof line, "%-20s %-41s %5.3f ± %5.3f (%.1f)      %5.3f ± %5.3f (%.1f)\n",
                  r.integrator.c_str(), r.problem.c_str(), r.strong.slope, r.strong.standard_error,
                  r.declared.strong, r.weak.slope, r.weak.standard_error, r.declared.weak);
    context.report << line;
  }
  // Verdict: each fitted strong order is its declared one within 3 jackknife standard errors + 0.1
  // (the notebook's tolerance: the fit is over finitely many time steps and paths).
  std::int64_t as_declared = 0;
  for (const IntegratorResult& r : results) {
    if (std::abs(r.strong.slope - r.declared.strong) < 3.0 * r.strong.standard_error + 0.1) ++as_declared;
  }
  context.report << "verdict: strong orders as declared (within 3 s.e. + 0.1): "
                 << (as_declared == static_cast<std::int64_t>(results.size()) ? "yes" : "no") << " (" << as_declared
                 << "/" << results.size() << ")\n";
}

}  // namespace

Experiment make_sde_integrators_experiment() {
  return make_experiment<SdeIntegratorsOptions>(
      "sde-integrators",
      "strong/weak convergence orders and work-precision of the SDE integrators (GBM; Levy-area Milstein on "
      "non-commutative noise)",
      "sde_integrators", &run);
}

}  // namespace sgdbias
