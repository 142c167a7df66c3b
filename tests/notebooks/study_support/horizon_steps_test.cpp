// notebooks/study_support/horizon_steps: steps = ceil(time / γ) up to kMaxHorizonSteps, and the
// studies with a --time option refuse a horizon beyond it as a usage error before anything is
// written (a tiny step size used to start a run that never ends, or, past 2^63 steps, to fail
// after starting with a negative step count).
#include "notebooks/study_support/horizon_steps.hpp"

#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/experiment_index.hpp"
#include "tests/support/scratch_folder.hpp"

namespace sgdbias::study {
namespace {

TEST(HorizonSteps, AreTheCeilingOfTimeOverStepSize) {
  EXPECT_EQ(horizon_steps(1000, 0.02), 50000);
  EXPECT_EQ(horizon_steps(1, 0.3), 4);
  EXPECT_EQ(horizon_steps(1e7, 0.01), 1000000000);
  EXPECT_FALSE(check_horizon_steps(1e7, 0.01, "--step-size"));
}

TEST(HorizonSteps, BeyondTheBoundAreRefusedWithAMessageNamingTheOptions) {
  const std::optional<std::string> message = check_horizon_steps(1e7, 1e-9, "--step-size");
  ASSERT_TRUE(message);
  EXPECT_EQ(*message, "--time 1e+07 with step size 1e-09 (--step-size) needs 1e+16 steps, more than 1e+09; "
                      "raise --step-size or lower --time");
  EXPECT_TRUE(check_horizon_steps(1e7, 1e-300, "--step-size"));  // 1e307 steps: beyond 2^63 too
  EXPECT_THROW(horizon_steps(1e7, 1e-300), InvalidArgument);
}

class HorizonStepsOfStudies : public ::testing::Test {
 protected:
  int run(std::vector<std::string> words) {
    words.insert(words.end(), {"--out", out_.string()});
    const std::vector<std::string_view> args(words.begin(), words.end());
    errors_.str("");
    std::ostringstream output;
    return cli::run(args, experiment_index(), output, errors_);
  }

  testing::ScratchFolder scratch_{"horizon"};
  const std::filesystem::path out_ = scratch_.path() / "run";
  std::ostringstream errors_;
};

TEST_F(HorizonStepsOfStudies, ATinyStepSizeIsAUsageErrorBeforeAnythingRuns) {
  EXPECT_EQ(run({"run", "sparsity-bias", "--step-size", "1e-9", "--time", "1e7"}), cli::kUsageError);
  EXPECT_NE(errors_.str().find("needs 1e+16 steps, more than 1e+09; raise --step-size"), std::string::npos)
      << errors_.str();
  EXPECT_EQ(run({"run", "sparsity-bias", "--step-size", "1e-300"}), cli::kUsageError) << errors_.str();
  EXPECT_EQ(run({"run", "alpha-sweep", "--step-size-alpha-squared", "1e-300"}), cli::kUsageError);
  EXPECT_NE(errors_.str().find("(--step-size, --step-size-alpha-squared)"), std::string::npos) << errors_.str();
  EXPECT_EQ(run({"run", "effective-initialization", "--step-size-min", "1e-300"}), cli::kUsageError);
  EXPECT_NE(errors_.str().find("(--step-size-min)"), std::string::npos) << errors_.str();
  EXPECT_FALSE(std::filesystem::exists(out_));
}

}  // namespace
}  // namespace sgdbias::study
