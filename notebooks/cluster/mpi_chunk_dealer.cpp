#include "notebooks/cluster/mpi_chunk_dealer.hpp"

#include <algorithm>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

#include "notebooks/cluster/job.hpp"
#include "notebooks/cluster/mpi_messages.hpp"

namespace sgdbias::cluster::mpi {
namespace {

constexpr auto kPollInterval = std::chrono::milliseconds(1);  // a chunk takes far longer
// How long the root, once its own workers stopped, waits for every helper's "stopped". Shorter
// than the second mpirun leaves between its SIGTERM and SIGKILL (Open MPI's
// odls_base_sigkill_timeout, 1 s by default), so that the root can still write run.json: a
// helper that stays silent that long was killed (mpirun's SIGTERM to everyone follows a rank's
// death) and the run is reported as failed, naming it.
constexpr auto kStopGrace = std::chrono::milliseconds(500);

[[noreturn]] void throw_out_of_step(int source, int tag, int size) {
  throw RankFailed("rank " + std::to_string(source) + " of " + std::to_string(size),
                   "sent message " + std::to_string(tag) +
                       " out of turn: all ranks must run the same sgdbias command with the same options");
}

class RootDeal final : public ChunkDeal {
 public:
  RootDeal(int size, Index chunk_count, std::vector<Index> pending)
      : size_(size), chunk_count_(chunk_count), pending_(std::move(pending)),
        told_no_more_(static_cast<std::size_t>(size), false), stopped_(static_cast<std::size_t>(size), false) {
    told_no_more_[0] = stopped_[0] = true;  // the root itself
  }

  std::optional<Index> take() override {
    std::lock_guard lock(mutex_);
    return next_locked();
  }

  void put(Index chunk, std::string, bool) override {
    throw std::logic_error("RootDeal::put(" + std::to_string(chunk) + "): the root keeps its own chunks");
  }

  DealMail poll() override {
    outbox_.progress();
    DealMail mail;
    while (const std::optional<Envelope> envelope = probe(MPI_ANY_SOURCE, MPI_ANY_TAG)) {
      const Bytes bytes = receive(*envelope);
      const auto source = static_cast<std::size_t>(envelope->source);
      switch (envelope->tag) {
        case kRequest: answer(envelope->source, decode_integers(bytes)); break;
        case kChunk:
          mail.chunks.push_back(decode_chunk(bytes));
          --outstanding_;
          break;
        case kStopped:
          stopped_[source] = told_no_more_[source] = true;
          mail.stop = true;
          break;
        case kFail: throw failure_of(bytes);
        default: throw_out_of_step(envelope->source, envelope->tag, size_);
      }
    }
    if (interrupting_ && !all_stopped() && std::chrono::steady_clock::now() > stop_deadline_) throw_silent_rank();
    return mail;
  }

  bool settled() const override {
    if (!outbox_.empty()) return false;
    if (interrupting_) return all_stopped();  // or poll() throws once the grace has passed
    return next_ == pending_.size() && all_of(told_no_more_) && outstanding_ == 0;
  }

  void interrupt() override {
    {
      std::lock_guard lock(mutex_);
      interrupting_ = true;
    }
    stop_deadline_ = std::chrono::steady_clock::now() + kStopGrace;
    for (int rank = 1; rank < size_; ++rank) {
      if (!stopped_[static_cast<std::size_t>(rank)]) outbox_.send(rank, kStop, {});
    }
  }

  void close() override {
    std::lock_guard lock(mutex_);
    closed_ = true;
  }

  std::string share(std::string results) override {
    for (int rank = 1; rank < size_; ++rank) outbox_.send(rank, kResults, Bytes(results.begin(), results.end()));
    while (!outbox_.empty()) {  // the helpers wait for it; a failed one has told us by now
      outbox_.progress();
      if (const std::optional<Envelope> failure = probe(MPI_ANY_SOURCE, kFail)) throw failure_of(receive(*failure));
      std::this_thread::sleep_for(kPollInterval);
    }
    return results;
  }

  std::chrono::milliseconds poll_interval() const override { return kPollInterval; }

 private:
  std::optional<Index> next_locked() {
    if (closed_ || interrupting_ || next_ == pending_.size()) return std::nullopt;
    return pending_[next_++];
  }

  static bool all_of(const std::vector<bool>& flags) { return std::all_of(flags.begin(), flags.end(), std::identity{}); }
  bool all_stopped() const { return all_of(stopped_); }

  // After an interruption, a helper did not say "stopped" within kStopGrace.
  [[noreturn]] void throw_silent_rank() const {
    const auto silent = std::find(stopped_.begin(), stopped_.end(), false);
    const int rank = static_cast<int>(silent - stopped_.begin());
    throw RankFailed("rank " + std::to_string(rank) + " of " + std::to_string(size_),
                     "ended without a word when the run stopped: it was killed (mpirun's own message names "
                     "the signal) or its node was lost. Finished chunks are saved: sgdbias resume continues "
                     "the run");
  }

