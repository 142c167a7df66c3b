#pragma once
// `sgdbias run NAME ... --sweep OPTION=V1,V2,... [--sweep seed=1,2,3]`: any option (or the seed)
// swept from the command line. One run per value — per combination for several sweeps, first sweep
// outermost — each an ordinary run folder DIR/OPTION=V[,OPTION2=W]/ (so a rerun of the same
// command resumes the unfinished points and skips none; several options joined by "+"), then every table the runs wrote,
// concatenated into DIR/TABLE.csv with a first column per swept option: one tidy table across the
// sweep. DIR/sweep.csv lists the points and their folders.
#include <ostream>
#include <span>
#include <string_view>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/cli/run_request.hpp"

namespace sgdbias::cli {

int run_sweep(const Experiment& experiment, const detail::RunRequest& request,
              std::span<const std::string_view> command_line, std::ostream& out, std::ostream& err,
              const Environment& environment);

}  // namespace sgdbias::cli
