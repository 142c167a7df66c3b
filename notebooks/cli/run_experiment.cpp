#include "notebooks/cli/run_experiment.hpp"

#include <chrono>
#include <memory>
#include <new>
#include <string>

#include "lib/core/errors.hpp"
#include "lib/io/progress.hpp"
#include "notebooks/run_folder/run_manifest.hpp"
#include "lib/monte_carlo/ensemble.hpp"

namespace sgdbias::cli {
namespace {

std::filesystem::path default_folder(const Experiment& experiment, std::uint64_t seed) {
  const std::filesystem::path base = std::filesystem::is_directory("notebooks")
                                         ? std::filesystem::path("notebooks") / experiment.study / "data"
                                         : std::filesystem::path("sgdbias-runs") / experiment.study;
  const std::string stem = io::compact_utc_timestamp() + "-seed" + std::to_string(seed);
  std::filesystem::path folder = base / stem;
  for (int suffix = 2; std::filesystem::exists(folder); ++suffix) folder = base / (stem + "-" + std::to_string(suffix));
  return folder;
}

int finish(io::RunManifest& manifest, const std::filesystem::path& folder, std::string status,
           std::chrono::steady_clock::time_point started) {
  manifest.status = std::move(status);
  manifest.wall_time_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  io::write_manifest(folder, manifest);
  return 0;
}

// Why a run failed, for the error line. std::bad_alloc's own text ("std::bad_alloc") names
// neither the cause nor the remedy: the experiment's sizes exceed the memory the process may use.
std::string failure_reason(const std::exception& error, const Experiment& experiment) {
  if (dynamic_cast<const std::bad_alloc*>(&error) != nullptr) {
    return "out of memory: the sizes asked for need more memory than this process can have; lower them (sizes "
           "and their ranges: sgdbias help " +
           experiment.name + ")";
  }
  return error.what();
}

}  // namespace

int run_experiment(const Experiment& experiment, const detail::RunRequest& request,
                   std::span<const std::string_view> command_line, std::ostream& out, std::ostream& err,
                   const Environment& environment) {
  const ConfiguredExperiment configured = experiment.configure(request.assignments);
  const std::filesystem::path folder = request.folder.value_or(default_folder(experiment, request.seed));
  const ChunkStore store(folder / "chunks", detail::fingerprint(experiment, request.seed, configured));

  io::RunManifest manifest;
  manifest.experiment = experiment.name;
  manifest.summary = experiment.summary;
  manifest.options = configured.options;
  manifest.seed = request.seed;
  manifest.threads = resolve_thread_count(request.threads);
  manifest.started_utc = io::utc_timestamp();
  manifest.command_line.assign(command_line.begin(), command_line.end());
  manifest.command_line.insert(manifest.command_line.begin(), "sgdbias");
  io::write_manifest(folder, manifest);

  const std::unique_ptr<io::ProgressSink> progress =
      environment.terminal_progress ? io::make_progress() : std::make_unique<io::NullProgress>();
  const std::atomic<bool> never{false};
  RunContext context{folder, request.seed, manifest.threads, *progress, out, manifest, &store,
                     environment.interrupt != nullptr ? environment.interrupt : &never};
  const auto started = std::chrono::steady_clock::now();
  try {
    configured.run(context);
  } catch (const Interrupted& interruption) {
    finish(manifest, folder, "interrupted", started);
    err << "sgdbias: " << interruption.what() << "; finished work is saved in " << folder.string()
        << "\n  continue with: sgdbias resume " << folder.string() << '\n';
    return kInterrupted;
  } catch (const std::exception& error) {
    manifest.results.clear();
    finish(manifest, folder, "failed", started);
    err << "sgdbias: " << experiment.name << " failed: " << failure_reason(error, experiment) << '\n';
    return kRunFailed;
  }
  finish(manifest, folder, "complete", started);
  store.remove();
  out << "data written to " << folder.string() << "/ (run.json";
  for (const io::TableDescription& table : manifest.tables) out << ", " << table.file;
  out << ")\n";
  return kSuccess;
}

int resume_run(const Registry& registry, std::string_view folder, std::span<const std::string_view> command_line,
               std::ostream& out, std::ostream& err, const Environment& environment) {
  const std::filesystem::path run_json = std::filesystem::path(folder) / "run.json";
  require(std::filesystem::exists(run_json), "resume", "no run.json in ", folder);
  require(std::filesystem::exists(std::filesystem::path(folder) / "chunks"), "resume", "the run in ", folder,
          " has nothing to resume (it completed, or never started an ensemble)");
  const std::string name = detail::experiment_of_run(run_json);
  const Experiment* experiment = registry.find(name);
  require(experiment != nullptr, "resume", "run.json names experiment '", name, "', which this program does not know");
  detail::RunRequest request;
  request.assignments = detail::read_config(run_json, *experiment, request);
  request.folder = std::filesystem::path(folder);
  return run_experiment(*experiment, request, command_line, out, err, environment);
}

}  // namespace sgdbias::cli
