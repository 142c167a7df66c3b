// dln.md §9 check 2 (solver feasibility/KKT/iterations) and the solver's error contract (§5).
#include "lib/analysis/mirror_projection.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include <Eigen/LU>
#include <Eigen/QR>
#include <gtest/gtest.h>

#include "lib/analysis/hyperbolic_entropy.hpp"
#include "lib/analysis/minimum_norm_interpolator.hpp"
#include "lib/analysis/paper_potentials.hpp"
#include "lib/core/errors.hpp"
#include "lib/random/random_stream.hpp"
#include "tests/lib/analysis/section_8_4_data.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias {
namespace {

const std::vector<double> kAlphas{1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 0.1, 1.0, 10.0};

// Orthonormal basis of ker(X), computed independently of the solver (full-pivot LU + QR).
Matrix null_space_basis(const Matrix& features) {
  const Matrix kernel = Eigen::FullPivLU<Matrix>(features).kernel();
  const Eigen::HouseholderQR<Matrix> qr(kernel);
  return qr.householderQ() * Matrix::Identity(kernel.rows(), kernel.cols());
}

// KKT of argmin D_H(β, β̃) s.t. Xβ = y: ∇H(β) − θ̃ ⊥ ker(X). Relative size of its kernel part.
double kernel_component(const Matrix& null_basis, const HyperbolicEntropy& entropy, const Vector& beta,
                        const Vector& reference_mirror) {
  Vector mirror(beta.size());
  entropy.gradient(beta, mirror);
  mirror -= reference_mirror;
  return (null_basis.transpose() * mirror).norm() / mirror.norm();
}

TEST(MirrorProjection, MeetsFeasibilityAndKktForEveryScaleWithFewNewtonIterations) {
  SGDBIAS_TRACE_SEED();  // deterministic and bit-identical for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Matrix null_basis = null_space_basis(setup.constraint.features());
  for (double alpha : kAlphas) {
    SCOPED_TRACE(::testing::Message() << "α = " << alpha);
    const Vector log_scale = ppf_log_scale(Vector::Constant(100, alpha));
    const MirrorProjectionResult result = minimum_entropy_interpolator(setup.constraint, log_scale);
    EXPECT_LE(result.feasibility, 1e-10);
    EXPECT_LE(result.kkt_residual, 1e-10);
    EXPECT_LE(result.iterations, 100);
    EXPECT_LE(setup.constraint.relative_infeasibility(result.beta), 1e-10);
    EXPECT_LE(kernel_component(null_basis, HyperbolicEntropy(log_scale), result.beta, Vector::Zero(100)), 1e-10);
    RecordProperty("alpha_" + std::to_string(alpha), describe("its ", result.iterations, " feas ",
                  result.feasibility, " kkt ", result.kkt_residual));
  }
}

TEST(MirrorProjection, HandlesVectorScalesSpanningSevenDecades) {
  SGDBIAS_TRACE_SEED();  // deterministic and bit-identical for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  RandomStream stream(testing::test_seed(), 2, Purpose::kTest);
  Vector alpha(100);
  for (Index j = 0; j < 100; ++j) alpha[j] = std::pow(10.0, -6.0 + 7.0 * stream.uniform01());  // log-uniform [1e-6, 10]
  const Vector log_scale = ppf_log_scale(alpha);
  const MirrorProjectionResult result = minimum_entropy_interpolator(setup.constraint, log_scale);
  EXPECT_LE(result.feasibility, 1e-10);
  EXPECT_LE(result.kkt_residual, 1e-10);
  EXPECT_LE(result.iterations, 100);
  const Matrix null_basis = null_space_basis(setup.constraint.features());
  EXPECT_LE(kernel_component(null_basis, HyperbolicEntropy(log_scale), result.beta, Vector::Zero(100)), 1e-10);
  RecordProperty("vector_alpha", describe("its ", result.iterations, " feas ", result.feasibility,
                " kkt ", result.kkt_residual));
}

// ln κ_j drawn uniformly from [−spread, 0], with both ends present.
Vector spread_log_scale(Index d, double spread, std::uint64_t stream_index) {
  RandomStream stream(testing::test_seed(), stream_index, Purpose::kTest);
  Vector log_scale(d);
  for (Index j = 0; j < d; ++j) log_scale[j] = -spread * stream.uniform01();
  log_scale[0] = 0.0;
  log_scale[d - 1] = -spread;
  return log_scale;
}

// Optimality by KKT, which characterises the unique minimiser of this strictly convex problem:
// feasibility to the solver's tolerance, and ∇H_κ(β) = asinh(β/κ) ⊥ ker(X) to the round-off of
// evaluating it: β_j = κ_j sinh θ_j carries ≤ 4 ulps (exp, expm1, products), which moves
// asinh(β_j/κ_j) by ≤ 4ε (z·asinh'(z) ≤ 1), and θ = Xᵀλ itself carries ≤ nε‖x_j‖‖λ‖ per entry.
struct CheckedSolution {
  MirrorProjectionResult result;
  Vector mirror;      // ∇H_κ(β) = asinh(β/κ), from β by HyperbolicEntropy (not from the dual)
  double round_off;   // the bound above for ‖·‖ of d entries
};

// Solves, checks feasibility and the iteration count, and computes what the KKT checks compare.
CheckedSolution solve_and_check(const testing::Section84Data& setup, const Vector& log_scale, Index max_iterations) {
  const Index n = setup.constraint.num_samples(), d = setup.constraint.num_features();
  CheckedSolution solution{minimum_entropy_interpolator(setup.constraint, log_scale), Vector(d), 0.0};
  EXPECT_LE(setup.constraint.relative_infeasibility(solution.result.beta), 1e-10);
  EXPECT_LE(solution.result.iterations, max_iterations);
  HyperbolicEntropy(log_scale).gradient(solution.result.beta, solution.mirror);
  const double epsilon = std::numeric_limits<double>::epsilon();
  const double largest_column = setup.constraint.features().colwise().norm().maxCoeff();
  solution.round_off = std::sqrt(static_cast<double>(d)) * epsilon *
                       (4.0 + static_cast<double>(n) * largest_column * solution.result.dual.norm());
  return solution;
}

void expect_kkt_solution(const testing::Section84Data& setup, const Vector& log_scale, Index max_iterations,
                         const std::string& name) {
  const auto [result, mirror, round_off] = solve_and_check(setup, log_scale, max_iterations);
  const Matrix null_basis = null_space_basis(setup.constraint.features());
  EXPECT_LE((null_basis.transpose() * mirror).norm(), round_off);
  EXPECT_LE(result.kkt_residual * mirror.norm(), round_off);
  ::testing::Test::RecordProperty(name, describe("its ", result.iterations, " feas ", result.feasibility, " kkt ", result.kkt_residual,
                                " bound ", round_off / mirror.norm()));
}

// The κ∞ of long or large-step SGF runs: ln κ spread over [−170, 0] (the dual Newton of dln.md §5
// with Cholesky and step halving stalled at feasibility 1 from a spread of ~100).
TEST(MirrorProjection, ConvergesForScalesSpanningEMinus170ToOne) {
  SGDBIAS_TRACE_SEED();  // deterministic and bit-identical for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  expect_kkt_solution(setup, spread_log_scale(100, 170.0, 4), 100, "e_minus_170");  // 40 random problems: ≤ 75
}

// KKT where most β_j underflow (ln κ_j in the thousands): asinh(β_j/κ_j) is known only on the
// support S = {j: |β_j| ≥ DBL_MIN} (S may have fewer than n entries: the §8.4 labels come from a
// 5-sparse teacher). Optimality is certified by the solver's dual point λ, checked against β
// computed independently: asinh(β_S/κ_S) = X_Sᵀλ (the gradient of H_κ at β, by HyperbolicEntropy),
// and every other coordinate below underflow, κ_j sinh|(Xᵀλ)_j| < DBL_MIN, i.e.
// |(Xᵀλ)_j| ≤ ln(2·DBL_MIN) − ln κ_j, both up to the round-off bound of expect_kkt_solution. Then β
// is the primal point of λ (Fenchel–Young holds with equality), so the duality gap H_κ(β) − F(λ)
// is ⟨Xβ − y, λ⟩, which the feasibility bounds.
void expect_support_kkt_solution(const testing::Section84Data& setup, const Vector& log_scale, Index max_iterations,
                                 const std::string& name) {
  const Matrix& features = setup.constraint.features();
  const Index d = features.cols();
  const auto [result, mirror, round_off] = solve_and_check(setup, log_scale, max_iterations);
  std::vector<Index> support, rest;
  for (Index j = 0; j < d; ++j) {
    (std::abs(result.beta[j]) >= std::numeric_limits<double>::min() ? support : rest).push_back(j);
  }
  ASSERT_FALSE(support.empty());
  const Matrix support_features = features(Eigen::all, support);
  const Vector support_mirror = mirror(support);
  const Vector& dual = result.dual;
  EXPECT_LE((support_features.transpose() * dual - support_mirror).norm(), round_off);
  const double underflow_mirror = std::log(2.0 * std::numeric_limits<double>::min());
  double worst_excess = -std::numeric_limits<double>::infinity();
  for (const Index j : rest) {
    worst_excess = std::max(worst_excess, std::abs(features.col(j).dot(dual)) - (underflow_mirror - log_scale[j]));
  }
  EXPECT_LE(worst_excess, round_off);
  ::testing::Test::RecordProperty(name, describe("its ", result.iterations, " support ", support.size(),
                                                 " worst excess ", worst_excess, " bound ", round_off));
}

// The κ∞ of SGF runs at step sizes near the edge of stability (step-size-sweep, γ = 0.47 to 2 on
// the §8.4 data): ln(κ∞/κ₀) from −2 000 to −27 000. There H_κ is a weighted ℓ1 norm with weights
// ln(1/κ_j) in all but a few digits, and the dual must move θ = Xᵀλ by thousands from λ = 0, where
// F is linear to round-off: a fixed limit of 40 per step ran out of its 500 iterations.
TEST(MirrorProjection, ConvergesForScalesSpanningThousandsOfEFolds) {
  SGDBIAS_TRACE_SEED();  // deterministic and bit-identical for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  for (const double spread : {3000.0, 30000.0}) {
    SCOPED_TRACE(::testing::Message() << "ln κ over [−" << spread << ", 0]");
    expect_support_kkt_solution(setup, spread_log_scale(100, spread, 5), 150, describe("e_minus_", spread));
  }
}

