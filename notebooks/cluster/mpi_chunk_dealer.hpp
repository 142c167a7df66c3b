#pragma once
// The ChunkDealer of an MPI job (lib/monte_carlo/chunk_dealer.hpp). Dynamic dealing: the root
// hands out the pending chunks in ascending order, to its own threads and to the helpers that ask
// (each helper keeps as many chunks at hand as it has threads), so fast and slow ranks, or cheap
// and costly configurations, balance themselves. Per chunk, a helper sends one request (16 bytes)
// and the chunk's archive; the root answers with the indices (8 bytes each).
#include <memory>

#include "lib/monte_carlo/chunk_dealer.hpp"

namespace sgdbias::cluster::mpi {

class MpiChunkDealer final : public ChunkDealer {
 public:
  MpiChunkDealer(int rank, int size) : rank_(rank), size_(size) {}
  bool is_root() const override { return rank_ == 0; }
  std::unique_ptr<ChunkDeal> deal(Index chunk_count, std::vector<Index> pending, int workers) override;

 private:
  int rank_, size_;
};

// "rank R of N (host)" for messages; the host is the node's name (MPI_Get_processor_name).
std::string describe_rank(int rank, int size);

}  // namespace sgdbias::cluster::mpi
