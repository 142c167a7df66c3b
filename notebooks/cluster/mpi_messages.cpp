#include "notebooks/cluster/mpi_messages.hpp"

#include <cstring>
#include <limits>
#include <stdexcept>

namespace sgdbias::cluster::mpi {

Bytes encode_integers(const std::vector<std::int64_t>& values) {
  Bytes bytes(values.size() * sizeof(std::int64_t));
  if (!values.empty()) std::memcpy(bytes.data(), values.data(), bytes.size());
  return bytes;
}

std::vector<std::int64_t> decode_integers(const Bytes& bytes) {
  std::vector<std::int64_t> values(bytes.size() / sizeof(std::int64_t));
  if (!values.empty()) std::memcpy(values.data(), bytes.data(), values.size() * sizeof(std::int64_t));
  return values;
}

Bytes encode_chunk(const ReceivedChunk& chunk) {
  Bytes bytes = encode_integers({chunk.chunk, chunk.stored ? 1 : 0});
  bytes.insert(bytes.end(), chunk.archive.begin(), chunk.archive.end());
  return bytes;
}

ReceivedChunk decode_chunk(const Bytes& bytes) {
  constexpr std::size_t header = 2 * sizeof(std::int64_t);
  if (bytes.size() < header) throw std::runtime_error("MPI: a chunk message without its index");
  const std::vector<std::int64_t> fields = decode_integers(Bytes(bytes.begin(), bytes.begin() + header));
  return {static_cast<Index>(fields[0]), std::string(bytes.begin() + header, bytes.end()), fields[1] != 0};
}

RankFailed failure_of(const Bytes& message) {
  const std::string text(message.begin(), message.end());
  const std::size_t newline = text.find('\n');
  return RankFailed(text.substr(0, newline), newline == std::string::npos ? "" : text.substr(newline + 1));
}

std::optional<Envelope> probe(int source, int tag) {
  int arrived = 0;
  MPI_Status status;
  MPI_Iprobe(source, tag, MPI_COMM_WORLD, &arrived, &status);
  if (arrived == 0) return std::nullopt;
  return Envelope{status.MPI_SOURCE, status.MPI_TAG};
}

Bytes receive(const Envelope& envelope) {
  MPI_Status status;
  MPI_Probe(envelope.source, envelope.tag, MPI_COMM_WORLD, &status);
  int count = 0;
  MPI_Get_count(&status, MPI_BYTE, &count);
  Bytes bytes(static_cast<std::size_t>(count));
  MPI_Recv(bytes.data(), count, MPI_BYTE, envelope.source, envelope.tag, MPI_COMM_WORLD, MPI_STATUS_IGNORE);
  return bytes;
}

void Outbox::send(int destination, Tag tag, Bytes bytes) {
  if (bytes.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    throw std::runtime_error("MPI: a message of " + std::to_string(bytes.size()) +
                             " bytes exceeds MPI's int count; use smaller chunks");
  }
  Pending& pending = pending_.emplace_back(Pending{std::move(bytes), MPI_REQUEST_NULL});
  MPI_Isend(pending.bytes.data(), static_cast<int>(pending.bytes.size()), MPI_BYTE, destination, tag,
            MPI_COMM_WORLD, &pending.request);
}

void Outbox::progress() {
  for (auto it = pending_.begin(); it != pending_.end();) {
    int done = 0;
    MPI_Test(&it->request, &done, MPI_STATUS_IGNORE);
    it = done != 0 ? pending_.erase(it) : std::next(it);
  }
}

}  // namespace sgdbias::cluster::mpi
