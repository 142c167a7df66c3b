#include "notebooks/cli/command_line.hpp"

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "notebooks/cli/run_request.hpp"
#include "notebooks/cli/run_experiment.hpp"
#include "notebooks/cli/run_sweep.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/quoted_text.hpp"
#include "notebooks/run_folder/build_info.hpp"

namespace sgdbias::cli {
namespace {

void print_usage(const Registry& registry, std::ostream& out) {
  out << "sgdbias " << io::library_version() << ": stochastic dynamics of learning algorithms\n\n"
      << "usage:\n"
      << "  sgdbias [--OPTION VALUE ...]        run the default experiment (" << registry.default_experiment
      << "), options as for run\n"
      << "  sgdbias list                        list the experiments\n"
      << "  sgdbias help NAME                   the options of experiment NAME\n"
      << "  sgdbias run NAME [--OPTION VALUE ...] [--config FILE] [--out DIR] [--threads N] [--seed S]\n"
      << "             [--sweep OPTION=V1,V2,... ...]  one run per value (or combination), one tidy table\n"
      << "  sgdbias resume DIR [--threads N]    continue an interrupted run in DIR\n"
      << "  sgdbias --version\n\n"
      << "exit codes: 0 success, 1 run failed, 2 usage error, 130 interrupted (resumable)\n";
}

void print_list(const Registry& registry, std::ostream& out) {
  std::size_t width = 0;
  for (const Experiment& experiment : registry.experiments) width = std::max(width, experiment.name.size());
  for (const Experiment& experiment : registry.experiments) {
    out << "  " << experiment.name << std::string(width + 2 - experiment.name.size(), ' ') << experiment.summary
        << (experiment.name == registry.default_experiment ? "  (default)" : "") << '\n';
  }
}

void print_experiment_help(const Experiment& experiment, std::ostream& out) {
  out << "usage: sgdbias run " << experiment.name << " [--OPTION VALUE ...]\n\n" << experiment.summary << "\n\n"
      << "options:\n";
  for (const OptionDescription& option : experiment.options) {
    out << "  --" << option.name << " " << option.type << " (default " << option.default_value << "; allowed "
        << option.allowed << ")\n      " << option.description << '\n';
  }
  // Laid out like the experiment's options above: type, default, allowed values, description.
  out << "common options:\n"
      << "  --config file (default none)\n"
      << "      JSON object of options (or a run.json); command-line options override it\n"
      << "  --out folder (default notebooks/" << experiment.study << "/data/<UTC time>-seed<S>/ from the repository "
      << "root, else ./sgdbias-runs/" << experiment.study << "/<UTC time>-seed<S>/; allowed a new or empty folder "
      << "or a run folder)\n"
      << "      run folder; an unfinished run with the same options and seed is resumed\n"
      << "  --threads integer (default 0; allowed [0, " << detail::kMaxThreads << "], 0 = all cores)\n"
      << "      worker threads (results are identical for any number)\n"
      << "  --seed integer (default 1; allowed [0, " << std::numeric_limits<std::uint64_t>::max() << "])\n"
      << "      base seed of every random stream\n"
      << "  --sweep OPTION=V1,V2,... (repeatable; OPTION any option above but a list, or seed)\n"
      << "      one run per value (several sweeps: per combination) in DIR/OPTION=V/, and every table of the runs\n"
      << "      concatenated into DIR/TABLE.csv with a first column per swept option\n";
}

// `command` names the caller in the message ("run: unknown experiment ..."); run() adds "sgdbias: ".
const Experiment& find_or_throw(const Registry& registry, std::string_view name, std::string_view command) {
  if (const Experiment* experiment = registry.find(name)) return *experiment;
  std::vector<std::string> names;
  for (const Experiment& experiment : registry.experiments) names.push_back(experiment.name);
  std::string message = "unknown experiment " + quote_untrusted(name);
  if (const std::optional<std::string> match = closest_match(name, names)) message += "; did you mean " + *match + "?";
  throw InvalidArgument(command, message + " (sgdbias list shows all)");
}

// `run NAME OPTIONS...`, and plain `sgdbias OPTIONS...` for the default experiment.
int run_with_options(const Experiment& experiment, std::span<const std::string_view> options,
                     std::span<const std::string_view> args, std::ostream& out, std::ostream& err,
                     const Environment& environment) {
  const detail::RunRequest request = detail::parse_run_arguments(experiment, options);
  if (request.help) {
    print_experiment_help(experiment, out);
    return kSuccess;
  }
  if (!request.sweeps.empty()) return run_sweep(experiment, request, args, out, err, environment);
  return run_experiment(experiment, request, args, out, err, environment);
}

bool is_option(std::string_view word) { return word.starts_with("--"); }

// `help NAME`, `run NAME` and `resume DIR` need their word after the command.
void require_name(std::span<const std::string_view> args, std::string_view missing) {
  require(args.size() >= 2 && !is_option(args[1]), args[0], "missing ", missing, " (see sgdbias --help)");
}

// A command that takes `words` words (itself included) refuses more rather than ignoring them.
void require_at_most(std::span<const std::string_view> args, std::size_t words) {
  if (args.size() > words) {
    throw InvalidArgument(args[0],
                          describe("unexpected argument ", quote_untrusted(args[words]), " (see sgdbias --help)"));
  }
}

// `resume DIR` takes one option, --threads N (results do not depend on it).
std::optional<int> parse_resume_threads(std::span<const std::string_view> args) {
  if (args.size() == 2) return std::nullopt;
  if (args.size() == 3 && args[2].starts_with("--threads=")) return detail::parse_threads(args[2].substr(10));
  if (args.size() == 4 && args[2] == "--threads") return detail::parse_threads(args[3]);
  if (args.size() == 3 && args[2] == "--threads") throw InvalidArgument("--threads", "missing value");
  throw InvalidArgument(args[0], describe("unexpected argument ", quote_untrusted(args[2]),
                                          " (resume DIR takes only --threads N; see sgdbias --help)"));
}

int dispatch(std::span<const std::string_view> args, const Registry& registry, std::ostream& out,
             std::ostream& err, const Environment& environment) {
  if (args.empty()) {
    const Experiment& experiment = find_or_throw(registry, registry.default_experiment, "default experiment");
    return run_experiment(experiment, {}, {}, out, err, environment);
  }
  const std::string_view command = args[0];
  if (command == "--help" || command == "-h" || (command == "help" && args.size() == 1)) {
    print_usage(registry, out);
    return kSuccess;
  }
  if (command == "--version") {
    require_at_most(args, 1);
    out << "sgdbias " << io::library_version() << " (" << io::git_commit() << ", " << io::compiler() << ")\n";
    return kSuccess;
  }
  if (command == "list") {
    require_at_most(args, 1);
    print_list(registry, out);
    return kSuccess;
  }
  if (command == "help") {
    require_name(args, "experiment name");
    require_at_most(args, 2);
    print_experiment_help(find_or_throw(registry, args[1], command), out);
    return kSuccess;
  }
  if (command == "run") {
    require_name(args, "experiment name");
    return run_with_options(find_or_throw(registry, args[1], command), args.subspan(2), args, out, err, environment);
  }
  if (is_option(command)) {
    const Experiment& experiment = find_or_throw(registry, registry.default_experiment, "default experiment");
    return run_with_options(experiment, args, args, out, err, environment);
  }
  if (command == "resume") {
    require_name(args, "run folder");
    return resume_run(registry, args[1], parse_resume_threads(args), args, out, err, environment);
  }
  throw InvalidArgument(command,
                        "unknown command (commands: list, help NAME, run NAME, resume DIR; see sgdbias --help)");
}

}  // namespace

int run(std::span<const std::string_view> args, const Registry& registry, std::ostream& out, std::ostream& err,
        const Environment& environment) {
  try {
    return dispatch(args, registry, out, err, environment);
  } catch (const InvalidArgument& error) {  // raised before anything ran: a usage error
    err << "sgdbias: " << error.what() << '\n';
    return kUsageError;
  } catch (const std::exception& error) {
    err << "sgdbias: error: " << error.what() << '\n';
    return kRunFailed;
  }
}

}  // namespace sgdbias::cli