  // A helper asked for chunks: the next pending ones, or none (it then stops asking).
  void answer(int helper, const std::vector<std::int64_t>& request) {
    if (request.size() != 2 || request[1] != chunk_count_) {
      throw RankFailed("rank " + std::to_string(helper) + " of " + std::to_string(size_),
                       "runs an ensemble of " + std::to_string(request.size() == 2 ? request[1] : -1) +
                           " chunks where rank 0 runs " + std::to_string(chunk_count_) +
                           ": all ranks must run the same sgdbias command with the same options");
    }
    std::vector<std::int64_t> chunks;
    {
      std::lock_guard lock(mutex_);
      while (static_cast<std::int64_t>(chunks.size()) < request[0]) {
        const std::optional<Index> chunk = next_locked();
        if (!chunk) break;
        chunks.push_back(*chunk);
      }
    }
    if (chunks.empty()) told_no_more_[static_cast<std::size_t>(helper)] = true;
    outstanding_ += static_cast<Index>(chunks.size());
    outbox_.send(helper, kAssign, encode_integers(chunks));
  }

  const int size_;
  const Index chunk_count_;
  std::mutex mutex_;  // pending_/next_/closed_/interrupting_: the root's workers take chunks too
  const std::vector<Index> pending_;
  std::size_t next_ = 0;
  bool closed_ = false, interrupting_ = false;
  std::vector<bool> told_no_more_, stopped_;  // per rank
  Index outstanding_ = 0;                     // dealt to helpers, not yet received
  std::chrono::steady_clock::time_point stop_deadline_;
  Outbox outbox_;
};

class HelperDeal final : public ChunkDeal {
 public:
  HelperDeal(Index chunk_count, int workers) : chunk_count_(chunk_count), at_hand_(std::max(workers, 1)) {}

  std::optional<Index> take() override {
    std::unique_lock lock(mutex_);
    dealt_.wait(lock, [&] { return !queue_.empty() || no_more_ || closed_ || stopping_; });
    if (closed_ || stopping_ || queue_.empty()) return std::nullopt;
    const Index chunk = queue_.front();
    queue_.pop_front();
    return chunk;
  }

  void put(Index chunk, std::string archive, bool stored) override {
    std::lock_guard lock(mutex_);
    finished_.push_back({chunk, std::move(archive), stored});
  }

  DealMail poll() override {
    send_finished();
    outbox_.progress();
    DealMail mail;
    std::unique_lock lock(mutex_);
    if (!no_more_ && !stopping_ && !closed_ && !asking_ && static_cast<int>(queue_.size()) < at_hand_) {
      outbox_.send(0, kRequest, encode_integers({at_hand_ - static_cast<std::int64_t>(queue_.size()), chunk_count_}));
      asking_ = true;
    }
    while (const std::optional<Envelope> envelope = probe(0, kAssign)) {
      const std::vector<std::int64_t> chunks = decode_integers(receive(*envelope));
      asking_ = false;
      if (chunks.empty()) no_more_ = true;
      queue_.insert(queue_.end(), chunks.begin(), chunks.end());
      dealt_.notify_all();
    }
    if (const std::optional<Envelope> envelope = probe(0, kStop)) {
      receive(*envelope);
      mail.stop = true;
    }
    return mail;
  }

  bool settled() const override {
    std::lock_guard lock(mutex_);
    if (!finished_.empty() || !outbox_.empty()) return false;
    return stopping_ ? true : no_more_ && queue_.empty();
  }

  void interrupt() override {
    send_finished();  // before "stopped": the root receives them first and keeps them
    outbox_.send(0, kStopped, {});
    std::lock_guard lock(mutex_);
    stopping_ = true;
    dealt_.notify_all();
  }

  void close() override {
    std::lock_guard lock(mutex_);
    closed_ = true;
    dealt_.notify_all();
  }

  std::string share(std::string) override {
    while (true) {
      if (const std::optional<Envelope> envelope = probe(0, kResults)) {
        const Bytes bytes = receive(*envelope);
        return std::string(bytes.begin(), bytes.end());
      }
      std::this_thread::sleep_for(kPollInterval);  // the root merges; do not spin on its core
    }
  }

  std::chrono::milliseconds poll_interval() const override { return kPollInterval; }

 private:
  void send_finished() {
    std::deque<ReceivedChunk> finished;
    {
      std::lock_guard lock(mutex_);
      finished.swap(finished_);
    }
    for (const ReceivedChunk& chunk : finished) outbox_.send(0, kChunk, encode_chunk(chunk));
  }

  const Index chunk_count_;
  const int at_hand_;
  mutable std::mutex mutex_;
  std::condition_variable dealt_;
  std::deque<Index> queue_;             // dealt, not yet taken by a worker
  std::deque<ReceivedChunk> finished_;  // from put(), not yet sent
  bool asking_ = false, no_more_ = false, stopping_ = false, closed_ = false;
  Outbox outbox_;
};

}  // namespace

std::unique_ptr<ChunkDeal> MpiChunkDealer::deal(Index chunk_count, std::vector<Index> pending, int workers) {
  if (rank_ == 0) return std::make_unique<RootDeal>(size_, chunk_count, std::move(pending));
  return std::make_unique<HelperDeal>(chunk_count, workers);
}

std::string describe_rank(int rank, int size) {
  char host[MPI_MAX_PROCESSOR_NAME] = {};
  int length = 0;
  MPI_Get_processor_name(host, &length);
  return "rank " + std::to_string(rank) + " of " + std::to_string(size) + " (" + std::string(host, length) + ")";
}

}  // namespace sgdbias::cluster::mpi
