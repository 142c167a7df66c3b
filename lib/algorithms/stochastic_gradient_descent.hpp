#pragma once
// StochasticGradientDescent: x_{k+1} = x_k − γ ∇L_{B_k}(x_k), B_k a minibatch of b samples drawn
// by MinibatchSampler (with / without replacement, epoch shuffling). A StepPolicy for iterate().
// On a diagonal network with b = 1 this is the SGD of dln.md §3.1/§3.2 (per-sample loss c·r_i²).
#include <algorithm>
#include <array>
#include <limits>
#include <span>
#include <string_view>

#include "lib/algorithms/fused_gradient_step.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"
#include "lib/random/minibatch_sampler.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias {

struct StochasticGradientDescentOptions {
  double step_size = 0.01;  // γ
  Index batch_size = 1;     // b ∈ [1, n]
  BatchSampling sampling = BatchSampling::kWithReplacement;
};

namespace detail {
// Checks shared by every minibatch method, with the algorithm's name in the message.
inline void require_batch_options(std::string_view where, double step_size, Index batch_size, Index num_samples) {
  require_positive_finite(step_size, where, "step size");
  require(batch_size >= 1 && batch_size <= num_samples, where, "batch size ", batch_size,
          " must be in [1, n = ", num_samples, "]");
}
}  // namespace detail

template <FiniteSumObjective Problem>
class StochasticGradientDescent {
 public:
  static constexpr std::string_view kName = "stochastic gradient descent";

  // `minibatch_stream` should be RandomStream(seed, trajectory, Purpose::kMinibatch).
  StochasticGradientDescent(const Problem& problem, StochasticGradientDescentOptions options,
                            RandomStream minibatch_stream)
      : problem_(problem), options_(options),
        sampler_(checked_num_samples(problem, options), options.batch_size, options.sampling,
                 std::move(minibatch_stream)),
        gradient_(problem.dimension()) {}
  // Keeps a reference to the problem, which must outlive it: a temporary would dangle.
  StochasticGradientDescent(const Problem&& temporary, StochasticGradientDescentOptions options,
                            RandomStream minibatch_stream) = delete;

  void prepare(Index /*step*/) { batch_ = sampler_.next(); }
  void apply(VectorRef x) {
    if constexpr (HasFusedBatchGradientStep<Problem>) {
      problem_.batch_gradient_step(x, batch_, {}, options_.step_size, std::numeric_limits<double>::infinity());
    } else {
      problem_.batch_gradient(x, batch_, gradient_);
      x -= options_.step_size * gradient_;
    }
  }
  bool apply_within(VectorRef x, double divergence_threshold)
    requires HasFusedBatchGradientStep<Problem>
  {
    return problem_.batch_gradient_step(x, batch_, {}, options_.step_size, divergence_threshold);
  }

  // RunStepPolicy (step_policy.hpp): with b = 1, the samples of kRunBlock steps at a time drawn
  // as prepare() would draw them, then stepped by the problem's sample_steps; otherwise
  // prepare + apply_within per step. Same draws, same bits as iterate's step-by-step loop.
  Index apply_run(VectorRef x, Index steps, double divergence_threshold)
    requires HasFusedBatchGradientStep<Problem>
  {
    if constexpr (HasFusedSampleSteps<Problem>) {
      if (options_.batch_size == 1) return sample_run(x, steps, divergence_threshold);
    }
    for (Index k = 0; k < steps; ++k) {
      prepare(k);
      if (!apply_within(x, divergence_threshold)) return k;
    }
    return steps;
  }

  double step_size() const { return options_.step_size; }
  std::span<const Index> batch() const { return batch_; }
  std::span<const double> label_shifts() const { return {}; }
  const Problem& problem() const { return problem_; }
  const StochasticGradientDescentOptions& options() const { return options_; }

 private:
  static Index checked_num_samples(const Problem& problem, const StochasticGradientDescentOptions& options) {
    detail::require_batch_options(kName, options.step_size, options.batch_size, problem.num_samples());
    return problem.num_samples();
  }

  static constexpr Index kRunBlock = 64;

  Index sample_run(VectorRef x, Index steps, double divergence_threshold)
    requires HasFusedSampleSteps<Problem>
  {
    for (Index done = 0; done < steps;) {
      const Index block = std::min(kRunBlock, steps - done);
      for (Index k = 0; k < block; ++k) run_samples_[static_cast<std::size_t>(k)] = sampler_.next()[0];
      const std::span<const Index> samples(run_samples_.data(), static_cast<std::size_t>(block));
      batch_ = samples.last(1);  // batch() is the last step's, as after prepare()
      const Index within = problem_.sample_steps(x, samples, options_.step_size, divergence_threshold);
      if (within < block) return done + within;
      done += block;
    }
    return steps;
  }

  const Problem& problem_;
  StochasticGradientDescentOptions options_;
  MinibatchSampler sampler_;
  std::span<const Index> batch_;
  std::array<Index, kRunBlock> run_samples_{};
  Vector gradient_;
};

}  // namespace sgdbias
