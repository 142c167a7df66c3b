// The Euler–Maruyama SGF inside the studies steps K paths as one panel (issue 22). Each column must
// be BIT FOR BIT the run of that trajectory alone, whatever chunk it is computed in (so tables do
// not depend on chunking or threads), and the final state must be bit-identical to the path-by-path
// reference integrator (DiagonalNetworkSgf + EulerMaruyama through sde::integrate, the route the
// runs with records take). The loss integral is the same left Riemann sum summed from the panel's
// residuals: equal to the reference to round-off (relative 1e-12).
#include <gtest/gtest.h>

#include <cmath>
#include <vector>

#include "notebooks/dln_study/dln_run.hpp"
#include "notebooks/study_support/study_problem.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::dln_study {
namespace {

MethodRun sgf_run(Index record_stride) {
  MethodRun run;
  run.method = Method::kSgfEulerMaruyama;
  run.step_size = 0.05;
  run.steps = 200;
  run.sgf_substeps = 4;
  run.record_stride = record_stride;
  return run;
}

TEST(SgfPanel, EveryColumnIsBitIdenticalToItsTrajectoryAloneAndToThePathByPathIntegrator) {
  SGDBIAS_TRACE_SEED();
  const std::uint64_t seed = testing::test_seed();
  const study::StudyProblem problem = study::make_study_problem(study::DataOptions{}, seed);
  MethodRunner panel(problem, sgf_run(0));
  MethodRunner reference(problem, sgf_run(1000));  // with records: sde::integrate, one path
  ASSERT_TRUE(MethodRunner::has_panel(panel.settings()));
  ASSERT_FALSE(MethodRunner::has_panel(reference.settings()));
  const Index first = 3, end = 14;  // 11 paths: one full group of 8 columns and a remainder of 3
  const std::vector<MethodOutcome> chunk = panel.run_panel(seed, first, end);
  ASSERT_EQ(chunk.size(), 11u);
  for (Index trajectory = first; trajectory < end; ++trajectory) {
    SCOPED_TRACE(trajectory);
    const MethodOutcome& column = chunk[static_cast<std::size_t>(trajectory - first)];
    const MethodOutcome alone = panel.run(seed, trajectory);
    const MethodOutcome path = reference.run(seed, trajectory);
    ASSERT_FALSE(column.diverged);
    EXPECT_EQ(column.test_loss, alone.test_loss);
    EXPECT_EQ(column.mean_log_scale_ratio, alone.mean_log_scale_ratio);
    EXPECT_EQ(column.loss_integral, alone.loss_integral);
    EXPECT_EQ(column.test_loss, path.test_loss);
    EXPECT_EQ(column.train_loss, path.train_loss);
    EXPECT_EQ(column.mean_log_scale_ratio, path.mean_log_scale_ratio);
    EXPECT_NEAR(column.loss_integral, path.loss_integral, 1e-12 * path.loss_integral);
  }
  // Different trajectories are different paths (the streams are per trajectory).
  EXPECT_NE(chunk[0].test_loss, chunk[1].test_loss);
}

}  // namespace
}  // namespace sgdbias::dln_study
