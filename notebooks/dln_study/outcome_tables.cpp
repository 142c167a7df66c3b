#include "notebooks/dln_study/outcome_tables.hpp"

#include <chrono>
#include <limits>
#include <optional>

#include "lib/algorithms/iterate.hpp"
#include "notebooks/experiment/publish_table.hpp"
#include "lib/monte_carlo/ensemble.hpp"

namespace sgdbias::dln_study {

const study::OutcomeColumns<MethodOutcome>& outcome_columns() {
  using O = MethodOutcome;
  static const study::OutcomeColumns<MethodOutcome> columns{
      {"train_loss", "loss", "final train loss L = c MSE (c = 1/2, product form)", &O::train_loss},
      {"test_loss", "loss", "final test loss (teacher: ||beta - beta*||^2; test data: test MSE)", &O::test_loss, true},
      {"l1_norm", "norm", "||beta||_1 of the final interpolator", &O::l1_norm},
      {"support_error", "1", "share of ||beta||_1 off the teacher's support (NaN without a teacher)", &O::support_error},
      {"mean_log_scale_ratio", "log ratio", "mean_j ln(kappa_K / kappa_0), exact bookkeeping (dln.md §7)",
       &O::mean_log_scale_ratio},
      {"loss_integral", "loss x time", "integral of L dt along the run (gamma sum L; SGF: h sum L)",
       &O::loss_integral},
      {"formula_mean_log_scale_ratio", "log ratio", "-gamma mean(D) integral MSE dt: the alpha_inf formula (dln.md §6.3)",
       &O::formula_mean_log_scale_ratio},
      {"predicted_test_loss", "loss", "test loss of argmin H_{kappa_K}, predicted from the run's own kappa (dln.md §5)",
       &O::predicted_test_loss},
      {"prediction_distance", "1", "||beta_K - argmin H_{kappa_K}|| / ||beta_K||", &O::prediction_distance},
      {"sharpness_step_size", "1", "gamma lambda_max(Hessian of L at x_K): <= 2 where GD can settle",
       &O::sharpness_step_size},
      {"sgd_distance_max", "norm", "flows: max over window ends of ||beta_flow - beta_SGD|| (same batches)",
       &O::sgd_distance_max},
      {"sgd_distance_final", "norm", "flows: final ||beta_flow - beta_SGD||", &O::sgd_distance_final},
  };
  return columns;
}

study::OutcomeStatistics statistics(const EnsembleSummary& summary, double MethodOutcome::*outcome) {
  return study::outcome_statistics(outcome_columns(), summary, outcome);
}

TrajectorySample to_sample(Index trajectory, const MethodOutcome& outcome, Index series_points) {
  TrajectorySample sample{trajectory, study::outcome_values(outcome_columns(), outcome), {}};
  sample.series.assign(static_cast<std::size_t>(2 * series_points), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t p = 0; p < outcome.record_train_losses.size() && p < static_cast<std::size_t>(series_points); ++p) {
    sample.series[2 * p] = outcome.record_train_losses[p];
    sample.series[2 * p + 1] = outcome.record_test_losses[p];
  }
  return sample;
}

SummaryLayout summary_layout(Index series_points) {
  SummaryLayout layout;
  layout.metrics = static_cast<Index>(outcome_columns().size());
  layout.series_points = series_points;
  layout.series_metrics = series_points > 0 ? 2 : 0;
  layout.keep_records = true;
  return layout;
}

namespace {

void write_series(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                  const std::vector<Index>& record_steps, const std::vector<double>& step_sizes, RunContext& context) {
  std::vector<std::string> columns = labels.columns;
  for (const char* name : {"step", "time", "train_loss", "train_loss_standard_error", "test_loss", "test_loss_standard_error"}) {
    columns.emplace_back(name);
  }
  io::TableWriter series(columns);
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    for (std::size_t p = 0; p < record_steps.size(); ++p) {
      std::vector<io::TableWriter::Cell> row = labels.rows[c];
      row.emplace_back(static_cast<std::int64_t>(record_steps[p]));
      row.emplace_back(step_sizes[c] * static_cast<double>(record_steps[p]));
      for (Index metric = 0; metric < 2; ++metric) {
        const RunningMoments& moments = summaries[c].series(static_cast<Index>(p), metric);
        row.emplace_back(moments.mean());
        row.emplace_back(moments.standard_error());
      }
      series.add_row(std::move(row));
    }
  }
  publish_table(context, series, "series.csv",
                "one row per (configuration, record step): time = step size * step (the SGD clock of dln.md §6.6), "
                "mean and standard error over trajectories of the train loss L = MSE/2 and the test loss");
}

// outcomes.csv: the long form, every statistic of every outcome.
void write_outcome_statistics(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                              RunContext& context) {
  std::vector<std::string> columns = labels.columns;
  columns.insert(columns.end(), {"outcome", "unit"});
  for (const std::string& statistic : study::outcome_statistic_columns()) columns.push_back(statistic);
  io::TableWriter table(columns);
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    for (const study::OutcomeColumn<MethodOutcome>& outcome : outcome_columns()) {
      std::vector<io::TableWriter::Cell> row = labels.rows[c];
      row.emplace_back(outcome.name);
      row.emplace_back(outcome.unit);
      for (io::TableWriter::Cell& cell :
           study::outcome_statistic_values(statistics(summaries[c], outcome.member))) {
        row.push_back(std::move(cell));
      }
      table.add_row(std::move(row));
    }
  }
  std::string description =
      "one row per (configuration, outcome): over the finished trajectories, count, non-finite count (diverged or "
      "not applicable), mean, standard error, 95% interval of the mean (Student t), quantiles 5/25/50/75/95%. "
      "Outcomes:";
  for (const study::OutcomeColumn<MethodOutcome>& outcome : outcome_columns()) {
    description += " " + outcome.name + " [" + outcome.unit + "]: " + outcome.description + ";";
  }
  publish_table(context, table, "outcomes.csv", description);
}

