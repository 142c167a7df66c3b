#pragma once
// RunManifest: the run.json written next to a run's tables. It records everything needed to
// reproduce and interpret the run: the experiment, ALL options after defaults were applied, the
// seed, the library version and git commit, compiler, thread count, wall time, the status
// ("running" while it runs, "interrupted" after Ctrl-C, "failed" with the first failure,
// "complete"), each table's file, description and columns, and events such as resumes. Written
// atomically; `sgdbias run NAME --config run.json` replays it.
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

// Something that happened to a run after it started, e.g. {"resumed", time, that command line,
// its thread count}: a resumed run.json keeps the command line that started the run.
struct RunEvent {
  std::string event;
  std::string utc;
  std::vector<std::string> command_line;
  int threads = 0;
};

struct RunManifest {
  std::string experiment;
  std::string summary;
  std::vector<std::pair<std::string, ManifestValue>> options;  // in field-table order
  std::uint64_t seed = 0;
  int threads = 0;    // per process
  int processes = 1;  // the ranks of an MPI job, 1 for a plain run
  std::string status = "running";
  std::string started_utc;  // ISO 8601
  double wall_time_seconds = 0;
  std::vector<std::string> command_line;
  std::vector<TableDescription> tables;
  std::vector<std::pair<std::string, double>> results;  // headline numbers, e.g. a fitted slope
  std::string failure;                                  // status "failed": the first error (else empty)
  std::vector<RunEvent> events;                         // written when not empty
};

std::string to_json(const RunManifest& manifest);  // pretty-printed, key order as above
void write_manifest(const std::filesystem::path& folder, const RunManifest& manifest);

// "2026-11-23T09:15:02Z" (now, UTC) and its compact form "20261123T091502Z" for folder names.
std::string utc_timestamp();
std::string compact_utc_timestamp();

}  // namespace sgdbias::io
