#pragma once
// The messages of an sgdbias MPI job and the little machinery to move them. Everything is sent
// as bytes (MPI_BYTE) with non-blocking sends whose buffers the Outbox keeps alive until MPI is
// done with them; only the thread that initialised MPI calls any of this (MPI_THREAD_FUNNELED).
// Messages between two ranks arrive in the order they were sent (MPI's non-overtaking rule), which
// the protocol relies on: a helper's last chunks reach the root before its "stopped".
#include <mpi.h>

#include <cstdint>
#include <list>
#include <optional>
#include <string>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "notebooks/cluster/job.hpp"

namespace sgdbias::cluster::mpi {

enum Tag : int {
  kRequest = 101,  // helper → root: {chunks wanted, chunk count of its ensemble}
  kAssign,         // root → helper: chunk indices to compute; none: nothing left
  kChunk,          // helper → root: chunk index, stored (0/1), then the chunk's archive
  kResults,        // root → helper: the archive of the reduced results
  kStop,           // root → helper: the run was interrupted, stop this ensemble
  kStopped,        // helper → root: stopped (after sending its finished chunks)
  kFail,           // helper → root: "where\ncause" of a failed run
  kDone,           // helper → root: its run ended
  kVote,           // helper → root: "" (can start) or "where\nwhy not"
  kStart,          // root → helper: the run folder (start the run) or nothing (do not)
};

using Bytes = std::vector<char>;

Bytes encode_integers(const std::vector<std::int64_t>& values);
std::vector<std::int64_t> decode_integers(const Bytes& bytes);
Bytes encode_chunk(const ReceivedChunk& chunk);
ReceivedChunk decode_chunk(const Bytes& bytes);
// A helper's "where\ncause" (kFail, kVote) as the root reports it.
RankFailed failure_of(const Bytes& message);

// A message waiting to be received: its source and tag, from MPI_Iprobe.
struct Envelope {
  int source;
  int tag;
};
// The next message from `source` (MPI_ANY_SOURCE) with `tag` (MPI_ANY_TAG), if one has arrived.
std::optional<Envelope> probe(int source, int tag);
// Receives the message `envelope` announced.
Bytes receive(const Envelope& envelope);

class Outbox {
 public:
  void send(int destination, Tag tag, Bytes bytes);
  void progress();  // forgets the sends MPI has completed
  bool empty() const { return pending_.empty(); }

 private:
  struct Pending {
    Bytes bytes;
    MPI_Request request;
  };
  std::list<Pending> pending_;  // a list: MPI holds the buffers' addresses until completion
};

}  // namespace sgdbias::cluster::mpi
