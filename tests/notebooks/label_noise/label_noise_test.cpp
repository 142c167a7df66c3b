// Experiment `label-noise` through cli::run: a step size past the stability limit makes every
// run diverge; the report then says so next to the NaN it prints (it printed a bare "nan" and
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

std::string report_of_label_noise(const std::filesystem::path& out, const std::string& step_size) {
  const std::vector<std::string> words{"run", "label-noise", "--trajectories", "2", "--samples", "8",
                                       "--dimension", "12", "--sparsity", "2", "--steps", "200",
                                       "--record-stride", "10", "--step-size-min", step_size, "--step-size-max",
                                       step_size, "--step-size-points", "1", "--threads", "1",
                                       "--out", out.string()};
  const std::vector<std::string_view> args(words.begin(), words.end());
  std::ostringstream output, errors;
  EXPECT_EQ(cli::run(args, experiment_index(), output, errors), cli::kSuccess) << errors.str();
  return output.str();
}

TEST(LabelNoiseExperiment, ReportNamesDivergedRunsNextToTheirNaN) {
  const testing::ScratchFolder scratch("label-noise");
  const std::string diverged = report_of_label_noise(scratch.path() / "large", "50");
  EXPECT_NE(diverged.find("nan"), std::string::npos) << diverged;
  EXPECT_NE(diverged.find("(diverged: SGD 2/2, label noise 2/2)"), std::string::npos) << diverged;
  const std::string stable = report_of_label_noise(scratch.path() / "small", "0.01");
  EXPECT_EQ(stable.find("diverged"), std::string::npos) << stable;
}

}  // namespace
}  // namespace sgdbias
