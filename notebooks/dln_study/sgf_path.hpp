#pragma once
// The stochastic gradient flow of the SGD that dln_study runs (batch size 1 with replacement, the
// same step size γ, no label noise), simulated on SGD's clock t = γ·k (dln.md §6.2, §6.6) with
// integrator time step h = γ/m, m = MethodRun::sgf_substeps:
//   * log-Euler: Euler–Maruyama on the log light-cone form (sde/.../log_light_cone_sgf.hpp), the
//     structure-preserving scheme of dln.md §6.3: ln κ follows the Riemann-sum formula to round-off
//     for any h, ζ stays in range(Xᵀ), so the end point is argmin H_{κ_T} up to the residual;
//   * Euler–Maruyama in x = [u; v] (diagonal_network_sgf.hpp): κ·|1 − z²| per step; its distance to
//     argmin H_{κ_T} shrinks with h (dln.md §6.3 table, §9 check 10 uses h ≤ γ/100).
// κ_T is read off the final state (the log light-cone state for log-Euler: no u² − v² cancellation).
#include <atomic>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"
#include "notebooks/dln_study/dln_run.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::dln_study {

enum class SgfScheme { kLogEuler, kEulerMaruyama };

struct SgfPath {
  Vector x;                    // final [u; v]
  Vector log_shrink;           // ln(κ_T/κ₀) per coordinate
  double loss_integral = 0.0;  // ∫₀^T L dt, left Riemann sum on the integrator grid (dln.md §6.3)
  std::vector<Index> record_steps;  // SGD-step equivalents k = t/γ, when run.record_stride > 0
  std::vector<double> record_train_losses, record_test_losses;
};

// Throws NumericalFailure when the path becomes non-finite; StopRequested when `interrupt`
// (Ctrl-C) is raised (polled every kStopPollSteps integrator steps).
SgfPath simulate_sgf(const problems::DiagonalLinearNetwork& network, const Vector& teacher, SgfScheme scheme,
                     const MethodRun& run, RandomStream brownian, const std::atomic<bool>* interrupt = nullptr);

}  // namespace sgdbias::dln_study
