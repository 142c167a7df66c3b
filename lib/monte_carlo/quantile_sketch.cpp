#include "lib/monte_carlo/quantile_sketch.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "lib/core/errors.hpp"

namespace sgdbias {

QuantileSketch::QuantileSketch(std::int64_t capacity) : capacity_(capacity) {
  require(capacity >= 2 && capacity % 2 == 0, "QuantileSketch", "capacity ", capacity,
          " must be an even number ≥ 2");
}

void QuantileSketch::add(double value) {
  if (levels_.empty()) {
    levels_.emplace_back();
    parities_.push_back(0);
  }
  levels_[0].push_back(value);
  ++count_;
  if (static_cast<std::int64_t>(levels_[0].size()) > capacity_) compact_from(0);
}

void QuantileSketch::merge(const QuantileSketch& other) {
  require(other.capacity_ == capacity_, "QuantileSketch::merge", "capacities differ (",
          capacity_, " vs ", other.capacity_, ")");
  if (levels_.size() < other.levels_.size()) {
    levels_.resize(other.levels_.size());
    parities_.resize(other.levels_.size(), 0);
  }
  for (std::size_t level = 0; level < other.levels_.size(); ++level) {
    levels_[level].insert(levels_[level].end(), other.levels_[level].begin(),
                          other.levels_[level].end());
  }
  count_ += other.count_;
  compact_from(0);
}

// Compacts every level from `level` upwards that holds more than `capacity_` values.
void QuantileSketch::compact_from(std::size_t level) {
  for (; level < levels_.size(); ++level) {
    std::vector<double>& values = levels_[level];
    if (static_cast<std::int64_t>(values.size()) <= capacity_) continue;
    std::sort(values.begin(), values.end());
    // An odd value out (the largest) stays at this level, so weights stay exact.
    const std::size_t pairs = values.size() / 2;
    std::vector<double> promoted;
    promoted.reserve(pairs);
    const std::size_t offset = parities_[level];
    for (std::size_t pair = 0; pair < pairs; ++pair) promoted.push_back(values[2 * pair + offset]);
    parities_[level] ^= 1;
    if (values.size() % 2 == 1) {
      values.front() = values.back();
      values.resize(1);
    } else {
      values.clear();
    }
    if (level + 1 == levels_.size()) {
      levels_.emplace_back();
      parities_.push_back(0);
    }
    std::vector<double>& above = levels_[level + 1];
    above.insert(above.end(), promoted.begin(), promoted.end());
  }
}

double QuantileSketch::quantile(double q) const {
  require(q >= 0 && q <= 1, "QuantileSketch::quantile", "q = ", q, " must lie in [0, 1]");
  if (count_ == 0) return std::numeric_limits<double>::quiet_NaN();
  std::vector<std::pair<double, std::int64_t>> weighted;
  for (std::size_t level = 0; level < levels_.size(); ++level) {
    for (double value : levels_[level]) weighted.emplace_back(value, std::int64_t{1} << level);
  }
  std::sort(weighted.begin(), weighted.end());
  const double target = std::max(1.0, std::ceil(q * static_cast<double>(count_)));
  std::int64_t cumulative = 0;
  for (const auto& [value, weight] : weighted) {
    cumulative += weight;
    if (static_cast<double>(cumulative) >= target) return value;
  }
  return weighted.back().first;
}

std::int64_t QuantileSketch::rank_error_bound() const {
  if (is_exact()) return 0;
  const std::int64_t levels = static_cast<std::int64_t>(levels_.size()) - 1;
  return (count_ / capacity_ + 1) * levels;
}

QuantileSketch QuantileSketch::from_state(std::int64_t capacity, std::int64_t count,
                                          std::vector<std::vector<double>> levels,
                                          std::vector<std::uint8_t> parities) {
  require(levels.size() == parities.size(), "QuantileSketch::from_state",
          "levels and parities differ in length");
  QuantileSketch sketch(capacity);
  sketch.count_ = count;
  sketch.levels_ = std::move(levels);
  sketch.parities_ = std::move(parities);
  return sketch;
}

}  // namespace sgdbias
