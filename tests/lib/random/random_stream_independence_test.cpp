// Independence of derived streams: neighbouring trajectory ids and purposes must give
// uncorrelated draws (raw consecutive pcg streams would not: imneme/pcg-cpp#49). With N draws the
// sample correlation of independent streams is ≈ N(0, 1/N): we allow 5/√N.
#include <cmath>
#include <vector>

#include <gtest/gtest.h>

#include "lib/random/random_stream.hpp"
#include "tests/support/statistics.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

constexpr std::size_t kDraws = 1'000'000;

std::vector<double> normals(std::uint64_t seed, std::uint64_t trajectory, Purpose purpose) {
  RandomStream stream(seed, trajectory, purpose);
  std::vector<double> v(kDraws);
  for (double& x : v) x = stream.standard_normal();
  return v;
}

std::vector<double> uniforms(std::uint64_t seed, std::uint64_t trajectory, Purpose purpose) {
  RandomStream stream(seed, trajectory, purpose);
  std::vector<double> v(kDraws);
  for (double& x : v) x = stream.uniform01();
  return v;
}

const double kBound = 5.0 / std::sqrt(static_cast<double>(kDraws));

TEST(RandomStreamIndependence, NeighbouringTrajectoriesAreUncorrelated) {
  SGDBIAS_TRACE_SEED();
  const auto seed = testing::test_seed();
  for (std::uint64_t trajectory : {0ULL, 1ULL, 1000ULL}) {
    EXPECT_LT(std::abs(testing::correlation(normals(seed, trajectory, Purpose::kBrownian),
                                            normals(seed, trajectory + 1, Purpose::kBrownian))),
              kBound)
        << "trajectories " << trajectory << ", " << trajectory + 1;
    EXPECT_LT(std::abs(testing::correlation(uniforms(seed, trajectory, Purpose::kMinibatch),
                                            uniforms(seed, trajectory + 1, Purpose::kMinibatch))),
              kBound);
  }
}

TEST(RandomStreamIndependence, NeighbouringSeedsAndPurposesAreUncorrelated) {
  SGDBIAS_TRACE_SEED();
  const auto seed = testing::test_seed();
  EXPECT_LT(std::abs(testing::correlation(normals(seed, 7, Purpose::kBrownian),
                                          normals(seed + 1, 7, Purpose::kBrownian))),
            kBound);
  EXPECT_LT(std::abs(testing::correlation(normals(seed, 7, Purpose::kMinibatch),
                                          normals(seed, 7, Purpose::kLabelNoise))),
            kBound);
}

TEST(RandomStreamIndependence, LaggedDrawsOfNeighbouringStreamsAreUncorrelated) {
  // Related pcg streams show up as correlation at a lag; check a few lags.
  SGDBIAS_TRACE_SEED();
  const auto a = uniforms(testing::test_seed(), 42, Purpose::kBrownian);
  const auto b = uniforms(testing::test_seed(), 43, Purpose::kBrownian);
  for (std::size_t lag : {1u, 2u, 64u}) {
    std::vector<double> shifted_a(a.begin() + static_cast<std::ptrdiff_t>(lag), a.end());
    std::vector<double> truncated_b(b.begin(), b.end() - static_cast<std::ptrdiff_t>(lag));
    EXPECT_LT(std::abs(testing::correlation(shifted_a, truncated_b)), kBound) << "lag " << lag;
  }
}

}  // namespace
}  // namespace sgdbias
