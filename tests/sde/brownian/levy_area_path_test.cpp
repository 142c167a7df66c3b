// Exact properties of the Lévy areas on a Brownian path (sde/brownian/levy_area.hpp): antisymmetric,
// coarse levels are Chen's composition of the fine ones (sde.md §3.2 item 1), and the streaming
// source draws the finest level bit for bit (areas included).
#include <cmath>

#include <gtest/gtest.h>

#include "sde/brownian/brownian_increments.hpp"
#include "sde/brownian/dyadic_brownian_path.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::sde {
namespace {

constexpr Index kNoise = 3;
constexpr int kFinest = 6;

DyadicBrownianPath path_with_areas(std::uint64_t trajectory, LevyAreas areas = LevyAreas::kOn) {
  DyadicBrownianPath path(kNoise, 1.0, kFinest, TimeIntegrals::kOn, areas);
  RandomStream stream(testing::test_seed(), trajectory, Purpose::kBrownian);
  path.sample(stream);
  return path;
}

TEST(LevyAreaPath, AreasAreAntisymmetricAndCoarseLevelsFollowChensRelation) {
  // Over a coarse step made of fine steps j with partial sums S_j = Σ_{i<j} ΔW_i:
  //   A_c = Σ_j A_j + ½ Σ_j (S_j ΔW_jᵀ − ΔW_j S_jᵀ)   (the closed form of the pairwise rule).
  SGDBIAS_TRACE_SEED();
  const DyadicBrownianPath path = path_with_areas(0);
  const Matrix& fine_dw = path.increments(kFinest);
  const Matrix& fine_area = path.levy_areas(kFinest);
  for (int level = 0; level <= kFinest; ++level) {
    const Index block = Index{1} << (kFinest - level);
    for (Index k = 0; k < path.levy_areas(level).cols(); ++k) {
      const Matrix area = path.levy_areas(level).col(k).reshaped(kNoise, kNoise);
      EXPECT_EQ(area, -area.transpose()) << "level " << level;
      Matrix expected = Matrix::Zero(kNoise, kNoise);
      Vector partial = Vector::Zero(kNoise);
      for (Index j = k * block; j < (k + 1) * block; ++j) {
        const Vector dw = fine_dw.col(j);
        expected += fine_area.col(j).reshaped(kNoise, kNoise);
        expected += 0.5 * (partial * dw.transpose() - dw * partial.transpose());
        partial += dw;
      }
      EXPECT_LE((area - expected).cwiseAbs().maxCoeff(), 1e-14) << "level " << level << ", step " << k;
    }
  }
  EXPECT_EQ(path.total_levy_area(), path.levy_areas(0).col(0));
}

TEST(LevyAreaPath, StreamingSourceDrawsTheFinestLevelBitForBit) {
  SGDBIAS_TRACE_SEED();
  const DyadicBrownianPath path = path_with_areas(1);
  const DyadicBrownianPath without = path_with_areas(1, LevyAreas::kOff);
  BrownianIncrements streaming(kNoise, RandomStream(testing::test_seed(), 1, Purpose::kBrownian), TimeIntegrals::kOn,
                               LevyAreas::kOn);
  EXPECT_TRUE(streaming.provides_levy_area());
  const double h = 1.0 / static_cast<double>(Index{1} << kFinest);
  for (Index k = 0; k < (Index{1} << kFinest); ++k) {
    const BrownianIncrement increment = streaming.increment(k, h);
    ASSERT_EQ(increment.dw, path.increments(kFinest).col(k));
    ASSERT_EQ(increment.time_integral, path.time_integrals(kFinest).col(k));
    ASSERT_EQ(increment.levy_area, path.levy_areas(kFinest).col(k)) << "step " << k;
  }
  EXPECT_TRUE(path.level(3).provides_levy_area());
  EXPECT_EQ(without.level(3).increment(0, 0.125).levy_area.size(), 0);
}

TEST(LevyAreaPath, OneNoiseComponentHasNoArea) {
  DyadicBrownianPath path(1, 1.0, 3, TimeIntegrals::kOff, LevyAreas::kOn);
  RandomStream stream(1, 0, Purpose::kBrownian);
  path.sample(stream);
  EXPECT_EQ(path.levy_areas(3), Matrix::Zero(1, 8));
}

}  // namespace
}  // namespace sgdbias::sde
