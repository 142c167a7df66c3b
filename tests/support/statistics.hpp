#pragma once
// Small statistics used by tests to turn Monte Carlo output into confidence statements.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <vector>

namespace sgdbias::testing {

// Standard normal CDF Φ.
inline double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// Sample moments of `values`: mean, variance (unbiased), skewness, excess kurtosis.
struct SampleMoments {
  double mean = 0, variance = 0, skewness = 0, excess_kurtosis = 0;
};
inline SampleMoments sample_moments(const std::vector<double>& values) {
  const double n = static_cast<double>(values.size());
  SampleMoments m;
  m.mean = std::accumulate(values.begin(), values.end(), 0.0) / n;
  double m2 = 0, m3 = 0, m4 = 0;
  for (double v : values) {
    const double d = v - m.mean;
    m2 += d * d;
    m3 += d * d * d;
    m4 += d * d * d * d;
  }
  m2 /= n;
  m3 /= n;
  m4 /= n;
  m.variance = m2 * n / (n - 1);
  m.skewness = m3 / std::pow(m2, 1.5);
  m.excess_kurtosis = m4 / (m2 * m2) - 3.0;
  return m;
}

// Kolmogorov–Smirnov statistic D_N = sup |F_N − F| of `values` (sorted in place) against `cdf`.
template <class Cdf>
double kolmogorov_smirnov_statistic(std::vector<double>& values, Cdf cdf) {
  std::sort(values.begin(), values.end());
  const double n = static_cast<double>(values.size());
  double statistic = 0;
  for (std::size_t i = 0; i < values.size(); ++i) {
    const double f = cdf(values[i]);
    statistic = std::max({statistic, f - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f});
  }
  return statistic;
}

// Asymptotic KS critical value at level `alpha`: √(−ln(α/2)/2)/√N.
inline double kolmogorov_smirnov_critical_value(double alpha, std::size_t n) {
  return std::sqrt(-0.5 * std::log(alpha / 2.0)) / std::sqrt(static_cast<double>(n));
}

// Pearson correlation of two equally long samples.
inline double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const double n = static_cast<double>(a.size());
  const double mean_a = std::accumulate(a.begin(), a.end(), 0.0) / n;
  const double mean_b = std::accumulate(b.begin(), b.end(), 0.0) / n;
  double ab = 0, aa = 0, bb = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    ab += (a[i] - mean_a) * (b[i] - mean_b);
    aa += (a[i] - mean_a) * (a[i] - mean_a);
    bb += (b[i] - mean_b) * (b[i] - mean_b);
  }
  return ab / std::sqrt(aa * bb);
}

// Half-width of a `z`-sigma interval for a Binomial(n, p) count.
inline double binomial_tolerance(double n, double p, double z) { return z * std::sqrt(n * p * (1 - p)); }

}  // namespace sgdbias::testing
