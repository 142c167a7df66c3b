#include "notebooks/cli/run_experiment.hpp"

#include <chrono>
#include <memory>
#include <new>
#include <optional>
#include <sstream>
#include <string>
#include <system_error>

#include <unistd.h>

#include "lib/core/errors.hpp"
#include "lib/io/progress.hpp"
#include "notebooks/run_folder/run_manifest.hpp"
#include "lib/monte_carlo/ensemble.hpp"
#include "notebooks/cluster/job.hpp"

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

// A helper rank of an MPI job (cluster/job.hpp): runs the same study for its share of the chunks.
// Its tables go to a scratch folder that is deleted (the root writes the run's), its report and
// progress nowhere; a failure is handed to the job, which reports it through the root.
int run_as_helper(const Experiment& experiment, const ConfiguredExperiment& configured,
                  const detail::RunRequest& request, const Environment& environment) {
  cluster::Job& job = *environment.job;
  const std::atomic<bool> never{false};
  io::NullProgress progress;
  std::ostringstream report;
  io::RunManifest manifest;
  std::filesystem::path scratch;
  std::error_code ignored;
  try {
    scratch = std::filesystem::temp_directory_path() / ("sgdbias-" + experiment.name + "-rank" +
                                                        std::to_string(job.rank()) + "-" + std::to_string(::getpid()));
    std::filesystem::create_directories(scratch);
    // The root's store, when this rank sees it: it then saves its own chunks there.
    const std::optional<ChunkStore> shared_store = ChunkStore::open_existing(
        job.run_folder() / "chunks", detail::fingerprint(experiment, request.seed, configured));
    RunContext context{scratch, request.seed, resolve_thread_count(request.threads), progress, report, manifest,
                       shared_store ? &*shared_store : nullptr,
                       environment.interrupt != nullptr ? environment.interrupt : &never, &job.dealer()};
    configured.run(context);
  } catch (const Interrupted&) {
    if (!scratch.empty()) std::filesystem::remove_all(scratch, ignored);
    return kInterrupted;  // the root says so
  } catch (const std::exception& error) {
    if (!scratch.empty()) std::filesystem::remove_all(scratch, ignored);
    job.end_failed_run(failure_reason(error, experiment), kRunFailed);
  }
  std::filesystem::remove_all(scratch, ignored);
  job.finish_run();
  return kSuccess;
}

}  // namespace

int run_experiment(const Experiment& experiment, const detail::RunRequest& request,
                   std::span<const std::string_view> command_line, std::ostream& out, std::ostream& err,
                   const Environment& environment) {
  const ConfiguredExperiment configured = experiment.configure(request.assignments);
  cluster::Job* job = environment.job;
  if (job != nullptr && !job->agree_to_start(nullptr)) return kUsageError;  // another rank cannot run it
  if (job != nullptr && job->rank() != 0) return run_as_helper(experiment, configured, request, environment);
  const std::filesystem::path folder = request.folder.value_or(default_folder(experiment, request.seed));
  const ChunkStore store(folder / "chunks", detail::fingerprint(experiment, request.seed, configured));
  if (job != nullptr) job->start_run(folder);

  io::RunManifest manifest;
  manifest.experiment = experiment.name;
  manifest.summary = experiment.summary;
  manifest.options = configured.options;
  manifest.seed = request.seed;
  manifest.threads = resolve_thread_count(request.threads);
  manifest.processes = job != nullptr ? job->size() : 1;
  manifest.started_utc = io::utc_timestamp();
  manifest.command_line.assign(command_line.begin(), command_line.end());
  manifest.command_line.insert(manifest.command_line.begin(), "sgdbias");
  io::write_manifest(folder, manifest);

  const std::unique_ptr<io::ProgressSink> progress =
      environment.terminal_progress ? io::make_progress() : std::make_unique<io::NullProgress>();
  const std::atomic<bool> never{false};
  RunContext context{folder, request.seed, manifest.threads, *progress, out, manifest, &store,
                     environment.interrupt != nullptr ? environment.interrupt : &never,
                     job != nullptr ? &job->dealer() : nullptr};
  const auto started = std::chrono::steady_clock::now();
  try {
    configured.run(context);
    if (job != nullptr) job->finish_run();  // every rank ended its run
  } catch (const Interrupted& interruption) {
    finish(manifest, folder, "interrupted", started);
    err << "sgdbias: " << interruption.what() << "; finished work is saved in " << folder.string()
        << "\n  continue with: sgdbias resume " << folder.string() << '\n';
    return kInterrupted;
  } catch (const std::exception& error) {
    manifest.results.clear();
    finish(manifest, folder, "failed", started);
    const auto* helper = dynamic_cast<const cluster::RankFailed*>(&error);
    err << "sgdbias: " << experiment.name << " failed";
    if (helper != nullptr) {
      err << " on " << helper->where() << ": " << helper->cause() << '\n';
    } else {
      if (job != nullptr) err << " on " << job->where();
      err << ": " << failure_reason(error, experiment) << '\n';
    }
    if (job != nullptr) job->end_failed_run("", kRunFailed);  // ends every rank
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
