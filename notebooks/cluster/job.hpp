#pragma once
// Job: the processes that run one `sgdbias` command together. A plain run is one process and has
// no Job. Launched by mpirun or srun (a build with SGDBIAS_WITH_MPI, launched_job.hpp), every rank
// parses the same command line and runs the same study: rank 0, the root, owns the run folder
// (run.json, tables, chunk store) and prints; the other ranks compute the ensemble chunks they are
// dealt (dealer()), write nothing the user sees, and end with the root.
#include <filesystem>
#include <stdexcept>
#include <string>

#include "lib/monte_carlo/chunk_dealer.hpp"

namespace sgdbias::cluster {

// Thrown on the root when another rank reports that its run failed.
class RankFailed : public std::runtime_error {
 public:
  RankFailed(std::string where, std::string cause)
      : std::runtime_error(where + ": " + cause), where_(std::move(where)), cause_(std::move(cause)) {}
  const std::string& where() const { return where_; }  // "rank 2 of 3 (node17)"
  const std::string& cause() const { return cause_; }

 private:
  std::string where_, cause_;
};

class Job {
 public:
  virtual ~Job() = default;
  virtual int rank() const = 0;  // 0: the root
  virtual int size() const = 0;
  virtual std::string where() const = 0;  // this rank, for messages: "rank 1 of 3 (node17)"
  virtual ChunkDealer& dealer() = 0;
  // Before a run touches any file, every rank votes once: it can run (`problem` null) or not, and
  // why. The run starts only if all can, so no rank is left waiting for one that never started
  // (the helpers parse the same command line, but read files the root is about to write). True
  // when this rank must run; on the root, throws RankFailed naming the first rank that cannot.
  // A rank whose command ended before a run (usage error, help, list) votes from main.
  // A helper that must run waits until the root called start_run.
  virtual bool agree_to_start(const std::string* problem) = 0;
  virtual bool voted() const = 0;
  // The root, once it opened the run folder (and its chunk store): the helpers start. They learn
  // the folder, to save their chunks in its store themselves when they see it (a shared file system).
  virtual void start_run(const std::filesystem::path& folder) = 0;
  // On a helper, after agree_to_start: the root's run folder.
  virtual const std::filesystem::path& run_folder() const = 0;
  // After this rank's run succeeded. The root waits until every other rank ended its run and
  // throws RankFailed if one failed; another rank tells the root.
  virtual void finish_run() = 0;
  // The run failed on this rank, and `cause` says why. The root (which has reported it) ends the
  // whole job; another rank sends `cause` to the root, which reports it and ends the job (the rank
  // reports it itself if the root does not within seconds). Never returns.
  [[noreturn]] virtual void end_failed_run(const std::string& cause, int exit_code) = 0;
};

}  // namespace sgdbias::cluster
