#pragma once
// One trajectory of a discrete method on the diagonal linear network of the seed setting, and
// what the DLN studies (alpha_sweep, label_noise, step_size_sweep, effective_initialization)
// report about it. Pure wiring of library pieces: lib/algorithms' iterate() with GD / SGD /
// label-noise SGD, the exact κ bookkeeping of dln.md §7 (DiscreteScaleBookkeeping), the loss
// integral ∫L dt (LossIntegral), and the mirror projection of lib/analysis for the interpolator
// predicted from the run's own κ∞ (dln.md §5, §6.3, §7).
#include <atomic>
#include <cstdint>
#include <limits>
#include <memory>
#include <string>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "notebooks/experiment/option_field.hpp"
#include "lib/analysis/interpolation_constraint.hpp"
#include "notebooks/study_support/study_problem.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias::dln_study {

// kGdAlignmentRegulariser: GD on the Theorem-4 modified loss Ẽ of a window of n random SGD
// batches (bea.md §3.2, SgdAlignmentLoss), re-drawn and re-anchored every n steps — SGD's
// O(h²) drift added explicitly to GD steps on the window's mean loss.
// kSgfLogEuler / kSgfEulerMaruyama: the stochastic gradient flow of the SGD row (batch 1, same γ)
// on the clock t = γ·k, time step h = γ/sgf_substeps (dln.md §6.2, §6.6; sgf_path.hpp).
// kGradientFlow / kPiecewiseAlignmentFlow: lib/flows' gradient flow and piecewise Theorem-4 flow,
// each following the SGD run of the same trajectory (same batches; bea.md §2.2, §3.2; flow_path.hpp).
// kWrongSde / kLangevin: the isotropic-noise comparisons of dln.md §6.5 by Euler–Maruyama on the
// SGF's clock (sgf_path.hpp): the SGF prefactor with noise B ∈ R^d not passed through Xᵀ, and
// overdamped Langevin dx = −∇L dt + √(2/η) dB.
enum class Method {
  kGradientDescent,
  kStochasticGradientDescent,
  kLabelNoiseSgd,
  kGdAlignmentRegulariser,
  kSgfLogEuler,
  kSgfEulerMaruyama,
  kGradientFlow,
  kPiecewiseAlignmentFlow,
  kWrongSde,
  kLangevin
};

inline const Choices<Method>& method_choices() {
  static const Choices<Method> choices{{"gd", Method::kGradientDescent},
                                       {"sgd", Method::kStochasticGradientDescent},
                                       {"label-noise-sgd", Method::kLabelNoiseSgd},
                                       {"gd-alignment-regulariser", Method::kGdAlignmentRegulariser},
                                       {"sgf-log-euler", Method::kSgfLogEuler},
                                       {"sgf-euler-maruyama", Method::kSgfEulerMaruyama},
                                       {"gradient-flow", Method::kGradientFlow},
                                       {"piecewise-alignment-flow", Method::kPiecewiseAlignmentFlow},
                                       {"wrong-sde", Method::kWrongSde},
                                       {"langevin", Method::kLangevin}};
  return choices;
}

// No randomness: one trajectory says everything (run_configurations runs these once).
inline bool is_deterministic(Method method) {
  return method == Method::kGradientDescent || method == Method::kGradientFlow;
}

struct MethodRun {
  Method method = Method::kGradientDescent;
  double alpha = 0.1;      // PPF scale (product form u₀ = 2α, v₀ = 0: κ₀ = 2α², dln.md §3.3)
  double step_size = 0.02; // γ
  Index steps = 10000;
  double label_noise = 1.0;         // δ of label-noise SGD ...
  Index label_noise_steps = 1000;   // ... for the first K₀ steps, then 0 (dln.md §6.4)
  Index record_stride = 0;          // > 0: also record train/test loss every this many steps
  Index alignment_window = 4;       // n of kGdAlignmentRegulariser (batches of size 1)
  // m of the SGF methods: time step h = γ/m. Log-Euler's κ is exact for any h (dln.md §6.3);
  // Euler–Maruyama needs h ≤ γ/20, h ≤ γ/100 for 1e-3-level end points (§6.6, §9 check 10).
  Index sgf_substeps = 10;
  // RK4 steps of the flows per window of alignment_window SGD steps (lib/flows/integrate_flow.hpp).
  Index flow_substeps = 2;
  // η of kLangevin: dx = −∇L dt + √(2/η) dB (dln.md §6.5).
  double langevin_inverse_temperature = 1e4;
};

