// DlnConvention: the κ₀ table of dln.md §3.3 and its guards.
#include <cmath>
#include <numbers>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "problems/diagonal_linear_network/dln_convention.hpp"

namespace sgdbias::problems {
namespace {

constexpr Index kFeatures = 3;

TEST(DlnConvention, NamedConventionsGiveTheScalesOfTheSpecTable) {
  const double alpha = 0.1;
  const double a2 = alpha * alpha;
  struct Row {
    DlnConvention convention;
    DlnParametrisation parametrisation;
    double u0, v0, loss_scale, kappa0;
  };
  const Row rows[] = {
      {DlnConvention::ppf(alpha), DlnParametrisation::kSquareDifference, alpha, alpha, 0.25, 2 * a2},
      {DlnConvention::product_equivalent_to_ppf(alpha), DlnParametrisation::kProduct, 2 * alpha, 0, 0.5, 2 * a2},
      {DlnConvention::epgf(alpha), DlnParametrisation::kProduct, std::numbers::sqrt2 * alpha, 0, 0.5, a2},
      {DlnConvention::slides_literal(alpha), DlnParametrisation::kProduct, alpha, 0, 0.5, a2 / 2},
  };
  for (const Row& row : rows) {
    SCOPED_TRACE(row.convention.name());
    EXPECT_EQ(row.convention.parametrisation(), row.parametrisation);
    EXPECT_EQ(row.convention.loss_scale(), row.loss_scale);
    EXPECT_EQ(row.convention.initial_u(kFeatures), Vector::Constant(kFeatures, row.u0));
    EXPECT_EQ(row.convention.initial_v(kFeatures), Vector::Constant(kFeatures, row.v0));
    for (Index j = 0; j < kFeatures; ++j) {
      EXPECT_NEAR(row.convention.initial_scale(kFeatures)[j], row.kappa0, 1e-15 * row.kappa0);
      EXPECT_NEAR(row.convention.log_initial_scale(kFeatures)[j], std::log(row.kappa0), 1e-14);
      EXPECT_NEAR(row.convention.equivalent_ppf_alpha(kFeatures)[j], std::sqrt(row.kappa0 / 2), 1e-15);
    }
  }
}

TEST(DlnConvention, SlidesLiteralIsPpfAtHalfTheScaleNotPpfAtAlpha) {
  // dln.md §3.3: u₀ = α, v₀ = 0 with β = u⊙v gives φ_{α/2}.
  const Vector literal = DlnConvention::slides_literal(0.2).initial_scale(1);
  EXPECT_NEAR(literal[0], DlnConvention::ppf(0.1).initial_scale(1)[0], 1e-16);
  EXPECT_NEAR(literal[0] / DlnConvention::ppf(0.2).initial_scale(1)[0], 0.25, 1e-15);
}

TEST(DlnConvention, VectorAlphaIsPerCoordinate) {
  const Vector alpha = (Vector(3) << 0.1, 1.0, 1e-3).finished();
  const DlnConvention convention = DlnConvention::epgf(alpha);
  EXPECT_TRUE(convention.initial_scale(3).isApprox(alpha.cwiseAbs2(), 1e-14));
  Vector expected_state(6);
  expected_state << std::numbers::sqrt2 * alpha, Vector::Zero(3);
  EXPECT_EQ(convention.initial_state(3), expected_state);
  EXPECT_THROW((void)convention.initial_state(4), InvalidArgument);
}

TEST(DlnConvention, LogScaleDoesNotUnderflowForTinyAlpha) {
  // α = 1e-200: κ₀ = 2e-400 underflows, ln κ₀ = ln 2 + 2 ln α must not.
  const double alpha = 1e-200;
  const Vector log_scale = DlnConvention::ppf(alpha).log_initial_scale(2);
  EXPECT_NEAR(log_scale[0], std::numbers::ln2 + 2 * std::log(alpha), 1e-12);
  const Vector product = DlnConvention::product_equivalent_to_ppf(alpha).log_initial_scale(2);
  EXPECT_NEAR(product[0], log_scale[0], 1e-12);
}

TEST(DlnConvention, CustomScaleFollowsTheParametrisationFormula) {
  const Vector u = (Vector(2) << 0.3, -0.2).finished();
  const Vector v = (Vector(2) << 0.1, 0.5).finished();
  const Vector sq = DlnConvention::custom(DlnParametrisation::kSquareDifference, u, v, 0.25).initial_scale(2);
  EXPECT_NEAR(sq[0], 2 * 0.3 * 0.1, 1e-15);
  EXPECT_NEAR(sq[1], 2 * 0.2 * 0.5, 1e-15);  // |2uv|
  const Vector prod = DlnConvention::custom(DlnParametrisation::kProduct, u, v, 0.5).initial_scale(2);
  EXPECT_NEAR(prod[0], (0.09 - 0.01) / 2, 1e-15);
  EXPECT_NEAR(prod[1], std::abs(0.04 - 0.25) / 2, 1e-15);
}

TEST(DlnConvention, RejectsNonPositiveOrNonFiniteAlphaAndBadLossScale) {
  EXPECT_THROW(DlnConvention::ppf(0.0), InvalidArgument);
  EXPECT_THROW(DlnConvention::epgf(-0.1), InvalidArgument);
  EXPECT_THROW(DlnConvention::slides_literal(std::nan("")), InvalidArgument);
  EXPECT_THROW(DlnConvention::ppf(Vector()), InvalidArgument);
  EXPECT_THROW(DlnConvention::custom(DlnParametrisation::kProduct, Vector::Ones(2), Vector::Zero(2), 0.0),
               InvalidArgument);
  EXPECT_THROW(DlnConvention::custom(DlnParametrisation::kProduct, Vector::Ones(2), Vector::Zero(3), 0.5),
               InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::problems
