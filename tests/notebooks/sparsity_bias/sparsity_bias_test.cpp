// Acceptance of the default experiment `sparsity-bias` through cli::run (issue 7): the orderings
// theory predicts, averaged over trajectories (dln.md §6.3, §9 check 13: SGD's test loss below
// gradient flow's, label-noise SGD below SGD), the run's interpolator matching the one predicted
// from its own κ∞, byte-identical tables for 1 and 2 threads, and resume = uninterrupted run.
// Deterministic: seed testing::test_seed(); outputs are bit-identical for a seed.
#include <gtest/gtest.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "lib/cli/command_line.hpp"
#include "lib/io/atomic_file.hpp"
#include "notebooks/experiment_index.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
  return cells;
}

// summary.csv: the value of `column` in the row whose method is `method`.
double summary_value(const std::filesystem::path& folder, const std::string& method, const std::string& column) {
  std::ifstream in(folder / "summary.csv");
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> columns = split(line);
  while (std::getline(in, line)) {
    const std::vector<std::string> cells = split(line);
    if (cells.at(0) != method) continue;
    for (std::size_t c = 0; c < columns.size(); ++c) {
      if (columns[c] == column) return std::stod(cells.at(c));
    }
  }
  ADD_FAILURE() << "no " << column << " for " << method;
  return NAN;
}

class SparsityBias : public ::testing::Test {
 protected:
  void SetUp() override {
    folder_ = std::filesystem::temp_directory_path() / ("sgdbias_sparsity_bias_" + std::to_string(::getpid()));
    std::filesystem::remove_all(folder_);
  }
  void TearDown() override { std::filesystem::remove_all(folder_); }

  int run(std::vector<std::string> words, const std::atomic<bool>* interrupt = nullptr) {
    words.insert(words.end(), {"--seed", std::to_string(testing::test_seed())});
    std::vector<std::string_view> args(words.begin(), words.end());
    std::ostringstream out;
    const int code = cli::run(args, experiment_index(), out, err_, cli::Environment{interrupt, false});
    report_ = out.str();
    return code;
  }
  std::filesystem::path folder_;
  std::ostringstream err_;
  std::string report_;
};

TEST_F(SparsityBias, StochasticityImprovesOnGradientFlowAsTheoryPredicts) {
  SGDBIAS_TRACE_SEED();
  const std::filesystem::path out = folder_ / "orderings";
  ASSERT_EQ(run({"run", "sparsity-bias", "--methods", "sgd,label-noise-sgd", "--trajectories", "4", "--threads",
                 "2", "--out", out.string()}),
            cli::kSuccess)
      << err_.str();
  EXPECT_NE(report_.find("gradient-flow"), std::string::npos) << report_;
  const double gradient_flow = std::stod(split(io::read_file(out / "gradient_flow.csv").substr(
                                                   io::read_file(out / "gradient_flow.csv").find('\n') + 1))
                                             .at(1));
  const double sgd = summary_value(out, "sgd", "test_loss");
  const double label_noise = summary_value(out, "label-noise-sgd", "test_loss");
  const double sgd_error = summary_value(out, "sgd", "test_loss_standard_error");
  const double label_noise_error = summary_value(out, "label-noise-sgd", "test_loss_standard_error");
  EXPECT_LT(sgd + 3 * sgd_error, gradient_flow);                          // dln.md §9 check 13
  EXPECT_LT(label_noise + 3 * label_noise_error, sgd - 3 * sgd_error);  // label noise shrinks κ further
  // Converged runs sit at the interpolator predicted from their own κ∞ (dln.md §6.3, §7).
  EXPECT_LT(summary_value(out, "sgd", "prediction_distance"), 1e-2);
}

TEST_F(SparsityBias, TablesAreByteIdenticalForOneAndTwoThreads) {
  SGDBIAS_TRACE_SEED();
  const std::vector<std::string> small = {"run", "sparsity-bias", "--methods", "gd,sgd", "--trajectories", "3",
                                          "--time", "50"};
  std::vector<std::string> one = small, two = small;
  one.insert(one.end(), {"--threads", "1", "--out", (folder_ / "one").string()});
  two.insert(two.end(), {"--threads", "2", "--out", (folder_ / "two").string()});
  ASSERT_EQ(run(one), cli::kSuccess) << err_.str();
  ASSERT_EQ(run(two), cli::kSuccess) << err_.str();
  for (const char* table : {"summary.csv", "trajectories.csv", "gradient_flow.csv"}) {
    EXPECT_EQ(io::read_file(folder_ / "one" / table), io::read_file(folder_ / "two" / table)) << table;
  }
}

TEST_F(SparsityBias, ResumingAfterAnInterruptionReproducesTheUninterruptedTables) {
  SGDBIAS_TRACE_SEED();
  const std::vector<std::string> small = {"run", "sparsity-bias", "--methods", "sgd", "--trajectories", "40",
                                          "--time", "20"};
  std::vector<std::string> whole = small, cut = small;
  whole.insert(whole.end(), {"--out", (folder_ / "whole").string()});
  cut.insert(cut.end(), {"--out", (folder_ / "cut").string()});
  ASSERT_EQ(run(whole), cli::kSuccess) << err_.str();
  const std::atomic<bool> interrupted{true};  // Ctrl-C before any work: nothing finishes
  ASSERT_EQ(run(cut, &interrupted), cli::kInterrupted);
  ASSERT_EQ(run(cut), cli::kSuccess) << err_.str();  // same options into the same folder: resumes
  EXPECT_EQ(io::read_file(folder_ / "cut" / "trajectories.csv"), io::read_file(folder_ / "whole" / "trajectories.csv"));
}

TEST_F(SparsityBias, MalformedOptionsAreRejectedBeforeAnythingRuns) {
  EXPECT_EQ(run({"run", "sparsity-bias", "--sparsity", "200", "--out", (folder_ / "x").string()}), cli::kUsageError);
  EXPECT_NE(err_.str().find("--sparsity must be <= --dimension"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"run", "sparsity-bias", "--methods", "sgd,sdg"}), cli::kUsageError);
  EXPECT_NE(err_.str().find("value 'sdg' is not one of the choices"), std::string::npos) << err_.str();
  EXPECT_FALSE(std::filesystem::exists(folder_ / "x"));
}

}  // namespace
}  // namespace sgdbias
