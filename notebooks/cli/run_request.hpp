#pragma once
// Internals of the CLI: the parsed `run` command line and the config file reader.
#include <cstdint>
#include <filesystem>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "notebooks/experiment/experiment.hpp"

namespace sgdbias::cli::detail {

// `--sweep NAME=V1,V2,...`: run the experiment once per value (NAME an option of the experiment,
// or `seed`); several sweeps run over their Cartesian product (run_sweep.hpp).
struct Sweep {
  std::string name;
  std::vector<std::string> values;
};

struct RunRequest {
  std::vector<OptionAssignment> assignments;  // config file first, then the command line
  std::vector<Sweep> sweeps;
  std::optional<std::filesystem::path> folder;
  int threads = 0;
  std::uint64_t seed = 1;
  bool help = false;
  // `resume DIR`: the run's own command line and earlier events, kept in its run.json (the
  // resume is added as an event).
  std::vector<std::string> recorded_command_line;
  std::vector<io::RunEvent> events;
};

// Parses the arguments after `run NAME`. Throws InvalidArgument naming the option and value.
RunRequest parse_run_arguments(const Experiment& experiment, std::span<const std::string_view> args);

// Reads a JSON config: either flat {"option": value, "seed": S, "threads": N} or a run.json
// ({"experiment": ..., "seed": ..., "options": {...}}). Numbers, strings, booleans and lists of
// strings become option text; anything else is an error naming the key. Seed/threads found in
// the file are stored into `request` (the command line may override them later).
std::vector<OptionAssignment> read_config(const std::filesystem::path& file, const Experiment& experiment,
                                          RunRequest& request);

// read_config's second half, for a parsed document (parse_config_json) from `source`.
std::vector<OptionAssignment> config_assignments(const nlohmann::json& json, const std::string& source,
                                                 const Experiment& experiment, RunRequest& request);

// The experiment name recorded in a run.json, for `sgdbias resume DIR` and `--out DIR`.
std::string experiment_of_run(const std::filesystem::path& run_json);

// For `sgdbias resume DIR`: the thread count, command line and events recorded in DIR/run.json.
void read_run_history(const std::filesystem::path& run_json, RunRequest& request);

std::uint64_t parse_seed(std::string_view text);
// "NAME=V1,V2,..." of --sweep: NAME must be an option of `experiment` (not a list option) or "seed".
Sweep parse_sweep(const Experiment& experiment, std::string_view text);
inline constexpr int kMaxThreads = 1024;
int parse_threads(std::string_view text);  // [0, kMaxThreads], 0 = all cores
// The --out folder: a new folder, an empty one, or a run folder (one with a run.json); never
// empty text (the current folder) or a non-empty folder of other files.
std::filesystem::path parse_out_folder(std::string_view text);

// The text that identifies a run's results (experiment, seed, every option): a resumed run must
// match it exactly.
std::string fingerprint(const Experiment& experiment, std::uint64_t seed, const ConfiguredExperiment& configured);

}  // namespace sgdbias::cli::detail
