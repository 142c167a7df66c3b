#pragma once
// MethodOutcome ↔ the ensemble engine and the tidy tables of the DLN studies. The outcomes are
// declared once in outcome_columns() (name, unit, description, member); from it come
//   summary.csv       one row per configuration: its labels, then mean and standard error of
//                     every outcome over the finished trajectories, how many diverged, and how
//                     many finished runs have no κ_inf prediction (the solver did not converge);
//   outcomes.csv      one row per (configuration, outcome): unit, count, mean, standard error, 95%
//                     interval of the mean, quantiles 5/25/50/75/95 % (QuantileSketch);
//   trajectories.csv  one row per (configuration, trajectory): the labels and every outcome;
//   series.csv        (runs with record_stride > 0) one row per (configuration, record step):
//                     the time γ·step, mean and standard error of the train and test loss;
// and run.json's headline results (the mean test loss of every configuration).
#include <cstdint>
#include <string>
#include <vector>

#include "notebooks/experiment/experiment.hpp"
#include "lib/io/table_writer.hpp"
#include "lib/monte_carlo/ensemble_summary.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "notebooks/study_support/outcome_record.hpp"
#include "notebooks/study_support/study_problem.hpp"

namespace sgdbias::dln_study {

const study::OutcomeColumns<MethodOutcome>& outcome_columns();
// Statistics of one outcome of one configuration, e.g. statistics(summary, &MethodOutcome::test_loss).
study::OutcomeStatistics statistics(const EnsembleSummary& summary, double MethodOutcome::*outcome);

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
// "  (diverged: k/n)" or "".
std::string diverged_note(const EnsembleSummary& summary);

// `record_steps`: the step of each series point (empty: no series); `step_sizes`: each
// configuration's γ, for the series' time column t = γ·step.
void write_outcome_tables(const ConfigurationLabels& labels, const std::vector<EnsembleSummary>& summaries,
                          const study::StudyProblem& problem, RunContext& context,
                          const std::vector<Index>& record_steps = {}, const std::vector<double>& step_sizes = {});

// The report's first lines: where the data came from and how the test loss is defined.
void report_data(const study::StudyProblem& problem, std::ostream& report);

// "yes (k/n)" / "no (k/n)" for a verdict line.
std::string verdict(std::int64_t holds, std::int64_t of);

}  // namespace sgdbias::dln_study

namespace sgdbias::dln_study {

// Runs every configuration `trajectories` times through run_ensemble (resumable, bit-identical
// for any thread count), writes the tables above (each configuration labelled by its method,
// alpha, step_size and steps), returns the summaries in configuration order.
// With record_stride > 0 every run must have the same steps (one series grid). Each worker
// builds one MethodRunner per configuration (network, constraint), not one per trajectory; the
// Euler–Maruyama SGF (without records) steps chunks of kPanelPaths trajectories as one panel.
std::vector<EnsembleSummary> run_configurations(const study::StudyProblem& problem,
                                                const std::vector<MethodRun>& runs, Index trajectories,
                                                const std::string& tag, RunContext& context);

inline constexpr Index kPanelPaths = 16;

}  // namespace sgdbias::dln_study
