#pragma once
// QuantileSketch: streaming, mergeable and deterministic quantiles.
//
// Exact while at most `capacity` values were added (all values kept at level 0). Beyond that
// it is a deterministic compactor hierarchy (Munro–Paterson / Manku–Rajagopalan–Lindsay, the
// non-randomised ancestor of KLL): level ℓ holds values of weight 2^ℓ; when a level exceeds
// `capacity` it is sorted and every other value (offset alternating 0, 1, 0, ... per level, so
// the rank errors of successive compactions cancel on average) moves up one level.
// Guarantee: a compaction at level ℓ moves any rank by at most 2^ℓ and level ℓ is compacted at
// most n / (capacity·2^ℓ) times, so the rank error of `quantile` is at most
// (n / capacity) · levels, with levels ≤ 1 + log2(n / capacity). For capacity 1024 and
// n = 10^5 that is ≤ 0.7 % of n. No randomness: same adds and merges in the same order give the
// same bits, which the ensemble engine guarantees for any thread count.
//
// `quantile(q)` is the inverse empirical CDF (Hyndman–Fan type 1): the smallest stored value x
// whose cumulative weight reaches q·n.
#include <cstdint>
#include <vector>

namespace sgdbias {

class QuantileSketch {
 public:
  static constexpr std::int64_t kDefaultCapacity = 1024;

  explicit QuantileSketch(std::int64_t capacity = kDefaultCapacity);

  void add(double value);
  void merge(const QuantileSketch& other);

  std::int64_t count() const { return count_; }
  std::int64_t capacity() const { return capacity_; }
  bool is_exact() const { return levels_.size() <= 1; }
  // q ∈ [0, 1]; NaN when empty.
  double quantile(double q) const;
  // Worst-case rank error of quantile() in units of values (0 while exact).
  std::int64_t rank_error_bound() const;

  // Raw state, for bit-exact persistence (monte_carlo/chunk_store.hpp).
  const std::vector<std::vector<double>>& levels() const { return levels_; }
  const std::vector<std::uint8_t>& parities() const { return parities_; }
  static QuantileSketch from_state(std::int64_t capacity, std::int64_t count,
                                   std::vector<std::vector<double>> levels,
                                   std::vector<std::uint8_t> parities);

 private:
  void compact_from(std::size_t level);

  std::int64_t capacity_;
  std::int64_t count_ = 0;
  std::vector<std::vector<double>> levels_;
  std::vector<std::uint8_t> parities_;  // next keep-offset of each level
};

}  // namespace sgdbias
