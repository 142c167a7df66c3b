#pragma once
// Internals of the CLI: running a configured experiment into its folder (run.json first with
// status "running", then the experiment, then run.json with "complete"/"interrupted"/"failed").
#include <filesystem>
#include <optional>
#include <ostream>
#include <span>
#include <string_view>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/cli/run_request.hpp"

namespace sgdbias::cli {

// Throws InvalidArgument for problems found before the run starts (exit code 2); returns
// kRunFailed / kInterrupted / kSuccess otherwise.
int run_experiment(const Experiment& experiment, const detail::RunRequest& request,
                   std::span<const std::string_view> command_line, std::ostream& out, std::ostream& err,
                   const Environment& environment);

// `sgdbias resume DIR [--threads N]`: reruns DIR/run.json's experiment with its options and seed
// into DIR, loading the finished chunks; with the run's thread count unless `threads` is given.
// run.json keeps the run's command line and gains a "resumed" event.
int resume_run(const Registry& registry, std::string_view folder, std::optional<int> threads,
               std::span<const std::string_view> command_line, std::ostream& out, std::ostream& err,
               const Environment& environment);

}  // namespace sgdbias::cli
