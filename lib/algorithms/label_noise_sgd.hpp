#pragma once
// LabelNoiseSgd: SGD on perturbed labels (dln.md §6.4, §6.6): at step k draw a minibatch B_k
// and, for each of its elements, Δ = ±2δ_k with probability ½ (δ_k from a LabelNoiseSchedule);
// then x_{k+1} = x_k − γ ∇L_{B_k}(x_k; y + Δ), i.e. residuals r_i − Δ. The mean step equals
// SGD's; the extra noise covariance is exactly 4δ²γ²(1/n)diag(u)XᵀXdiag(u) (batch 1).
// With batch_size = n and kWithoutReplacement it is label-noise gradient descent.
//
// The schedule follows the algorithm's own step count, not iterate()'s: a run split into several
// iterate() calls (e.g. to look at it between them) takes δ_k for k = 0, 1, 2, ... across all of
// them, with the same draws and bits as one call. `first_step` starts the count elsewhere, for a
// run that continues a saved state (the schedule then resumes at that step).
#include <limits>
#include <span>
#include <string_view>
#include <vector>

#include "lib/algorithms/fused_gradient_step.hpp"
#include "lib/algorithms/label_noise_schedule.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/random/minibatch_sampler.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias {

// A finite sum whose batch gradient accepts one label shift per batch element.
template <class P>
concept SupportsLabelNoise =
    FiniteSumObjective<P> && requires(const P& problem, const ConstVectorRef& x, std::span<const Index> batch,
                                      std::span<const double> label_shifts, VectorRef gradient) {
      problem.batch_gradient(x, batch, label_shifts, gradient);
      { problem.batch_loss(x, batch, label_shifts) } -> std::convertible_to<double>;
    };

struct LabelNoiseSgdOptions {
  double step_size = 0.01;  // γ
  Index batch_size = 1;     // b ∈ [1, n]
  BatchSampling sampling = BatchSampling::kWithReplacement;
  Index first_step = 0;     // schedule index of the first step taken (≥ 0)
};

template <SupportsLabelNoise Problem>
class LabelNoiseSgd {
 public:
  static constexpr std::string_view kName = "label-noise stochastic gradient descent";

  // Streams: RandomStream(seed, trajectory, Purpose::kMinibatch) and (..., Purpose::kLabelNoise).
  LabelNoiseSgd(const Problem& problem, LabelNoiseSgdOptions options, LabelNoiseSchedule schedule,
                RandomStream minibatch_stream, RandomStream label_noise_stream)
      : problem_(problem), options_(options), schedule_(std::move(schedule)),
        sampler_(checked_num_samples(problem, options), options.batch_size, options.sampling,
                 std::move(minibatch_stream)),
        label_noise_stream_(std::move(label_noise_stream)),
        shifts_(static_cast<std::size_t>(options.batch_size)), gradient_(problem.dimension()),
        next_step_(options.first_step) {}
  // Keeps a reference to the problem, which must outlive it: a temporary would dangle.
  LabelNoiseSgd(const Problem&& temporary, LabelNoiseSgdOptions options, LabelNoiseSchedule schedule,
                RandomStream minibatch_stream, RandomStream label_noise_stream) = delete;

  // `step` is iterate()'s count within one call; the schedule uses the algorithm's own count.
  void prepare(Index /*step*/) {
    batch_ = sampler_.next();
    const double level = schedule_.level(next_step_++);
    // The sign is drawn even when δ_k = 0 so the minibatch and sign streams stay aligned
    // whatever the schedule (same seed → same batches as plain SGD).
    for (double& shift : shifts_) shift = 2.0 * level * label_noise_stream_.random_sign();
  }
  void apply(VectorRef x) {
    if constexpr (HasFusedBatchGradientStep<Problem>) {
      problem_.batch_gradient_step(x, batch_, shifts_, options_.step_size, std::numeric_limits<double>::infinity());
    } else {
      problem_.batch_gradient(x, batch_, std::span<const double>(shifts_), gradient_);
      x -= options_.step_size * gradient_;
    }
  }
  bool apply_within(VectorRef x, double divergence_threshold)
    requires HasFusedBatchGradientStep<Problem>
  {
    return problem_.batch_gradient_step(x, batch_, shifts_, options_.step_size, divergence_threshold);
  }

  double step_size() const { return options_.step_size; }
  std::span<const Index> batch() const { return batch_; }
  std::span<const double> label_shifts() const { return shifts_; }
  const Problem& problem() const { return problem_; }
  const LabelNoiseSgdOptions& options() const { return options_; }
  const LabelNoiseSchedule& schedule() const { return schedule_; }
  // Schedule index of the next step: options.first_step + the steps prepared so far.
  Index next_step() const { return next_step_; }

 private:
  static Index checked_num_samples(const Problem& problem, const LabelNoiseSgdOptions& options) {
    detail::require_batch_options(kName, options.step_size, options.batch_size, problem.num_samples());
    require(options.first_step >= 0, kName, "first_step must be >= 0, got ", options.first_step);
    return problem.num_samples();
  }

  const Problem& problem_;
  LabelNoiseSgdOptions options_;
  LabelNoiseSchedule schedule_;
  MinibatchSampler sampler_;
  RandomStream label_noise_stream_;
  std::span<const Index> batch_;
  std::vector<double> shifts_;
  Vector gradient_;
  Index next_step_;
};

}  // namespace sgdbias
