#include "lib/analysis/mirror_projection.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include <Eigen/Cholesky>

#include "lib/analysis/log_scaled_hyperbolic.hpp"
#include "lib/analysis/minimum_norm_interpolator.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {
namespace {

// dln.md §5: Armijo constant, "F flat to machine precision" threshold, intermediate-stage
// tolerance of the continuation (only a starting point for the next stage is needed).
constexpr double kArmijo = 1e-4;
constexpr double kFlatValue = 1e-13;
constexpr int kMaxHalvings = 60;
constexpr double kIntermediateTolerance = 1e-6;

struct StageOutcome {
  bool converged = false;
  Index iterations = 0;
};

// Damped Newton on F(λ) = ⟨y, λ⟩ − Σ_j κ_j m (cosh θ_j − 1), θ = Xᵀλ + θ̃ (dln.md §5).
class DualNewton {
 public:
  DualNewton(const InterpolationConstraint& constraint, const ConstVectorRef& log_scale,
             const ConstVectorRef& reference_mirror)
      : constraint_(constraint), log_scale_(log_scale), reference_mirror_(reference_mirror),
        shifted_log_scale_(log_scale), theta_(log_scale.size()), beta_(log_scale.size()),
        weights_(log_scale.size()), residual_(constraint.num_samples()),
        target_norm_(constraint.targets().norm() > 0.0 ? constraint.targets().norm() : 1.0) {}

  // Solve for the scale κ·m (continuation multiplier m = e^{log_multiplier}).
  void set_log_multiplier(double log_multiplier) {
    shifted_log_scale_ = log_scale_.array() + log_multiplier;
  }

  StageOutcome run_stage(Vector& lambda, double tolerance, Index budget) {
    StageOutcome outcome;
    double value = evaluate(lambda);
    double residual_norm = residual_.norm();
    if (!std::isfinite(value)) return outcome;
    Vector step(lambda.size());
    Vector trial(lambda.size());
    while (true) {
      if (residual_norm <= tolerance * target_norm_) {
        outcome.converged = true;
        return outcome;
      }
      if (outcome.iterations >= budget || !newton_direction(step)) return outcome;
      ++outcome.iterations;
      const Vector gradient = residual_;  // ∇F = y − Xβ at the current λ
      const double slope = gradient.dot(step);
      bool accepted = false;
      double t = 1.0;
      for (int halving = 0; halving <= kMaxHalvings && !accepted; ++halving, t *= 0.5) {
        trial = lambda + t * step;
        const double trial_value = evaluate(trial);
        if (!std::isfinite(trial_value)) continue;
        const double trial_residual = residual_.norm();
        const bool armijo = trial_value >= value + kArmijo * t * slope;
        const bool flat = std::abs(trial_value - value) <= kFlatValue * std::max(1.0, std::abs(value)) &&
                          trial_residual < residual_norm;
        if (armijo || flat) {
          accepted = true;
          lambda = trial;
          value = trial_value;
          residual_norm = trial_residual;
        }
      }
      if (!accepted) {
        evaluate(lambda);  // restore workspace at the last accepted point
        return outcome;
      }
    }
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

  // Solves (X diag(W) Xᵀ) s = y − Xβ at the current θ; false if the system is unusable.
  bool newton_direction(Vector& step) {
    for (Index j = 0; j < theta_.size(); ++j) weights_[j] = log_scaled::scaled_cosh(theta_[j], shifted_log_scale_[j]);
    if (!weights_.allFinite()) return false;
    const Matrix& features = constraint_.features();
    const Matrix gram = features * weights_.asDiagonal() * features.transpose();
    const Eigen::LLT<Matrix> cholesky(gram);
    if (cholesky.info() == Eigen::Success) {
      step = cholesky.solve(residual_);
    } else {
      const Eigen::LDLT<Matrix> ldlt(gram);
      if (ldlt.info() != Eigen::Success) return false;
      step = ldlt.solve(residual_);
    }
    return step.allFinite();
  }

  const InterpolationConstraint& constraint_;
  Vector log_scale_;
  Vector reference_mirror_;
  Vector shifted_log_scale_;
  Vector theta_;
  Vector beta_;
  Vector weights_;
  Vector residual_;
  double target_norm_;
};

// ln of the first continuation multiplier m₀ ≈ 10·max|β_ℓ2|/geomean(κ) (dln.md §5); ≤ 0: none.
double initial_log_multiplier(const InterpolationConstraint& constraint, const ConstVectorRef& log_scale) {
  const double largest = minimum_l2_interpolator(constraint).cwiseAbs().maxCoeff();
  if (!(largest > 0.0)) return 0.0;
  return std::log(10.0 * largest) - log_scale.mean();
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
  Vector mirror(result.beta.size());
  for (Index j = 0; j < mirror.size(); ++j) {
    mirror[j] = log_scaled::asinh_of_ratio(result.beta[j], log_scale[j]) - reference_mirror[j];
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