// "method=sgd alpha=0.1": a configuration's labels, for run.json's result names.
std::string label_text(const ConfigurationLabels& labels, std::size_t configuration) {
  std::string text;
  for (std::size_t i = 0; i < labels.columns.size(); ++i) {
    const io::TableWriter::Cell& cell = labels.rows[configuration][i];
    std::string value;
    if (const auto* name = std::get_if<std::string>(&cell)) value = *name;
    if (const auto* integer = std::get_if<std::int64_t>(&cell)) value = std::to_string(*integer);
    if (const auto* real = std::get_if<double>(&cell)) value = format_real(*real);
    text += (text.empty() ? "" : " ") + labels.columns[i] + "=" + value;
  }
  return text;
}

}  // namespace

std::int64_t failed_predictions(const EnsembleSummary& summary) {
  // The test loss is NaN exactly when the run diverged, the predicted test loss also when the
  // prediction failed.
  return statistics(summary, &MethodOutcome::predicted_test_loss).non_finite -
         statistics(summary, &MethodOutcome::test_loss).non_finite;
}

std::string failed_predictions_note(const EnsembleSummary& summary) {
  const std::int64_t failed = failed_predictions(summary);
  if (failed == 0) return "";
  return "  (kappa_inf prediction failed: " + std::to_string(failed) + "/" + std::to_string(summary.records().size()) +
         ")";
}

std::string diverged_note(const EnsembleSummary& summary) {
  const std::int64_t diverged = statistics(summary, &MethodOutcome::train_loss).non_finite;
  if (diverged == 0) return "";
  return "  (diverged: " + std::to_string(diverged) + "/" + std::to_string(summary.records().size()) + ")";
}

std::string verdict(std::int64_t holds, std::int64_t of) {
  return std::string(of > 0 && holds == of ? "yes" : "no") + " (" + std::to_string(holds) + "/" +
         std::to_string(of) + ")";
}

void report_data(const study::StudyProblem& problem, std::ostream& report) {
  report << "data: " << problem.source << "\ntest loss: " << problem.test_loss.description() << "\n";
}

