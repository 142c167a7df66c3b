#pragma once
// RunningMoments: count, mean, variance, standard error, min and max of a stream of values,
// without storing the values, and mergeable.
//
// `add` is Welford's update; `merge` is Chan, Golub & LeVeque's pairwise combination
// (δ = mean_b − mean_a; M2 = M2_a + M2_b + δ²·n_a·n_b/n). Both are exact in exact arithmetic;
// in floating point the result depends on the order of adds and merges, which is why the
// ensemble engine fixes that order (chunks reduced sequentially, merged in chunk order).
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>

namespace sgdbias {

class RunningMoments {
 public:
  void add(double value) {
    ++count_;
    const double delta = value - mean_;
    mean_ += delta / static_cast<double>(count_);
    second_moment_ += delta * (value - mean_);
    minimum_ = std::min(minimum_, value);
    maximum_ = std::max(maximum_, value);
  }

  void merge(const RunningMoments& other) {
    if (other.count_ == 0) return;
    if (count_ == 0) {
      *this = other;
      return;
    }
    const double n_a = static_cast<double>(count_), n_b = static_cast<double>(other.count_);
    const double n = n_a + n_b;
    const double delta = other.mean_ - mean_;
    mean_ += delta * (n_b / n);
    second_moment_ += other.second_moment_ + delta * delta * (n_a * n_b / n);
    count_ += other.count_;
    minimum_ = std::min(minimum_, other.minimum_);
    maximum_ = std::max(maximum_, other.maximum_);
  }

  std::int64_t count() const { return count_; }
  double mean() const { return count_ > 0 ? mean_ : std::numeric_limits<double>::quiet_NaN(); }
  // Unbiased sample variance (divides by count − 1); NaN below two values.
  double variance() const {
    return count_ > 1 ? second_moment_ / static_cast<double>(count_ - 1)
                      : std::numeric_limits<double>::quiet_NaN();
  }
  double standard_deviation() const { return std::sqrt(variance()); }
  // Standard error of the mean, sqrt(variance / count).
  double standard_error() const { return std::sqrt(variance() / static_cast<double>(count_)); }
  double minimum() const { return minimum_; }
  double maximum() const { return maximum_; }

  // Raw state, for bit-exact persistence of partial results (monte_carlo/chunk_store.hpp).
  double sum_of_squared_deviations() const { return second_moment_; }
  static RunningMoments from_state(std::int64_t count, double mean, double second_moment,
                                   double minimum, double maximum) {
    RunningMoments moments;
    moments.count_ = count;
    moments.mean_ = mean;
    moments.second_moment_ = second_moment;
    moments.minimum_ = minimum;
    moments.maximum_ = maximum;
    return moments;
  }

 private:
  std::int64_t count_ = 0;
  double mean_ = 0;
  double second_moment_ = 0;  // Σ (x − mean)²
  double minimum_ = std::numeric_limits<double>::infinity();
  double maximum_ = -std::numeric_limits<double>::infinity();
};

}  // namespace sgdbias
