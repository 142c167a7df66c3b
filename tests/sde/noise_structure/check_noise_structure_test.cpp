// Declared noise structures are checked, not trusted (issue 26 item 4; sde/check_noise_structure.hpp):
// a wrong claim is refused with a message naming it, true claims pass, with and without a
// hand-written derivative, and integrate() refuses a wrong shape in every build.
#include <cstdio>
#include <string>

#include <gtest/gtest.h>

#include "problems/reference_sdes/additive_noise_sdes.hpp"
#include "problems/reference_sdes/commuting_linear_noise_sde.hpp"
#include "problems/reference_sdes/diagonal_noise_sdes.hpp"
#include "problems/reference_sdes/geometric_brownian_motion.hpp"
#include "problems/reference_sdes/kubo_oscillator.hpp"
#include "problems/reference_sdes/ornstein_uhlenbeck.hpp"
#include "problems/reference_sdes/sinh_sde.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/check_noise_structure.hpp"
#include "sde/drift_and_noise_only.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/all.hpp"
#include "sde/interpretation.hpp"

namespace sgdbias::sde {
namespace {

// The same SDE with another (possibly false) structure claim.
template <class Sde, NoiseStructure kClaim>
struct Declared : Sde {
  static constexpr NoiseStructure kNoiseStructure = kClaim;
  explicit Declared(Sde sde = Sde()) : Sde(std::move(sde)) {}
};

// The message of check_noise_structure at a generic state (all components distinct, non-zero).
template <class Sde>
std::string refusal(const Sde& sde) {
  try {
    check_noise_structure(sde, 0.0, Vector::LinSpaced(sde.state_dimension(), 0.6, 1.1));
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

void expect_refused(const std::string& message, const std::string& claim, const std::string& finding) {
  ASSERT_FALSE(message.empty()) << "a false '" << claim << "' claim was accepted";
  std::printf("[refused] %s\n", message.c_str());
  EXPECT_NE(message.find("declares " + claim + " noise"), std::string::npos) << message;
  EXPECT_NE(message.find(finding), std::string::npos) << message;
}

TEST(NoiseStructureCheck, NonCommutativeNoiseDeclaredCommutativeIsRefused) {
  // TP-03c: L^1 g_2 = (0, 0.25 x2) ≠ L^2 g_1 = (0.25 x1, 0).
  using Claimed = Declared<problems::CrossCoupledNoiseSde, NoiseStructure::kCommutative>;
  expect_refused(refusal(Claimed()), "commutative", "L^j1 g_j2 != L^j2 g_j1");
  // Without apply_derivative the commutator comes from central differences.
  using NoDerivative = Declared<DriftAndNoiseOnly<problems::CrossCoupledNoiseSde>, NoiseStructure::kCommutative>;
  const NoDerivative no_derivative{DriftAndNoiseOnly(problems::CrossCoupledNoiseSde())};
  expect_refused(refusal(no_derivative), "commutative", "L^j1 g_j2 != L^j2 g_j1");
}

TEST(NoiseStructureCheck, NonDiagonalNoiseDeclaredDiagonalIsRefused) {
  // Diagonal shape, entries depending on the other component (TP-03c, StochasticDiffEq #261).
  expect_refused(refusal(Declared<problems::CrossCoupledNoiseSde, NoiseStructure::kDiagonal>()), "diagonal",
                 "depends on other components");
  // A full 2 × 2 noise matrix.
  expect_refused(refusal(Declared<problems::CommutingLinearNoiseSde, NoiseStructure::kDiagonal>()), "diagonal",
                 "off-diagonal entry");
}

TEST(NoiseStructureCheck, DiagonalClaimWithMDifferentFromDIsRefusedByEveryIntegration) {
  // Kubo: d = 2, m = 1. Refused by the shape check, which integrate() runs in every build.
  using Claimed = Declared<decltype(as_ito(problems::KuboOscillator())), NoiseStructure::kDiagonal>;
  const Claimed sde{as_ito(problems::KuboOscillator())};
  expect_refused(refusal(sde), "diagonal", "m = d");
  Sriw1 integrator(2, 1);
  BrownianIncrements brownian(1, RandomStream(1, 0, Purpose::kBrownian), TimeIntegrals::kOn);
  Vector x = Vector::Unit(2, 0);
  EXPECT_THROW(integrate(integrator, sde, x, TimeGrid{0.0, 1.0, 4}, brownian), InvalidArgument);
}

TEST(NoiseStructureCheck, MultiplicativeNoiseDeclaredAdditiveIsRefused) {
  using Claimed = Declared<problems::ItoGeometricBrownianMotion, NoiseStructure::kAdditive | NoiseStructure::kScalar>;
  expect_refused(refusal(Claimed()), "additive", "changes with x");
}

TEST(NoiseStructureCheck, TrueClaimsPass) {
  EXPECT_EQ(refusal(problems::ItoGeometricBrownianMotion()), "");
  EXPECT_EQ(refusal(problems::KuboOscillator()), "");
  EXPECT_EQ(refusal(problems::ItoSinhSde()), "");
  EXPECT_EQ(refusal(problems::DiagonalGeometricBrownianMotion()), "");
  EXPECT_EQ(refusal(problems::CoupledDiagonalSde()), "");
  EXPECT_EQ(refusal(problems::CommutingLinearNoiseSde()), "");
  EXPECT_EQ(refusal(DriftAndNoiseOnly(problems::CommutingLinearNoiseSde())), "");
  EXPECT_EQ(refusal(problems::OrnsteinUhlenbeck()), "");
  EXPECT_EQ(refusal(problems::TimeDependentAdditiveSde()), "");
  EXPECT_EQ(refusal(problems::DoubleWellAdditiveSde()), "");
  EXPECT_EQ(refusal(problems::CrossCoupledNoiseSde()), "");  // declared general: nothing to check
}

TEST(NoiseStructureCheck, DebugBuildsCheckTheClaimsOnEveryIntegration) {
#ifdef NDEBUG
  GTEST_SKIP() << "release build: claims are checked on request (check_noise_structure), shapes always";
#else
  using Claimed = Declared<problems::CrossCoupledNoiseSde, NoiseStructure::kCommutative>;
  const Claimed sde;
  Milstein milstein(2, 2);
  BrownianIncrements brownian(2, RandomStream(1, 0, Purpose::kBrownian));
  Vector x = sde.initial_state();
  EXPECT_THROW(integrate(milstein, sde, x, TimeGrid{0.0, 1.0, 4}, brownian), InvalidArgument);
#endif
}

}  // namespace
}  // namespace sgdbias::sde
