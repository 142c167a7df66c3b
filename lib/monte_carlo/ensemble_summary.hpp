#pragma once
// EnsembleSummary: the standard reducer of run_ensemble. Each trajectory yields a
// TrajectorySample (scalar metrics, optionally a time series saved at a stride); the summary keeps
// per-metric RunningMoments and QuantileSketch, per-(save point, series metric) RunningMoments,
// and, when asked, every trajectory's metrics (records). Memory is independent of the number of
// trajectories unless records are kept.
//
// Non-finite metric values (a method that diverged, a quantity that does not apply) are not fed
// to the moments or quantiles; they are counted per metric (`non_finite`), so a table can say
// "3 of 100 trajectories diverged" instead of printing NaN.
#include <cstdint>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "lib/io/archive.hpp"
#include "lib/monte_carlo/quantile_sketch.hpp"
#include "lib/monte_carlo/running_moments.hpp"

namespace sgdbias {

struct TrajectorySample {
  Index trajectory = 0;
  std::vector<double> metrics;  // one value per metric
  std::vector<double> series;   // series_points × series_metrics, time-major
};

struct SummaryLayout {
  Index metrics = 1;
  Index series_points = 0;
  Index series_metrics = 0;
  bool keep_records = false;
  std::int64_t quantile_capacity = QuantileSketch::kDefaultCapacity;
};

class EnsembleSummary {
 public:
  explicit EnsembleSummary(const SummaryLayout& layout);

  void add(const TrajectorySample& sample);
  void merge(const EnsembleSummary& other);

  const SummaryLayout& layout() const { return layout_; }
  const RunningMoments& moments(Index metric) const { return moments_.at(static_cast<std::size_t>(metric)); }
  const QuantileSketch& quantiles(Index metric) const { return quantiles_.at(static_cast<std::size_t>(metric)); }
  std::int64_t non_finite(Index metric) const { return non_finite_.at(static_cast<std::size_t>(metric)); }
  const RunningMoments& series(Index point, Index metric) const {
    return series_.at(static_cast<std::size_t>(point * layout_.series_metrics + metric));
  }
  // In trajectory order (chunks are merged in order).
  const std::vector<TrajectorySample>& records() const { return records_; }

  void save(io::ArchiveWriter& writer) const;
  void load(io::ArchiveReader& reader);

 private:
  SummaryLayout layout_;
  std::vector<RunningMoments> moments_;
  std::vector<QuantileSketch> quantiles_;
  std::vector<std::int64_t> non_finite_;
  std::vector<RunningMoments> series_;
  std::vector<TrajectorySample> records_;
};

}  // namespace sgdbias
