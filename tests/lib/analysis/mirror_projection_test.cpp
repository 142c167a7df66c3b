// dln.md §9 check 2 (solver feasibility/KKT/iterations) and the solver's error contract (§5).
#include "lib/analysis/mirror_projection.hpp"

#include <cmath>
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

// The κ∞ of long or large-step SGF runs: ln κ spread over [−170, 0] (the dual Newton of dln.md §5
// with Cholesky and step halving stalled at feasibility 1 from a spread of ~100). Optimality is
// checked by KKT, which characterises the unique minimiser of this strictly convex problem:
// feasibility to the solver's tolerance, and ∇H_κ(β) = asinh(β/κ) ⊥ ker(X) to the round-off of
// evaluating it: β_j = κ_j sinh θ_j carries ≤ 4 ulps (exp, expm1, products), which moves
// asinh(β_j/κ_j) by ≤ 4ε (z·asinh'(z) ≤ 1), and θ = Xᵀλ itself carries ≤ nε‖x_j‖‖λ‖ per entry.
TEST(MirrorProjection, ConvergesForScalesSpanningEMinus170ToOne) {
  SGDBIAS_TRACE_SEED();  // deterministic and bit-identical for a seed
  const testing::Section84Data setup = testing::section_8_4_data(testing::test_seed());
  const Index n = setup.constraint.num_samples(), d = setup.constraint.num_features();
  RandomStream stream(testing::test_seed(), 4, Purpose::kTest);
  Vector log_scale(d);
  for (Index j = 0; j < d; ++j) log_scale[j] = -170.0 * stream.uniform01();
  log_scale[0] = 0.0;  // both ends of the range present
  log_scale[d - 1] = -170.0;
  const MirrorProjectionResult result = minimum_entropy_interpolator(setup.constraint, log_scale);
  EXPECT_LE(setup.constraint.relative_infeasibility(result.beta), 1e-10);
  EXPECT_LE(result.iterations, 100);  // 40 random problems of this kind took ≤ 75
  const HyperbolicEntropy entropy(log_scale);
  Vector mirror(d);
  entropy.gradient(result.beta, mirror);
  const double epsilon = std::numeric_limits<double>::epsilon();
  const double largest_column = setup.constraint.features().colwise().norm().maxCoeff();
  const double round_off = std::sqrt(static_cast<double>(d)) * epsilon *
                           (4.0 + static_cast<double>(n) * largest_column * result.dual.norm());
  const Matrix null_basis = null_space_basis(setup.constraint.features());
  EXPECT_LE((null_basis.transpose() * mirror).norm(), round_off);
  EXPECT_LE(result.kkt_residual * mirror.norm(), round_off);
  RecordProperty("e_minus_170", describe("its ", result.iterations, " feas ", result.feasibility, " kkt ",
                                         result.kkt_residual, " bound ", round_off / mirror.norm()));
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
