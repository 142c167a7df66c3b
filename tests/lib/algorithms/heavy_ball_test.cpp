// Heavy-ball momentum: μ = 0 is GD, on a quadratic it reaches the theory's rate, bad input fails.
#include <cmath>

#include <gtest/gtest.h>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/heavy_ball.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/core/errors.hpp"
#include "problems/quadratic/quadratic.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "tests/lib/algorithms/test_problems.hpp"

namespace sgdbias {
namespace {

using problems::Quadratic;

Quadratic ill_conditioned_quadratic() {
  // Eigenvalues 1 and 100: GD contracts like 1 − 2/(κ+1) ≈ 0.98, tuned heavy ball like
  // (√κ − 1)/(√κ + 1) = 9/11 ≈ 0.82 (Polyak 1964).
  Matrix hessian = Matrix::Zero(2, 2);
  hessian.diagonal() << 1.0, 100.0;
  return Quadratic::centered(hessian, Vector::Ones(2));
}

TEST(HeavyBall, ZeroMomentumIsGradientDescent) {
  const problems::LinearRegression problem(testing::regression_data(10, 4, 2).train);
  HeavyBall momentum(problem, {.step_size = 0.05, .momentum = 0.0});
  GradientDescent plain(problem, {0.05});
  Vector x_momentum = Vector::Zero(4), x_plain = Vector::Zero(4);
  iterate(momentum, x_momentum, {.steps = 200});
  iterate(plain, x_plain, {.steps = 200});
  EXPECT_LE((x_momentum - x_plain).cwiseAbs().maxCoeff(), 1e-14);
}

TEST(HeavyBall, TunedMomentumReachesPolyaksRateOnAQuadratic) {
  const Quadratic quadratic = ill_conditioned_quadratic();
  const double condition = 100.0;
  const double step_size = 4.0 / std::pow(std::sqrt(100.0) + 1.0, 2);
  const double momentum = std::pow((std::sqrt(condition) - 1) / (std::sqrt(condition) + 1), 2);
  HeavyBall algorithm(quadratic, {.step_size = step_size, .momentum = momentum});
  Vector x = Vector::Zero(2);
  const Index steps = 100;
  iterate(algorithm, x, {.steps = steps});
  const double rate = std::sqrt(momentum);  // 9/11; error ≤ C·steps·rate^steps (double root)
  EXPECT_LT((x - Vector::Ones(2)).norm(), 10.0 * steps * std::pow(rate, steps));
  GradientDescent plain(quadratic, {2.0 / 101.0});
  Vector y = Vector::Zero(2);
  iterate(plain, y, {.steps = steps});
  EXPECT_GT((y - Vector::Ones(2)).norm(), 1e3 * (x - Vector::Ones(2)).norm());
}

TEST(HeavyBall, RejectsBadMomentumStepAndBatch) {
  const Quadratic quadratic = ill_conditioned_quadratic();
  EXPECT_THROW(HeavyBall(quadratic, {.step_size = 0.01, .momentum = 1.0}), InvalidArgument);
  EXPECT_THROW(HeavyBall(quadratic, {.step_size = 0.01, .momentum = -0.1}), InvalidArgument);
  EXPECT_THROW(HeavyBall(quadratic, {.step_size = -0.01, .momentum = 0.5}), InvalidArgument);
  EXPECT_THROW(HeavyBall(quadratic, {.step_size = 0.01, .momentum = 0.5, .batch_size = 2}), InvalidArgument);
  const problems::LinearRegression problem(testing::regression_data(10, 4, 2).train);
  EXPECT_THROW(HeavyBall(problem, {.step_size = 0.01, .momentum = 0.5, .batch_size = 11}), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
