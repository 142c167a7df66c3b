#include "lib/analysis/mirror_projection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "lib/analysis/graded_normal_equations.hpp"
#include "lib/analysis/log_scaled_hyperbolic.hpp"
#include "lib/analysis/minimum_norm_interpolator.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {
namespace {

// dln.md §5: Armijo constant (here the least accepted ratio of actual to predicted increase),
// "F flat to machine precision" threshold, intermediate-stage tolerance of the continuation (only
// a starting point for the next stage is needed).
constexpr double kArmijo = 1e-4;
constexpr double kFlatValue = 1e-13;
constexpr double kIntermediateTolerance = 1e-6;
// Levenberg–Marquardt damping μ (in the units of G): the first raise from 0 is to 1e-15 × G's
// scale, then ×10 per rejected step; lowered ×10 after a step whose model was good (ratio > 3/4).
constexpr double kSmallestDamping = 1e-15;
constexpr double kDampingFactor = 10.0;
constexpr double kGoodModelRatio = 0.75;
constexpr int kMaxRejections = 60;
// Largest change of any mirror coordinate θ_j in one step (longer steps are scaled down to it):
// beyond e^{40} the quadratic model of the e^{|θ|} terms says nothing where those terms matter
// (bench/README.md, "Mirror projection": the radii and growth factors tried). Where they do not — F linear to round-off, as for ln κ
// spread over thousands (H_κ then a weighted ℓ1 norm, the κ∞ of SGF runs near the edge of
// stability) — the model is exact and θ must travel thousands: a trust radius, grown ×4 after each
// step cut to it whose model proved good, and cut back ×4 (not below the base) on a rejection.
constexpr double kMaxMirrorStep = 40.0;
constexpr double kTrustRadiusFactor = 4.0;
constexpr double kLargestTrustRadius = 1e7;

struct StageOutcome {
  bool converged = false;
  Index iterations = 0;
};

// Globalised Newton on the concave dual F(λ) = ⟨y, λ⟩ − Σ_j κ_j m (cosh θ_j − 1), θ = Xᵀλ + θ̃
// (dln.md §5), as a Levenberg–Marquardt trust region. The step solves (G + μI) s = ∇F with
// G = −∇²F = X diag(W) Xᵀ, W = κ cosh θ, by GradedNormalEquations (accurate when W spans e^{±100},
// where forming G and Cholesky lose the weakly weighted directions); it is scaled down when it
// would move some θ_j by more than kMaxMirrorStep, and accepted when F rises by at least kArmijo
// of the quadratic model's prediction ⟨∇F, s⟩ − ½ sᵀGs (where F is flat to round-off: when
// ‖y − Xβ‖ falls, §5). μ = 0 is §5's plain Newton step; a rejection raises μ, which shortens the
// step AND turns it towards ∇F. §5's halving of a fixed Newton direction stalled for ln κ spread
// over ~100 (the κ∞ of long or large-step SGF runs): every halving kept a direction that round-off
// had made useless.
class DualNewton {
 public:
  DualNewton(const InterpolationConstraint& constraint, const ConstVectorRef& log_scale,
             const ConstVectorRef& reference_mirror)
      : constraint_(constraint), log_scale_(log_scale), reference_mirror_(reference_mirror),
        shifted_log_scale_(log_scale), theta_(log_scale.size()), beta_(log_scale.size()),
        root_weights_(log_scale.size()), residual_(constraint.num_samples()),
        mirror_step_(log_scale.size()), gradient_(constraint.num_samples()), step_(constraint.num_samples()),
        trial_(constraint.num_samples()), normal_equations_(constraint.features()),
        target_norm_(constraint.targets().norm() > 0.0 ? constraint.targets().norm() : 1.0) {}

  // Solve for the scale κ·m (continuation multiplier m = e^{log_multiplier}).
  void set_log_multiplier(double log_multiplier) {
    shifted_log_scale_ = log_scale_.array() + log_multiplier;
  }

  StageOutcome run_stage(Vector& lambda, double tolerance, Index budget) {
    StageOutcome outcome;
    Point current{evaluate(lambda), residual_.norm()};
    if (!std::isfinite(current.value)) return outcome;
    damping_ = 0.0;
    trust_radius_ = kMaxMirrorStep;
    while (current.residual_norm > tolerance * target_norm_) {
      if (outcome.iterations >= budget || !update_root_weights() || !take_step(lambda, current)) {
        evaluate(lambda);  // workspace at the last accepted point
        return outcome;
      }
      ++outcome.iterations;
    }
    outcome.converged = true;
    return outcome;
  }

