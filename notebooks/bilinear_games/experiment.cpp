// Experiment `bilinear-games`: simultaneous GD spirals out, alternating GD is neutral, and
// cancelling the drift's interaction terms removes the O(h²) growth, on bilinear zero-sum games
// E = φᵀAθ (bea.md §6.3, §6.7, §6.8(a); §8 checks 10–11). lib/games runs the iterations
// (GameGradientDescent on BilinearGame, or on RegularizedZeroSumGame for the explicit
// regularisers of §6.7, joint-time coefficients of §9 E5); block_theory.hpp gives the exact
// per-singular-value spectral radii and modified-flow growth rates the measured rates are
// compared with.
#include <algorithm>
#include <atomic>
#include <cmath>
#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/SVD>

#include "lib/core/stop_request.hpp"
#include "notebooks/experiment/experiment.hpp"
#include "lib/games/explicit_regularizers.hpp"
#include "lib/games/game_gradient_descent.hpp"
#include "lib/games/regularized_zero_sum_game.hpp"
#include "lib/random/random_stream.hpp"
#include "notebooks/bilinear_games/block_theory.hpp"
#include "notebooks/bilinear_games/bilinear_run.hpp"
#include "notebooks/bilinear_games/experiment.hpp"
#include "problems/games/bilinear_game.hpp"

namespace sgdbias {
namespace {

using bilinear_games::BilinearRun;
using bilinear_games::Coupling;
using bilinear_games::Method;
using bilinear_games::MethodRun;
using problems::BilinearGame;

enum class CouplingKind { kDiagonal, kRandom };

struct BilinearGamesOptions {
  Index first_dimension = 1;
  Index second_dimension = 1;
  CouplingKind coupling = CouplingKind::kDiagonal;
  double largest_singular_value = 1.0;
  double step_size = 0.1;
  double first_rate_factor = 1.0;
  double second_rate_factor = 1.0;
  UpdateOrder alternating_order = UpdateOrder::kFirstPlayerFirst;
  Index first_player_updates = 1;
  Index second_player_updates = 1;
  double regularizer_strength = 0.1;
  Index steps = 2000;
  Index stride = 10;
  double start_radius = 1.0;
  std::vector<Method> methods = {Method::kSimultaneous,        Method::kAlternating, Method::kCancelledInteraction,
                                 Method::kDoubledCancellation, Method::kSga,         Method::kConsensus};

  static std::vector<OptionField<BilinearGamesOptions>> fields() {
    using O = BilinearGamesOptions;
    return {
        integer_option("first-dimension", &O::first_dimension, "m: phi in R^m (the maximising player)", {1, 1000}),
        integer_option("second-dimension", &O::second_dimension, "n: theta in R^n (the minimising player)", {1, 1000}),
        choice_option("coupling", &O::coupling,
                      "A (m x n): diagonal with singular values s, s(r-1)/r, ..., s/r (r = min(m, n)), or a "
                      "Gaussian matrix from the seed rescaled to largest singular value s",
                      Choices<CouplingKind>{{"diagonal", CouplingKind::kDiagonal}, {"random", CouplingKind::kRandom}}),
        real_option("largest-singular-value", &O::largest_singular_value, "s = sigma_max(A)", {0, 1e6, true}),
        real_option("step-size", &O::step_size, "h (bea.md §6.1)", {0, 10, true}),
        real_option("first-rate-factor", &O::first_rate_factor, "alpha: phi's learning rate is alpha*h", {0, 1e3, true}),
        real_option("second-rate-factor", &O::second_rate_factor, "lambda: theta's learning rate is lambda*h",
                    {0, 1e3, true}),
        choice_option("alternating-order", &O::alternating_order, "which player moves first in `alternating`",
                      Choices<UpdateOrder>{{"first-player-first", UpdateOrder::kFirstPlayerFirst},
                                           {"second-player-first", UpdateOrder::kSecondPlayerFirst}}),
        integer_option("first-player-updates", &O::first_player_updates,
                       "m updates of phi (alpha*h/m each) per alternating iteration; on a bilinear game the "
                       "iterates do not depend on m (f does not depend on phi)",
                       {1, 1000}),
        integer_option("second-player-updates", &O::second_player_updates,
                       "k updates of theta (lambda*h/k each) per alternating iteration", {1, 1000}),
        real_option("regularizer-strength", &O::regularizer_strength, "strength of `sga` and `consensus` (bea.md §6.7)",
                    {0, 1e3, true}),
        integer_option("steps", &O::steps, "iterations K of every method", {2, 100000000}),
        integer_option("stride", &O::stride, "record every stride-th iterate (and the last)", {1, 100000000}),
        real_option("start-radius", &O::start_radius, "||(phi0, theta0)||; the direction is Gaussian from the seed",
                    {0, 1e6, true}),
        choice_list_option("methods", &O::methods, "update rules to run", bilinear_games::method_choices()),
    };
  }

