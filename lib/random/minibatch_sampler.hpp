#pragma once
// Minibatch index sampler for SGD on a finite sum of n samples.
//
//   kWithReplacement     each of the b indices uniform on {0..n−1}, independently
//                        (duplicates possible; inclusion probability 1 − (1 − 1/n)^b).
//   kWithoutReplacement  b distinct indices, a uniform b-subset each step (partial
//                        Fisher–Yates); inclusion probability b/n.
//   kEpochShuffling      random reshuffling: one uniform permutation per epoch, consumed in
//                        consecutive batches; every sample is used exactly once per epoch
//                        (when b divides n; otherwise the last short batch is skipped: the
//                        permutation restarts, keeping every batch of size b).
// Our own shuffle (std::shuffle's algorithm is unspecified, pcg-cpp's test makes the same
// point). next() returns a view into internal storage valid until the next call: no allocation.
#include <algorithm>
#include <cstdint>
#include <numeric>
#include <span>
#include <string_view>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias {

enum class BatchSampling { kWithReplacement, kWithoutReplacement, kEpochShuffling };

constexpr std::string_view to_string(BatchSampling sampling) {
  switch (sampling) {
    case BatchSampling::kWithReplacement: return "with-replacement";
    case BatchSampling::kWithoutReplacement: return "without-replacement";
    case BatchSampling::kEpochShuffling: return "epoch-shuffling";
  }
  return "unknown";
}

class MinibatchSampler {
 public:
  MinibatchSampler(Index num_samples, Index batch_size, BatchSampling sampling, RandomStream stream)
      : num_samples_(num_samples), batch_size_(batch_size), sampling_(sampling),
        // max(n, 1): for n < 1 the require below names the problem more clearly than BoundedIndex.
        stream_(std::move(stream)), sample_bound_(static_cast<std::uint64_t>(std::max<Index>(num_samples, 1))) {
    require(num_samples >= 1, "MinibatchSampler", "number of samples must be >= 1, got ", num_samples);
    require(batch_size >= 1 && batch_size <= num_samples, "MinibatchSampler", "batch size ", batch_size,
            " must be in [1, n = ", num_samples, "]");
    if (sampling_ == BatchSampling::kWithReplacement) {
      batch_.resize(static_cast<std::size_t>(batch_size));
    } else {
      permutation_.resize(static_cast<std::size_t>(num_samples));
      std::iota(permutation_.begin(), permutation_.end(), Index{0});
      position_ = num_samples;  // forces a shuffle on the first epoch-shuffling draw
    }
  }

  Index num_samples() const { return num_samples_; }
  Index batch_size() const { return batch_size_; }
  BatchSampling sampling() const { return sampling_; }

  std::span<const Index> next() {
    switch (sampling_) {
      case BatchSampling::kWithReplacement:
        for (Index& index : batch_) index = stream_.uniform_index(sample_bound_);
        return batch_;
      case BatchSampling::kWithoutReplacement:
        shuffle_prefix(batch_size_);  // a uniform b-subset in the first b slots
        return std::span<const Index>(permutation_.data(), static_cast<std::size_t>(batch_size_));
      case BatchSampling::kEpochShuffling:
        if (position_ + batch_size_ > num_samples_) {
          shuffle_prefix(num_samples_);
          position_ = 0;
        }
        position_ += batch_size_;
        return std::span<const Index>(permutation_.data() + (position_ - batch_size_),
                                      static_cast<std::size_t>(batch_size_));
    }
    return {};
  }

 private:
  // Fisher–Yates on the first `count` slots: slot i receives a uniform pick among slots i..n−1.
  void shuffle_prefix(Index count) {
    for (Index i = 0; i < count && i < num_samples_ - 1; ++i) {
      const Index j = i + stream_.uniform_index(num_samples_ - i);
      std::swap(permutation_[static_cast<std::size_t>(i)], permutation_[static_cast<std::size_t>(j)]);
    }
  }

  Index num_samples_;
  Index batch_size_;
  BatchSampling sampling_;
  RandomStream stream_;
  BoundedIndex sample_bound_;       // n, for the draws with replacement
  std::vector<Index> batch_;        // with replacement
  std::vector<Index> permutation_;  // without replacement / epoch shuffling
  Index position_ = 0;
};

}  // namespace sgdbias
