// Contract and closed-form facts of the game problems (bea.md §6.1, §6.8). Deterministic: the
// bilinear coupling is drawn from a fixed RandomStream seed; no threads, bit-identical results.
#include <array>
#include <cmath>
#include <complex>
#include <vector>

#include <Eigen/Eigenvalues>
#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/games/bilinear_game.hpp"
#include "problems/games/dirac_gan.hpp"
#include "problems/games/general_game.hpp"
#include "problems/games/quadratic_game.hpp"
#include "tests/problems/games/game_contract.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::problems {
namespace {

Matrix random_matrix(Index rows, Index cols, std::uint64_t trajectory) {
  RandomStream stream(testing::test_seed(), trajectory, Purpose::kData);
  Matrix matrix(rows, cols);
  for (Index j = 0; j < cols; ++j)
    for (Index i = 0; i < rows; ++i) matrix(i, j) = stream.standard_normal();
  return matrix;
}

std::vector<Vector> sample_points(Index dimension, std::uint64_t trajectory) {
  RandomStream stream(testing::test_seed(), trajectory, Purpose::kInitialization);
  std::vector<Vector> points;
  for (int k = 0; k < 4; ++k) {
    Vector z(dimension);
    stream.fill_standard_normal(z);
    points.push_back(z);
  }
  return points;
}

TEST(BilinearGame, SatisfiesTheGameContract) {
  SGDBIAS_TRACE_SEED();
  const BilinearGame game(random_matrix(3, 2, 1));
  EXPECT_GAME_CONTRACT_HOLDS(game, sample_points(5, 2));
}

TEST(BilinearGame, ContinuousFlowConservesTheWeightedNorm) {
  // d/dt (λ‖φ‖² + α‖θ‖²) = 2αλ(φᵀAθ − θᵀAᵀφ) = 0 along φ̇ = αf, θ̇ = λg (bea.md §6.8(a)).
  SGDBIAS_TRACE_SEED();
  const BilinearGame game(random_matrix(2, 3, 3));
  const double alpha = 1.0, lambda = 0.4;
  for (const Vector& z : sample_points(5, 4)) {
    Vector v(5);
    game.field(z, v);
    const double derivative = 2.0 * lambda * z.head(2).dot(alpha * v.head(2)) + 2.0 * alpha * z.tail(3).dot(lambda * v.tail(3));
    EXPECT_NEAR(derivative, 0.0, 1e-13 * z.squaredNorm());
    EXPECT_DOUBLE_EQ(game.first_loss(z), -game.second_loss(z));
  }
}

TEST(DiracGan, SatisfiesTheGameContractForBothGeneratorLosses) {
  const std::vector<Vector> points = {Vector::Zero(2), (Vector(2) << 0.8, -0.6).finished(),
                                      (Vector(2) << -1.3, 2.1).finished(), (Vector(2) << 4.0, 3.0).finished()};
  for (GanGeneratorLoss loss : {GanGeneratorLoss::kSaturating, GanGeneratorLoss::kNonSaturating}) {
    SCOPED_TRACE(std::string(to_string(loss)));
    EXPECT_GAME_CONTRACT_HOLDS(DiracGan(loss), points);
  }
}

TEST(DiracGan, LinearisesToTheHalfRateRotationAtTheEquilibrium) {
  // J = [[0, −½], [½, 0]] for both losses (bea.md §6.8(b)).
  for (GanGeneratorLoss loss : {GanGeneratorLoss::kSaturating, GanGeneratorLoss::kNonSaturating}) {
    const DiracGan game(loss);
    Vector product(2), field(2);
    game.field(Vector::Zero(2), field);
    EXPECT_EQ(field.norm(), 0.0);
    game.jacobian_vector_product(Vector::Zero(2), Vector::Unit(2, 0), product);
    EXPECT_DOUBLE_EQ(product[0], 0.0);
    EXPECT_DOUBLE_EQ(product[1], 0.5);
    game.jacobian_vector_product(Vector::Zero(2), Vector::Unit(2, 1), product);
    EXPECT_DOUBLE_EQ(product[0], -0.5);
    EXPECT_DOUBLE_EQ(product[1], 0.0);
    EXPECT_EQ(game.is_zero_sum(), loss == GanGeneratorLoss::kSaturating);
  }
}

TEST(DiracGan, StaysFiniteForLargeLogits) {
  const DiracGan game(GanGeneratorLoss::kNonSaturating);
  const Vector z = (Vector(2) << 40.0, -30.0).finished();
  Vector out(2);
  game.field(z, out);
  EXPECT_TRUE(out.allFinite());
  EXPECT_TRUE(std::isfinite(game.first_loss(z)) && std::isfinite(game.second_loss(z)));
  EXPECT_THROW(game.field(Vector::Zero(3), out), InvalidArgument);
}

TEST(QuadraticGame, SatisfiesTheGameContract) {
  SGDBIAS_TRACE_SEED();
  EXPECT_GAME_CONTRACT_HOLDS(QuadraticGame::scalar(0.1, 1.0, 0.05, 0.6), sample_points(2, 5));
  const Matrix a = random_matrix(2, 2, 6), c = random_matrix(3, 3, 7);
  const QuadraticGame block(a * a.transpose(), random_matrix(2, 3, 8), c + c.transpose(), random_matrix(2, 3, 9));
  EXPECT_GAME_CONTRACT_HOLDS(block, sample_points(5, 10));
}

TEST(QuadraticGame, ContinuousSpecGameIsAStableSpiral) {
  // Eigenvalues of [[−a, −b], [d, −c]]: −(a + c)/2 ± i√(ac + bd − (a + c)²/4) = −0.075 ± 0.7742i
  // for (a, b, c, d) = (0.1, 1, 0.05, 0.6) (bea.md §6.8(c)).
  const QuadraticGame game = QuadraticGame::scalar(0.1, 1.0, 0.05, 0.6);
  const Eigen::VectorXcd eigenvalues = Eigen::EigenSolver<Matrix>(game.jacobian()).eigenvalues();
  const double imaginary = std::sqrt(0.1 * 0.05 + 0.6 - 0.075 * 0.075);
  for (const std::complex<double>& mu : eigenvalues) {
    EXPECT_NEAR(mu.real(), -0.075, 1e-14);
    EXPECT_NEAR(std::abs(mu.imag()), imaginary, 1e-14);
  }
  EXPECT_FALSE(game.is_zero_sum());
  EXPECT_TRUE(QuadraticGame::scalar(0.0, 1.0, 0.0, 1.0).is_zero_sum());
}

TEST(QuadraticGame, RejectsInconsistentMatrices) {
  EXPECT_THROW(QuadraticGame(Matrix::Identity(2, 2), Matrix::Zero(2, 1), Matrix::Identity(1, 1), Matrix::Zero(1, 2)),
               InvalidArgument);
  Matrix asymmetric = Matrix::Identity(2, 2);
  asymmetric(0, 1) = 1.0;
  EXPECT_THROW(QuadraticGame(asymmetric, Matrix::Zero(2, 1), Matrix::Identity(1, 1), Matrix::Zero(2, 1)),
               InvalidArgument);
  EXPECT_THROW(BilinearGame(Matrix(0, 2)), InvalidArgument);
  Matrix with_nan = Matrix::Ones(2, 2);
  with_nan(1, 1) = std::nan("");
  EXPECT_THROW(BilinearGame{with_nan}, InvalidArgument);
}

// The quadratic game written as two joint losses: the general game must reproduce it.
GeneralGame general_from_quadratic(const QuadraticGame& reference) {
  const auto make = [reference](bool first) {
    JointLoss loss;
    loss.loss = [reference, first](const ConstVectorRef& z) {
      return first ? reference.first_loss(z) : reference.second_loss(z);
    };
    // Joint gradients and HVPs of E_φ = ½aφ² + bφθ, E_θ = ½cθ² − dφθ (scalar players).
    loss.gradient = [first](const ConstVectorRef& z, VectorRef out) {
      if (first) out << 0.1 * z[0] + 1.0 * z[1], 1.0 * z[0];
      else out << -0.6 * z[1], 0.05 * z[1] - 0.6 * z[0];
    };
    loss.hessian_vector_product = [first](const ConstVectorRef&, const ConstVectorRef& w, VectorRef out) {
      if (first) out << 0.1 * w[0] + 1.0 * w[1], 1.0 * w[0];
      else out << -0.6 * w[1], -0.6 * w[0] + 0.05 * w[1];
    };
    return loss;
  };
  return GeneralGame(1, 1, make(true), make(false));
}

TEST(GeneralGame, ReproducesTheGameItsLossesDescribe) {
  SGDBIAS_TRACE_SEED();
  const QuadraticGame reference = QuadraticGame::scalar(0.1, 1.0, 0.05, 0.6);
  const GeneralGame game = general_from_quadratic(reference);
  const std::vector<Vector> points = sample_points(2, 11);
  EXPECT_GAME_CONTRACT_HOLDS(game, points);
  for (const Vector& z : points) {
    Vector expected(2), actual(2);
    reference.field(z, expected);
    game.field(z, actual);
    EXPECT_LT((actual - expected).norm(), 1e-15 * (1.0 + expected.norm()));
    reference.jacobian_vector_product(z, z, expected);
    game.jacobian_vector_product(z, z, actual);
    EXPECT_LT((actual - expected).norm(), 1e-15 * (1.0 + expected.norm()));
  }
}

TEST(GeneralGame, RejectsMissingOraclesAndWrongSizes) {
  EXPECT_THROW(GeneralGame(1, 1, JointLoss{}, JointLoss{}), InvalidArgument);
  const GeneralGame game = general_from_quadratic(QuadraticGame::scalar(0.1, 1.0, 0.05, 0.6));
  Vector out(2);
  EXPECT_THROW(game.field(Vector::Zero(3), out), InvalidArgument);
  EXPECT_THROW(GeneralGame(0, 1, JointLoss{}, JointLoss{}), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::problems
