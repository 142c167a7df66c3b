#include "problems/games/quadratic_game.hpp"

#include <utility>

#include "lib/core/validation.hpp"

namespace sgdbias::problems {

QuadraticGame::QuadraticGame(Matrix first_curvature, Matrix first_coupling, Matrix second_curvature,
                             Matrix second_coupling) {
  constexpr std::string_view kWhere = "QuadraticGame";
  const Index m = first_curvature.rows();
  const Index n = second_curvature.rows();
  require(m >= 1 && first_curvature.cols() == m, kWhere, "A must be square and non-empty, got ", m, " x ",
          first_curvature.cols());
  require(n >= 1 && second_curvature.cols() == n, kWhere, "C must be square and non-empty, got ", n, " x ",
          second_curvature.cols());
  require(first_coupling.rows() == m && first_coupling.cols() == n, kWhere, "B must be ", m, " x ", n, ", got ",
          first_coupling.rows(), " x ", first_coupling.cols());
  require(second_coupling.rows() == m && second_coupling.cols() == n, kWhere, "D must be ", m, " x ", n,
          ", got ", second_coupling.rows(), " x ", second_coupling.cols());
  require_all_finite(first_curvature, kWhere, "A");
  require_all_finite(first_coupling, kWhere, "B");
  require_all_finite(second_curvature, kWhere, "C");
  require_all_finite(second_coupling, kWhere, "D");
  // The losses are quadratic forms: only symmetric curvature makes f = −∇_φE_φ hold.
  require(first_curvature.isApprox(first_curvature.transpose(), 1e-14), kWhere, "A must be symmetric");
  require(second_curvature.isApprox(second_curvature.transpose(), 1e-14), kWhere, "C must be symmetric");
  matrices_ = std::make_shared<const Matrices>(Matrices{std::move(first_curvature), std::move(first_coupling),
                                                        std::move(second_curvature), std::move(second_coupling)});
}

QuadraticGame QuadraticGame::scalar(double a, double b, double c, double d) {
  return QuadraticGame(Matrix::Constant(1, 1, a), Matrix::Constant(1, 1, b), Matrix::Constant(1, 1, c),
                       Matrix::Constant(1, 1, d));
}

bool QuadraticGame::is_zero_sum() const {
  const Matrices& k = *matrices_;
  return k.first_curvature.isZero(0.0) && k.second_curvature.isZero(0.0) && k.first_coupling == k.second_coupling;
}

Matrix QuadraticGame::jacobian() const {
  const Matrices& k = *matrices_;
  const Index m = first_player_dimension(), n = second_player_dimension();
  Matrix jacobian(m + n, m + n);
  jacobian.topLeftCorner(m, m) = -k.first_curvature;
  jacobian.topRightCorner(m, n) = -k.first_coupling;
  jacobian.bottomLeftCorner(n, m) = k.second_coupling.transpose();
  jacobian.bottomRightCorner(n, n) = -k.second_curvature;
  return jacobian;
}

double QuadraticGame::first_loss(const ConstVectorRef& z) const {
  require_size(z.size(), dimension(), "QuadraticGame::first_loss", "state z");
  const Matrices& k = *matrices_;
  const Index m = first_player_dimension(), n = second_player_dimension();
  return 0.5 * z.head(m).dot(k.first_curvature * z.head(m)) + z.head(m).dot(k.first_coupling * z.tail(n));
}

double QuadraticGame::second_loss(const ConstVectorRef& z) const {
  require_size(z.size(), dimension(), "QuadraticGame::second_loss", "state z");
  const Matrices& k = *matrices_;
  const Index m = first_player_dimension(), n = second_player_dimension();
  return 0.5 * z.tail(n).dot(k.second_curvature * z.tail(n)) - z.head(m).dot(k.second_coupling * z.tail(n));
}

void QuadraticGame::field(const ConstVectorRef& z, VectorRef out) const {
  require_size(z.size(), dimension(), "QuadraticGame::field", "state z");
  const Matrices& k = *matrices_;
  const Index m = first_player_dimension(), n = second_player_dimension();
  out.head(m).noalias() = -k.first_curvature * z.head(m);
  out.head(m).noalias() -= k.first_coupling * z.tail(n);
  out.tail(n).noalias() = -k.second_curvature * z.tail(n);
  out.tail(n).noalias() += k.second_coupling.transpose() * z.head(m);
}

void QuadraticGame::jacobian_vector_product(const ConstVectorRef&, const ConstVectorRef& direction,
                                            VectorRef out) const {
  field(direction, out);  // v is linear: Dv·w = v(w)
}

void QuadraticGame::cross_gradient(const ConstVectorRef& z, VectorRef out) const {
  require_size(z.size(), dimension(), "QuadraticGame::cross_gradient", "state z");
  const Matrices& k = *matrices_;
  const Index m = first_player_dimension(), n = second_player_dimension();
  out.head(m).noalias() = -k.second_coupling * z.tail(n);                // ∇_φE_θ = −Dθ
  out.tail(n).noalias() = k.first_coupling.transpose() * z.head(m);      // ∇_θE_φ = Bᵀφ
}

}  // namespace sgdbias::problems