// A feasible reference is its own Bregman projection (D_H(β̃, β̃) = 0 is the minimum).
TEST(MirrorProjection, BregmanProjectionOfAFeasiblePointIsThePointItself) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Vector reference = minimum_l2_interpolator(setup.constraint);
  for (double alpha : {1e-3, 0.1, 2.0}) {
    const HyperbolicEntropy entropy(ppf_log_scale(Vector::Constant(100, alpha)));
    Vector reference_mirror(100);
    entropy.gradient(reference, reference_mirror);
    const MirrorProjectionResult result = bregman_projection(setup.constraint, entropy.log_scale(), reference_mirror);
    EXPECT_LE((result.beta - reference).norm(), 1e-9 * reference.norm()) << "α = " << alpha;
  }
}

TEST(MirrorProjection, BregmanProjectionSatisfiesItsKktConditions) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  RandomStream stream(testing::test_seed(), 3, Purpose::kTest);
  Vector reference_mirror(100);
  stream.fill_standard_normal(reference_mirror);
  reference_mirror *= 0.3;
  const HyperbolicEntropy entropy(ppf_log_scale(Vector::Constant(100, 0.05)));
  const MirrorProjectionResult result = bregman_projection(setup.constraint, entropy.log_scale(), reference_mirror);
  EXPECT_LE(result.feasibility, 1e-10);
  EXPECT_LE(result.kkt_residual, 1e-10);
  EXPECT_LE(kernel_component(null_space_basis(setup.constraint.features()), entropy, result.beta, reference_mirror),
            1e-10);
}

