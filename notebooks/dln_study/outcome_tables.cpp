#include "notebooks/dln_study/outcome_tables.hpp"

#include <limits>

#include "lib/algorithms/iterate.hpp"
#include "lib/experiment/publish_table.hpp"
#include "lib/monte_carlo/ensemble.hpp"

namespace sgdbias::dln_study {

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names{
      "train_loss",        "test_loss",     "l1_norm",
      "support_error",     "mean_log_scale_ratio", "loss_integral",
      "formula_mean_log_scale_ratio", "predicted_test_loss", "prediction_distance",
      "sharpness_step_size", "sgd_distance_max", "sgd_distance_final"};
  return names;
}

TrajectorySample to_sample(Index trajectory, const MethodOutcome& outcome, Index series_points) {
  TrajectorySample sample{trajectory,
                          {outcome.train_loss, outcome.test_loss, outcome.l1_norm, outcome.support_error,
                           outcome.mean_log_scale_ratio, outcome.loss_integral,
                           outcome.formula_mean_log_scale_ratio, outcome.predicted_test_loss,
                           outcome.prediction_distance, outcome.sharpness_step_size, outcome.sgd_distance_max,
                           outcome.sgd_distance_final},
                          {}};
  sample.series.assign(static_cast<std::size_t>(2 * series_points), std::numeric_limits<double>::quiet_NaN());
  for (std::size_t p = 0; p < outcome.record_train_losses.size() && p < static_cast<std::size_t>(series_points); ++p) {
    sample.series[2 * p] = outcome.record_train_losses[p];
    sample.series[2 * p + 1] = outcome.record_test_losses[p];
  }
  return sample;
}

SummaryLayout summary_layout(Index series_points) {
  SummaryLayout layout;
  layout.metrics = static_cast<Index>(metric_names().size());
  layout.series_points = series_points;
  layout.series_metrics = series_points > 0 ? 2 : 0;
  layout.keep_records = true;
  return layout;
}

namespace {

void write_series(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                  const std::vector<Index>& record_steps, RunContext& context) {
  std::vector<std::string> columns = labels.columns;
  for (const char* name : {"step", "train_loss", "train_loss_standard_error", "test_loss", "test_loss_standard_error"}) {
    columns.emplace_back(name);
  }
  io::TableWriter series(columns);
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    for (std::size_t p = 0; p < record_steps.size(); ++p) {
      std::vector<io::TableWriter::Cell> row = labels.rows[c];
      row.emplace_back(static_cast<std::int64_t>(record_steps[p]));
      for (Index metric = 0; metric < 2; ++metric) {
        const RunningMoments& moments = summaries[c].series(static_cast<Index>(p), metric);
        row.emplace_back(moments.mean());
        row.emplace_back(moments.standard_error());
      }
      series.add_row(std::move(row));
    }
  }
  publish_table(context, series, "series.csv",
                "one row per (configuration, record step): mean and standard error over trajectories of the train "
                "loss L = MSE/2 and the test loss ||beta - beta*||^2");
}

}  // namespace

// Indices into metric_names(): the test loss is NaN exactly when the run diverged, the predicted
// test loss also when the prediction failed.
constexpr Index kTestLossMetric = 1;
constexpr Index kPredictedTestLossMetric = 7;

std::int64_t failed_predictions(const EnsembleSummary& summary) {
  return summary.non_finite(kPredictedTestLossMetric) - summary.non_finite(kTestLossMetric);
}

std::string failed_predictions_note(const EnsembleSummary& summary) {
  const std::int64_t failed = failed_predictions(summary);
  if (failed == 0) return "";
  return "  (kappa_inf prediction failed: " + std::to_string(failed) + "/" + std::to_string(summary.records().size()) +
         ")";
}

void write_outcome_tables(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                          RunContext& context, const std::vector<Index>& record_steps) {
  if (!record_steps.empty()) write_series(labels, summaries, record_steps, context);
  std::vector<std::string> summary_columns = labels.columns;
  std::vector<std::string> trajectory_columns = labels.columns;
  trajectory_columns.push_back("trajectory");
  for (const std::string& metric : metric_names()) {
    summary_columns.push_back(metric);
    summary_columns.push_back(metric + "_standard_error");
    trajectory_columns.push_back(metric);
  }
  summary_columns.push_back("trajectories");
  summary_columns.push_back("diverged");
  summary_columns.push_back("prediction_failed");
  io::TableWriter summary(summary_columns), trajectories(trajectory_columns);
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    const EnsembleSummary& ensemble = summaries[c];
    std::vector<io::TableWriter::Cell> row = labels.rows[c];
    for (Index m = 0; m < static_cast<Index>(metric_names().size()); ++m) {
      row.emplace_back(ensemble.moments(m).mean());
      row.emplace_back(ensemble.moments(m).standard_error());
    }
    row.emplace_back(static_cast<std::int64_t>(ensemble.records().size()));
    row.emplace_back(ensemble.non_finite(kTestLossMetric));
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
                "one row per configuration: mean and standard error over trajectories of each metric (diverged runs, "
                "and runs whose kappa_inf prediction failed, excluded from that metric and counted); losses: train L "
                "= MSE/2 (product form), test ||beta - beta*||^2");
  publish_table(context, trajectories, "trajectories.csv",
                "one row per (configuration, trajectory): every metric (NaN if the run diverged; the two prediction "
                "metrics also NaN if the kappa_inf prediction failed)");
}

}  // namespace sgdbias::dln_study

namespace sgdbias::dln_study {

std::vector<EnsembleSummary> run_configurations(const problems::SparseRegressionData& data,
                                                const std::vector<MethodRun>& runs, const ConfigurationLabels& labels,
                                                Index trajectories, const std::string& tag, RunContext& context) {
  require(!runs.empty() && labels.rows.size() == runs.size(), tag, "one label row per configuration is required");
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
  // follows is then trajectory 0's; the others run `trajectories` times. Two ensembles, each
  // resumable under its own tag; summaries are put back in configuration order.
  std::vector<EnsembleSummary> summaries(runs.size(), EnsembleSummary(summary_layout(series_points)));
  for (const bool deterministic : {false, true}) {
    std::vector<std::size_t> group;
    for (std::size_t c = 0; c < runs.size(); ++c) {
      if (is_deterministic(runs[c].method) == deterministic) group.push_back(c);
    }
    if (group.empty()) continue;
    EnsembleOptions ensemble;
    ensemble.configurations = static_cast<Index>(group.size());
    ensemble.trajectories = deterministic ? 1 : trajectories;
    ensemble.seed = context.seed;
    ensemble.chunk_size = 1;
    ensemble.threads = context.threads;
    const auto simulate = [&data, &runs, &group, series_points](const TrajectoryContext& trajectory) {
      const MethodRun& run = runs[group[static_cast<std::size_t>(trajectory.configuration)]];
      return to_sample(trajectory.trajectory, run_method(data, run, trajectory.seed, trajectory.trajectory),
                       series_points);
    };
    const std::string group_tag = deterministic ? tag + "-deterministic" : tag;
    const std::vector<EnsembleSummary> group_summaries =
        run_ensemble(ensemble, simulate, EnsembleSummary(summary_layout(series_points)),
                     context.ensemble_hooks(group_tag, group_tag));
    for (std::size_t g = 0; g < group.size(); ++g) summaries[group[g]] = group_summaries[g];
  }
  write_outcome_tables(labels, summaries, context, record_steps);
  return summaries;
}

}  // namespace sgdbias::dln_study
