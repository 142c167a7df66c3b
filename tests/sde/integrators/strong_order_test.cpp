// Fitted strong orders against each integrator's DECLARED order (style.md D2, sde.md §3.2), on
// every reference SDE the integrator supports. One dyadic Brownian path per trajectory serves all
// levels; the reference is the exact solution on the same W (or an exact grid transition, or a
// finer solution of a method at least as accurate). Tolerance: |slope − p| ≤ 0.15 (p ≤ 1) or 0.2
// (p = 1.5), AND the jackknife standard error must be below a third of that, so a pass is not luck.
// Linear additive problems (TP-07, TP-08) make order-1.5 methods and Heun look order 2
// (sde.md §0 item 5): there the check is one-sided, slope ≥ p − tol. Deterministic for a seed.
#include <cstdio>
#include <string_view>
#include <tuple>
#include <type_traits>

#include <gtest/gtest.h>

#include "problems/reference_sdes/additive_noise_sdes.hpp"
#include "problems/reference_sdes/commuting_linear_noise_sde.hpp"
#include "problems/reference_sdes/diagonal_noise_sdes.hpp"
#include "problems/reference_sdes/geometric_brownian_motion.hpp"
#include "problems/reference_sdes/kubo_oscillator.hpp"
#include "problems/reference_sdes/ornstein_uhlenbeck.hpp"
#include "problems/reference_sdes/sinh_sde.hpp"
#include "sde/convergence.hpp"
#include "sde/integrators/all.hpp"
#include "sde/interpretation.hpp"
#include "tests/sde/integrators/integrator_test_types.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::sde {
namespace {

enum class Check { kTwoSided, kAtLeast };

double tolerance(double order) { return order > 1.25 ? 0.2 : 0.15; }

template <class Integrator, class Sde, class Reference>
void expect_declared_strong_order(std::string_view problem, const Sde& sde, const Vector& initial_state,
                                  Reference&& reference, ConvergenceStudyOptions options,
                                  Check check = Check::kTwoSided) {
  options.seed = testing::test_seed();
  const OrderEstimate fit = estimate_strong_order<Integrator>(sde, initial_state, options, reference);
  const double expected = Integrator::order(Sde::kNoiseStructure).strong;
  std::printf("[strong order] %-18s %-48s slope %.3f ± %.3f (declared %.1f, e_finest %.2e)\n",
              std::string(Integrator::kName).c_str(), std::string(problem).c_str(), fit.slope,
              fit.standard_error, expected, fit.errors.back());
  SCOPED_TRACE(std::string(problem));
  if (check == Check::kTwoSided) {
    EXPECT_NEAR(fit.slope, expected, tolerance(expected));
  } else {
    EXPECT_GE(fit.slope, expected - tolerance(expected));
    EXPECT_LE(fit.slope, 2.3);
  }
  EXPECT_LT(fit.standard_error, tolerance(expected) / 3.0);
}

ConvergenceStudyOptions exact_study() {
  return {.coarsest_level = 3, .finest_level = 9, .path_level = 9, .trajectories = 1000, .batches = 20};
}
ConvergenceStudyOptions fine_reference_study(int reference_level) {
  return {.coarsest_level = 3, .finest_level = 8, .path_level = reference_level, .trajectories = 1000,
          .batches = 20};
}

// Exact reference of a converted SDE: the original problem's exact path.
template <class Converted>
auto converted_exact_reference(const Converted& sde) {
  return [&sde](const DyadicBrownianPath& path, VectorRef out) {
    sde.original().exact_solution(1.0, path.total_increment(), out);
  };
}

template <class Integrator>
class StrongOrder : public ::testing::Test {
 protected:
  template <class Sde>
  static constexpr bool kRuns = IntegratorFor<Integrator, Sde>;
};
TYPED_TEST_SUITE(StrongOrder, testing::AllIntegratorTypes, testing::IntegratorNames);

TYPED_TEST(StrongOrder, MatchesDeclaredOrderOnGeometricBrownianMotions) {
  SGDBIAS_TRACE_SEED();
  const problems::ItoGeometricBrownianMotion ito;
  const problems::StratonovichGeometricBrownianMotion stratonovich;
  const auto ito_as_stratonovich = as_stratonovich(ito);
  const auto stratonovich_as_ito = as_ito(stratonovich);
  if constexpr (TestFixture::template kRuns<decltype(ito)>)
    expect_declared_strong_order<TypeParam>(ito.kName, ito, ito.initial_state(),
                                            exact_solution_reference(ito, 1.0), exact_study());
  if constexpr (TestFixture::template kRuns<decltype(stratonovich)>)
    expect_declared_strong_order<TypeParam>(stratonovich.kName, stratonovich, stratonovich.initial_state(),
                                            exact_solution_reference(stratonovich, 1.0), exact_study());
  if constexpr (TestFixture::template kRuns<decltype(ito_as_stratonovich)>)
    expect_declared_strong_order<TypeParam>("TP-01 GBM converted to Stratonovich", ito_as_stratonovich,
                                            ito.initial_state(), converted_exact_reference(ito_as_stratonovich),
                                            exact_study());
  if constexpr (TestFixture::template kRuns<decltype(stratonovich_as_ito)>)
    expect_declared_strong_order<TypeParam>("TP-02a GBM converted to Ito", stratonovich_as_ito,
                                            stratonovich.initial_state(),
                                            converted_exact_reference(stratonovich_as_ito), exact_study());
}

TYPED_TEST(StrongOrder, MatchesDeclaredOrderOnKuboOscillator) {
  SGDBIAS_TRACE_SEED();
  const problems::KuboOscillator kubo;
  const auto kubo_as_ito = as_ito(kubo);
  // EM's error on the Itô form mixes an h^{1/2} and a larger h^1 term: over h = 2^-3…2^-9 the fit
  // is 0.66 (sde.md TP-02b: "0.67 fitted, last ratio ⇒ 0.52"). Levels 5…11 are asymptotic.
  const ConvergenceStudyOptions study{.coarsest_level = 5, .finest_level = 11, .path_level = 11,
                                      .trajectories = 1000, .batches = 20};
  if constexpr (TestFixture::template kRuns<decltype(kubo)>)
    expect_declared_strong_order<TypeParam>(kubo.kName, kubo, kubo.initial_state(),
                                            exact_solution_reference(kubo, 1.0), study);
  if constexpr (TestFixture::template kRuns<decltype(kubo_as_ito)>)
    expect_declared_strong_order<TypeParam>("TP-02b Kubo converted to Ito", kubo_as_ito, kubo.initial_state(),
                                            converted_exact_reference(kubo_as_ito), study);
}

TYPED_TEST(StrongOrder, MatchesDeclaredOrderOnDiagonalNoise) {
  SGDBIAS_TRACE_SEED();
  const problems::DiagonalGeometricBrownianMotion uncoupled;
  const problems::CoupledDiagonalSde coupled;
  if constexpr (TestFixture::template kRuns<decltype(uncoupled)>)
    expect_declared_strong_order<TypeParam>(uncoupled.kName, uncoupled, uncoupled.initial_state(),
                                            exact_solution_reference(uncoupled, 1.0), exact_study());
  // LevyAreaMilstein is covered on TP-03a above; here its areas (46 Fourier terms per step of the
  // 2^-11 reference path, irrelevant for diagonal noise) would cost ~10 s.
  if constexpr (TestFixture::template kRuns<decltype(coupled)> && !std::is_same_v<TypeParam, LevyAreaMilstein>) {
    // No closed-form path: SRIW1 (strong 1.5) eight times finer than the finest test level.
    FineSolutionReference<Sriw1, problems::CoupledDiagonalSde> reference(coupled, coupled.initial_state(), 11);
    expect_declared_strong_order<TypeParam>(coupled.kName, coupled, coupled.initial_state(), reference,
                                            fine_reference_study(11));
  }
}

TYPED_TEST(StrongOrder, MatchesDeclaredOrderOnCommutativeNonDiagonalNoise) {
  SGDBIAS_TRACE_SEED();
  const problems::CommutingLinearNoiseSde commuting;
  if constexpr (TestFixture::template kRuns<decltype(commuting)>)
    expect_declared_strong_order<TypeParam>(commuting.kName, commuting, commuting.initial_state(),
                                            exact_solution_reference(commuting, 1.0), exact_study());
}

TYPED_TEST(StrongOrder, MatchesDeclaredOrderOnSinhProblem) {
  SGDBIAS_TRACE_SEED();
  const problems::ItoSinhSde ito;
  const problems::StratonovichSinhSde stratonovich;
  if constexpr (TestFixture::template kRuns<decltype(ito)>)
    expect_declared_strong_order<TypeParam>(ito.kName, ito, ito.initial_state(),
                                            exact_solution_reference(ito, 1.0), exact_study());
  if constexpr (TestFixture::template kRuns<decltype(stratonovich)> &&
                !std::is_same_v<TypeParam, Milstein>)  // Milstein already covered on the Itô form
    expect_declared_strong_order<TypeParam>(stratonovich.kName, stratonovich, stratonovich.initial_state(),
                                            exact_solution_reference(stratonovich, 1.0), exact_study());
}

TYPED_TEST(StrongOrder, MatchesDeclaredOrderOnAdditiveNoise) {
  SGDBIAS_TRACE_SEED();
  // Nonlinear drift: the true orders (EM/Heun/Milstein 1, SRA1/SRIW1 1.5). The order-2 drift
  // terms still matter at h ≥ 2^-8 (fit 1.69 over 2^-3…2^-8), so the levels are 2^-4…2^-10 and the
  // reference is SRA1 at 2^-13, eight times finer.
  const problems::DoubleWellAdditiveSde double_well;
  FineSolutionReference<Sra1, problems::DoubleWellAdditiveSde> reference(double_well,
                                                                        double_well.initial_state(), 13);
  expect_declared_strong_order<TypeParam>(
      double_well.kName, double_well, double_well.initial_state(), reference,
      {.coarsest_level = 4, .finest_level = 10, .path_level = 13, .trajectories = 1000, .batches = 20});
  // Linear drift (TP-07 noise-dominated set, TP-08a OU): orders may exceed the declared ones.
  const problems::TimeDependentAdditiveSde time_dependent;
  expect_declared_strong_order<TypeParam>(time_dependent.kName, time_dependent, time_dependent.initial_state(),
                                          exact_solution_reference(time_dependent, 1.0), exact_study(),
                                          Check::kAtLeast);
  const problems::OrnsteinUhlenbeck ornstein_uhlenbeck;
  auto ou_reference = [&](const DyadicBrownianPath& path, VectorRef out) {
    ornstein_uhlenbeck.solution_from_grid(1.0 / 512.0, path.increments(9), path.time_integrals(9), out);
  };
  ConvergenceStudyOptions ou_study = exact_study();
  ou_study.finest_level = 8;
  expect_declared_strong_order<TypeParam>(ornstein_uhlenbeck.kName, ornstein_uhlenbeck,
                                          ornstein_uhlenbeck.initial_state(), ou_reference, ou_study,
                                          Check::kAtLeast);
}

}  // namespace
}  // namespace sgdbias::sde
