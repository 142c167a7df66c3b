// The `sgdbias` program: hands argv to cli::run with the experiment index (notebooks/). Under
// mpirun/srun (notebooks/cluster/launched_job.hpp) every rank does; only rank 0 prints, and a rank
// whose command ended before a run tells the others (Job::agree_to_start) so that none waits.
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/cli/interrupt_handler.hpp"
#include "notebooks/cluster/launched_job.hpp"
#include "notebooks/experiment_index.hpp"

int main(int argc, char** argv) {
  const sgdbias::cluster::LaunchedJob launched(argc, argv);
  sgdbias::cluster::Job* job = launched.job();
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const bool root = job == nullptr || job->rank() == 0;
  const sgdbias::cli::Environment environment{sgdbias::cli::install_interrupt_handler(), root, job};
  std::ostringstream quiet_out, quiet_err;  // a helper rank's; the root prints the same
  const int code = sgdbias::cli::run(args, sgdbias::experiment_index(), root ? std::cout : quiet_out,
                                     root ? std::cerr : quiet_err, environment);
  if (job == nullptr) return code;
  std::string problem = quiet_err.str();
  if (problem.ends_with('\n')) problem.pop_back();
  if (!job->voted()) {
    job->agree_to_start(&problem);
  } else if (code != sgdbias::cli::kSuccess && code != sgdbias::cli::kInterrupted) {
    // The run started on every rank but ended here before the study did (e.g. a resume whose
    // options differ, found when the root opens the chunk store): the others would wait.
    job->end_failed_run(problem, code);
  }
  return code;
}
