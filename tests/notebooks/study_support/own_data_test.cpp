// Studies on the user's own data (issue 22): --data DIR / --features --targets [--teacher |
// --test-features --test-targets] through cli::run, as a user types them.
//   * the seed setting written to CSV with 17 significant digits and read back gives BIT-identical
//     tables to the generated run (the loader is exact and nothing else changes);
//   * the one-command example of notebooks/STUDIES.md runs and its verdict holds;
//   * bad files fail with one line naming the file and line (and column), or both files and sizes.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "notebooks/cli/command_line.hpp"
#include "lib/io/atomic_file.hpp"
#include "notebooks/experiment_index.hpp"
#include "notebooks/study_support/study_problem.hpp"
#include "tests/support/scratch_folder.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

class OwnData : public ::testing::Test {
 protected:
  int run(std::vector<std::string> words) {
    std::vector<std::string_view> args(words.begin(), words.end());
    std::ostringstream out;
    err_.str("");
    const int code = cli::run(args, experiment_index(), out, err_, cli::Environment{nullptr, false});
    report_ = out.str();
    return code;
  }
  void write_matrix(const std::filesystem::path& file, const Matrix& values) {
    std::ofstream out(file);
    for (Index i = 0; i < values.rows(); ++i) {
      for (Index j = 0; j < values.cols(); ++j) {
        char number[40];
        std::snprintf(number, sizeof number, "%.17g", values(i, j));
        out << (j > 0 ? "," : "") << number;
      }
      out << '\n';
    }
  }
  testing::ScratchFolder scratch_{"own-data"};
  const std::filesystem::path folder_ = scratch_.path();
  std::ostringstream err_;
  std::string report_;
};

TEST_F(OwnData, GeneratedDataWrittenToCsvGiveBitIdenticalTables) {
  SGDBIAS_TRACE_SEED();
  const std::uint64_t seed = testing::test_seed();
  const study::StudyProblem generated = study::make_study_problem(study::DataOptions{}, seed);
  std::filesystem::create_directories(folder_ / "csv");
  write_matrix(folder_ / "csv" / "features.csv", generated.train.features);
  write_matrix(folder_ / "csv" / "targets.csv", generated.train.targets);
  write_matrix(folder_ / "csv" / "teacher.csv", generated.test_loss.teacher()->transpose());  // one row works too
  const std::vector<std::string> common{"--methods", "gd,sgd,sgf-euler-maruyama", "--trajectories", "3", "--time", "20",
                                        "--seed", std::to_string(seed), "--threads", "2"};
  std::vector<std::string> generated_run{"run", "sparsity-bias", "--out", (folder_ / "generated").string()};
  std::vector<std::string> file_run{"run", "sparsity-bias", "--data", (folder_ / "csv").string(), "--out",
                                    (folder_ / "files").string()};
  generated_run.insert(generated_run.end(), common.begin(), common.end());
  file_run.insert(file_run.end(), common.begin(), common.end());
  ASSERT_EQ(run(generated_run), cli::kSuccess) << err_.str();
  ASSERT_EQ(run(file_run), cli::kSuccess) << err_.str();
  EXPECT_NE(report_.find("test loss: ||beta - beta*||^2 against the teacher"), std::string::npos) << report_;
  for (const char* table : {"summary.csv", "trajectories.csv", "outcomes.csv", "gradient_flow.csv"}) {
    EXPECT_EQ(io::read_file(folder_ / "generated" / table), io::read_file(folder_ / "files" / table)) << table;
  }
}

// notebooks/STUDIES.md, "Your own data": keep this command and the one there in step.
TEST_F(OwnData, TheReadmeExampleRunsOnTheShippedCsvFilesAndConcludes) {
  const std::filesystem::path example = std::filesystem::path(SGDBIAS_SOURCE_DIR) / "notebooks" / "example_data";
  ASSERT_EQ(run({"run", "sparsity-bias", "--data", example.string(), "--methods", "gd,sgd,label-noise-sgd",
                 "--trajectories", "4", "--out", (folder_ / "readme").string()}),
            cli::kSuccess)
      << err_.str();
  EXPECT_NE(report_.find("test loss: mean squared error"), std::string::npos) << report_;
  EXPECT_NE(report_.find("30 samples x 60 features"), std::string::npos) << report_;
  // The implicit-bias claim on data the library did not generate (dln.md §6.3, §6.4).
  EXPECT_NE(report_.find("below the gradient-flow limit (dln.md §6.3): yes (2/2)"), std::string::npos) << report_;
  EXPECT_NE(report_.find("label-noise SGD below SGD (dln.md §6.4): yes (1/1)"), std::string::npos) << report_;
}

