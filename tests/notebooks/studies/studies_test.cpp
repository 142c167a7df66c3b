// The study experiments through cli::run with small options: each checks the qualitative result
// its notebook asserts (dln.md §6.3, §6.4, §8.4, §9 checks 12–13; bea.md §2.4; sde.md §3.2).
// Deterministic: the seed is testing::test_seed(), and every experiment's output is bit-identical
// for a seed, whatever the thread count.
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/experiment_index.hpp"
#include "tests/support/csv_table.hpp"
#include "tests/support/scratch_folder.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

using testing::CsvTable;
using testing::read_csv_table;

class Studies : public ::testing::Test {
 protected:
  // Runs `sgdbias run NAME ARGS... --seed S --threads 2 --out DIR`; returns DIR.
  std::filesystem::path run(const std::string& name, std::vector<std::string> args) {
    args.insert(args.begin(), {"run", name});
    const std::string seed = std::to_string(testing::test_seed()), out = folder_.string();
    for (const std::string& extra : {std::string("--seed"), seed, std::string("--threads"), std::string("2"),
                                     std::string("--out"), out}) {
      args.push_back(extra);
    }
    const std::vector<std::string_view> views(args.begin(), args.end());
    std::ostringstream output, errors;
    EXPECT_EQ(cli::run(views, experiment_index(), output, errors), cli::kSuccess) << errors.str();
    return folder_;
  }

  testing::ScratchFolder scratch_{"studies"};
  const std::filesystem::path folder_ = scratch_.path();
};

// bea.md §2.4, §3.2: GF 2, IGR 3 against a GD step; against a window of SGD steps the IGR flow of
// the window's mean loss is only 2 (batch order ignored), the Theorem-4 flow 3 (the alignment term
// is needed), GF 1. At the default levels the Theorem-4 fit is within 0.02 of 3 (issue 22).
TEST_F(Studies, ModifiedFlowsShowTheAlignmentTermRaisesTheWindowOrderFromTwoToThree) {
  SGDBIAS_TRACE_SEED();
  const CsvTable orders = read_csv_table(run("modified-flows", {}) / "orders.csv");
  ASSERT_EQ(orders.rows.size(), 5u);
  for (std::size_t r = 0; r < orders.rows.size(); ++r) {
    EXPECT_NEAR(orders.number(r, "fitted_order"), orders.number(r, "expected_order"), 0.15)
        << orders.text(r, "flow") << " vs " << orders.text(r, "reference");
  }
  EXPECT_NEAR(orders.number(orders.find("flow", "Theorem-4 alignment flow"), "fitted_order"), 3.0, 0.02);
  EXPECT_NEAR(orders.number(orders.find("flow", "IGR flow of the window loss"), "fitted_order"), 2.0, 0.15);
}

TEST_F(Studies, SdeIntegratorsReachTheirDeclaredStrongOrders) {
  SGDBIAS_TRACE_SEED();
  const CsvTable orders = read_csv_table(run("sde-integrators", {"--trajectories", "1000"}) / "orders.csv");
  ASSERT_EQ(orders.rows.size(), 6u);  // EM, Milstein, RK Milstein, SRIW1, Heun, Levy-area Milstein
  for (std::size_t r = 0; r < orders.rows.size(); ++r) {
    const double tolerance = 3.0 * orders.number(r, "strong_standard_error") + 0.1;
    EXPECT_NEAR(orders.number(r, "strong_order"), orders.number(r, "declared_strong_order"), tolerance)
        << orders.text(r, "integrator");
  }
}

TEST_F(Studies, AtAlphaPointOneLabelNoiseBeatsSgdWhichBeatsGradientFlow) {
  SGDBIAS_TRACE_SEED();
  const std::filesystem::path out = run("alpha-sweep", {"--alpha-min", "0.1", "--alpha-max", "0.1", "--alpha-points",
                                                        "1", "--trajectories", "2", "--methods", "sgd,label-noise-sgd"});
  const CsvTable summary = read_csv_table(out / "summary.csv");
  const double gradient_flow = read_csv_table(out / "gradient_flow.csv").number(0, "test_loss");
  const double sgd = summary.number(summary.find("method", "sgd"), "test_loss");
  const double label_noise = summary.number(summary.find("method", "label-noise-sgd"), "test_loss");
  EXPECT_LT(sgd, gradient_flow);
  EXPECT_LT(label_noise, sgd);
  for (std::size_t r = 0; r < summary.rows.size(); ++r) {
    EXPECT_LT(summary.number(r, "prediction_distance"), 1e-2) << "a converged run sits on argmin H_kappa_inf";
  }
}

TEST_F(Studies, LabelNoiseScheduleShrinksKappaAsPredictedForSmallSteps) {
  SGDBIAS_TRACE_SEED();
  const CsvTable shrink = read_csv_table(run("label-noise", {"--step-size-min", "0.005", "--step-size-max", "0.01",
                                                      "--step-size-points", "2", "--steps", "40000",
                                                      "--record-stride", "4000", "--trajectories", "2"}) /
                                  "label_noise_shrink.csv");
  ASSERT_EQ(shrink.rows.size(), 2u);
  for (std::size_t r = 0; r < shrink.rows.size(); ++r) {
    // dln.md §9 check 12: within 15% of −4γ²K₀δ²·mean(D) for γ ≤ 0.01.
    EXPECT_NEAR(shrink.number(r, "measured_extra_mean_log_scale_ratio") /
                    shrink.number(r, "predicted_extra_mean_log_scale_ratio"),
                1.0, 0.15);
  }
}

TEST_F(Studies, SgdImprovesWithStepSizeWhileGdDegradesAndDivergesLater) {
  SGDBIAS_TRACE_SEED();
  const CsvTable summary = read_csv_table(run("step-size-sweep", {"--step-size-min", "0.01", "--step-size-max", "0.64",
                                                           "--step-size-points", "4", "--trajectories", "1",
                                                           "--time", "300"}) /
                                   "summary.csv");
  // Per method, the smallest and the largest step size that did not diverge (rows are in γ order).
  std::map<std::string, std::pair<std::size_t, std::size_t>> stable;
  for (std::size_t r = 0; r < summary.rows.size(); ++r) {
    if (summary.number(r, "diverged") != 0.0) continue;
    const std::string method = summary.text(r, "method");
    if (!stable.contains(method)) stable[method] = {r, r};
    stable[method].second = r;
  }
  ASSERT_TRUE(stable.contains("gd") && stable.contains("sgd"));
  const auto [sgd_small, sgd_large] = stable["sgd"];
  const auto [gd_small, gd_large] = stable["gd"];
  ASSERT_NE(sgd_small, sgd_large) << "SGD must converge at two step sizes at least";
  // dln.md §8.4: SGD improves with γ, GD degrades, and SGD diverges first.
  EXPECT_LT(summary.number(sgd_large, "test_loss"), summary.number(sgd_small, "test_loss"));
  EXPECT_GT(summary.number(gd_large, "test_loss"), summary.number(gd_small, "test_loss"));
  EXPECT_LT(summary.number(sgd_large, "step_size"), summary.number(gd_large, "step_size"));
}

}  // namespace
}  // namespace sgdbias
