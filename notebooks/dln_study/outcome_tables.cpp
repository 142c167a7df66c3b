#include "notebooks/dln_study/outcome_tables.hpp"

namespace sgdbias::dln_study {

const std::vector<std::string>& metric_names() {
  static const std::vector<std::string> names{
      "train_loss",        "test_loss",     "l1_norm",
      "support_error",     "mean_log_scale_ratio", "loss_integral",
      "formula_mean_log_scale_ratio", "predicted_test_loss", "prediction_distance"};
  return names;
}

TrajectorySample to_sample(Index trajectory, const MethodOutcome& outcome) {
  return {trajectory,
          {outcome.train_loss, outcome.test_loss, outcome.l1_norm, outcome.support_error,
           outcome.mean_log_scale_ratio, outcome.loss_integral, outcome.formula_mean_log_scale_ratio,
           outcome.predicted_test_loss, outcome.prediction_distance},
          {}};
}

SummaryLayout summary_layout() {
  SummaryLayout layout;
  layout.metrics = static_cast<Index>(metric_names().size());
  layout.keep_records = true;
  return layout;
}

void write_outcome_tables(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                          RunContext& context) {
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
  io::TableWriter summary(summary_columns), trajectories(trajectory_columns);
  for (std::size_t c = 0; c < summaries.size(); ++c) {
    const EnsembleSummary& ensemble = summaries[c];
    std::vector<io::TableWriter::Cell> row = labels.rows[c];
    for (Index m = 0; m < static_cast<Index>(metric_names().size()); ++m) {
      row.emplace_back(ensemble.moments(m).mean());
      row.emplace_back(ensemble.moments(m).standard_error());
    }
    const std::int64_t diverged = ensemble.non_finite(1);  // test loss is NaN exactly when diverged
    row.emplace_back(static_cast<std::int64_t>(ensemble.records().size()));
    row.emplace_back(diverged);
    summary.add_row(std::move(row));
    for (const TrajectorySample& sample : ensemble.records()) {
      std::vector<io::TableWriter::Cell> record = labels.rows[c];
      record.emplace_back(static_cast<std::int64_t>(sample.trajectory));
      for (double value : sample.metrics) record.emplace_back(value);
      trajectories.add_row(std::move(record));
    }
  }
  summary.write(context.folder / "summary.csv");
  trajectories.write(context.folder / "trajectories.csv");
  context.manifest.tables.push_back(
      {"summary.csv",
       "one row per configuration: mean and standard error over trajectories of each metric (diverged runs "
       "excluded and counted); losses: train L = MSE/2 (product form), test ||beta - beta*||^2",
       summary.columns()});
  context.manifest.tables.push_back(
      {"trajectories.csv", "one row per (configuration, trajectory): every metric (NaN if the run diverged)",
       trajectories.columns()});
}

}  // namespace sgdbias::dln_study
