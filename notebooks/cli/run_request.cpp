#include "notebooks/cli/run_request.hpp"

#include <charconv>
#include <system_error>

#include <nlohmann/json.hpp>

#include "lib/core/errors.hpp"
#include "lib/io/atomic_file.hpp"

namespace sgdbias::cli::detail {
namespace {

bool is_flag(const Experiment& experiment, std::string_view name) {
  for (const OptionDescription& option : experiment.options) {
    if (option.name == name) return option.type == "flag";
  }
  return false;
}

std::string json_to_option_text(const nlohmann::json& value, const std::string& key, const std::string& source) {
  if (value.is_string()) return value.get<std::string>();
  if (value.is_boolean()) return value.get<bool>() ? "true" : "false";
  if (value.is_number()) return value.dump();
  if (value.is_array()) {
    std::string joined;
    for (const nlohmann::json& item : value) {
      require(item.is_string(), source, "key '", key, "' must be a list of strings");
      joined += (joined.empty() ? "" : ",") + item.get<std::string>();
    }
    return joined;
  }
  throw InvalidArgument(source, describe("key '", key, "' has a ", value.type_name(),
                                         " value; expected a number, string, boolean or list of strings"));
}

nlohmann::json parse_json_file(const std::filesystem::path& file) {
  const std::string source = "--config " + file.string();
  std::error_code unreadable;  // reading a folder "succeeds" with no text: say what it is instead
  require(!std::filesystem::is_directory(file, unreadable), source, "is a folder, not a JSON file");
  std::string text;
  try {
    text = io::read_file(file);
  } catch (const InvalidArgument&) {
    throw InvalidArgument(source, "cannot read the file");
  }
  try {
    return nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& error) {
    throw InvalidArgument(source, describe("malformed JSON (", error.what(), ")"));
  } catch (const nlohmann::json::out_of_range& error) {  // well-formed, but e.g. 1e999 overflows a double
    throw InvalidArgument(source, describe("a value cannot be represented (", error.what(), ")"));
  }
}

// Unknown names are caught here too, so the suggestion can include the common options.
const std::string& check_known(const Experiment& experiment, const std::string& name) {
  std::vector<std::string> names;
  for (const OptionDescription& option : experiment.options) {
    if (option.name == name) return name;
    names.push_back(option.name);
  }
  names.insert(names.end(), {"config", "out", "seed", "threads", "sweep", "help"});
  throw_unknown_option(name, "run " + experiment.name, names);
}

}  // namespace

std::uint64_t parse_seed(std::string_view text) {
  std::uint64_t value = 0;
  const char* end = text.data() + text.size();
  const std::from_chars_result result = std::from_chars(text.data(), end, value);
  require(!text.empty() && result.ec == std::errc() && result.ptr == end, "--seed", "value '", text,
          "' is not an integer (allowed: [0, 18446744073709551615])");
  return value;
}

Sweep parse_sweep(const Experiment& experiment, std::string_view text) {
  const std::size_t equals = text.find('=');
  require(equals != std::string_view::npos && equals > 0 && equals + 1 < text.size(), "--sweep", "value '", text,
          "' is not NAME=V1,V2,... (e.g. --sweep step-size=0.01,0.02,0.05 or --sweep seed=1,2,3)");
  Sweep sweep{std::string(text.substr(0, equals)), {}};
  if (sweep.name != "seed") {
    check_known(experiment, sweep.name);
    for (const OptionDescription& option : experiment.options) {
      require(option.name != sweep.name || option.type != "list", "--sweep", "--", sweep.name,
              " takes a list already; give the list once instead of sweeping it");
    }
  }
  std::string_view values = text.substr(equals + 1);
  for (std::size_t start = 0; start <= values.size();) {
    const std::size_t comma = std::min(values.find(',', start), values.size());
    const std::string_view value = values.substr(start, comma - start);
    require(!value.empty(), "--sweep", "empty value in '", text, "'");
    if (sweep.name == "seed") parse_seed(value);
    sweep.values.emplace_back(value);
    start = comma + 1;
  }
  return sweep;
}

std::filesystem::path parse_out_folder(std::string_view text) {
  require(!text.empty(), "--out", "value '' is not a folder name (it would write into the current folder)");
  const std::filesystem::path folder(text);
  std::error_code unreadable;  // a folder we cannot inspect fails later, when run.json is written
  if (!std::filesystem::exists(folder, unreadable)) return folder;
  require(std::filesystem::is_directory(folder, unreadable), "--out", "'", text, "' is a file, not a folder");
  // A folder with a run.json is a run folder (resumed, refused if its options differ, or run
  // again); any other non-empty folder may hold someone's files, which the tables and run.json
  // would silently replace.
  const bool empty = std::filesystem::is_empty(folder, unreadable);
  require(empty || std::filesystem::exists(folder / "run.json", unreadable), "--out", "folder '", text,
          "' is not empty and holds no run.json; choose a new or empty folder");
  return folder;
}

int parse_threads(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const std::from_chars_result result = std::from_chars(text.data(), end, value);
  require(!text.empty() && result.ec == std::errc() && result.ptr == end && value >= 0 && value <= kMaxThreads,
          "--threads", "value '", text, "' is not a thread count (allowed: [0, ", kMaxThreads, "], 0 = all cores)");
  return value;
}

std::vector<OptionAssignment> read_config(const std::filesystem::path& file, const Experiment& experiment,
                                          RunRequest& request) {
  const std::string source = "--config " + file.string();
  const nlohmann::json json = parse_json_file(file);
  require(json.is_object(), source, "expected a JSON object of options, found a ", json.type_name());
  const bool is_run_json = json.contains("options");
  if (is_run_json && json.contains("experiment")) {
    require(json["experiment"] == experiment.name, source, "it configures experiment ", json["experiment"].dump(),
            ", not '", experiment.name, "'");
  }
  if (json.contains("seed")) request.seed = parse_seed(json_to_option_text(json["seed"], "seed", source));
  if (json.contains("threads") && !is_run_json) {
    request.threads = parse_threads(json_to_option_text(json["threads"], "threads", source));
  }
  const nlohmann::json& options = is_run_json ? json["options"] : json;
  require(options.is_object(), source, "'options' must be a JSON object");
  std::vector<OptionAssignment> assignments;
  for (const auto& [key, value] : options.items()) {
    if (!is_run_json && (key == "seed" || key == "threads")) continue;
    assignments.push_back({key, json_to_option_text(value, key, source), source});
  }
  return assignments;
}

std::string experiment_of_run(const std::filesystem::path& run_json) {
  const nlohmann::json json = parse_json_file(run_json);
  require(json.is_object() && json.contains("experiment") && json["experiment"].is_string(),
          run_json.string(), "is not a run.json (no \"experiment\" name)");
  return json["experiment"].get<std::string>();
}

RunRequest parse_run_arguments(const Experiment& experiment, std::span<const std::string_view> args) {
  RunRequest request;
  std::vector<OptionAssignment> command_line;
  std::optional<std::string> config, out, seed, threads;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view token = args[i];
    require(token.starts_with("--") && token.size() > 2, "run " + experiment.name, "unexpected argument '",
            token, "' (options are written --name value; see sgdbias help ", experiment.name, ")");
    std::string name(token.substr(2));
    std::optional<std::string> value;
    if (const std::size_t equals = name.find('='); equals != std::string::npos) {
      value = name.substr(equals + 1);
      name.resize(equals);
    }
    if (name == "help") {
      request.help = true;
      continue;
    }
    const bool next_is_value = i + 1 < args.size() && !args[i + 1].starts_with("--");
    if (!value && is_flag(experiment, name) && !next_is_value) value = "true";
    if (!value) {
      require(next_is_value, "--" + name, "missing value");
      value = std::string(args[++i]);
    }
    if (name == "config") config = value;
    else if (name == "out") out = value;
    else if (name == "seed") seed = value;
    else if (name == "threads") threads = value;
    else if (name == "sweep") request.sweeps.push_back(parse_sweep(experiment, *value));
    else command_line.push_back({check_known(experiment, name), *value, "command line"});
  }
  if (request.help) return request;
  if (out) {
    // A sweep's folder (it holds sweep.csv and the points' run folders) is resumed by the same sweep.
    std::error_code unreadable;
    const bool sweep_folder = !request.sweeps.empty() && std::filesystem::exists(std::filesystem::path(*out) / "sweep.csv", unreadable);
    request.folder = sweep_folder ? std::filesystem::path(*out) : parse_out_folder(*out);
  }
  if (config) request.assignments = read_config(*config, experiment, request);
  request.assignments.insert(request.assignments.end(), command_line.begin(), command_line.end());
  if (seed) request.seed = parse_seed(*seed);
  if (threads) request.threads = parse_threads(*threads);
  return request;
}

std::string fingerprint(const Experiment& experiment, std::uint64_t seed, const ConfiguredExperiment& configured) {
  nlohmann::ordered_json json;
  json["experiment"] = experiment.name;
  json["seed"] = seed;
  for (const auto& [name, value] : configured.options) {
    json["options"][name] = std::visit([](const auto& held) { return nlohmann::ordered_json(held); }, value);
  }
  return json.dump(1) + "\n";
}

}  // namespace sgdbias::cli::detail
