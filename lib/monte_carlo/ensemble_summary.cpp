#include "lib/monte_carlo/ensemble_summary.hpp"

#include <cmath>

#include "lib/core/errors.hpp"

namespace sgdbias {
namespace {

void save_moments(io::ArchiveWriter& writer, const RunningMoments& moments) {
  writer.write_integer(moments.count());
  writer.write_double(moments.count() > 0 ? moments.mean() : 0.0);
  writer.write_double(moments.sum_of_squared_deviations());
  writer.write_double(moments.minimum());
  writer.write_double(moments.maximum());
}

RunningMoments load_moments(io::ArchiveReader& reader) {
  const std::int64_t count = reader.read_integer();
  const double mean = reader.read_double();
  const double second_moment = reader.read_double();
  const double minimum = reader.read_double();
  const double maximum = reader.read_double();
  return RunningMoments::from_state(count, mean, second_moment, minimum, maximum);
}

void save_sketch(io::ArchiveWriter& writer, const QuantileSketch& sketch) {
  writer.write_integer(sketch.count());
  writer.write_integer(static_cast<std::int64_t>(sketch.levels().size()));
  for (std::size_t level = 0; level < sketch.levels().size(); ++level) {
    writer.write_integer(sketch.parities()[level]);
    writer.write_doubles(sketch.levels()[level]);
  }
}

QuantileSketch load_sketch(io::ArchiveReader& reader, std::int64_t capacity) {
  const std::int64_t count = reader.read_integer();
  const std::int64_t level_count = reader.read_integer();
  std::vector<std::vector<double>> levels;
  std::vector<std::uint8_t> parities;
  for (std::int64_t level = 0; level < level_count; ++level) {
    parities.push_back(static_cast<std::uint8_t>(reader.read_integer()));
    levels.push_back(reader.read_doubles());
  }
  return QuantileSketch::from_state(capacity, count, std::move(levels), std::move(parities));
}

}  // namespace

EnsembleSummary::EnsembleSummary(const SummaryLayout& layout)
    : layout_(layout),
      moments_(static_cast<std::size_t>(layout.metrics)),
      quantiles_(static_cast<std::size_t>(layout.metrics), QuantileSketch(layout.quantile_capacity)),
      non_finite_(static_cast<std::size_t>(layout.metrics), 0),
      series_(static_cast<std::size_t>(layout.series_points * layout.series_metrics)) {
  require(layout.metrics >= 0 && layout.series_points >= 0 && layout.series_metrics >= 0,
          "EnsembleSummary", "layout sizes must be ≥ 0");
}

void EnsembleSummary::add(const TrajectorySample& sample) {
  require(static_cast<Index>(sample.metrics.size()) == layout_.metrics, "EnsembleSummary::add",
          "sample has ", sample.metrics.size(), " metrics, the layout ", layout_.metrics);
  require(sample.series.size() == series_.size(), "EnsembleSummary::add", "sample has ",
          sample.series.size(), " series values, the layout ", series_.size());
  for (std::size_t metric = 0; metric < moments_.size(); ++metric) {
    const double value = sample.metrics[metric];
    if (!std::isfinite(value)) {
      ++non_finite_[metric];
      continue;
    }
    moments_[metric].add(value);
    quantiles_[metric].add(value);
  }
  for (std::size_t index = 0; index < series_.size(); ++index) {
    if (std::isfinite(sample.series[index])) series_[index].add(sample.series[index]);
  }
  if (layout_.keep_records) records_.push_back(TrajectorySample{sample.trajectory, sample.metrics, {}});
}

void EnsembleSummary::merge(const EnsembleSummary& other) {
  require(other.moments_.size() == moments_.size() && other.series_.size() == series_.size(),
          "EnsembleSummary::merge", "layouts differ");
  for (std::size_t metric = 0; metric < moments_.size(); ++metric) {
    moments_[metric].merge(other.moments_[metric]);
    quantiles_[metric].merge(other.quantiles_[metric]);
    non_finite_[metric] += other.non_finite_[metric];
  }
  for (std::size_t index = 0; index < series_.size(); ++index) series_[index].merge(other.series_[index]);
  records_.insert(records_.end(), other.records_.begin(), other.records_.end());
}

void EnsembleSummary::save(io::ArchiveWriter& writer) const {
  writer.write_tag("ensemble-summary-v1");
  for (std::size_t metric = 0; metric < moments_.size(); ++metric) {
    save_moments(writer, moments_[metric]);
    save_sketch(writer, quantiles_[metric]);
    writer.write_integer(non_finite_[metric]);
  }
  for (const RunningMoments& moments : series_) save_moments(writer, moments);
  writer.write_integer(static_cast<std::int64_t>(records_.size()));
  for (const TrajectorySample& record : records_) {
    writer.write_integer(record.trajectory);
    writer.write_doubles(record.metrics);
  }
}

void EnsembleSummary::load(io::ArchiveReader& reader) {
  reader.expect_tag("ensemble-summary-v1");
  for (std::size_t metric = 0; metric < moments_.size(); ++metric) {
    moments_[metric] = load_moments(reader);
    quantiles_[metric] = load_sketch(reader, layout_.quantile_capacity);
    non_finite_[metric] = reader.read_integer();
  }
  for (RunningMoments& moments : series_) moments = load_moments(reader);
  records_.resize(static_cast<std::size_t>(reader.read_integer()));
  for (TrajectorySample& record : records_) {
    record.trajectory = reader.read_integer();
    record.metrics = reader.read_doubles();
  }
}

}  // namespace sgdbias
