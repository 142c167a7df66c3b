#pragma once
// MethodOutcome ↔ the ensemble engine and the tidy tables of the DLN studies:
//   summary.csv       one row per configuration: its labels, then mean and standard error of
//                     every metric over the finished trajectories, how many diverged, and how
//                     many finished runs have no κ_inf prediction (the solver did not converge);
//   trajectories.csv  one row per (configuration, trajectory): the labels and every metric;
//   series.csv        (runs with record_stride > 0) one row per (configuration, record step):
//                     mean and standard error of the train and test loss over trajectories.
#include <cstdint>
#include <string>
#include <vector>

#include "notebooks/experiment/experiment.hpp"
#include "lib/io/table_writer.hpp"
#include "lib/monte_carlo/ensemble_summary.hpp"
#include "notebooks/dln_study/dln_run.hpp"

namespace sgdbias::dln_study {

const std::vector<std::string>& metric_names();
// `series_points` = number of record steps (0: no series); a diverged run contributes NaN.
TrajectorySample to_sample(Index trajectory, const MethodOutcome& outcome, Index series_points = 0);
SummaryLayout summary_layout(Index series_points = 0);

struct ConfigurationLabels {
  std::vector<std::string> columns;                 // e.g. {"method", "alpha", "step_size"}
  std::vector<std::vector<io::TableWriter::Cell>> rows;  // one per configuration
};

// Finished (not diverged) runs of a configuration whose κ_inf prediction is missing (NaN).
std::int64_t failed_predictions(const EnsembleSummary& summary);
// "  (kappa_inf prediction failed: k/n)" for a report line, or "" if every finished run has one.
std::string failed_predictions_note(const EnsembleSummary& summary);

// `record_steps`: the step of each series point (empty: no series).
void write_outcome_tables(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                          RunContext& context, const std::vector<Index>& record_steps = {});

}  // namespace sgdbias::dln_study

namespace sgdbias::dln_study {

// Runs every configuration `trajectories` times through run_ensemble (resumable, bit-identical
// for any thread count), writes summary/trajectories (and series) tables, returns the summaries.
// With record_stride > 0 every run must have the same steps (one series grid).
std::vector<EnsembleSummary> run_configurations(const problems::SparseRegressionData& data,
                                                const std::vector<MethodRun>& runs, const ConfigurationLabels& labels,
                                                Index trajectories, const std::string& tag, RunContext& context);

}  // namespace sgdbias::dln_study