void write_outcome_tables(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                          const study::StudyProblem& problem, RunContext& context,
                          const std::vector<Index>& record_steps, const std::vector<double>& step_sizes) {
  if (!record_steps.empty()) write_series(labels, summaries, record_steps, step_sizes, context);
  write_outcome_statistics(labels, summaries, context);
  std::vector<std::string> summary_columns = labels.columns;
  std::vector<std::string> trajectory_columns = labels.columns;
  trajectory_columns.push_back("trajectory");
  for (const study::OutcomeColumn<MethodOutcome>& outcome : outcome_columns()) {
    summary_columns.push_back(outcome.name);
    summary_columns.push_back(outcome.name + "_standard_error");
    trajectory_columns.push_back(outcome.name);
  }
  summary_columns.push_back("trajectories");
  summary_columns.push_back("diverged");
  summary_columns.push_back("prediction_failed");
  io::TableWriter summary(summary_columns), trajectories(trajectory_columns);
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    const EnsembleSummary& ensemble = summaries[c];
    std::vector<io::TableWriter::Cell> row = labels.rows[c];
    for (const study::OutcomeColumn<MethodOutcome>& outcome : outcome_columns()) {
      const study::OutcomeStatistics s = statistics(ensemble, outcome.member);
      row.emplace_back(s.mean);
      row.emplace_back(s.standard_error);
      if (outcome.headline) context.manifest.results.emplace_back(outcome.name + " " + label_text(labels, c), s.mean);
    }
    row.emplace_back(static_cast<std::int64_t>(ensemble.records().size()));
    row.emplace_back(statistics(ensemble, &MethodOutcome::test_loss).non_finite);
    row.emplace_back(failed_predictions(ensemble));
    summary.add_row(std::move(row));
    for (const TrajectorySample& sample : ensemble.records()) {
      std::vector<io::TableWriter::Cell> record = labels.rows[c];
      record.emplace_back(static_cast<std::int64_t>(sample.trajectory));
      for (double value : sample.metrics) record.emplace_back(value);
      trajectories.add_row(std::move(record));
    }
  }
  publish_table(context, summary, "summary.csv",
                "one row per configuration: mean and standard error over trajectories of each outcome (diverged runs, "
                "and runs whose kappa_inf prediction failed, excluded from that outcome and counted); data: " +
                    problem.source + "; train loss L = MSE/2 (product form); test loss: " +
                    problem.test_loss.description());
  publish_table(context, trajectories, "trajectories.csv",
                "one row per (configuration, trajectory): every outcome (NaN if the run diverged; the two prediction "
                "outcomes also NaN if the kappa_inf prediction failed)");
}

}  // namespace sgdbias::dln_study

namespace sgdbias::dln_study {
namespace {

// run_ensemble's simulator: one copy per worker thread, each with its own runner per
// configuration, built on first use (the network's workspaces are per thread).
class ConfigurationSimulator {
 public:
  ConfigurationSimulator(const study::StudyProblem& problem, const std::vector<MethodRun>& runs,
                         std::vector<std::size_t> group, Index series_points)
      : problem_(&problem), runs_(&runs), group_(std::move(group)), series_points_(series_points),
        runners_(group_.size()) {}

  TrajectorySample operator()(const TrajectoryContext& trajectory) {
    return to_sample(trajectory.trajectory,
                     runner(trajectory.configuration).run(trajectory.seed, trajectory.trajectory, trajectory.interrupt),
                     series_points_);
  }

  void simulate_chunk(const TrajectoryChunk& chunk, EnsembleSummary& reducer) {
    MethodRunner& method = runner(chunk.configuration);
    if (MethodRunner::has_panel(method.settings())) {
      const std::vector<MethodOutcome> outcomes = method.run_panel(chunk.seed, chunk.first, chunk.end, chunk.interrupt);
      for (Index k = 0; k < chunk.size(); ++k) {
        reducer.add(to_sample(chunk.first + k, outcomes[static_cast<std::size_t>(k)], series_points_));
      }
      return;
    }
    for (Index trajectory = chunk.first; trajectory < chunk.end; ++trajectory) {
      reducer.add((*this)(chunk.context(trajectory)));
    }
  }

 private:
  MethodRunner& runner(Index configuration) {
    std::optional<MethodRunner>& runner = runners_[static_cast<std::size_t>(configuration)];
    if (!runner) runner.emplace(*problem_, (*runs_)[group_[static_cast<std::size_t>(configuration)]]);
    return *runner;
  }

