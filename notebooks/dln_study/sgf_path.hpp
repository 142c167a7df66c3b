#pragma once
// The SDEs of dln_study, simulated on SGD's clock t = γ·k (dln.md §6.2, §6.6) with integrator
// time step h = γ/m, m = MethodRun::sgf_substeps. The SGF models the SGD that dln_study runs (batch
// size 1 with replacement, the same step size γ, no label noise):
//   * kSgfLogEuler: Euler–Maruyama on the log light-cone form (log_light_cone_sgf.hpp), the
//     structure-preserving scheme of dln.md §6.3: ln κ follows the Riemann-sum formula to round-off
//     for any h, ζ stays in range(Xᵀ), so the end point is argmin H_{κ_T} up to the residual;
//   * kSgfEulerMaruyama: Euler–Maruyama in x = [u; v] (diagonal_network_sgf.hpp): κ·|1 − z²| per
//     step; its distance to argmin H_{κ_T} shrinks with h (§6.3 table, §9 check 10 uses h ≤ γ/100).
//     Without records it runs through the K-path panel (DiagonalNetworkSgfPaths, one GEMM pair per
//     step for K paths); simulate_sgf_panel steps a whole chunk of trajectories at once and each
//     column is bit for bit the K = 1 run of that trajectory;
//   * kWrongSde, kLangevin: the isotropic-noise comparisons of dln.md §6.5, Euler–Maruyama in x.
// κ_T is read off the final state (the log light-cone state for log-Euler: no u² − v² cancellation).
#include <atomic>
#include <cstdint>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "notebooks/study_support/test_loss.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::dln_study {

enum class SdeKind { kSgfLogEuler, kSgfEulerMaruyama, kWrongSde, kLangevin };

struct SgfPath {
  Vector x;                    // final [u; v]
  Vector log_shrink;           // ln(κ_T/κ₀) per coordinate
  double loss_integral = 0.0;  // ∫₀^T L dt, left Riemann sum on the integrator grid (dln.md §6.3)
  std::vector<Index> record_steps;  // SGD-step equivalents k = t/γ, when run.record_stride > 0
  std::vector<double> record_train_losses, record_test_losses;
};

// Throws NumericalFailure when the path becomes non-finite; StopRequested when `interrupt`
// (Ctrl-C) is raised (polled every kStopPollSteps integrator steps, here and in the panel).
SgfPath simulate_sde(const problems::DiagonalLinearNetwork& network, const study::TestLoss& test_loss, SdeKind kind,
                     const MethodRun& run, RandomStream brownian, const std::atomic<bool>* interrupt = nullptr);

// Trajectories [first, end) of the Euler–Maruyama SGF (no records), stepped as one 2d × K panel
// with streams RandomStream(seed, trajectory, kBrownian). A path that diverges makes the whole
// panel throw NumericalFailure; the caller then reruns the chunk path by path.
std::vector<SgfPath> simulate_sgf_panel(const problems::DiagonalLinearNetwork& network, const MethodRun& run,
                                        std::uint64_t seed, Index first, Index end,
                                        const std::atomic<bool>* interrupt = nullptr);

}  // namespace sgdbias::dln_study
