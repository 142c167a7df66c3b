#include "lib/monte_carlo/chunk_dealer.hpp"

#include <stdexcept>

namespace sgdbias {

std::optional<Index> LocalChunkDeal::take() {
  if (closed_.load(std::memory_order_relaxed)) return std::nullopt;
  const std::size_t position = next_.fetch_add(1);  // one RMW per chunk, whichever thread asks
  if (position >= pending_.size()) return std::nullopt;
  return pending_[position];
}

void LocalChunkDeal::put(Index chunk, std::string /*archive*/, bool /*stored*/) {
  throw std::logic_error("LocalChunkDeal::put(" + std::to_string(chunk) +
                         "): a single process keeps its chunks; only helper processes send them");
}

}  // namespace sgdbias
