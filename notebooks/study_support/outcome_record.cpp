#include "notebooks/study_support/outcome_record.hpp"

#include <array>
#include <cmath>
#include <cstdio>
#include <limits>

namespace sgdbias::study {

double student_t_975(std::int64_t degrees_of_freedom) {
  static constexpr std::array<double, 30> kTable{
      12.706, 4.303, 3.182, 2.776, 2.571, 2.447, 2.365, 2.306, 2.262, 2.228, 2.201, 2.179, 2.160, 2.145, 2.131,
      2.120,  2.110, 2.101, 2.093, 2.086, 2.080, 2.074, 2.069, 2.064, 2.060, 2.056, 2.052, 2.048, 2.045, 2.042};
  if (degrees_of_freedom < 1) return std::numeric_limits<double>::quiet_NaN();
  if (degrees_of_freedom <= 30) return kTable[static_cast<std::size_t>(degrees_of_freedom - 1)];
  constexpr double z = 1.959963984540054;
  return z + (z * z * z + z) / (4.0 * static_cast<double>(degrees_of_freedom));
}

OutcomeStatistics outcome_statistics(const EnsembleSummary& summary, Index metric) {
  const RunningMoments& moments = summary.moments(metric);
  const QuantileSketch& quantiles = summary.quantiles(metric);
  OutcomeStatistics statistics;
  statistics.count = moments.count();
  statistics.non_finite = summary.non_finite(metric);
  statistics.mean = moments.mean();
  statistics.standard_error = moments.standard_error();
  const double half_width = student_t_975(statistics.count - 1) * statistics.standard_error;
  statistics.interval_low = statistics.mean - half_width;
  statistics.interval_high = statistics.mean + half_width;
  statistics.q05 = quantiles.quantile(0.05);
  statistics.q25 = quantiles.quantile(0.25);
  statistics.median = quantiles.quantile(0.5);
  statistics.q75 = quantiles.quantile(0.75);
  statistics.q95 = quantiles.quantile(0.95);
  return statistics;
}

std::string mean_and_error(double mean, double standard_error, int width) {
  char text[96];
  if (!std::isfinite(mean)) {
    std::snprintf(text, sizeof text, "%-*s   %-*s", width, "-", width, "");
  } else if (!std::isfinite(standard_error)) {
    std::snprintf(text, sizeof text, "%-*.4g   %-*s", width, mean, width, "-");
  } else {
    std::snprintf(text, sizeof text, "%-*.4g ± %-*.2g", width, mean, width, standard_error);
  }
  return text;
}

std::string value_or_dash(double value, int width, int precision) {
  char text[64];
  if (std::isnan(value)) {
    std::snprintf(text, sizeof text, "%-*s", width, "-");
  } else {
    std::snprintf(text, sizeof text, "%-*.*g", width, precision, value);
  }
  return text;
}

const std::vector<std::string>& outcome_statistic_columns() {
  static const std::vector<std::string> columns{"count",         "non_finite", "mean", "standard_error",
                                                "ci95_low",      "ci95_high",  "q05",  "q25",
                                                "median",        "q75",        "q95"};
  return columns;
}

std::vector<io::TableWriter::Cell> outcome_statistic_values(const OutcomeStatistics& s) {
  return {s.count, s.non_finite, s.mean, s.standard_error, s.interval_low,
          s.interval_high, s.q05, s.q25, s.median, s.q75, s.q95};
}

}  // namespace sgdbias::study
