#pragma once
// ChunkDealer: how the chunks of an ensemble are shared out when several processes run one study
// together (an MPI job: notebooks/cluster/). run_ensemble (ensemble.hpp) talks to it only at the
// level of whole chunks, so the arithmetic cannot change with the number of processes:
//   * one process, the root, holds the chunk store, deals the chunks not yet in it, receives every
//     other process's finished chunks as bit-exact archives (io/archive.hpp) and reduces ALL chunks
//     in chunk order, exactly as a single process does;
//   * every other process computes the chunks it is dealt and sends each one to the root as soon
//     as it is finished, then receives the reduced results, so the study code after the ensemble
//     sees the same numbers on every process.
// Without a dealer (or a reducer that cannot be archived), run_ensemble deals to its own threads
// only: LocalChunkDeal below.
#include <atomic>
#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

struct ReceivedChunk {
  Index chunk;
  std::string archive;  // Reducer::save's text
  bool stored = false;  // the sender saved it in the run's store (a file system both see)
};

// What the main thread learnt from one poll.
struct DealMail {
  std::vector<ReceivedChunk> chunks;  // (root) finished chunks of other processes
  bool stop = false;                  // another process was interrupted: stop this ensemble too
};

// One ensemble's share, seen from one process. Worker threads call take() and put(); only the
// thread that called run_ensemble calls the others (MPI needs no more than MPI_THREAD_FUNNELED).
class ChunkDeal {
 public:
  virtual ~ChunkDeal() = default;
  // Worker threads: the next chunk this process computes, waiting for one if needed; nullopt when
  // none is left for it (or after close()/interrupt()).
  virtual std::optional<Index> take() = 0;
  // Worker threads of a process that is not the root: a finished chunk, for the root; `stored`:
  // already saved in the store (then the root does not save it again).
  virtual void put(Index chunk, std::string archive, bool stored) = 0;
  // Main thread: moves messages. Throws when another process failed (its message names it).
  virtual DealMail poll() = 0;
  // Main thread, after this process's workers ended: nothing more to send or receive.
  virtual bool settled() const = 0;
  // Main thread, once this process's workers ended after an interruption (local or DealMail::stop):
  // the other processes stop too; settled() then waits (briefly) for them to acknowledge.
  virtual void interrupt() = 0;
  // Main thread, when this process fails: wake workers waiting in take(), send nothing.
  virtual void close() = 0;
  // Main thread, after the reduction: the root passes the archive of the results and gets it back;
  // every other process passes nothing and gets the root's.
  virtual std::string share(std::string results) = 0;
  // How long the main thread may sleep between polls.
  virtual std::chrono::milliseconds poll_interval() const = 0;
};

class ChunkDealer {
 public:
  virtual ~ChunkDealer() = default;
  // True on the process that holds the store, reduces and writes; the only one when alone.
  virtual bool is_root() const = 0;
  // Starts one ensemble of `chunk_count` chunks on this process. Every process of the job calls
  // this for the same ensembles in the same order. `pending`: on the root, the chunks not yet in
  // its store (ascending); ignored elsewhere. `workers`: this process's worker threads (a helper
  // keeps that many chunks at hand, so no thread waits for the network).
  virtual std::unique_ptr<ChunkDeal> deal(Index chunk_count, std::vector<Index> pending, int workers) = 0;
};

// The single-process deal: this process's threads take the pending chunks in ascending order.
class LocalChunkDeal final : public ChunkDeal {
 public:
  explicit LocalChunkDeal(std::vector<Index> pending) : pending_(std::move(pending)) {}
  std::optional<Index> take() override;
  void put(Index chunk, std::string archive, bool stored) override;
  DealMail poll() override { return {}; }
  bool settled() const override { return true; }
  void interrupt() override { closed_ = true; }
  void close() override { closed_ = true; }
  std::string share(std::string results) override { return results; }
  std::chrono::milliseconds poll_interval() const override { return std::chrono::milliseconds(200); }

 private:
  const std::vector<Index> pending_;
  std::atomic<std::size_t> next_{0};
  std::atomic<bool> closed_{false};
};

}  // namespace sgdbias
