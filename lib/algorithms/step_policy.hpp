#pragma once
// StepPolicy: what one discrete learning algorithm (GD, SGD, label-noise SGD, heavy ball) must
// provide so that the single loop iterate() (iterate.hpp) can drive it (style.md D7).
//
// A step k → k+1 is split in two so that per-step observers see exactly what the step will use
// (dln.md §7 bookkeeping needs the batch and label shifts of step k at the state x_k):
//   prepare(k)   draws step k's randomness (minibatch, label-noise signs); no state change;
//   apply(x)     x ← x_{k+1} using what prepare drew.
// After prepare(k): step_size() is γ_k, batch() the sample indices of step k (all samples for
// full-batch methods), label_shifts() one Δ per batch element (empty without label noise).
// No allocation in prepare/apply: workspace is sized in the constructor.
#include <concepts>
#include <span>
#include <string_view>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

template <class A>
concept StepPolicy = requires(A& algorithm, const A& view, Index step, VectorRef x) {
  { A::kName } -> std::convertible_to<std::string_view>;
  algorithm.prepare(step);
  algorithm.apply(x);
  { view.step_size() } -> std::convertible_to<double>;
  { view.batch() } -> std::convertible_to<std::span<const Index>>;
  { view.label_shifts() } -> std::convertible_to<std::span<const double>>;
  { view.problem().dimension() } -> std::convertible_to<Index>;
};

// Optional fast path: apply_within(x, threshold) is apply(x) that also reports whether every
// |x_i| ≤ threshold afterwards (false for NaN/±∞), measured inside the update pass; iterate()
// then skips its own pass over x for the divergence guard (fused_gradient_step.hpp).
template <class A>
concept GuardedStepPolicy = StepPolicy<A> && requires(A& algorithm, VectorRef x, double threshold) {
  { algorithm.apply_within(x, threshold) } -> std::same_as<bool>;
};

// Optional fast path for runs without per-step observers: apply_run(x, steps, threshold) is
// `steps` × (prepare(k); apply_within(x, threshold)), stopping after the first step that leaves
// the threshold, with the same draws and bits; it returns how many steps stayed within (so
// < steps means the next one diverged and x is after it). iterate() uses it between records when
// no observer has on_step (StochasticGradientDescent with b = 1: no call per step).
template <class A>
concept RunStepPolicy = GuardedStepPolicy<A> && requires(A& algorithm, VectorRef x, Index steps, double threshold) {
  { algorithm.apply_run(x, steps, threshold) } -> std::same_as<Index>;
};

}  // namespace sgdbias
