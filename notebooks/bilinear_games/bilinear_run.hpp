#pragma once
// The records of one `bilinear-games` run (notebooks/bilinear_games/experiment.cpp) and the tidy
// tables and report written from them, with the exact per-singular-value predictions of
// block_theory.hpp next to the measured rates.
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "notebooks/experiment/experiment.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias::bilinear_games {

enum class Method {
  kSimultaneous,          // S GD (bea.md §6.1)
  kAlternating,           // A_φ or A_θ GD, m and k updates
  kCancelledInteraction,  // S GD + the regulariser cancelling the drift's interaction terms (§6.7)
  kDoubledCancellation,   // S GD + twice that regulariser (converges, §6.8(a))
  kSga,                   // S GD + symplectic gradient adjustment without alignment
  kConsensus,             // S GD + consensus optimisation
};

inline const Choices<Method>& method_choices() {
  static const Choices<Method> choices{{"simultaneous", Method::kSimultaneous},
                                       {"alternating", Method::kAlternating},
                                       {"cancelled-interaction", Method::kCancelledInteraction},
                                       {"doubled-cancellation", Method::kDoubledCancellation},
                                       {"sga", Method::kSga},
                                       {"consensus", Method::kConsensus}};
  return choices;
}

// A = U diag(σ) Vᵀ with thin U (m × r), V (n × r), σ decreasing.
struct Coupling {
  Matrix matrix;
  Matrix left;
  Matrix right;
  Vector singular_values;
};

struct MethodRun {
  Method method = Method::kSimultaneous;
  GameStepOptions step;
  std::vector<Index> steps;    // recorded iterations: 0, stride, 2·stride, ..., and the last
  std::vector<Vector> states;  // z = (φ, θ) at those iterations
  double eta_first = 0.0;      // regulariser: η_φ ‖∇_θE‖² in φ's loss (bea.md §6.7)
  double eta_second = 0.0;     // η_θ ‖∇_φE‖² in θ's loss
  double invariant_drift = 0.0;  // max over ALL iterations of |Q_k/Q_0 − 1|
};

struct BilinearRun {
  Coupling coupling;
  GameStepOptions alternating;  // defines the invariant Q reported for every method
  std::vector<MethodRun> methods;
};

// A_φ conserves Q = λ‖φ‖² + αλh φᵀAθ + α‖θ‖² exactly, A_θ the same with −αλh (bea.md §6.8(a)).
double alternating_invariant(const Matrix& coupling, const GameStepOptions& alternating, const Vector& z);

// norms.csv, blocks.csv, methods.csv, summary.csv (+ their run.json entries and headline results).
void write_tables(const BilinearRun& run, RunContext& context);
void write_report(const BilinearRun& run, RunContext& context);

}  // namespace sgdbias::bilinear_games