  const study::StudyProblem* problem_;
  const std::vector<MethodRun>* runs_;
  std::vector<std::size_t> group_;
  Index series_points_;
  std::vector<std::optional<MethodRunner>> runners_;
};

enum class Group { kStochastic, kPanel, kDeterministic };

// Integrator steps of one path: SDE time steps (m per SGD step) or the discrete method's steps.
double path_steps(const MethodRun& run) {
  const bool sde = run.method == Method::kSgfLogEuler || run.method == Method::kSgfEulerMaruyama ||
                   run.method == Method::kWrongSde || run.method == Method::kLangevin;
  return static_cast<double>(run.steps) * static_cast<double>(sde ? run.sgf_substeps : 1);
}

// The tables' label columns of each configuration: what tells one run of a study from another.
ConfigurationLabels labels_of(const std::vector<MethodRun>& runs) {
  ConfigurationLabels labels{{"method", "alpha", "step_size", "steps"}, {}};
  for (const MethodRun& run : runs) {
    labels.rows.push_back({choice_name(method_choices(), run.method), run.alpha, run.step_size,
                           static_cast<std::int64_t>(run.steps)});
  }
  return labels;
}

Group group_of(const MethodRun& run) {
  if (is_deterministic(run.method)) return Group::kDeterministic;
  return MethodRunner::has_panel(run) ? Group::kPanel : Group::kStochastic;
}

}  // namespace

std::vector<EnsembleSummary> run_configurations(const study::StudyProblem& problem,
                                                const std::vector<MethodRun>& runs, Index trajectories,
                                                const std::string& tag, RunContext& context) {
  require(!runs.empty(), tag, "at least one configuration is required");
  std::vector<Index> record_steps;
  if (runs.front().record_stride > 0) {
    for (const MethodRun& run : runs) {
      require(run.steps == runs.front().steps && run.record_stride == runs.front().record_stride, tag,
              "recorded series need equal steps and record strides in every configuration");
    }
    // The record steps of iterate(): 0, s, 2s, ... below K, then K (IterationOptions::num_records).
    const Index steps = runs.front().steps, stride = runs.front().record_stride;
    for (Index k = 0; k < steps; k += stride) record_steps.push_back(k);
    record_steps.push_back(steps);
  }
  const Index series_points = static_cast<Index>(record_steps.size());
  // Deterministic methods (GD, gradient flow) run once, as trajectory 0 — the SGD run a flow
  // follows is then trajectory 0's; the others run `trajectories` times, the panel methods in
  // chunks of kPanelPaths paths, the rest path by path (one chunk each: the finest load balance).
  // Three ensembles, each resumable under its own tag; summaries are put back in configuration order.
  std::vector<EnsembleSummary> summaries(runs.size(), EnsembleSummary(summary_layout(series_points)));
  double total_path_steps = 0.0, seconds = 0.0;
  for (const Group kind : {Group::kStochastic, Group::kPanel, Group::kDeterministic}) {
    std::vector<std::size_t> group;
    for (std::size_t c = 0; c < runs.size(); ++c) {
      if (group_of(runs[c]) == kind) group.push_back(c);
    }
    if (group.empty()) continue;
    EnsembleOptions ensemble;
    ensemble.configurations = static_cast<Index>(group.size());
    ensemble.trajectories = kind == Group::kDeterministic ? 1 : trajectories;
    ensemble.seed = context.seed;
    ensemble.chunk_size = kind == Group::kPanel ? kPanelPaths : 1;
    ensemble.threads = context.threads;
    const std::string group_tag = kind == Group::kDeterministic ? tag + "-deterministic"
                                  : kind == Group::kPanel       ? tag + "-panel"
                                                                : tag;
    const auto start = std::chrono::steady_clock::now();
    const std::vector<EnsembleSummary> group_summaries = run_ensemble(
        ensemble, ConfigurationSimulator(problem, runs, group, series_points),
        EnsembleSummary(summary_layout(series_points)),
        context.ensemble_hooks(group_tag, group_tag));
    seconds += std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    for (std::size_t g = 0; g < group.size(); ++g) {
      summaries[group[g]] = group_summaries[g];
      total_path_steps += static_cast<double>(ensemble.trajectories) * path_steps(runs[group[g]]);
    }
  }
  // The simulation rate a user got (a resumed run counts its loaded chunks too, so it reads high).
  context.manifest.results.emplace_back("path_steps_per_second", seconds > 0.0 ? total_path_steps / seconds : 0.0);
  std::vector<double> step_sizes;
  for (const MethodRun& run : runs) step_sizes.push_back(run.step_size);
  write_outcome_tables(labels_of(runs), summaries, problem, context, record_steps, step_sizes);
  return summaries;
}

}  // namespace sgdbias::dln_study
