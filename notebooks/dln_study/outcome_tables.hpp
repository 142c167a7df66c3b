#pragma once
// MethodOutcome ↔ the ensemble engine and the tidy tables of the DLN studies:
//   summary.csv       one row per configuration: its labels, then mean and standard error of
//                     every metric over the finished trajectories, and how many diverged;
//   trajectories.csv  one row per (configuration, trajectory): the labels and every metric.
#include <string>
#include <vector>

#include "lib/experiment/experiment.hpp"
#include "lib/io/table_writer.hpp"
#include "lib/monte_carlo/ensemble_summary.hpp"
#include "notebooks/dln_study/dln_run.hpp"

namespace sgdbias::dln_study {

const std::vector<std::string>& metric_names();
TrajectorySample to_sample(Index trajectory, const MethodOutcome& outcome);
SummaryLayout summary_layout();

struct ConfigurationLabels {
  std::vector<std::string> columns;                 // e.g. {"method", "alpha", "step_size"}
  std::vector<std::vector<io::TableWriter::Cell>> rows;  // one per configuration
};

void write_outcome_tables(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                          RunContext& context);

}  // namespace sgdbias::dln_study
