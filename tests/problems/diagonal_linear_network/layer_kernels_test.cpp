// The multiversioned O(d) loops of the fused diagonal-network steps (layer_kernels.hpp) against
// plain scalar loops written here in the documented summation order: equal BIT FOR BIT, for d
// below, at and above the 8 partial sums and for both parametrisations. Whichever version the
// loader picked on this CPU (AVX-512, AVX2 or baseline) must give exactly these bits, which is the
// "same result on every CPU" promise of lib/core/multiversioned.hpp. Deterministic for a seed.
#include <cmath>
#include <limits>
#include <vector>

#include <gtest/gtest.h>

#include "lib/random/random_stream.hpp"
#include "problems/diagonal_linear_network/layer_kernels.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::problems {
namespace {

constexpr DlnParametrisation kBoth[] = {DlnParametrisation::kSquareDifference, DlnParametrisation::kProduct};
constexpr Index kSizes[] = {1, 7, 8, 9, 100, 1001};

Vector normals(Index size, std::uint64_t trajectory) {
  RandomStream stream(testing::test_seed(), trajectory, Purpose::kTest);
  Vector out(size);
  stream.fill_standard_normal(out);
  return out;
}

double beta_entry(DlnParametrisation parametrisation, double u, double v) {
  return parametrisation == DlnParametrisation::kSquareDifference ? u * u - v * v : u * v;
}

// The order stated in layer_kernels.hpp, one term at a time, each added with one rounding.
double reference_prediction(DlnParametrisation parametrisation, const Vector& x, const Vector& u, const Vector& v) {
  const Index d = x.size();
  const Index full = d - d % layer_kernels::kPredictionLanes;
  std::vector<double> partial(layer_kernels::kPredictionLanes, 0.0);
  for (Index j = 0; j < full; ++j) {
    double& sum = partial[j % layer_kernels::kPredictionLanes];
    sum = std::fma(x[j], beta_entry(parametrisation, u[j], v[j]), sum);
  }
  double rest = 0.0;
  for (Index j = full; j < d; ++j) rest = std::fma(x[j], beta_entry(parametrisation, u[j], v[j]), rest);
  double sum = 0.0;
  for (double p : partial) sum += p;
  return sum + rest;
}

TEST(LayerKernels, PredictionHasTheDocumentedRoundingBitForBit) {
  SGDBIAS_TRACE_SEED();
  for (DlnParametrisation parametrisation : kBoth) {
    for (Index d : kSizes) {
      const Vector x = normals(d, 1), u = normals(d, 2), v = normals(d, 3);
      const double kernel = layer_kernels::sample_prediction(parametrisation, x.data(), u.data(), v.data(), d);
      EXPECT_EQ(kernel, reference_prediction(parametrisation, x, u, v)) << "d = " << d;
      // And it is the inner product: a recursive sum of d terms, each with ≤ 3 roundings, is within
      // (d + 3)·ε·Σ|x_j β_j| of the exact value (Higham, Accuracy and Stability, §3.1).
      const Eigen::ArrayXd terms = x.array() * (parametrisation == DlnParametrisation::kProduct
                                                    ? (u.array() * v.array()).eval()
                                                    : (u.array().square() - v.array().square()).eval());
      const double bound = static_cast<double>(d + 3) * std::numeric_limits<double>::epsilon() * terms.abs().sum();
      EXPECT_NEAR(kernel, terms.sum(), 2.0 * bound) << "d = " << d;  // both sums are within `bound`
    }
  }
}

TEST(LayerKernels, UpdateIsTheChainRuleBitForBit) {
  SGDBIAS_TRACE_SEED();
  const double rate = 0.03;
  for (DlnParametrisation parametrisation : kBoth) {
    for (Index d : kSizes) {
      Vector u = normals(d, 4), v = normals(d, 5);
      const Vector s = normals(d, 6);
      Vector u_expected(d), v_expected(d);
      for (Index j = 0; j < d; ++j) {  // dln.md §3.1–§3.2, both factors from the old u, v, one rounding each
        const bool product = parametrisation == DlnParametrisation::kProduct;
        const double g = (product ? 1.0 : 2.0) * rate * s[j];
        u_expected[j] = std::fma(-g, product ? v[j] : u[j], u[j]);
        v_expected[j] = product ? std::fma(-g, u[j], v[j]) : std::fma(g, v[j], v[j]);
      }
      EXPECT_TRUE(layer_kernels::update_layers(parametrisation, u.data(), v.data(), s.data(), rate, 1e300, d));
      for (Index j = 0; j < d; ++j) {
        ASSERT_EQ(u[j], u_expected[j]) << "d = " << d << ", j = " << j;
        ASSERT_EQ(v[j], v_expected[j]) << "d = " << d << ", j = " << j;
      }
    }
  }
}

// The divergence test must see one bad entry anywhere, including in the non-vector tail.
TEST(LayerKernels, UpdateFlagsAnEntryAboveTheLimitOrNaNAtEveryPosition) {
  SGDBIAS_TRACE_SEED();
  const Index d = 19;
  const Vector s = Vector::Zero(d);  // rate·s = 0: the update keeps u, v, so only the test acts
  for (DlnParametrisation parametrisation : kBoth) {
    for (Index bad = 0; bad < d; ++bad) {
      for (double value : {2.0, std::numeric_limits<double>::quiet_NaN(), -std::numeric_limits<double>::infinity()}) {
        Vector u = Vector::Constant(d, 0.5), v = Vector::Constant(d, 0.5);
        (bad % 2 == 0 ? u : v)[bad] = value;
        EXPECT_FALSE(layer_kernels::update_layers(parametrisation, u.data(), v.data(), s.data(), 0.1, 1.0, d))
            << "entry " << bad << " = " << value;
      }
    }
    Vector u = Vector::Constant(d, 1.0), v = Vector::Constant(d, -1.0);  // |x| = limit is inside
    EXPECT_TRUE(layer_kernels::update_layers(parametrisation, u.data(), v.data(), s.data(), 0.1, 1.0, d));
  }
}

// The fused batch-1 step: update_layers, then sample_prediction of the next row on the new layers,
// in one pass; it must give exactly the bits of the two calls in turn.
TEST(LayerKernels, UpdateAndPredictIsTheTwoCallsInTurnBitForBit) {
  SGDBIAS_TRACE_SEED();
  const double rate = 0.03;
  for (DlnParametrisation parametrisation : kBoth) {
    for (Index d : kSizes) {
      Vector u = normals(d, 7), v = normals(d, 8);
      const Vector s = normals(d, 9), next_row = normals(d, 10);
      Vector u_expected = u, v_expected = v;
      const bool within_expected =
          layer_kernels::update_layers(parametrisation, u_expected.data(), v_expected.data(), s.data(), rate, 1.5, d);
      const double prediction_expected =
          layer_kernels::sample_prediction(parametrisation, next_row.data(), u_expected.data(), v_expected.data(), d);
      double prediction = 0.0;
      const bool within = layer_kernels::update_layers_and_predict(parametrisation, u.data(), v.data(), s.data(), rate,
                                                                   1.5, d, next_row.data(), prediction);
      EXPECT_EQ(within, within_expected) << "d = " << d;
      EXPECT_EQ(prediction, prediction_expected) << "d = " << d;
      for (Index j = 0; j < d; ++j) {
        ASSERT_EQ(u[j], u_expected[j]) << "d = " << d << ", j = " << j;
        ASSERT_EQ(v[j], v_expected[j]) << "d = " << d << ", j = " << j;
      }
    }
  }
}

// The divergence test compares bit patterns (layer_kernels.cpp, ExcessTest); it must be
// |x| ≤ limit exactly, for every limit a caller may pass (zero of either sign, negative, NaN,
// the largest double, +∞, subnormal) and every kind of entry, in the vector body and in the tail.
TEST(LayerKernels, DivergenceTestIsAbsAtMostLimitForEveryLimitAndEntry) {
  constexpr double kInf = std::numeric_limits<double>::infinity(), kNaN = std::numeric_limits<double>::quiet_NaN();
  constexpr double kMax = std::numeric_limits<double>::max(), kTiny = std::numeric_limits<double>::denorm_min();
  const Index d = 19;  // 16 in the vector body, 3 in the tail
  const Vector s = Vector::Zero(d), next_row = Vector::Ones(d);
  for (DlnParametrisation parametrisation : kBoth) {
    for (double limit : {0.0, -0.0, 0.5, 1.0, -1.0, kNaN, kMax, kInf, kTiny, -kInf}) {
      for (double entry : {0.0, -0.0, 0.5, -0.5, 1.0, -1.0, 2.0, kMax, kInf, -kInf, kNaN, -kNaN, kTiny}) {
        for (Index position : {Index{0}, Index{9}, Index{17}}) {
          Vector u = Vector::Constant(d, 0.25), v = Vector::Constant(d, -0.25);
          u[position] = entry;
          Vector u_fused = u, v_fused = v;
          const bool within = layer_kernels::update_layers(parametrisation, u.data(), v.data(), s.data(), 0.0, limit, d);
          double prediction = 0.0;
          const bool within_fused = layer_kernels::update_layers_and_predict(
              parametrisation, u_fused.data(), v_fused.data(), s.data(), 0.0, limit, d, next_row.data(), prediction);
          bool expected = true;  // on the new layers (0·∞ = NaN may have spread the entry to v)
          for (Index j = 0; j < d; ++j) expected = expected && std::abs(u[j]) <= limit && std::abs(v[j]) <= limit;
          EXPECT_EQ(within, expected) << "limit " << limit << ", entry " << entry << " at " << position;
          EXPECT_EQ(within_fused, expected) << "limit " << limit << ", entry " << entry << " at " << position;
        }
      }
    }
  }
}

}  // namespace
}  // namespace sgdbias::problems