TEST_F(OwnData, BadFilesFailWithTheFileLineAndColumnOrBothSizes) {
  std::filesystem::create_directories(folder_ / "bad");
  std::ofstream(folder_ / "bad" / "features.csv") << "x1,x2,x3\n1,2,3\n4,five,6\n";
  std::ofstream(folder_ / "bad" / "good_features.csv") << "1,2,3\n4,5,6\n";
  std::ofstream(folder_ / "bad" / "targets.csv") << "1\n2\n";
  std::ofstream(folder_ / "bad" / "three_targets.csv") << "1\n2\n3\n";
  std::ofstream(folder_ / "bad" / "teacher.csv") << "1,0\n";
  const std::string bad = (folder_ / "bad").string();
  EXPECT_NE(run({"run", "sparsity-bias", "--features", bad + "/features.csv", "--targets", bad + "/targets.csv",
                 "--out", (folder_ / "o1").string()}),
            cli::kSuccess);
  EXPECT_NE(err_.str().find(bad + "/features.csv:3: column 2 ('five') is not a number"), std::string::npos) << err_.str();
  EXPECT_NE(run({"run", "alpha-sweep", "--features", bad + "/good_features.csv", "--targets", bad + "/three_targets.csv",
                 "--out", (folder_ / "o2").string()}),
            cli::kSuccess);
  EXPECT_NE(err_.str().find("three_targets.csv' has 3 values but '" + bad + "/good_features.csv' has 2 rows"),
            std::string::npos)
      << err_.str();
  EXPECT_NE(run({"run", "step-size-sweep", "--features", bad + "/good_features.csv", "--targets", bad + "/targets.csv",
                 "--teacher", bad + "/teacher.csv", "--out", (folder_ / "o3").string()}),
            cli::kSuccess);
  EXPECT_NE(err_.str().find("teacher.csv' has 2 values but '" + bad + "/good_features.csv' has 3 columns"),
            std::string::npos)
      << err_.str();
  EXPECT_NE(run({"run", "sde-variants", "--features", bad + "/good_features.csv", "--out", (folder_ / "o4").string()}),
            cli::kSuccess);
  EXPECT_NE(err_.str().find("--features and --targets go together"), std::string::npos) << err_.str();
  EXPECT_NE(run({"run", "label-noise", "--data", bad + "/nowhere", "--out", (folder_ / "o5").string()}), cli::kSuccess);
  EXPECT_NE(err_.str().find("is not a folder"), std::string::npos) << err_.str();
}

// The verdict is computed from the results, not printed: after t = 1 (50 SGD steps from β ≈ 0) the
// test loss is still ≈ ‖β*‖², far above the gradient-flow limit, and the verdict says no.
TEST_F(OwnData, TheVerdictFollowsTheResults) {
  SGDBIAS_TRACE_SEED();
  ASSERT_EQ(run({"run", "sparsity-bias", "--methods", "sgd", "--trajectories", "2", "--time", "1", "--seed",
                 std::to_string(testing::test_seed()), "--out", (folder_ / "early").string()}),
            cli::kSuccess)
      << err_.str();
  EXPECT_NE(report_.find("below the gradient-flow limit (dln.md §6.3): no (0/1)"), std::string::npos) << report_;
}

// Every diagonal-network study takes the data options.
TEST_F(OwnData, EveryDiagonalNetworkStudyTakesTheDataOptions) {
  for (const Experiment& experiment : experiment_index().experiments) {
    if (experiment.name == "sde-integrators" || experiment.name == "bilinear-games") continue;
    bool data = false, teacher = false, test_features = false;
    for (const OptionDescription& option : experiment.options) {
      data = data || option.name == "data";
      teacher = teacher || option.name == "teacher";
      test_features = test_features || option.name == "test-features";
    }
    EXPECT_TRUE(data && teacher && test_features) << experiment.name;
  }
}

}  // namespace
}  // namespace sgdbias