// Per-trajectory results; NaN entries (and diverged = true) when the run diverged. Every double
// member is one outcome, declared once with its name, unit and description in outcome_columns()
// (outcome_tables.hpp), which generates the CSV columns, the reports' lookups and run.json.
struct MethodOutcome {
  bool diverged = false;
  double train_loss = 0.0;            // L(x_K) = c·MSE (c = 1/2 in the product form)
  double test_loss = 0.0;             // study::TestLoss of β_K (teacher or test data; NaN if neither)
  double l1_norm = 0.0;               // ‖β_K‖₁
  double support_error = 0.0;         // ‖β_K off supp β*‖₁ / ‖β_K‖₁ (0: perfectly sparse; NaN without a teacher)
  double mean_log_scale_ratio = 0.0;  // mean_j ln(κ_K/κ₀), exact bookkeeping (dln.md §7)
  double loss_integral = 0.0;         // ∫L dt ≈ γ Σ_k L(x_k), SGF: h Σ L (NaN for kGdAlignmentRegulariser)
  double formula_mean_log_scale_ratio = 0.0;  // −γ·mean_j(D_j)·∫MSE dt (SGF α∞ formula, dln.md §6.3)
  double predicted_test_loss = 0.0;   // test loss of argmin_{Xβ=y} H_{κ_K} (κ_K from the run)
  double prediction_distance = 0.0;   // ‖β_K − argmin H_{κ_K}‖ / ‖β_K‖
  double sharpness_step_size = 0.0;   // γ·λ_max(∇²L(x_K)): ≤ 2 where GD can settle (dln.md §7, EoS)
  // Flows only (NaN otherwise): ‖β_flow − β_SGD‖ against the SGD run with the same batches, at
  // every window end t = γ·n·j: the maximum and the final value.
  double sgd_distance_max = std::numeric_limits<double>::quiet_NaN();
  double sgd_distance_final = std::numeric_limits<double>::quiet_NaN();
  std::vector<Index> record_steps;    // when record_stride > 0
  std::vector<double> record_train_losses, record_test_losses;
};

// One configuration (data, method and its settings) and the objects every trajectory of it
// shares, built once: the network over the data (its LinearModelData: X, XᵀX moments) and the
// QR-factorised interpolation constraint Xβ = y of the κ_inf prediction (dln.md §5). Not
// thread-safe (the network's workspaces): one runner per worker thread (copies are cheap and
// share the data).
class MethodRunner {
 public:
  MethodRunner(const study::StudyProblem& problem, const MethodRun& run);

  const MethodRun& settings() const { return run_; }
  // `interrupt` (Ctrl-C) is polled inside the trajectory: StopRequested ends it (and run_panel).
  MethodOutcome run(std::uint64_t seed, Index trajectory, const std::atomic<bool>* interrupt = nullptr);
  // Trajectories [first, end) of the Euler–Maruyama SGF stepped as one 2d × K panel
  // (sgf_panel.hpp): each outcome bit-identical to run(seed, trajectory). Only for
  // kSgfEulerMaruyama without records (the panel keeps no per-path series).
  std::vector<MethodOutcome> run_panel(std::uint64_t seed, Index first, Index end,
                                       const std::atomic<bool>* interrupt = nullptr);
  static bool has_panel(const MethodRun& run) {
    return run.method == Method::kSgfEulerMaruyama && run.record_stride == 0;
  }

 private:
  // Train/test loss, norms, κ prediction and sharpness of the final state `x` with ln(κ/κ₀) = `log_shrink`.
  void evaluate(const Vector& x, const Vector& log_shrink, MethodOutcome& outcome);

  const study::StudyProblem* problem_;
  MethodRun run_;
  problems::DiagonalLinearNetwork network_;
  InterpolationConstraint constraint_;
};

// Test loss of the gradient-flow limit argmin_{Xβ=y} φ_α (dln.md §3.3, §4): the GF curve of the
// α figure, computed without simulating.
double gradient_flow_test_loss(const study::StudyProblem& problem, double alpha);

}  // namespace sgdbias::dln_study
