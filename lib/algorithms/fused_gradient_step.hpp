#pragma once
// Optional fast path of a problem: the whole step x ← x − γ∇L(x) (or its minibatch / label-noise
// version) in place, returning whether every |x_i| stayed ≤ the divergence threshold (false for
// NaN/±∞). GradientDescent, StochasticGradientDescent and LabelNoiseSgd use it when the problem
// has it (the diagonal network, dln.md §7) and fall back to gradient() + axpy otherwise; iterate()
// then skips its own pass over x for the divergence guard. Results equal the generic path up to
// rounding.
#include <concepts>
#include <span>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

template <class P>
concept HasFusedGradientStep = requires(const P& problem, VectorRef x, double step_size, double threshold) {
  { problem.gradient_step(x, step_size, threshold) } -> std::same_as<bool>;
};

template <class P>
concept HasFusedBatchGradientStep =
    requires(const P& problem, VectorRef x, std::span<const Index> batch, std::span<const double> label_shifts,
             double step_size, double threshold) {
      { problem.batch_gradient_step(x, batch, label_shifts, step_size, threshold) } -> std::same_as<bool>;
    };

// Batch-1 steps in a run: problem.sample_steps(x, samples, γ, threshold) takes one step per sample,
// each with batch_gradient_step's bits, and returns how many stayed within the threshold
// (DiagonalLinearNetwork::sample_steps). StochasticGradientDescent::apply_run uses it for b = 1.
template <class P>
concept HasFusedSampleSteps =
    requires(const P& problem, VectorRef x, std::span<const Index> samples, double step_size, double threshold) {
      { problem.sample_steps(x, samples, step_size, threshold) } -> std::same_as<Index>;
    };

}  // namespace sgdbias
