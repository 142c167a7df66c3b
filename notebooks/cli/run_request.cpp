#include "notebooks/cli/run_request.hpp"

#include <charconv>
#include <map>
#include <system_error>

#include <nlohmann/json.hpp>

#include "notebooks/cli/config_json.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/quoted_text.hpp"
#include "lib/io/atomic_file.hpp"

namespace sgdbias::cli::detail {
namespace {

constexpr std::size_t kPathBytes = 4096;  // a path is quoted whole (escaped), unless absurdly long

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
      require(item.is_string(), source, "key ", quote_untrusted(key), " must be a list of strings");
      joined += (joined.empty() ? "" : ",") + item.get<std::string>();
    }
    return joined;
  }
  throw InvalidArgument(source, describe("key ", quote_untrusted(key), " has a ", value.type_name(),
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
  return parse_config_json(text, source);
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
  require(!text.empty() && result.ec == std::errc() && result.ptr == end, "--seed", "value ", quote_untrusted(text),
          " is not an integer (allowed: [0, 18446744073709551615])");
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
  require(std::filesystem::is_directory(folder, unreadable), "--out", quote_untrusted(text, kPathBytes),
          " is a file, not a folder");
  // A folder with a run.json is a run folder (resumed, refused if its options differ, or run
  // again); any other non-empty folder may hold someone's files, which the tables and run.json
  // would silently replace.
  const bool empty = std::filesystem::is_empty(folder, unreadable);
  require(empty || std::filesystem::exists(folder / "run.json", unreadable), "--out", "folder ",
          quote_untrusted(text, kPathBytes), " is not empty and holds no run.json; choose a new or empty folder");
  return folder;
}

int parse_threads(std::string_view text) {
  int value = 0;
  const char* end = text.data() + text.size();
  const std::from_chars_result result = std::from_chars(text.data(), end, value);
  require(!text.empty() && result.ec == std::errc() && result.ptr == end && value >= 0 && value <= kMaxThreads,
          "--threads", "value ", quote_untrusted(text), " is not a thread count (allowed: [0, ", kMaxThreads,
          "], 0 = all cores)");
  return value;
}

std::vector<OptionAssignment> read_config(const std::filesystem::path& file, const Experiment& experiment,
                                          RunRequest& request) {
  return config_assignments(parse_json_file(file), "--config " + file.string(), experiment, request);
}

std::vector<OptionAssignment> config_assignments(const nlohmann::json& json, const std::string& source,
                                                 const Experiment& experiment, RunRequest& request) {
  require(json.is_object(), source, "expected a JSON object of options, found a ", json.type_name());
  const bool is_run_json = json.contains("options");
  if (is_run_json && json.contains("experiment")) {
    const nlohmann::json& named = json["experiment"];
    require(named == experiment.name, source, "it configures experiment ",
            named.is_string() ? quote_untrusted(named.get_ref<const std::string&>()) : std::string("(not a name)"),
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

void read_run_history(const std::filesystem::path& run_json, RunRequest& request) {
  const nlohmann::json json = parse_json_file(run_json);
  const std::string source = run_json.string();
  if (json.contains("threads")) {
    request.threads = parse_threads(json_to_option_text(json["threads"], "threads", source));
  }
  const auto strings = [&source](const nlohmann::json& list, const char* key) {
    require(list.is_array(), source, "'", key, "' must be a list of strings");
    std::vector<std::string> words;
    for (const nlohmann::json& word : list) {
      require(word.is_string(), source, "'", key, "' must be a list of strings");
      words.push_back(word.get<std::string>());
    }
    return words;
  };
  if (json.contains("command_line")) request.recorded_command_line = strings(json["command_line"], "command_line");
  if (!json.contains("events")) return;
  require(json["events"].is_array(), source, "'events' must be a list");
  for (const nlohmann::json& event : json["events"]) {
    require(event.is_object() && event.contains("event") && event["event"].is_string(), source,
            "each of 'events' must be an object with an 'event' name");
    io::RunEvent recorded{event["event"].get<std::string>(), "", {}, 0};
    if (event.contains("utc") && event["utc"].is_string()) recorded.utc = event["utc"].get<std::string>();
    if (event.contains("command_line")) recorded.command_line = strings(event["command_line"], "command_line");
    if (event.contains("threads")) {
      recorded.threads = parse_threads(json_to_option_text(event["threads"], "threads", source));
    }
    request.events.push_back(std::move(recorded));
  }
}

RunRequest parse_run_arguments(const Experiment& experiment, std::span<const std::string_view> args) {
  RunRequest request;
  std::vector<OptionAssignment> command_line;
  std::optional<std::string> config, out, seed, threads;
  std::map<std::string, std::string> given;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view token = args[i];
    require(token.starts_with("--") && token.size() > 2, "run " + experiment.name, "unexpected argument ",
            quote_untrusted(token), " (options are written --name value; see sgdbias help ", experiment.name, ")");
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
      require(next_is_value, "--" + escaped(name), "missing value");
      value = std::string(args[++i]);
    }
    // Last-wins would silently drop one of two values (often an edit that did not take); --sweep
    // is the one option meant to be repeated (one axis each).
    const auto [earlier, first_time] = given.emplace(name, *value);
    require(first_time || name == "sweep", "--" + escaped(name), "given twice (", quote_untrusted(earlier->second), " and ",
            quote_untrusted(*value), "); give it once");
    if (name == "config") config = value;
    else if (name == "out") out = value;
    else if (name == "seed") seed = value;
    else if (name == "threads") threads = value;
    else if (name == "sweep") request.sweeps.push_back(parse_sweep(experiment, *value));
    else command_line.push_back({check_known(experiment, name), *value, std::string(kCommandLineSource)});
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
