// Interrupting the program (the flag Ctrl-C or SIGTERM raises, notebooks/cli/interrupt_handler.hpp):
// every experiment of the index stops, writes run.json "interrupted" and exits 130. Before,
// bilinear-games, sde-integrators and modified-flows never read the flag (a long run finished
// minutes later with exit 0), and a DLN trajectory read it only between trajectories (245 s to
// stop sparsity-bias --dimension 20000).
#include <atomic>
#include <filesystem>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "notebooks/cli/command_line.hpp"
#include "lib/core/stop_request.hpp"
#include "lib/io/atomic_file.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "notebooks/experiment_index.hpp"
#include "notebooks/study_support/study_problem.hpp"
#include "tests/support/scratch_folder.hpp"

namespace sgdbias {
namespace {

// The flag raised before the run starts: each experiment must notice it at its first poll, so
// the default options cost nothing here.
TEST(Interrupt, EveryExperimentStopsWithExit130AndSaysSoInRunJson) {
  const testing::ScratchFolder scratch("interrupt");
  const std::atomic<bool> interrupted{true};
  for (const Experiment& experiment : experiment_index().experiments) {
    const std::string out = (scratch.path() / experiment.name).string();
    const std::vector<std::string_view> args{"run", experiment.name, "--threads", "1", "--out", out};
    std::ostringstream output, errors;
    EXPECT_EQ(cli::run(args, experiment_index(), output, errors, cli::Environment{&interrupted, false}),
              cli::kInterrupted)
        << experiment.name << ": " << errors.str();
    EXPECT_NE(io::read_file(std::filesystem::path(out) / "run.json").find("\"status\": \"interrupted\""),
              std::string::npos)
        << experiment.name;
  }
}

// Inside one long trajectory (10^5 steps) of every DLN method the flag is polled: every
// kStopPollSteps steps (iterate()'s StopCheck, the SDE integrator's observer, the SGF panel) or
// every window (the alignment regulariser, the followed flows).
TEST(Interrupt, ALongDlnTrajectoryOfEveryMethodStopsInsideItself) {
  const study::StudyProblem problem = study::make_study_problem(study::DataOptions{}, 1);
  const std::atomic<bool> interrupted{true};
  for (const auto& [name, method] : dln_study::method_choices()) {
    dln_study::MethodRun run;
    run.method = method;
    run.steps = 100000;
    dln_study::MethodRunner runner(problem, run);
    EXPECT_THROW(runner.run(1, 0, &interrupted), StopRequested) << name;
    run.steps = 8;  // and without an interrupt it runs as before
    EXPECT_FALSE(dln_study::MethodRunner(problem, run).run(1, 0).diverged) << name;
  }
}

}  // namespace
}  // namespace sgdbias
