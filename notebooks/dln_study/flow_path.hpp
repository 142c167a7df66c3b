#pragma once
// Deterministic modified flows of lib/flows followed alongside the SGD run they model (bea.md
// §2.2, §3.1, §3.2), on the clock t = γ·k:
//   * kGradient: the gradient flow θ̇ = −∇L (the O(γ) model of GD and of SGD's mean);
//   * kPiecewiseAlignment: the Theorem-4 flow of every window of n = MethodRun::alignment_window
//     SGD batches, restarted from its own state each window (integrate_piecewise_alignment_flow):
//     global error O(γ²) against the SGD run with the same batches, versus O(γ) for gradient flow.
// Both are integrated by odeint's RK4 with MethodRun::flow_substeps steps per window. The SGD run
// uses the batches RandomStream(seed, trajectory, kMinibatch) draws — exactly those of the `sgd`
// method's run of the same trajectory — and is compared at every window end t = γ·n·j.
#include <atomic>

#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::dln_study {

enum class FlowKind { kGradient, kPiecewiseAlignment };

struct FlowPath {
  Vector x;                           // the flow's final [u; v]
  double sgd_distance_max = 0.0;      // max over window ends of ‖β_flow(t) − β_SGD(t)‖
  double sgd_distance_final = 0.0;    // ‖β_flow(T) − β_SGD(T)‖
};

// `minibatch`: the stream of the SGD run to follow. Throws NumericalFailure on a non-finite flow,
// StopRequested when `interrupt` (Ctrl-C) is raised (polled at every window).
FlowPath follow_sgd_with_flow(const problems::DiagonalLinearNetwork& network, FlowKind kind, const MethodRun& run,
                              RandomStream minibatch, const std::atomic<bool>* interrupt = nullptr);

}  // namespace sgdbias::dln_study
