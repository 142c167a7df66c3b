// Experiment `sde-variants`: train and test loss along the run for GD, SGD and the stochastic
// gradient flow of SGD (dln.md §6.2), on the seed setting, against the common clock t = γ·k
// (dln.md §6.6): "the SDE captures SGD". The SGF is integrated by Euler–Maruyama in x = [u; v]
// (DiagonalNetworkSgf) and by the structure-preserving log-Euler scheme (EM on LogLightConeSgf,
// dln.md §6.3), with time step h = γ / substeps. GD and SGD are lib/algorithms' iterate().
// Next to them, the two isotropic-noise comparisons of dln.md §6.5 (Euler–Maruyama, same h): the
// "wrong SDE" (the SGF prefactor with B ∈ R^d not passed through Xᵀ: ≈ n times less κ shrink and a
// random tilt, no systematic benefit) and overdamped Langevin dx = −∇L dt + √(2/η) dB (noise that
// never vanishes: no interpolation, no implicit-bias formula).
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/experiment/option_group.hpp"
#include "lib/experiment/publish_table.hpp"
#include "lib/io/table_writer.hpp"
#include "lib/monte_carlo/ensemble.hpp"
#include "lib/monte_carlo/ensemble_summary.hpp"
#include "notebooks/sde_variants/experiment.hpp"
#include "notebooks/study_support/study_problem.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/dln_trace.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/euler_maruyama.hpp"
#include "sde/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "sde/stochastic_gradient_flow/isotropic_noise_sdes.hpp"
#include "sde/stochastic_gradient_flow/log_light_cone_sgf.hpp"

namespace sgdbias {
namespace {

using problems::DiagonalLinearNetwork;

const std::vector<std::string>& method_names() {
  static const std::vector<std::string> names{"gd", "sgd", "sgf-euler-maruyama", "sgf-log-euler",
                                                "wrong-sde", "langevin"};
  return names;
}

struct SdeVariantsOptions {
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
  study::DataShapeOptions data;  // --samples, --dimension, --sparsity

