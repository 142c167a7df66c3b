#pragma once
// HeavyBall (Polyak momentum): m_{k+1} = μ m_k − γ ∇L_{B_k}(x_k), x_{k+1} = x_k + m_{k+1}, m₀ = 0,
// i.e. x_{k+1} = x_k − γ∇L_{B_k}(x_k) + μ(x_k − x_{k−1}). Full-batch gradients when batch_size
// is 0, otherwise minibatches as in SGD (finite sums only). For the GD/SGD-with-momentum
// comparison; the exact κ recursion of dln.md §7 does NOT hold with momentum (μ > 0).
#include <cmath>
#include <numeric>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"
#include "lib/random/minibatch_sampler.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias {

struct HeavyBallOptions {
  double step_size = 0.01;  // γ
  double momentum = 0.9;    // μ ∈ [0, 1)
  Index batch_size = 0;     // 0: full gradient; otherwise b ∈ [1, n]
  BatchSampling sampling = BatchSampling::kWithReplacement;
};

template <DifferentiableObjective Problem>
class HeavyBall {
 public:
  static constexpr std::string_view kName = "heavy-ball momentum";

  // `minibatch_stream` is used only when batch_size > 0.
  HeavyBall(const Problem& problem, HeavyBallOptions options,
            RandomStream minibatch_stream = RandomStream(0, 0, Purpose::kMinibatch))
      : problem_(problem), options_(options), gradient_(problem.dimension()),
        velocity_(Vector::Zero(problem.dimension())) {
    require_positive_finite(options.step_size, kName, "step size");
    require(std::isfinite(options.momentum) && options.momentum >= 0.0 && options.momentum < 1.0, kName,
            "momentum must be in [0, 1), got ", options.momentum);
    if (options.batch_size == 0) {
      if constexpr (FiniteSumObjective<Problem>) {
        all_samples_.resize(static_cast<std::size_t>(problem.num_samples()));
        std::iota(all_samples_.begin(), all_samples_.end(), Index{0});
      }
      batch_ = all_samples_;
      return;
    }
    if constexpr (FiniteSumObjective<Problem>) {
      detail::require_batch_options(kName, options.step_size, options.batch_size, problem.num_samples());
      sampler_.emplace(problem.num_samples(), options.batch_size, options.sampling, std::move(minibatch_stream));
    } else {
      throw InvalidArgument(kName, "minibatches (batch size > 0) need a finite-sum problem; use batch size 0");
    }
  }
  // Keeps a reference to the problem, which must outlive it: a temporary would dangle.
  HeavyBall(const Problem&& temporary, HeavyBallOptions options,
            RandomStream minibatch_stream = RandomStream(0, 0, Purpose::kMinibatch)) = delete;

  void prepare(Index /*step*/) {
    if (sampler_) batch_ = sampler_->next();
  }
  void apply(VectorRef x) {
    if constexpr (FiniteSumObjective<Problem>) {
      if (sampler_) {
        problem_.batch_gradient(x, batch_, gradient_);
      } else {
        problem_.gradient(x, gradient_);
      }
    } else {
      problem_.gradient(x, gradient_);
    }
    velocity_ = options_.momentum * velocity_ - options_.step_size * gradient_;
    x += velocity_;
  }

  double step_size() const { return options_.step_size; }
  std::span<const Index> batch() const { return batch_; }
  std::span<const double> label_shifts() const { return {}; }
  const Problem& problem() const { return problem_; }
  const HeavyBallOptions& options() const { return options_; }
  const Vector& velocity() const { return velocity_; }

 private:
  const Problem& problem_;
  HeavyBallOptions options_;
  std::optional<MinibatchSampler> sampler_;
  std::vector<Index> all_samples_;
  std::span<const Index> batch_;
  Vector gradient_;
  Vector velocity_;
};

}  // namespace sgdbias