TEST(MirrorProjection, WarmStartedSweepReproducesColdSolutions) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  MirrorProjectionOptions options;
  Index warm_iterations = 0, cold_iterations = 0;
  for (auto it = kAlphas.rbegin(); it != kAlphas.rend(); ++it) {
    const Vector log_scale = ppf_log_scale(Vector::Constant(100, *it));
    const MirrorProjectionResult warm = minimum_entropy_interpolator(setup.constraint, log_scale, options);
    const MirrorProjectionResult cold = minimum_entropy_interpolator(setup.constraint, log_scale);
    EXPECT_LE((warm.beta - cold.beta).norm(), 1e-9 * cold.beta.norm()) << "α = " << *it;
    options.initial_dual = warm.dual;
    warm_iterations += warm.iterations;
    cold_iterations += cold.iterations;
  }
  RecordProperty("sweep_iterations", describe("warm ", warm_iterations, " cold ", cold_iterations));
}

TEST(MirrorProjection, FailsLoudlyWhenTheIterationBudgetCannotMeetTheTolerance) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  MirrorProjectionOptions options;
  options.max_iterations = 2;
  const Vector log_scale = ppf_log_scale(Vector::Constant(100, 1e-6));
  EXPECT_THROW(minimum_entropy_interpolator(setup.constraint, log_scale, options), ConvergenceFailure);
}

TEST(MirrorProjection, RejectsBadScalesAndOptions) {
  SGDBIAS_TRACE_SEED();  // deterministic for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  Vector log_scale = Vector::Zero(100);
  log_scale[7] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(minimum_entropy_interpolator(setup.constraint, log_scale), InvalidArgument);
  EXPECT_THROW(minimum_entropy_interpolator(setup.constraint, Vector::Zero(99)), InvalidArgument);
  EXPECT_THROW(bregman_projection(setup.constraint, Vector::Zero(100), Vector::Zero(3)), InvalidArgument);
  MirrorProjectionOptions options;
  options.initial_dual = Vector::Zero(5);
  EXPECT_THROW(minimum_entropy_interpolator(setup.constraint, Vector::Zero(100), options), InvalidArgument);
  options = {};
  options.feasibility_tolerance = -1.0;
  EXPECT_THROW(minimum_entropy_interpolator(setup.constraint, Vector::Zero(100), options), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