  static std::vector<OptionField<SdeVariantsOptions>> fields() {
    using O = SdeVariantsOptions;
    return with_option_group(std::vector<OptionField<O>>{
        real_option("alpha", &O::alpha, "PPF initialisation scale", {0, 10, true}),
        real_option("step-size", &O::step_size, "SGD step size gamma (the SGF models this SGD)", {0, 10, true}),
        integer_option("steps", &O::steps, "SGD steps K; every method runs to t = gamma K", {1, 1000000000}),
        integer_option("record-stride", &O::record_stride, "record every this many SGD steps", {1, 1000000000}),
        integer_option("substeps", &O::substeps, "SGF time steps per SGD step (h = gamma / substeps)", {1, 100000}),
        integer_option("trajectories", &O::trajectories, "independent runs per method", {1, 100000}),
        real_option("langevin-inverse-temperature", &O::langevin_inverse_temperature,
                    "eta of the overdamped Langevin comparison dx = -grad L dt + sqrt(2/eta) dB", {0, 1e12, true}),
    }, &O::data);
  }
  std::optional<std::string> validate() const {
    if (std::optional<std::string> shape = data.validate()) return shape;
    return std::nullopt;
  }
  Index records() const { return steps / record_stride + 1 + (steps % record_stride != 0 ? 1 : 0); }
};

// Records (train loss, test loss) of x = [u; v] into sample.series at point `point`.
void record(const DiagonalLinearNetwork& network, const Vector& teacher, const ConstVectorRef& x, Index point,
            TrajectorySample& sample) {
  const Vector beta = network.beta(x);
  sample.series[static_cast<std::size_t>(2 * point)] = network.loss(x);
  sample.series[static_cast<std::size_t>(2 * point + 1)] = (beta - teacher).squaredNorm();
}

void finish(const DiagonalLinearNetwork& network, const Vector& teacher, const Vector& x, TrajectorySample& sample) {
  Vector log_scale(network.num_features());
  network.log_scale(x, log_scale);
  sample.metrics = {network.loss(x), (network.beta(x) - teacher).squaredNorm(),
                    (log_scale - network.log_initial_scale()).mean()};
}

// Integrates any SDE in the time of the SGD it is compared with (t = γk, h = γ/substeps) by
// Euler–Maruyama, recording along the way; `to_parameters` maps its state to x = [u; v].
template <class Sde, class ToParameters>
void integrate_sde(const Sde& sde, Vector& state, const SdeVariantsOptions& options, const TrajectoryContext& context,
                   const DiagonalLinearNetwork& network, const Vector& teacher, ToParameters to_parameters,
                   TrajectorySample& sample) {
  sde::EulerMaruyama integrator(sde.state_dimension(), sde.noise_dimension());
  sde::BrownianIncrements increments(sde.noise_dimension(), context.stream(Purpose::kBrownian));
  const Index total = options.steps * options.substeps, per_record = options.record_stride * options.substeps;
  Index calls = 0, point = 0;
  Vector x(network.dimension());
  const auto observe = [&](double, const ConstVectorRef& y) {
    if (calls % per_record == 0 || calls == total) {
      to_parameters(y, x);
      record(network, teacher, x, point++, sample);
    }
    ++calls;
  };
  sde::integrate(integrator, sde, state, sde::TimeGrid{0.0, options.step_size * static_cast<double>(options.steps), total},
                 increments, observe);
  to_parameters(state, x);
  finish(network, teacher, x, sample);
}

TrajectorySample simulate(const study::StudyProblem& problem, const SdeVariantsOptions& options,
                          const TrajectoryContext& context) {
  const problems::SparseRegressionData& data = problem.data;
  const DiagonalLinearNetwork network = problem.network(options.alpha);
  TrajectorySample sample{context.trajectory, {}, std::vector<double>(static_cast<std::size_t>(2 * options.records()))};
  Vector x = network.initial_state();
  const sde::SgfOptions sgf_options{options.step_size};
  IterationOptions iteration{options.steps, options.record_stride, 1e10};
  problems::DlnTrace trace(network, problems::DlnTraceOptions{data.teacher, false});
  const auto identity = [](const ConstVectorRef& y, VectorRef out) { out = y; };
  switch (context.configuration) {
    case 0: {
      GradientDescent<DiagonalLinearNetwork> gd(network, GradientDescentOptions{options.step_size});
      iterate(gd, x, iteration, trace);
      break;
    }
    case 1: {
      StochasticGradientDescent<DiagonalLinearNetwork> sgd(network, StochasticGradientDescentOptions{options.step_size},
                                                           context.stream(Purpose::kMinibatch));
      iterate(sgd, x, iteration, trace);
      break;
    }
    case 2: {
      const sde::DiagonalNetworkSgf<DiagonalLinearNetwork> sgf(network, sgf_options);
      integrate_sde(sgf, x, options, context, network, data.teacher, identity, sample);
      return sample;
    }
    case 3: {
      const sde::LogLightConeSgf<DiagonalLinearNetwork> sgf(network, sgf_options);
      Vector y(network.dimension());
      sgf.from_parameters(x, y);
      integrate_sde(sgf, y, options, context, network, data.teacher,
                    [&sgf](const ConstVectorRef& state, VectorRef out) { sgf.to_parameters(state, out); }, sample);
      return sample;
    }
    case 4: {
      const sde::WrongSgf<DiagonalLinearNetwork> wrong(network, sgf_options);
      integrate_sde(wrong, x, options, context, network, data.teacher, identity, sample);
      return sample;
    }
    default: {
      const sde::OverdampedLangevin<DiagonalLinearNetwork> langevin(network, options.langevin_inverse_temperature);
      integrate_sde(langevin, x, options, context, network, data.teacher, identity, sample);
      return sample;
    }
  }
  for (std::size_t p = 0; p < trace.losses().size(); ++p) {
    sample.series[2 * p] = trace.losses()[p];
    sample.series[2 * p + 1] = trace.test_losses()[p];
  }
  finish(network, data.teacher, x, sample);
  return sample;
}

void write_tables(const SdeVariantsOptions& options, const std::vector<EnsembleSummary>& summaries,
                  RunContext& context) {
  io::TableWriter series({"method", "step", "time", "train_loss", "train_loss_standard_error", "test_loss",
                          "test_loss_standard_error"});
  io::TableWriter summary({"method", "train_loss", "test_loss", "test_loss_standard_error", "mean_log_scale_ratio",
                           "mean_log_scale_ratio_standard_error", "trajectories"});
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    for (Index p = 0; p < options.records(); ++p) {
      const Index step = std::min(p * options.record_stride, options.steps);
      series.add_row({method_names()[c], static_cast<std::int64_t>(step), options.step_size * static_cast<double>(step),
                      summaries[c].series(p, 0).mean(), summaries[c].series(p, 0).standard_error(),
                      summaries[c].series(p, 1).mean(), summaries[c].series(p, 1).standard_error()});
    }
    summary.add_row({method_names()[c], summaries[c].moments(0).mean(), summaries[c].moments(1).mean(),
                     summaries[c].moments(1).standard_error(), summaries[c].moments(2).mean(),
                     summaries[c].moments(2).standard_error(), summaries[c].moments(1).count()});
  }
  publish_table(context, series, "series.csv",
                "per (method, record step): mean ± s.e. over trajectories of the train loss L = MSE/2 and the test "
                "loss; time = gamma * step");
  publish_table(context, summary, "summary.csv", "per method: final train/test loss and mean ln(kappa_T/kappa_0)");
}

void run(const SdeVariantsOptions& options, RunContext& context) {
  const study::StudyProblem problem = study::make_study_problem(options.data, context.seed);
  EnsembleOptions ensemble;
  ensemble.configurations = static_cast<Index>(method_names().size());
  ensemble.trajectories = options.trajectories;
  ensemble.seed = context.seed;
  ensemble.chunk_size = 1;
  ensemble.threads = context.threads;
  SummaryLayout layout;
  layout.metrics = 3;
  layout.series_points = options.records();
  layout.series_metrics = 2;
  const std::vector<EnsembleSummary> summaries = run_ensemble(
      ensemble, [&](const TrajectoryContext& trajectory) { return simulate(problem, options, trajectory); },
      EnsembleSummary(layout), context.ensemble_hooks("sde variants", "sde-variants"));
  write_tables(options, summaries, context);
  context.report << "method               final train loss   test loss (± s.e.)    mean ln(kappa_T/kappa_0)\n";
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    char line[200];
    std::snprintf(line, sizeof line, "%-20s %-18.3g %-9.4g ± %-9.2g %.4g\n", method_names()[c].c_str(),
                  summaries[c].moments(0).mean(), summaries[c].moments(1).mean(),
                  summaries[c].moments(1).standard_error(), summaries[c].moments(2).mean());
    context.report << line;
  }
}

}  // namespace

Experiment make_sde_variants_experiment() {
  return make_experiment<SdeVariantsOptions>(
      "sde-variants", "train/test loss along the run: GD, SGD, the SGF (Euler-Maruyama and log-Euler), the wrong SDE and "
      "Langevin",
      "sde_variants", &run);
}

}  // namespace sgdbias
