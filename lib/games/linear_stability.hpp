#pragma once
// Linear-stability tools for games with an affine field (bilinear, quadratic; bea.md §6.8): the
// matrix of one GD iteration and of the modified flow at the equilibrium z = 0, their spectral
// radius / largest real part, and a bisection for the step size where stability is lost.
#include <cmath>
#include <string_view>

#include <Eigen/Eigenvalues>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/vector_field.hpp"
#include "lib/games/game_gradient_descent.hpp"
#include "lib/games/game_modified_flow.hpp"
#include "lib/games/game_step_options.hpp"

namespace sgdbias {

// The matrix M of an affine map, M e_j = map(e_j) − map(0). `map(const Vector& in, Vector& out)`.
template <class Map>
Matrix affine_map_matrix(Index dimension, Map&& map) {
  Matrix matrix(dimension, dimension);
  Vector input = Vector::Zero(dimension), output(dimension), offset(dimension);
  map(input, offset);
  for (Index j = 0; j < dimension; ++j) {
    input.setZero();
    input[j] = 1.0;
    map(input, output);
    matrix.col(j) = output - offset;
  }
  return matrix;
}

inline double spectral_radius(const Matrix& matrix) {
  const Eigen::EigenSolver<Matrix> solver(matrix, false);
  return solver.eigenvalues().cwiseAbs().maxCoeff();
}

inline double max_real_eigenvalue(const Matrix& matrix) {
  const Eigen::EigenSolver<Matrix> solver(matrix, false);
  return solver.eigenvalues().real().maxCoeff();
}

// One iteration of GameGradientDescent as a matrix (exact for games with a LINEAR field v(z) = Jz).
template <TwoPlayerGame Game>
Matrix gradient_descent_matrix(const Game& game, const GameStepOptions& options) {
  GameGradientDescent<Game> descent(game, options);
  return affine_map_matrix(game.dimension(), [&](const Vector& in, Vector& out) {
    out = in;
    descent.step(out);
  });
}

// The joint-time modified flow's Jacobian (exact for linear fields, where the flow is linear).
template <HasJacobianVectorProduct Game>
Matrix modified_flow_matrix(const Game& game, const GameStepOptions& options) {
  GameModifiedFlow<Game> flow(game, options);
  return affine_map_matrix(game.dimension(), [&](const Vector& in, Vector& out) { flow(in, out, 0.0); });
}

// Bisection for the step size where `is_stable(h)` switches from true (at `stable_step_size`) to
// false (at `unstable_step_size`), to an absolute `tolerance`.
template <class IsStable>
double stability_threshold(IsStable&& is_stable, double stable_step_size, double unstable_step_size,
                           double tolerance = 1e-12) {
  constexpr std::string_view kWhere = "stability_threshold";
  require(is_stable(stable_step_size), kWhere, "the game is not stable at the lower step size ", stable_step_size);
  require(!is_stable(unstable_step_size), kWhere, "the game is still stable at the upper step size ",
          unstable_step_size);
  while (std::abs(unstable_step_size - stable_step_size) > tolerance) {
    const double middle = 0.5 * (stable_step_size + unstable_step_size);
    (is_stable(middle) ? stable_step_size : unstable_step_size) = middle;
  }
  return 0.5 * (stable_step_size + unstable_step_size);
}

}  // namespace sgdbias
