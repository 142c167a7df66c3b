#pragma once
// Typed outcomes: a study's per-trajectory result is a struct of doubles, and its outcome table
// (one OutcomeColumn per member: name, unit, description, member pointer) is declared ONCE. It
// generates the sample vector the ensemble engine reduces, the CSV columns, the run.json
// description and headline numbers, and every lookup a report makes: a report asks for
// `&Outcome::test_loss`, never for "metric 1", so reordering the table cannot mix up columns.
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/io/table_writer.hpp"
#include "lib/monte_carlo/ensemble_summary.hpp"

namespace sgdbias::study {

template <class Record>
struct OutcomeColumn {
  std::string name;         // CSV column, e.g. "test_loss"
  std::string unit;         // e.g. "squared norm", "1" (dimensionless), "time"
  std::string description;  // one line for run.json / --help of the tables
  double Record::*member;
  bool headline = false;    // its per-configuration mean goes into run.json's results
};

template <class Record>
using OutcomeColumns = std::vector<OutcomeColumn<Record>>;

// The position of `member` in `columns` (the metric index of the ensemble samples).
template <class Record>
Index outcome_index(const OutcomeColumns<Record>& columns, double Record::*member) {
  for (std::size_t i = 0; i < columns.size(); ++i) {
    if (columns[i].member == member) return static_cast<Index>(i);
  }
  throw std::logic_error("outcome_index: a member without an OutcomeColumn (declare it in the outcome table)");
}

template <class Record>
std::vector<double> outcome_values(const OutcomeColumns<Record>& columns, const Record& record) {
  std::vector<double> values;
  values.reserve(columns.size());
  for (const OutcomeColumn<Record>& column : columns) values.push_back(record.*(column.member));
  return values;
}

// What a summary says about one outcome of one configuration: over the finite values, the mean, its
// standard error, a 95% confidence interval for the mean (Student t with count − 1 degrees of
// freedom; NaN for fewer than two values) and quantiles from the ensemble's QuantileSketch.
struct OutcomeStatistics {
  std::int64_t count = 0;       // finite values
  std::int64_t non_finite = 0;  // diverged / not applicable
  double mean = 0.0, standard_error = 0.0, interval_low = 0.0, interval_high = 0.0;
  double q05 = 0.0, q25 = 0.0, median = 0.0, q75 = 0.0, q95 = 0.0;
};

OutcomeStatistics outcome_statistics(const EnsembleSummary& summary, Index metric);

template <class Record>
OutcomeStatistics outcome_statistics(const OutcomeColumns<Record>& columns, const EnsembleSummary& summary,
                                     double Record::*member) {
  return outcome_statistics(summary, outcome_index(columns, member));
}

// t_{0.975, ν}: the two-sided 95% Student-t quantile (exact table for ν ≤ 30, then the
// Cornish–Fisher expansion z + (z³ + z)/(4ν), error < 1e-3 for ν > 30).
double student_t_975(std::int64_t degrees_of_freedom);

// "mean ± s.e." for a report, or "mean" followed by "-" when there is no standard error (one
// run: deterministic methods), or "-" when no run has a finite value.
std::string mean_and_error(double mean, double standard_error, int width = 9);

// `value` as %-<width>.<precision>g, or "-" padded to `width` when it is NaN (does not apply).
std::string value_or_dash(double value, int width, int precision = 4);

// The statistic columns outcome_statistics() fills, in outcomes.csv order.
const std::vector<std::string>& outcome_statistic_columns();
std::vector<io::TableWriter::Cell> outcome_statistic_values(const OutcomeStatistics& statistics);

}  // namespace sgdbias::study
