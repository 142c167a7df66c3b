#pragma once
// Closed forms for the bilinear zero-sum game E = φᵀAθ per singular value (bea.md §6.8(a)). In the
// coordinates p = uᵀφ, q = vᵀθ of a singular triple (u, σ, v) of A every method of the
// bilinear-games study is a 2×2 linear map, written here from the update rules of bea.md §6.1 and
// §6.7 — independently of lib/games, whose iterations the study compares with these predictions.
//   x = αλh²σ²;  S GD: ρ = √(1 + x);  A GD: |eigenvalues| = 1 for x < 4;
//   S GD + explicit regulariser (η_φ ‖∇_θE‖² in φ's loss, η_θ ‖∇_φE‖² in θ's):
//     [[1 − d_φ, αhσ], [−λhσ, 1 − d_θ]],  d_φ = 2αhη_φσ², d_θ = 2λhη_θσ².
// The own-norm terms of the regularisers have no effect here (∇_φ‖∇_φE‖² = ∇_φ‖Aθ‖² = 0).
#include <algorithm>
#include <cmath>
#include <complex>

#include <Eigen/Dense>
#include <Eigen/Eigenvalues>

#include "lib/games/game_step_options.hpp"

namespace sgdbias::bilinear_games {

using Matrix2 = Eigen::Matrix2d;

// One iteration of a method on a block, and the generator of its joint-time modified flow
// (bea.md §6.3), both acting on (p, q).
struct BlockMaps {
  Matrix2 iteration;
  Matrix2 flow;
};

inline double interaction_strength(const GameStepOptions& o, double sigma) {
  return o.first_rate_factor * o.second_rate_factor * o.step_size * o.step_size * sigma * sigma;  // x
}

// S GD on the game with the regulariser (η_φ, η_θ): iteration I + hG with the continuous
// generator G = [[−2αη_φσ², ασ], [−λσ, −2λη_θσ²]] (f = σq, g = −σp in block coordinates); its
// modified flow is ż = F − (h/2)DF·F, i.e. G − (h/2)G² (bea.md §6.3).
inline BlockMaps simultaneous_block(const GameStepOptions& o, double sigma, double eta_first, double eta_second) {
  const double alpha = o.first_rate_factor, lambda = o.second_rate_factor, h = o.step_size;
  Matrix2 generator;
  generator << -2.0 * alpha * eta_first * sigma * sigma, alpha * sigma, -lambda * sigma,
      -2.0 * lambda * eta_second * sigma * sigma;
  return {Matrix2::Identity() + h * generator, generator - (h / 2.0) * generator * generator};
}

// A GD: A_φ [[1, a], [−b, 1 − ab]], A_θ [[1 − ab, a], [−b, 1]], a = αhσ, b = λhσ. m or k updates of
// one player give the same map: f does not depend on φ nor g on θ (f_φ = g_θ = 0). Modified flow:
// the S flow plus h·(0, αλ g_φ f) for A_φ, h·(αλ f_θ g, 0) for A_θ (bea.md §6.3); trace 0.
inline BlockMaps alternating_block(const GameStepOptions& o, double sigma) {
  const double a = o.first_learning_rate() * sigma, b = o.second_learning_rate() * sigma;
  const double correction = o.first_rate_factor * o.second_rate_factor * o.step_size * sigma * sigma;
  BlockMaps maps = simultaneous_block(o, sigma, 0.0, 0.0);
  const bool first_moves_first = o.order == UpdateOrder::kFirstPlayerFirst;
  maps.iteration << (first_moves_first ? 1.0 : 1.0 - a * b), a, -b, (first_moves_first ? 1.0 - a * b : 1.0);
  maps.flow(first_moves_first ? 1 : 0, first_moves_first ? 1 : 0) -= correction;
  return maps;
}

struct BlockPrediction {
  double x = 0.0;                // αλh²σ²
  double radius = 0.0;           // spectral radius of one iteration
  double flow_log_growth = 0.0;  // h · max Re eigenvalue of the modified flow: log-growth per step to O(x)
  // log κ(V), V the eigenvectors of the iteration in the weighted coordinates (√λ p, √α q) of
  // ‖·‖_w = √(λp² + αq²): for a complex pair, |log ‖M^K z‖_w − log ‖z‖_w − K log ρ| ≤ log κ(V).
  // Infinite when the eigenvalues are real (then a generic start only approaches log ρ).
  double log_condition = 0.0;
};

inline BlockPrediction predict(const BlockMaps& maps, const GameStepOptions& o, double sigma) {
  BlockPrediction prediction;
  prediction.x = interaction_strength(o, sigma);
  const Eigen::EigenSolver<Matrix2> iteration(maps.iteration);
  prediction.radius = iteration.eigenvalues().cwiseAbs().maxCoeff();
  const Eigen::EigenSolver<Matrix2> flow(maps.flow, false);
  prediction.flow_log_growth = o.step_size * flow.eigenvalues().real().maxCoeff();
  const bool complex_pair = iteration.eigenvalues()[0].imag() != 0.0;
  if (!complex_pair) {
    prediction.log_condition = INFINITY;
    return prediction;
  }
  const Eigen::Vector2d weights(std::sqrt(o.second_rate_factor), std::sqrt(o.first_rate_factor));
  const Matrix2 weighted = weights.asDiagonal() * maps.iteration * weights.cwiseInverse().asDiagonal();
  const Eigen::EigenSolver<Matrix2> weighted_solver(weighted);
  const Eigen::JacobiSVD<Eigen::Matrix2cd> svd(weighted_solver.eigenvectors());
  prediction.log_condition = std::log(svd.singularValues()[0] / svd.singularValues()[1]);
  return prediction;
}

}  // namespace sgdbias::bilinear_games
