#pragma once
// The `sgdbias` command as a plain, tested function (style.md §3.8, A5). It translates strings
// into typed options, validates, runs, and maps exceptions to exit codes; it holds no numerics.
//
//   sgdbias                               run the default experiment with its defaults
//   sgdbias list                          the experiments, one line each
//   sgdbias help [NAME]                   usage, or NAME's options (same as run NAME --help)
//   sgdbias run NAME [--key value ...]    also --key=value; common options:
//       --config FILE   JSON options (flat {"key": value} or a run.json); flags override it
//       --out DIR       run folder (default below); an unfinished run there is resumed
//       --threads N     worker threads (0 = all cores; results do not depend on it)
//       --seed S        base seed of every random stream
//   sgdbias resume DIR                    continue an interrupted run with its run.json
//   sgdbias --help | --version
//
// Default run folder: notebooks/<study>/data/<UTC time>-seed<S>/ when ./notebooks exists (run
// from the repository root), else ./sgdbias-runs/<study>/<UTC time>-seed<S>/.
// Exit codes: 0 success; 1 the run failed (numerical failure, I/O); 2 usage error (unknown
// command/experiment/option, bad value, malformed config, conflicting resume); 130 interrupted
// by Ctrl-C (finished work saved; `sgdbias resume DIR` continues).
#include <atomic>
#include <ostream>
#include <span>
#include <string_view>

#include "notebooks/experiment/experiment.hpp"

namespace sgdbias::cluster {
class Job;  // notebooks/cluster/job.hpp
}

namespace sgdbias::cli {

inline constexpr int kSuccess = 0;
inline constexpr int kRunFailed = 1;
inline constexpr int kUsageError = 2;
inline constexpr int kInterrupted = 130;

struct Environment {
  const std::atomic<bool>* interrupt = nullptr;  // Ctrl-C flag (interrupt_handler.hpp)
  bool terminal_progress = false;                // draw a progress meter when stderr is a TTY
  cluster::Job* job = nullptr;                   // the MPI job this rank belongs to; null: alone
};

int run(std::span<const std::string_view> args, const Registry& registry, std::ostream& out,
        std::ostream& err, const Environment& environment = {});

}  // namespace sgdbias::cli
