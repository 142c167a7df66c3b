// Exact properties of the Brownian layer (sde.md §2.0, §3.2 item 1): the coarse levels of a
// DyadicBrownianPath are sums of the fine ones (ΔW) and the exact composition of the fine time
// integrals (I_(1,0)), the finest level is BrownianIncrements' stream bit for bit, a seed fixes the
// path, and bad arguments are InvalidArgument. Deterministic for a seed (bit-identical reruns).
#include <cmath>
#include <cstdint>
#include <string>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/brownian/dyadic_brownian_path.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::sde {
namespace {

constexpr Index kNoise = 3;
constexpr double kDuration = 1.7;  // not a power of two: the h_b of the composition is not exact in binary
constexpr int kFinest = 8;

DyadicBrownianPath sampled_path(std::uint64_t trajectory,
                                TimeIntegrals integrals = TimeIntegrals::kOn) {
  DyadicBrownianPath path(kNoise, kDuration, kFinest, integrals);
  RandomStream stream(testing::test_seed(), trajectory, Purpose::kBrownian);
  path.sample(stream);
  return path;
}

TEST(DyadicBrownianPath, CoarseIncrementsAreSumsOfFineIncrements) {
  SGDBIAS_TRACE_SEED();
  const DyadicBrownianPath path = sampled_path(0);
  const Matrix& fine = path.increments(kFinest);
  for (int level = 0; level < kFinest; ++level) {
    const Index block = Index{1} << (kFinest - level);
    const Matrix& coarse = path.increments(level);
    ASSERT_EQ(coarse.cols(), Index{1} << level);
    for (Index k = 0; k < coarse.cols(); ++k) {
      const Vector sum = fine.middleCols(k * block, block).rowwise().sum();
      // Pairwise vs sequential summation of ≤ 256 terms of size √h: round-off only.
      EXPECT_LE((coarse.col(k) - sum).cwiseAbs().maxCoeff(), 1e-13 * std::sqrt(kDuration))
          << "level " << level << ", step " << k;
    }
  }
  EXPECT_EQ(path.total_increment(), path.increments(0).col(0));
}

TEST(DyadicBrownianPath, CoarseTimeIntegralsFollowTheExactCompositionFormula) {
  // Over a coarse step [a, a + H] made of fine steps j (ends t_{j+1}):
  //   I10 = ∫_a^{a+H} (W_s − W_a) ds = Σ_j [ I10_j + ΔW_j · (a + H − t_{j+1}) ],
  // the closed form that the pairwise rule I10_c = I10_a + I10_b + ΔW_a·h_b applies recursively.
  SGDBIAS_TRACE_SEED();
  const DyadicBrownianPath path = sampled_path(1);
  const Matrix& fine_dw = path.increments(kFinest);
  const Matrix& fine_integral = path.time_integrals(kFinest);
  const double fine_step = kDuration / static_cast<double>(fine_dw.cols());
  for (int level = 0; level < kFinest; ++level) {
    const Index block = Index{1} << (kFinest - level);
    const Matrix& coarse = path.time_integrals(level);
    ASSERT_EQ(coarse.rows(), kNoise);
    for (Index k = 0; k < coarse.cols(); ++k) {
      Vector expected = Vector::Zero(kNoise);
      for (Index j = 0; j < block; ++j) {
        const double remaining = static_cast<double>(block - 1 - j) * fine_step;
        expected += fine_integral.col(k * block + j) + remaining * fine_dw.col(k * block + j);
      }
      const double scale = std::pow(kDuration / static_cast<double>(coarse.cols()), 1.5);
      EXPECT_LE((coarse.col(k) - expected).cwiseAbs().maxCoeff(), 1e-12 * scale)
          << "level " << level << ", step " << k;
    }
  }
}

TEST(DyadicBrownianPath, FinestLevelIsTheStreamingIncrementSequenceBitForBit) {
  SGDBIAS_TRACE_SEED();
  for (TimeIntegrals integrals : {TimeIntegrals::kOn, TimeIntegrals::kOff}) {
    const DyadicBrownianPath path = sampled_path(2, integrals);
    BrownianIncrements streaming(kNoise, RandomStream(testing::test_seed(), 2, Purpose::kBrownian), integrals);
    const DyadicBrownianPath::Level finest = path.level(kFinest);
    const double h = finest.time_step();
    EXPECT_EQ(finest.provides_time_integral(), integrals == TimeIntegrals::kOn);
    for (Index k = 0; k < finest.steps(); ++k) {
      const BrownianIncrement from_path = finest.increment(k, h);
      const BrownianIncrement from_stream = streaming.increment(k, h);
      ASSERT_EQ(from_path.dw, from_stream.dw) << "step " << k;
      ASSERT_EQ(from_path.time_integral.size(), integrals == TimeIntegrals::kOn ? kNoise : 0);
      ASSERT_EQ(from_path.time_integral, from_stream.time_integral) << "step " << k;
    }
  }
}

TEST(DyadicBrownianPath, SameSeedAndTrajectoryGiveTheSamePathBitForBit) {
  SGDBIAS_TRACE_SEED();
  const DyadicBrownianPath first = sampled_path(5);
  const DyadicBrownianPath again = sampled_path(5);
  const DyadicBrownianPath other = sampled_path(6);
  for (int level = 0; level <= kFinest; ++level) {
    EXPECT_EQ(first.increments(level), again.increments(level));
    EXPECT_EQ(first.time_integrals(level), again.time_integrals(level));
  }
  EXPECT_NE(first.increments(kFinest), other.increments(kFinest));
  // Resampling into the same object reproduces the path too (the storage is reused, not the draws).
  DyadicBrownianPath reused = sampled_path(6);
  RandomStream stream(testing::test_seed(), 5, Purpose::kBrownian);
  reused.sample(stream);
  EXPECT_EQ(reused.increments(kFinest), first.increments(kFinest));
  EXPECT_EQ(reused.time_integrals(0), first.time_integrals(0));
}

TEST(DyadicBrownianPath, RejectsBadArgumentsWithClearErrors) {
  EXPECT_THROW(DyadicBrownianPath(0, 1.0, 4), InvalidArgument);
  EXPECT_THROW(DyadicBrownianPath(1, 0.0, 4), InvalidArgument);
  EXPECT_THROW(DyadicBrownianPath(1, -1.0, 4), InvalidArgument);
  EXPECT_THROW(DyadicBrownianPath(1, std::nan(""), 4), InvalidArgument);
  EXPECT_THROW(DyadicBrownianPath(1, 1.0, -1), InvalidArgument);
  EXPECT_THROW(DyadicBrownianPath(1, 1.0, 25), InvalidArgument);
  EXPECT_THROW(BrownianIncrements(0, RandomStream(1, 0, Purpose::kBrownian)), InvalidArgument);
  const DyadicBrownianPath path = sampled_path(0);
  EXPECT_THROW(static_cast<void>(path.level(kFinest + 1)), InvalidArgument);
  EXPECT_THROW(static_cast<void>(path.level(-1)), InvalidArgument);
  // Asking a level for a step other than its own h would silently decouple the levels.
  const DyadicBrownianPath::Level level = path.level(3);
  try {
    static_cast<void>(level.increment(0, 2.0 * level.time_step()));
    ADD_FAILURE() << "a mismatched time step was accepted";
  } catch (const InvalidArgument& error) {
    EXPECT_NE(std::string(error.what()).find("does not match level 3"), std::string::npos) << error.what();
  }
}

}  // namespace
}  // namespace sgdbias::sde
