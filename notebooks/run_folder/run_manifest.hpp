#pragma once
// RunManifest: the run.json written next to a run's tables. It records everything needed to
// reproduce and interpret the run: the experiment, ALL options after defaults were applied, the
// seed, the library version and git commit, compiler, thread count, wall time, the status
// ("running" while it runs, "interrupted" after Ctrl-C, "complete"), and each table's file,
// description and columns. Written atomically; `sgdbias run NAME --config run.json` replays it.
#include <cstdint>
#include <filesystem>
#include <string>
#include <utility>
#include <variant>
#include <vector>

namespace sgdbias::io {

using ManifestValue =
    std::variant<bool, std::int64_t, std::uint64_t, double, std::string, std::vector<std::string>>;

struct TableDescription {
  std::string file;  // relative to the run folder, e.g. "summary.csv"
  std::string description;
  std::vector<std::string> columns;
};

struct RunManifest {
  std::string experiment;
  std::string summary;
  std::vector<std::pair<std::string, ManifestValue>> options;  // in field-table order
  std::uint64_t seed = 0;
  int threads = 0;
  std::string status = "running";
  std::string started_utc;  // ISO 8601
  double wall_time_seconds = 0;
  std::vector<std::string> command_line;
  std::vector<TableDescription> tables;
  std::vector<std::pair<std::string, double>> results;  // headline numbers, e.g. a fitted slope
};

std::string to_json(const RunManifest& manifest);  // pretty-printed, key order as above
void write_manifest(const std::filesystem::path& folder, const RunManifest& manifest);

// "2026-11-23T09:15:02Z" (now, UTC) and its compact form "20261123T091502Z" for folder names.
std::string utc_timestamp();
std::string compact_utc_timestamp();

}  // namespace sgdbias::io
