#include "notebooks/study_support/study_problem.hpp"

#include <cmath>
#include <filesystem>

#include "lib/core/errors.hpp"
#include "problems/data/csv_dataset.hpp"
#include "problems/data/sparse_regression_data.hpp"

namespace sgdbias::study {
namespace {

constexpr std::string_view kWhere = "--data";

// The file names of one data set, after --data DIR is resolved.
struct DataFiles {
  std::string features, targets, test_features, test_targets, teacher;
};

DataFiles resolve_files(const DataOptions& options) {
  if (options.data_folder.empty()) {
    return {options.features, options.targets, options.test_features, options.test_targets, options.teacher};
  }
  const std::filesystem::path folder(options.data_folder);
  std::error_code error;
  require(std::filesystem::is_directory(folder, error), kWhere, "'", options.data_folder, "' is not a folder");
  const auto file = [&folder](const char* name) { return (folder / name).string(); };
  const auto optional = [&file](const char* name) {
    std::error_code missing;
    return std::filesystem::exists(file(name), missing) ? file(name) : std::string();
  };
  require(std::filesystem::exists(file("features.csv"), error) && std::filesystem::exists(file("targets.csv"), error),
          kWhere, "'", options.data_folder, "' must hold features.csv and targets.csv (optionally test_features.csv "
          "+ test_targets.csv, or teacher.csv)");
  DataFiles files{file("features.csv"), file("targets.csv"), optional("test_features.csv"),
                  optional("test_targets.csv"), optional("teacher.csv")};
  require(files.test_features.empty() == files.test_targets.empty(), kWhere, "'", options.data_folder,
          "' has only one of test_features.csv and test_targets.csv; give both or neither");
  require(files.teacher.empty() || files.test_features.empty(), kWhere, "'", options.data_folder,
          "' has both teacher.csv and test data; the test loss is defined by one of them, remove the other");
  return files;
}

// One column (or one row) of values from `path`: targets or a teacher.
Vector load_vector(const std::string& path, std::string_view what) {
  const Matrix table = problems::load_csv_matrix(path);
  require(table.rows() == 1 || table.cols() == 1, what, "'", path, "' must hold one column (or one row) of values, got ",
          table.rows(), " rows x ", table.cols(), " columns");
  return table.cols() == 1 ? Vector(table.col(0)) : Vector(table.row(0).transpose());
}

problems::Dataset load_pair(const std::string& features_path, const std::string& targets_path,
                            std::string_view what) {
  problems::Dataset data{problems::load_csv_matrix(features_path), load_vector(targets_path, what)};
  require(data.targets.size() == data.features.rows(), what, "'", targets_path, "' has ", data.targets.size(),
          " values but '", features_path, "' has ", data.features.rows(), " rows (one target per sample)");
  problems::validate_dataset(data, what);
  return data;
}

StudyProblem load_problem(const DataOptions& options) {
  const DataFiles files = resolve_files(options);
  StudyProblem problem;
  problem.train = load_pair(files.features, files.targets, "--features/--targets");
  problem.source = "'" + files.features + "' (" + std::to_string(problem.train.num_samples()) + " samples x " +
                   std::to_string(problem.train.num_features()) + " features) and '" + files.targets + "'";
  const Index d = problem.train.num_features();
  if (!files.teacher.empty()) {
    Vector teacher = load_vector(files.teacher, "--teacher");
    require(teacher.size() == d, "--teacher", "'", files.teacher, "' has ", teacher.size(), " values but '",
            files.features, "' has ", d, " columns (one coefficient per feature)");
    problem.test_loss = TestLoss::from_teacher(std::move(teacher), "'" + files.teacher + "'");
  } else if (!files.test_features.empty()) {
    problems::Dataset test = load_pair(files.test_features, files.test_targets, "--test-features/--test-targets");
    require(test.num_features() == d, "--test-features", "'", files.test_features, "' has ", test.num_features(),
            " columns but the training features '", files.features, "' have ", d);
    problem.test_loss = TestLoss::from_test_data(std::move(test), "'" + files.test_features + "'");
  }
  return problem;
}

StudyProblem generate_problem(const DataOptions& shape, std::uint64_t seed) {
  problems::SparseRegressionOptions options;
  options.samples = shape.samples;
  options.dimension = shape.dimension;
  options.sparsity = shape.sparsity;
  options.teacher_support = problems::TeacherSupport::kFirst;  // dln.md §8.4
  problems::SparseRegressionData data = problems::make_sparse_regression(options, seed);
  StudyProblem problem;
  problem.train = std::move(data.train);
  problem.source = "generated data (dln.md §8.4: n = " + std::to_string(shape.samples) + ", d = " +
                   std::to_string(shape.dimension) + ", " + std::to_string(shape.sparsity) +
                   "-sparse teacher, Gaussian design, noiseless labels)";
  problem.test_loss = TestLoss::from_teacher(std::move(data.teacher), "the generated data");
  return problem;
}

}  // namespace

std::vector<OptionField<DataOptions>> DataOptions::fields() {
  using O = DataOptions;
  return {
      integer_option("samples", &O::samples, "training samples n of generated data", {2, 100000}),
      integer_option("dimension", &O::dimension, "features d of generated data", {1, 100000}),
      integer_option("sparsity", &O::sparsity, "nonzeros of the generated teacher beta*", {1, 100000}),
      path_option("data", &O::data_folder,
                  "folder with the user's data: features.csv (n rows x d columns), targets.csv (n values) and "
                  "optionally test_features.csv + test_targets.csv or teacher.csv (d values); replaces the generated "
                  "data"),
      path_option("features", &O::features, "CSV file of the training features X (n x d), with --targets"),
      path_option("targets", &O::targets, "CSV file of the training targets y (n values), with --features"),
      path_option("test-features", &O::test_features,
                  "CSV file of test features (m x d): the test loss is the MSE on them (with --test-targets)"),
      path_option("test-targets", &O::test_targets, "CSV file of the m test targets, with --test-features"),
      path_option("teacher", &O::teacher, "CSV file of a teacher beta* (d values): the test loss is ||beta - beta*||^2"),
  };
}

std::optional<std::string> DataOptions::validate() const {
  const bool single_files = !features.empty() || !targets.empty() || !test_features.empty() ||
                            !test_targets.empty() || !teacher.empty();
  if (!data_folder.empty() && single_files) {
    return "--data names a folder of files; do not also give --features/--targets/--test-features/--test-targets/"
           "--teacher";
  }
  if (features.empty() != targets.empty()) return "--features and --targets go together: give both";
  if (test_features.empty() != test_targets.empty()) {
    return "--test-features and --test-targets go together: give both";
  }
  if (single_files && features.empty()) return "test data or a teacher need training data: add --features and --targets";
  if (!teacher.empty() && !test_features.empty()) {
    return "the test loss is defined by --teacher or by --test-features/--test-targets, not both";
  }
  if (!generated()) return std::nullopt;
  if (sparsity > dimension) return "--sparsity must be <= --dimension";
  if (samples >= dimension) return "--samples must be < --dimension (overparametrised: many interpolators)";
  return std::nullopt;
}

problems::DiagonalLinearNetwork StudyProblem::network(double alpha) const {
  return problems::DiagonalLinearNetwork(train, problems::DlnConvention::product_equivalent_to_ppf(alpha));
}

StudyProblem make_study_problem(const DataOptions& options, std::uint64_t seed) {
  return options.generated() ? generate_problem(options, seed) : load_problem(options);
}

std::vector<double> log_spaced(double min, double max, Index points) {
  require(min > 0.0 && max >= min && points >= 1, "study::log_spaced", "need 0 < min <= max and points >= 1, got min ",
          min, ", max ", max, ", points ", points);
  std::vector<double> values;
  for (Index i = 0; i < points; ++i) {
    const double fraction = points > 1 ? static_cast<double>(i) / static_cast<double>(points - 1) : 0.0;
    values.push_back(min * std::pow(max / min, fraction));
  }
  return values;
}

}  // namespace sgdbias::study
