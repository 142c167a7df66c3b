// Typed outcomes (notebooks/study_support/outcome_record.hpp): lookups by member, never by
// position; the statistics a summary reports (mean, standard error, Student-t 95% interval,
// quantiles) against values computed by hand; "-" where a number does not exist.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <stdexcept>

#include "notebooks/study_support/outcome_record.hpp"

namespace sgdbias::study {
namespace {

struct Record {
  double first = 0.0;
  double second = 0.0;
  double undeclared = 0.0;
};

const OutcomeColumns<Record>& columns() {
  static const OutcomeColumns<Record> table{{"first", "1", "the first", &Record::first},
                                            {"second", "1", "the second", &Record::second}};
  return table;
}

TEST(OutcomeRecord, LooksUpByMemberAndRefusesAnUndeclaredOne) {
  EXPECT_EQ(outcome_index(columns(), &Record::second), 1);
  EXPECT_EQ(outcome_values(columns(), Record{1.5, 2.5, 9.0}), (std::vector<double>{1.5, 2.5}));
  EXPECT_THROW(outcome_index(columns(), &Record::undeclared), std::logic_error);
}

TEST(OutcomeRecord, StatisticsAreTheHandComputedOnesWithAStudentInterval) {
  SummaryLayout layout;
  layout.metrics = 2;
  EnsembleSummary summary(layout);
  const std::vector<double> values{1, 2, 3, 4, 5};  // mean 3, sample variance 2.5, s.e. sqrt(0.5)
  for (std::size_t i = 0; i < values.size(); ++i) {
    summary.add(TrajectorySample{static_cast<Index>(i), {values[i], std::numeric_limits<double>::quiet_NaN()}, {}});
  }
  const OutcomeStatistics s = outcome_statistics(columns(), summary, &Record::first);
  EXPECT_EQ(s.count, 5);
  EXPECT_EQ(s.non_finite, 0);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.standard_error, std::sqrt(0.5));
  EXPECT_NEAR(s.interval_high - s.mean, 2.776 * std::sqrt(0.5), 1e-12);  // t_{0.975, 4} = 2.776
  EXPECT_DOUBLE_EQ(s.median, 3.0);
  EXPECT_DOUBLE_EQ(s.q05, 1.0);
  EXPECT_DOUBLE_EQ(s.q95, 5.0);
  const OutcomeStatistics missing = outcome_statistics(columns(), summary, &Record::second);
  EXPECT_EQ(missing.count, 0);
  EXPECT_EQ(missing.non_finite, 5);
  EXPECT_TRUE(std::isnan(missing.mean));
}

TEST(OutcomeRecord, StudentQuantileMeetsTheNormalOneForLargeSamples) {
  EXPECT_DOUBLE_EQ(student_t_975(1), 12.706);
  EXPECT_NEAR(student_t_975(60), 2.000, 1e-3);   // table value 2.000
  EXPECT_NEAR(student_t_975(120), 1.980, 1e-3);  // table value 1.980
  EXPECT_TRUE(std::isnan(student_t_975(0)));
}

TEST(OutcomeRecord, DeterministicAndMissingValuesPrintADash) {
  EXPECT_EQ(mean_and_error(0.5, std::numeric_limits<double>::quiet_NaN(), 4).find("nan"), std::string::npos);
  EXPECT_NE(mean_and_error(0.5, std::numeric_limits<double>::quiet_NaN(), 4).find('-'), std::string::npos);
  EXPECT_NE(mean_and_error(0.5, 0.01, 4).find("±"), std::string::npos);
  EXPECT_EQ(value_or_dash(std::numeric_limits<double>::quiet_NaN(), 3), "-  ");
}

}  // namespace
}  // namespace sgdbias::study
