#pragma once
// What the diagonal-network studies share (notebooks/*/experiment.cpp): where the data come from
// and how the test loss is defined, and log-spaced parameter grids.
//
// Data: the user's own CSV files (problems/data/csv_dataset.hpp) or, by default, the seed setting
// drawn from the run seed (dln.md §8.4: X ~ N(0,1), β* with `sparsity` N(0,1) entries on the first
// coordinates, noiseless labels). The test loss comes from a teacher or from test data
// (study_support/test_loss.hpp); every study writes its description into its report and run.json.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "notebooks/experiment/option_field.hpp"
#include "notebooks/study_support/test_loss.hpp"
#include "problems/data/dataset.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::study {

// Embedded in a study's Options as `DataOptions data;` and registered with
// with_option_group(fields, &Options::data) (notebooks/experiment/option_group.hpp).
//   --data DIR                       DIR/features.csv and DIR/targets.csv, and if present
//                                    DIR/test_features.csv + DIR/test_targets.csv or DIR/teacher.csv
//   --features FILE --targets FILE   the same files named one by one (with --test-features FILE
//                                    --test-targets FILE, or --teacher FILE)
//   neither                          generated data of shape --samples/--dimension/--sparsity
struct DataOptions {
  Index samples = 40;
  Index dimension = 100;
  Index sparsity = 5;
  std::string data_folder;
  std::string features, targets, test_features, test_targets, teacher;

  static std::vector<OptionField<DataOptions>> fields();
  // Generated data: overparametrised (n < d: many interpolators, the implicit bias decides) and
  // s ≤ d. Files: given in consistent groups (both of features/targets, both test files, not a
  // teacher and test data at once, not --data with single files).
  std::optional<std::string> validate() const;
  bool generated() const { return data_folder.empty() && features.empty(); }
};

struct StudyProblem {
  problems::Dataset train;
  TestLoss test_loss = TestLoss::none();
  std::string source;  // "generated data (dln.md §8.4: n = 40, d = 100, 5-sparse teacher)" or the file names

  // The product-form network equivalent to PPF scale α (u₀ = 2α, v₀ = 0: κ₀ = 2α², dln.md §3.3, §6.6).
  problems::DiagonalLinearNetwork network(double alpha) const;
};

// Loads or generates the data. Throws InvalidArgument naming the file (and line and column, from
// the CSV loader) or, for inconsistent sizes, both files and their sizes.
StudyProblem make_study_problem(const DataOptions& options, std::uint64_t seed);

// `points` values from `min` to `max` equally spaced in log scale (min alone if points = 1).
std::vector<double> log_spaced(double min, double max, Index points);

}  // namespace sgdbias::study
