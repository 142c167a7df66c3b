#include "notebooks/run_folder/run_manifest.hpp"

#include <chrono>
#include <ctime>

#include <nlohmann/json.hpp>

#include "lib/io/atomic_file.hpp"
#include "notebooks/run_folder/build_info.hpp"

namespace sgdbias::io {
namespace {

nlohmann::ordered_json to_json_value(const ManifestValue& value) {
  return std::visit([](const auto& held) { return nlohmann::ordered_json(held); }, value);
}

std::string format_utc(const char* format) {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char text[32];
  std::strftime(text, sizeof text, format, &parts);
  return text;
}

}  // namespace

std::string to_json(const RunManifest& manifest) {
  nlohmann::ordered_json json;
  json["experiment"] = manifest.experiment;
  json["summary"] = manifest.summary;
  json["status"] = manifest.status;
  json["seed"] = manifest.seed;
  nlohmann::ordered_json options = nlohmann::ordered_json::object();
  for (const auto& [name, value] : manifest.options) options[name] = to_json_value(value);
  json["options"] = options;
  json["threads"] = manifest.threads;
  json["processes"] = manifest.processes;
  json["started_utc"] = manifest.started_utc;
  json["wall_time_seconds"] = manifest.wall_time_seconds;
  json["library_version"] = library_version();
  json["git_commit"] = git_commit();
  json["compiler"] = compiler();
  json["build_type"] = build_type();
  json["command_line"] = manifest.command_line;
  nlohmann::ordered_json results = nlohmann::ordered_json::object();
  for (const auto& [name, value] : manifest.results) results[name] = value;
  json["results"] = results;
  nlohmann::ordered_json tables = nlohmann::ordered_json::array();
  for (const TableDescription& table : manifest.tables) {
    tables.push_back({{"file", table.file}, {"description", table.description}, {"columns", table.columns}});
  }
  json["tables"] = tables;
  if (!manifest.failure.empty()) json["failure"] = manifest.failure;
  if (!manifest.events.empty()) {
    nlohmann::ordered_json events = nlohmann::ordered_json::array();
    for (const RunEvent& event : manifest.events) {
      events.push_back({{"event", event.event},
                        {"utc", event.utc},
                        {"command_line", event.command_line},
                        {"threads", event.threads}});
    }
    json["events"] = events;
  }
  // A command line or an error message may hold bytes that are not UTF-8 (a Latin-1 file name):
  // they become U+FFFD rather than an exception that would leave run.json unwritten.
  return json.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

void write_manifest(const std::filesystem::path& folder, const RunManifest& manifest) {
  write_file_atomically(folder / "run.json", to_json(manifest));
}

std::string utc_timestamp() { return format_utc("%Y-%m-%dT%H:%M:%SZ"); }
std::string compact_utc_timestamp() { return format_utc("%Y%m%dT%H%M%SZ"); }

}  // namespace sgdbias::io
