// Experiment `alpha-sweep` through cli::run: a step size past the stability limit makes every run
// diverge; the report then says so next to the NaN it prints (it printed bare "nan" rows and
// exited 0, while summary.csv's `diverged` column was the only trace).
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/experiment_index.hpp"
#include "tests/support/scratch_folder.hpp"

namespace sgdbias {
namespace {

std::string report_of_alpha_sweep(const std::filesystem::path& out, const std::string& step_size) {
  const std::vector<std::string> words{"run", "alpha-sweep", "--methods", "gd,sgd", "--trajectories", "2",
                                       "--samples", "8", "--dimension", "12", "--sparsity", "2",
                                       "--alpha-points", "1", "--step-size", step_size,
                                       "--step-size-alpha-squared", "10", "--time", "30", "--threads", "1",
                                       "--out", out.string()};
  const std::vector<std::string_view> args(words.begin(), words.end());
  std::ostringstream output, errors;
  EXPECT_EQ(cli::run(args, experiment_index(), output, errors), cli::kSuccess) << errors.str();
  return output.str();
}

TEST(AlphaSweepExperiment, ReportNamesDivergedRunsNextToTheirNaN) {
  const testing::ScratchFolder scratch("alpha-sweep");
  const std::string diverged = report_of_alpha_sweep(scratch.path() / "large", "3");
  EXPECT_NE(diverged.find("nan"), std::string::npos) << diverged;
  EXPECT_NE(diverged.find("(diverged: 1/1)"), std::string::npos) << diverged;  // GD: one deterministic run
  EXPECT_NE(diverged.find("(diverged: 2/2)"), std::string::npos) << diverged;
  const std::string stable = report_of_alpha_sweep(scratch.path() / "small", "0.02");
  EXPECT_EQ(stable.find("diverged"), std::string::npos) << stable;
}

}  // namespace
}  // namespace sgdbias