  // β, θ at the last evaluated λ.
  const Vector& beta() const { return beta_; }

 private:
  // Fills θ, β, r = y − Xβ; returns F(λ) (−∞ if a term overflows).
  double evaluate(const Vector& lambda) {
    theta_.noalias() = constraint_.features().transpose() * lambda;
    theta_ += reference_mirror_;
    double conjugate = 0.0;
    for (Index j = 0; j < theta_.size(); ++j) {
      conjugate += log_scaled::scaled_cosh_minus_one(theta_[j], shifted_log_scale_[j]);
      beta_[j] = log_scaled::scaled_sinh(theta_[j], shifted_log_scale_[j]);
    }
    if (!std::isfinite(conjugate) || !beta_.allFinite()) return -std::numeric_limits<double>::infinity();
    residual_ = constraint_.targets();
    residual_.noalias() -= constraint_.features() * beta_;
    return constraint_.targets().dot(lambda) - conjugate;
  }

  // √W = √(κ cosh θ) at the current θ, and the scale of G (its largest weighted row norm²). When
  // every weight (nearly) underflows (all ln κ_j + |θ_j| below about −670, e.g. λ = 0 for ln κ in
  // the thousands) G is 0 to double precision and F linear; the damping μ = 1e-15·scale would then
  // be 0 or subnormal and never grow, so the scale of X Xᵀ sets μ's units instead, and the damped
  // steps follow ∇F, cut to the trust radius.
  bool update_root_weights() {
    for (Index j = 0; j < theta_.size(); ++j) {
      root_weights_[j] = log_scaled::root_scaled_cosh(theta_[j], shifted_log_scale_[j]);
    }
    const auto column_norms = constraint_.features().colwise().norm().transpose().array();
    curvature_scale_ = (root_weights_.array() * column_norms).square().maxCoeff();
    if (curvature_scale_ < std::numeric_limits<double>::min() / kSmallestDamping) {
      curvature_scale_ = column_norms.square().maxCoeff();
    }
    return root_weights_.allFinite() && std::isfinite(curvature_scale_) && curvature_scale_ > 0.0;
  }

  struct Point {
    double value;          // F(λ)
    double residual_norm;  // ‖y − Xβ(λ)‖
  };

  // One accepted step from λ (workspace at λ, weights updated); false if kMaxRejections steps in a
  // row were rejected. μ (damping_, in the units of G) carries over to the next step.
  bool take_step(Vector& lambda, Point& current) {
    gradient_ = residual_;  // ∇F = y − Xβ at λ
    for (int rejection = 0; rejection <= kMaxRejections; ++rejection) {
      if (!normal_equations_.factor(root_weights_, damping_)) {
        raise_damping(kDampingFactor);
        continue;
      }
      normal_equations_.solve(gradient_, step_);
      mirror_step_.noalias() = constraint_.features().transpose() * step_;
      // A step that moves some θ_j by more than kMaxMirrorStep changes e^{θ_j} by more than the
      // quadratic model can describe: shrink it (about ∝ 1/μ once μ dominates) without evaluating.
      const double largest = mirror_step_.cwiseAbs().maxCoeff();
      if (!std::isfinite(largest)) {
        raise_damping(kDampingFactor);
        continue;
      }
      const bool cut_to_radius = largest > trust_radius_;
      if (cut_to_radius) {
        step_ *= trust_radius_ / largest;
        mirror_step_ *= trust_radius_ / largest;
      }
      // Increase of F's quadratic model: ⟨∇F, s⟩ − ½ sᵀGs, sᵀGs = ‖√W ⊙ Xᵀs‖² (G never formed).
      const double predicted =
          gradient_.dot(step_) - 0.5 * (root_weights_.array() * mirror_step_.array()).matrix().squaredNorm();
      trial_ = lambda + step_;
      const double trial_value = evaluate(trial_);
      const double trial_residual = residual_.norm();
      const double gain = trial_value - current.value;
      const bool flat = std::isfinite(trial_value) &&
                        std::abs(gain) <= kFlatValue * std::max(1.0, std::abs(current.value)) &&
                        trial_residual < current.residual_norm;
      const double ratio = gain / predicted;
      if (predicted > 0.0 && (ratio >= kArmijo || flat)) {
        lambda = trial_;
        current = {trial_value, trial_residual};
        if (flat || ratio > kGoodModelRatio) lower_damping();
        if (cut_to_radius && ratio > kGoodModelRatio) {
          trust_radius_ = std::min(trust_radius_ * kTrustRadiusFactor, kLargestTrustRadius);
        }
        return true;
      }
      if (cut_to_radius && trust_radius_ > kMaxMirrorStep) {
        trust_radius_ = std::max(trust_radius_ / kTrustRadiusFactor, kMaxMirrorStep);
        continue;
      }
      raise_damping(kDampingFactor);
    }
    return false;
  }