  std::optional<std::string> validate() const {
    if (stride > steps) return "--stride must be <= --steps";
    return std::nullopt;
  }
};

Coupling make_coupling(const BilinearGamesOptions& o, std::uint64_t seed) {
  const Index rank = std::min(o.first_dimension, o.second_dimension);
  Coupling coupling;
  if (o.coupling == CouplingKind::kDiagonal) {
    coupling.left = Matrix::Identity(o.first_dimension, rank);
    coupling.right = Matrix::Identity(o.second_dimension, rank);
    coupling.singular_values.resize(rank);
    for (Index i = 0; i < rank; ++i) {
      coupling.singular_values[i] = o.largest_singular_value * static_cast<double>(rank - i) / static_cast<double>(rank);
    }
  } else {
    RandomStream stream(seed, 0, Purpose::kData);
    Matrix gaussian(o.first_dimension, o.second_dimension);
    for (Index j = 0; j < gaussian.cols(); ++j)
      for (Index i = 0; i < gaussian.rows(); ++i) gaussian(i, j) = stream.standard_normal();
    const Eigen::JacobiSVD<Matrix> svd(gaussian, Eigen::ComputeThinU | Eigen::ComputeThinV);
    coupling.left = svd.matrixU();
    coupling.right = svd.matrixV();
    coupling.singular_values = svd.singularValues() * (o.largest_singular_value / svd.singularValues()[0]);
  }
  coupling.matrix = coupling.left * coupling.singular_values.asDiagonal() * coupling.right.transpose();
  return coupling;
}

GameStepOptions step_options(const BilinearGamesOptions& o, Method method) {
  GameStepOptions step{.step_size = o.step_size,
                       .first_rate_factor = o.first_rate_factor,
                       .second_rate_factor = o.second_rate_factor};
  if (method == Method::kAlternating) {
    step.order = o.alternating_order;
    step.first_player_updates = o.first_player_updates;
    step.second_player_updates = o.second_player_updates;
  }
  return step;
}

// The regulariser each simultaneous method adds (bea.md §6.7, joint-time coefficients).
std::optional<ZeroSumRegularizer> regularizer(const BilinearGamesOptions& o, Method method) {
  const GameStepOptions simultaneous = step_options(o, Method::kSimultaneous);
  switch (method) {
    case Method::kCancelledInteraction: return cancel_interaction_terms(simultaneous);
    case Method::kDoubledCancellation: return cancel_interaction_terms(simultaneous).scaled(2.0);
    case Method::kSga: return symplectic_gradient_adjustment(o.regularizer_strength);
    case Method::kConsensus: return consensus_optimization(o.regularizer_strength);
    case Method::kSimultaneous:
    case Method::kAlternating: return std::nullopt;
  }
  return std::nullopt;
}

template <TwoPlayerGame Game>
void iterate(const Game& game, const GameStepOptions& step, const BilinearGame& bilinear, const GameStepOptions& a,
             const BilinearGamesOptions& o, MethodRun& run, const std::atomic<bool>* interrupt) {
  GameGradientDescent<Game> descent(game, step);
  Vector z = run.states.front();
  const double start = bilinear_games::alternating_invariant(bilinear.coupling(), a, z);
  for (Index k = 1; k <= o.steps; ++k) {
    if ((k - 1) % kStopPollSteps == 0) throw_if_stop_requested(interrupt);
    descent.step(z);
    const double invariant = bilinear_games::alternating_invariant(bilinear.coupling(), a, z);
    run.invariant_drift = std::max(run.invariant_drift, std::abs(invariant / start - 1.0));
    if (k % o.stride == 0 || k == o.steps) {
      run.steps.push_back(k);
      run.states.push_back(z);
    }
  }
}

MethodRun run_method(const BilinearGame& game, const BilinearGamesOptions& o, Method method, const Vector& start,
                     const std::atomic<bool>* interrupt) {
  MethodRun run{.method = method, .step = step_options(o, method), .steps = {0}, .states = {start}};
  const GameStepOptions alternating = step_options(o, Method::kAlternating);
  if (const std::optional<ZeroSumRegularizer> added = regularizer(o, method)) {
    run.eta_first = added->first_other;
    run.eta_second = added->second_other;
    const RegularizedZeroSumGame<BilinearGame> regularized(game, *added);
    iterate(regularized, run.step, game, alternating, o, run, interrupt);
  } else {
    iterate(game, run.step, game, alternating, o, run, interrupt);
  }
  return run;
}

void run(const BilinearGamesOptions& options, RunContext& context) {
  BilinearRun result{.coupling = make_coupling(options, context.seed),
                     .alternating = step_options(options, Method::kAlternating),
                     .methods = {}};
  const BilinearGame game(result.coupling.matrix);
  Vector start(game.dimension());
  RandomStream(context.seed, 0, Purpose::kInitialization).fill_standard_normal(start);
  start *= options.start_radius / start.norm();
  for (Method method : options.methods) {
    result.methods.push_back(run_method(game, options, method, start, context.interrupt));
  }
  bilinear_games::write_tables(result, context);
  bilinear_games::write_report(result, context);
}

}  // namespace

Experiment make_bilinear_games_experiment() {
  return make_experiment<BilinearGamesOptions>(
      "bilinear-games",
      "bilinear zero-sum games: simultaneous GD spirals out, alternating GD is neutral, cancelling the interaction "
      "terms removes the O(h^2) growth; measured rates vs exact spectral radii",
      "bilinear_games", &run);
}

}  // namespace sgdbias
