// `--sweep OPTION=V1,V2,...` (issue 22): any option, and the seed, swept from the command line into
// one tidy table. A sweep point is exactly the single run with that value (byte-identical tables),
// the concatenated table holds every point's rows behind the swept values, and misuse is refused
// with one line.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "notebooks/cli/command_line.hpp"
#include "lib/io/atomic_file.hpp"
#include "notebooks/experiment_index.hpp"
#include "tests/support/scratch_folder.hpp"

namespace sgdbias {
namespace {

class Sweep : public ::testing::Test {
 protected:
  int run(std::vector<std::string> words) {
    std::vector<std::string_view> args(words.begin(), words.end());
    std::ostringstream out;
    err_.str("");
    return cli::run(args, experiment_index(), out, err_, cli::Environment{nullptr, false});
  }
  static std::vector<std::string> lines(const std::filesystem::path& file) {
    std::ifstream in(file);
    std::vector<std::string> result;
    for (std::string line; std::getline(in, line);) result.push_back(line);
    return result;
  }
  testing::ScratchFolder scratch_{"sweep"};
  const std::filesystem::path folder_ = scratch_.path();
  std::ostringstream err_;
};

TEST_F(Sweep, EveryPointIsItsSingleRunAndTheTablesAreConcatenatedBehindTheSweptValues) {
  const std::vector<std::string> common{"run", "sparsity-bias", "--methods", "gd,sgd", "--trajectories", "2",
                                        "--time", "20", "--threads", "2"};
  std::vector<std::string> sweep = common;
  sweep.insert(sweep.end(), {"--sweep", "step-size=0.01,0.02", "--sweep", "seed=3,4", "--out",
                             (folder_ / "sweep").string()});
  ASSERT_EQ(run(sweep), cli::kSuccess) << err_.str();
  std::vector<std::string> single = common;
  single.insert(single.end(), {"--step-size", "0.02", "--seed", "4", "--out", (folder_ / "single").string()});
  ASSERT_EQ(run(single), cli::kSuccess) << err_.str();
  const std::filesystem::path point = folder_ / "sweep" / "step-size=0.02+seed=4";
  for (const char* table : {"summary.csv", "trajectories.csv", "outcomes.csv"}) {
    EXPECT_EQ(io::read_file(point / table), io::read_file(folder_ / "single" / table)) << table;
  }
  // summary.csv: "step-size,seed," + the run's header, then each point's rows in sweep order
  // (first sweep outermost) behind its values.
  const std::vector<std::string> merged = lines(folder_ / "sweep" / "summary.csv");
  const std::vector<std::string> own = lines(point / "summary.csv");
  ASSERT_EQ(merged.size(), 1 + 4 * (own.size() - 1));
  EXPECT_EQ(merged[0], "step-size,seed," + own[0]);
  for (std::size_t r = 1; r < own.size(); ++r) EXPECT_EQ(merged[3 * (own.size() - 1) + r], "0.02,4," + own[r]);
  EXPECT_EQ(lines(folder_ / "sweep" / "sweep.csv").at(2), "0.01,4,step-size=0.01+seed=4");
  // The same command again reuses the sweep's folder.
  EXPECT_EQ(run(sweep), cli::kSuccess) << err_.str();
}

// A swept value is one CSV field (RFC 4180): a data folder whose name holds double quotes is
// quoted, inner quotes doubled, in sweep.csv and before every row of the concatenated tables (it
// was written raw, which no CSV reader splits right).
TEST_F(Sweep, ASweptValueHoldingAQuoteIsOneQuotedCsvField) {
  const std::filesystem::path data = folder_ / "my \"data\"";
  std::filesystem::create_directories(data);
  const std::filesystem::path example = std::filesystem::path(SGDBIAS_SOURCE_DIR) / "notebooks" / "example_data";
  for (const char* file : {"features.csv", "targets.csv", "test_features.csv", "test_targets.csv"}) {
    std::filesystem::copy_file(example / file, data / file);
  }
  ASSERT_EQ(run({"run", "sparsity-bias", "--methods", "gd", "--trajectories", "1", "--time", "5", "--threads", "1",
                 "--sweep", "data=" + data.string(), "--out", (folder_ / "sweep").string()}),
            cli::kSuccess)
      << err_.str();
  std::string quoted = "\"";
  for (const char character : data.string()) quoted += character == '"' ? std::string("\"\"") : std::string(1, character);
  quoted += "\"";
  const std::vector<std::string> index = lines(folder_ / "sweep" / "sweep.csv");
  ASSERT_EQ(index.size(), 2u);
  EXPECT_EQ(index[0], "data,folder");
  EXPECT_EQ(index[1].rfind(quoted + ",", 0), 0u) << index[1];
  const std::vector<std::string> summary = lines(folder_ / "sweep" / "summary.csv");
  ASSERT_GE(summary.size(), 2u);
  for (std::size_t r = 1; r < summary.size(); ++r) EXPECT_EQ(summary[r].rfind(quoted + ",", 0), 0u) << summary[r];
}

TEST_F(Sweep, MisuseIsRefusedWithOneLine) {
  const std::string out = (folder_ / "bad").string();
  EXPECT_EQ(run({"run", "sparsity-bias", "--sweep", "step-sise=0.01", "--out", out}), cli::kUsageError);
  EXPECT_NE(err_.str().find("step-size"), std::string::npos) << err_.str();  // the suggestion
  EXPECT_EQ(run({"run", "sparsity-bias", "--sweep", "methods=gd,sgd", "--out", out}), cli::kUsageError);
  EXPECT_NE(err_.str().find("takes a list already"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"run", "sparsity-bias", "--sweep", "step-size", "--out", out}), cli::kUsageError);
  EXPECT_NE(err_.str().find("is not NAME=V1,V2"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"run", "sparsity-bias", "--sweep", "seed=1,x", "--out", out}), cli::kUsageError);
  EXPECT_EQ(run({"run", "sparsity-bias", "--sweep", "step-size=0.01"}), cli::kUsageError);
  EXPECT_NE(err_.str().find("needs --out"), std::string::npos) << err_.str();
  EXPECT_EQ(run({"run", "sparsity-bias", "--sweep", "step-size=0.01,-1", "--time", "1", "--out", out}),
            cli::kUsageError);  // the value is checked like the option's own
}

}  // namespace
}  // namespace sgdbias