  void raise_damping(double factor) {
    damping_ = damping_ == 0.0 ? kSmallestDamping * curvature_scale_ : damping_ * factor;
  }
  void lower_damping() {
    damping_ /= kDampingFactor;
    if (damping_ < kSmallestDamping * curvature_scale_) damping_ = 0.0;
  }

  const InterpolationConstraint& constraint_;
  Vector log_scale_;
  Vector reference_mirror_;
  Vector shifted_log_scale_;
  Vector theta_;
  Vector beta_;
  Vector root_weights_;
  Vector residual_;
  Vector mirror_step_;
  Vector gradient_;
  Vector step_;
  Vector trial_;
  GradedNormalEquations normal_equations_;
  double curvature_scale_ = 1.0;
  double damping_ = 0.0;  // μ, Levenberg–Marquardt
  double trust_radius_ = kMaxMirrorStep;  // largest change of any θ_j in one step
  double target_norm_;
};

// ln of the first continuation multiplier m₀ = 10·max|β_ℓ2|/max(κ); ≤ 0: none. dln.md §5 divides
// by geomean(κ), which for ln κ spread over [−100, 0] makes the largest κ·m ≈ e^{52}: such a
// coordinate needs θ_j = (Xᵀλ)_j ≈ β_j/(κ_j m) to 22 digits below the other θ's, which double
// cannot hold (β then jumps by O(1) per ulp of λ). With max(κ) no κ·m exceeds 10·max|β_ℓ2|.
double initial_log_multiplier(const InterpolationConstraint& constraint, const ConstVectorRef& log_scale) {
  const double largest = minimum_l2_interpolator(constraint).cwiseAbs().maxCoeff();
  if (!(largest > 0.0)) return 0.0;
  return std::log(10.0 * largest) - log_scale.maxCoeff();
}

struct ContinuationOutcome {
  bool converged = false;
  Index iterations = 0;
  Index stages = 0;
};

ContinuationOutcome run_continuation(DualNewton& newton, Vector& lambda, const InterpolationConstraint& constraint,
                                     const ConstVectorRef& log_scale, const MirrorProjectionOptions& options,
                                     Index budget) {
  ContinuationOutcome outcome;
  const double log_factor = std::log(options.continuation_factor);
  double log_multiplier = options.use_continuation ? initial_log_multiplier(constraint, log_scale) : 0.0;
  while (true) {
    const bool final_stage = log_multiplier <= 0.0;
    if (final_stage) log_multiplier = 0.0;
    newton.set_log_multiplier(log_multiplier);
    const double tolerance = final_stage ? options.feasibility_tolerance
                                         : std::max(options.feasibility_tolerance, kIntermediateTolerance);
    const StageOutcome stage = newton.run_stage(lambda, tolerance, budget - outcome.iterations);
    outcome.iterations += stage.iterations;
    ++outcome.stages;
    if (final_stage) {
      outcome.converged = stage.converged;
      return outcome;
    }
    log_multiplier -= log_factor;
  }
}

void validate_inputs(const InterpolationConstraint& constraint, const ConstVectorRef& log_scale,
                     const ConstVectorRef& reference_mirror, const MirrorProjectionOptions& options,
                     const char* where) {
  require_size(log_scale.size(), constraint.num_features(), where, "ln κ (one scale per feature)");
  require(log_scale.allFinite(), where, "ln κ must be finite (κ > 0 and finite) in every coordinate");
  require_size(reference_mirror.size(), constraint.num_features(), where, "the reference mirror point θ̃");
  require(reference_mirror.allFinite(), where, "the reference mirror point θ̃ contains NaN or infinite entries");
  options.validate(constraint.num_samples());
}

[[noreturn]] void fail(const char* where, const DualNewton& newton, const InterpolationConstraint& constraint,
                       const ConstVectorRef& log_scale, const MirrorProjectionOptions& options, Index iterations) {
  throw ConvergenceFailure(
      where, describe("feasibility ‖Xβ−y‖/‖y‖ = ", constraint.relative_infeasibility(newton.beta()),
                      " after ", iterations, " Newton iterations (budget ", options.max_iterations,
                      ") does not meet the tolerance ", options.feasibility_tolerance, "; ln κ ranges over [",
                      log_scale.minCoeff(), ", ", log_scale.maxCoeff(),
                      "]. Increase max_iterations, loosen the tolerance, or check the scale κ"));
}

MirrorProjectionResult solve(const InterpolationConstraint& constraint, const ConstVectorRef& log_scale,
                             const ConstVectorRef& reference_mirror, const MirrorProjectionOptions& options,
                             const char* where) {
  validate_inputs(constraint, log_scale, reference_mirror, options, where);
  DualNewton newton(constraint, log_scale, reference_mirror);
  MirrorProjectionResult result;
  Vector lambda = Vector::Zero(constraint.num_samples());
  bool converged = false;
  if (options.initial_dual.size() > 0) {
    lambda = options.initial_dual;
    const StageOutcome warm = newton.run_stage(lambda, options.feasibility_tolerance, options.max_iterations);
    result.iterations = warm.iterations;
    result.continuation_stages = 1;
    converged = warm.converged;
    if (!converged) lambda.setZero();
  }
  if (!converged) {
    const ContinuationOutcome cold =
        run_continuation(newton, lambda, constraint, log_scale, options, options.max_iterations - result.iterations);
    result.iterations += cold.iterations;
    result.continuation_stages += cold.stages;
    converged = cold.converged;
  }
  if (!converged) fail(where, newton, constraint, log_scale, options, result.iterations);

  result.beta = newton.beta();
  result.dual = std::move(lambda);
  result.feasibility = constraint.relative_infeasibility(result.beta);
  // asinh(β/κ) − θ̃ from β where β holds it; where β_j underflowed (below the normal range, as for
  // ln κ_j in the thousands) β no longer says what θ_j was, and the dual's θ_j = (Xᵀλ)_j stands in.
  Vector mirror(result.beta.size());
  const Vector dual_mirror = constraint.features().transpose() * result.dual;
  for (Index j = 0; j < mirror.size(); ++j) {
    mirror[j] = std::abs(result.beta[j]) >= std::numeric_limits<double>::min()
                    ? log_scaled::asinh_of_ratio(result.beta[j], log_scale[j]) - reference_mirror[j]
                    : dual_mirror[j];
  }
  result.kkt_residual = constraint.relative_distance_from_row_space(mirror);
  return result;
}

}  // namespace

