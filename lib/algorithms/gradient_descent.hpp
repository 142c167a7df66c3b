#pragma once
// GradientDescent: x_{k+1} = x_k − γ ∇L(x_k) (full batch). A StepPolicy for iterate().
// For the diagonal network this is the exact recursion w± ← (1 ∓ γg)w± of dln.md §7 with
// g the full-batch multiplier. Stability near a minimum needs γ < 2/λ_max(∇²L) (dln.md §7).
#include <limits>
#include <numeric>
#include <span>
#include <string_view>
#include <vector>

#include "lib/algorithms/fused_gradient_step.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {

struct GradientDescentOptions {
  double step_size = 0.01;  // γ
};

template <DifferentiableObjective Problem>
class GradientDescent {
 public:
  static constexpr std::string_view kName = "gradient descent";

  GradientDescent(const Problem& problem, GradientDescentOptions options)
      : problem_(problem), options_(options), gradient_(problem.dimension()) {
    require_positive_finite(options.step_size, kName, "step size");
    if constexpr (FiniteSumObjective<Problem>) {
      all_samples_.resize(static_cast<std::size_t>(problem.num_samples()));
      std::iota(all_samples_.begin(), all_samples_.end(), Index{0});
    }
  }
  // The algorithm keeps a reference to the problem (no copy of its data per trajectory), so the
  // problem must outlive it: building one from a temporary would dangle, and does not compile.
  GradientDescent(const Problem&& temporary, GradientDescentOptions options) = delete;

  void prepare(Index /*step*/) {}
  void apply(VectorRef x) {
    if constexpr (HasFusedGradientStep<Problem>) {
      problem_.gradient_step(x, options_.step_size, std::numeric_limits<double>::infinity());
    } else {
      problem_.gradient(x, gradient_);
      x -= options_.step_size * gradient_;
    }
  }
  bool apply_within(VectorRef x, double divergence_threshold)
    requires HasFusedGradientStep<Problem>
  {
    return problem_.gradient_step(x, options_.step_size, divergence_threshold);
  }

  double step_size() const { return options_.step_size; }
  std::span<const Index> batch() const { return all_samples_; }  // every sample (empty if not a finite sum)
  std::span<const double> label_shifts() const { return {}; }
  const Problem& problem() const { return problem_; }
  const GradientDescentOptions& options() const { return options_; }

 private:
  const Problem& problem_;
  GradientDescentOptions options_;
  Vector gradient_;
  std::vector<Index> all_samples_;
};

}  // namespace sgdbias
