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
#include "lib/core/quoted_text.hpp"
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

// A folder holding another experiment's run would end with the tables of both side by side and
// one run.json describing only one of them.
void require_no_other_experiment(const std::filesystem::path& folder, const Experiment& experiment) {
  std::error_code unreadable;
  if (!std::filesystem::exists(folder / "run.json", unreadable)) return;
  const std::string recorded = detail::experiment_of_run(folder / "run.json");
  require(recorded == experiment.name, "--out", "folder ", quote_untrusted(folder.string(), 4096),
          " holds a run of experiment ", quote_untrusted(recorded), ", not '", experiment.name,
          "'; choose a new or empty folder");
}

// The command line that started the run; a resume keeps it and is recorded as an event.
void record_command_line(io::RunManifest& manifest, const detail::RunRequest& request,
                         std::span<const std::string_view> command_line) {
  std::vector<std::string> words{"sgdbias"};
  words.insert(words.end(), command_line.begin(), command_line.end());
  if (request.recorded_command_line.empty()) {
    manifest.command_line = std::move(words);
    return;
  }
  manifest.command_line = request.recorded_command_line;
  manifest.events = request.events;
  manifest.events.push_back({"resumed", io::utc_timestamp(), std::move(words), manifest.threads});
}

// Writes run.json once more with status "failed" and the first failure; if even that cannot be
// written (a full disk), says so after the failure itself.
void record_failure(io::RunManifest& manifest, const std::filesystem::path& folder, const std::string& reason,
                    std::chrono::steady_clock::time_point started, std::ostream& err) {
  manifest.results.clear();
  manifest.failure = reason;
  try {
    finish(manifest, folder, "failed", started);
  } catch (const std::exception& also) {
    err << "sgdbias: and run.json could not record the failure: " << also.what() << '\n';
  }
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
  } catch (const StopRequested&) {
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
  require_no_other_experiment(folder, experiment);
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
  record_command_line(manifest, request, command_line);
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
    finish(manifest, folder, "complete", started);
  } catch (const StopRequested& interruption) {  // run_ensemble's Interrupted, or a study's own loop
    err << "sgdbias: " << interruption.what() << "; finished work is saved in " << folder.string()
        << "\n  continue with: sgdbias resume " << folder.string() << '\n';
    finish(manifest, folder, "interrupted", started);
    return kInterrupted;
  } catch (const std::exception& error) {
    const auto* helper = dynamic_cast<const cluster::RankFailed*>(&error);
    const std::string reason = helper != nullptr ? std::string(helper->cause()) : failure_reason(error, experiment);
    err << "sgdbias: " << experiment.name << " failed";
    if (helper != nullptr) {
      err << " on " << helper->where();
    } else if (job != nullptr) {
      err << " on " << job->where();
    }
    err << ": " << reason << '\n';
    record_failure(manifest, folder, reason, started, err);
    if (job != nullptr) job->end_failed_run("", kRunFailed);  // ends every rank
    return kRunFailed;
  }
  store.remove();
  out << "data written to " << folder.string() << "/ (run.json";
  for (const io::TableDescription& table : manifest.tables) out << ", " << table.file;
  out << ")\n";
  return kSuccess;
}

int resume_run(const Registry& registry, std::string_view folder, std::optional<int> threads,
               std::span<const std::string_view> command_line, std::ostream& out, std::ostream& err,
               const Environment& environment) {
  const std::filesystem::path run_json = std::filesystem::path(folder) / "run.json";
  require(std::filesystem::exists(run_json), "resume", "no run.json in ", folder);
  require(std::filesystem::exists(std::filesystem::path(folder) / "chunks"), "resume", "the run in ", folder,
          " has nothing to resume (it completed, or never started an ensemble)");
  const std::string name = detail::experiment_of_run(run_json);
  const Experiment* experiment = registry.find(name);
  require(experiment != nullptr, "resume", "run.json names experiment ", quote_untrusted(name),
          ", which this program does not know");
  detail::RunRequest request;
  request.assignments = detail::read_config(run_json, *experiment, request);
  detail::read_run_history(run_json, request);  // the run's thread count, unless --threads says otherwise
  if (threads) request.threads = *threads;
  request.folder = std::filesystem::path(folder);
  return run_experiment(*experiment, request, command_line, out, err, environment);
}

}  // namespace sgdbias::cli