void MirrorProjectionOptions::validate(Index num_samples) const {
  constexpr const char* kWhere = "MirrorProjectionOptions";
  require(std::isfinite(feasibility_tolerance) && feasibility_tolerance > 0.0, kWhere,
          "feasibility_tolerance must be finite and > 0, got ", feasibility_tolerance);
  require(max_iterations >= 1, kWhere, "max_iterations must be >= 1, got ", max_iterations);
  require(std::isfinite(continuation_factor) && continuation_factor > 1.0, kWhere,
          "continuation_factor must be finite and > 1, got ", continuation_factor);
  require(initial_dual.size() == 0 || initial_dual.size() == num_samples, kWhere, "initial_dual has ",
          initial_dual.size(), " entries, expected 0 (no warm start) or n = ", num_samples);
  require(initial_dual.allFinite(), kWhere, "initial_dual contains NaN or infinite entries");
}

MirrorProjectionResult minimum_entropy_interpolator(const InterpolationConstraint& constraint,
                                                    const ConstVectorRef& log_scale,
                                                    const MirrorProjectionOptions& options) {
  const Vector no_reference = Vector::Zero(constraint.num_features());
  return solve(constraint, log_scale, no_reference, options, "minimum_entropy_interpolator");
}

MirrorProjectionResult bregman_projection(const InterpolationConstraint& constraint, const ConstVectorRef& log_scale,
                                          const ConstVectorRef& reference_mirror,
                                          const MirrorProjectionOptions& options) {
  return solve(constraint, log_scale, reference_mirror, options, "bregman_projection");
}

}  // namespace sgdbias
