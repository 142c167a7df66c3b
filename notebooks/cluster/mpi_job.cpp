// The MPI job (launched_job.hpp, built with SGDBIAS_WITH_MPI): initialises MPI only when a
// launcher started several processes, deals ensemble chunks through MpiChunkDealer, and ends the
// job cleanly on success or with MPI_Abort after one message when a rank fails.
#include <mpi.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <thread>

#include "notebooks/cluster/launched_job.hpp"
#include "notebooks/cluster/launcher_environment.hpp"
#include "notebooks/cluster/mpi_chunk_dealer.hpp"
#include "notebooks/cluster/mpi_messages.hpp"

namespace sgdbias::cluster {
namespace {

// How long a failed helper waits for the root to report its failure and end the job, before it
// reports and ends it itself (the root only reads messages while it runs an ensemble or ends).
constexpr auto kRootReportTimeout = std::chrono::seconds(10);

class MpiJob final : public Job {
 public:
  MpiJob(int rank, int size) : rank_(rank), size_(size), where_(mpi::describe_rank(rank, size)), dealer_(rank, size) {}

  int rank() const override { return rank_; }
  int size() const override { return size_; }
  std::string where() const override { return where_; }
  ChunkDealer& dealer() override { return dealer_; }

  bool agree_to_start(const std::string* problem) override {
    voted_ = true;
    if (rank_ != 0) {
      const std::string vote = problem == nullptr ? std::string() : where_ + "\n" + *problem;
      MPI_Send(vote.data(), static_cast<int>(vote.size()), MPI_BYTE, 0, mpi::kVote, MPI_COMM_WORLD);
      const mpi::Bytes folder = mpi::receive({0, mpi::kStart});  // waits while the root opens the folder
      run_folder_ = std::string(folder.begin(), folder.end());
      return !folder.empty();
    }
    std::optional<RankFailed> refusal;
    for (int helper = 1; helper < size_; ++helper) {  // in rank order: the first refusal is reported
      const mpi::Bytes vote = mpi::receive({helper, mpi::kVote});
      if (!vote.empty() && !refusal) refusal = mpi::failure_of(vote);
    }
    if (problem == nullptr && !refusal) return true;  // start_run tells the helpers
    for (int helper = 1; helper < size_; ++helper) MPI_Send(nullptr, 0, MPI_BYTE, helper, mpi::kStart, MPI_COMM_WORLD);
    if (problem == nullptr) throw *refusal;
    return false;
  }

  bool voted() const override { return voted_; }

  void start_run(const std::filesystem::path& folder) override {
    const std::string text = std::filesystem::absolute(folder).string();
    for (int helper = 1; helper < size_; ++helper) {
      MPI_Send(text.data(), static_cast<int>(text.size()), MPI_BYTE, helper, mpi::kStart, MPI_COMM_WORLD);
    }
  }

  const std::filesystem::path& run_folder() const override { return run_folder_; }

  void finish_run() override {
    if (rank_ != 0) {
      MPI_Send(nullptr, 0, MPI_BYTE, 0, mpi::kDone, MPI_COMM_WORLD);
      return;
    }
    for (int ended = 1; ended < size_;) {
      if (const std::optional<mpi::Envelope> envelope = mpi::probe(MPI_ANY_SOURCE, MPI_ANY_TAG)) {
        const mpi::Bytes bytes = mpi::receive(*envelope);
        if (envelope->tag == mpi::kFail) throw mpi::failure_of(bytes);
        if (envelope->tag == mpi::kDone) ++ended;
        // anything else is left over from an interrupted exchange and means nothing now
      } else {
        std::this_thread::sleep_for(std::chrono::milliseconds(1));
      }
    }
  }

  [[noreturn]] void end_failed_run(const std::string& cause, int exit_code) override {
    if (rank_ != 0) {
      const std::string message = where_ + "\n" + cause;
      MPI_Request request;
      MPI_Isend(message.data(), static_cast<int>(message.size()), MPI_BYTE, 0, mpi::kFail, MPI_COMM_WORLD, &request);
      const auto deadline = std::chrono::steady_clock::now() + kRootReportTimeout;
      while (std::chrono::steady_clock::now() < deadline) {  // the root's MPI_Abort ends this process
        int sent = 0;
        MPI_Test(&request, &sent, MPI_STATUS_IGNORE);
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
      }
      std::cerr << "sgdbias: the run failed on " << where_ << ": " << cause << '\n';
    }
    std::cerr.flush();
    std::fflush(stderr);
    MPI_Abort(MPI_COMM_WORLD, exit_code);
    std::_Exit(exit_code);  // MPI_Abort does not return; this tells the compiler so
  }

 private:
  int rank_, size_;
  bool voted_ = false;
  std::string where_;
  std::filesystem::path run_folder_;
  mpi::MpiChunkDealer dealer_;
};

}  // namespace

LaunchedJob::LaunchedJob(int& argc, char**& argv) {
  const LauncherCount launcher = launcher_process_count();
  if (launcher.processes <= 1) return;  // a plain start: MPI is never touched
  int provided = 0;
  // Only the thread that called run_ensemble talks to MPI; the worker threads never do.
  MPI_Init_thread(&argc, &argv, MPI_THREAD_FUNNELED, &provided);
  initialised_ = true;
  int rank = 0, size = 1;
  MPI_Comm_rank(MPI_COMM_WORLD, &rank);
  MPI_Comm_size(MPI_COMM_WORLD, &size);
  if (provided < MPI_THREAD_FUNNELED) {
    if (rank == 0) std::cerr << "sgdbias: this MPI library cannot be used from a threaded program (MPI_THREAD_FUNNELED)\n";
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  if (size != launcher.processes) {
    // e.g. srun without a PMI plugin: every process would believe it is alone and run the whole
    // study into the same folder.
    std::cerr << "sgdbias: the launcher started " << launcher.processes << " processes (" << launcher.variable
              << ") but MPI sees " << size << "; with srun, pass --mpi=pmix (srun --mpi=list shows the choices)\n";
    MPI_Abort(MPI_COMM_WORLD, 2);
  }
  if (size > 1) job_ = std::make_unique<MpiJob>(rank, size);
}

LaunchedJob::~LaunchedJob() {
  job_.reset();
  if (initialised_) MPI_Finalize();
}

}  // namespace sgdbias::cluster
