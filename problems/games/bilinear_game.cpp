#include "problems/games/bilinear_game.hpp"

#include <utility>

#include "lib/core/validation.hpp"

namespace sgdbias::problems {

BilinearGame::BilinearGame(Matrix coupling) {
  constexpr std::string_view kWhere = "BilinearGame";
  require(coupling.rows() >= 1 && coupling.cols() >= 1, kWhere, "the coupling matrix A must be at least 1 x 1, got ",
          coupling.rows(), " x ", coupling.cols());
  require_all_finite(coupling, kWhere, "the coupling matrix A");
  coupling_ = std::make_shared<const Matrix>(std::move(coupling));
}

double BilinearGame::first_loss(const ConstVectorRef& z) const { return -second_loss(z); }

double BilinearGame::second_loss(const ConstVectorRef& z) const {
  require_size(z.size(), dimension(), "BilinearGame::second_loss", "state z");
  const Index m = first_player_dimension();
  return z.head(m).dot(*coupling_ * z.tail(second_player_dimension()));
}

void BilinearGame::field(const ConstVectorRef& z, VectorRef out) const {
  require_size(z.size(), dimension(), "BilinearGame::field", "state z");
  const Index m = first_player_dimension();
  const Index n = second_player_dimension();
  out.head(m).noalias() = *coupling_ * z.tail(n);
  out.tail(n).noalias() = -coupling_->transpose() * z.head(m);
}

void BilinearGame::jacobian_vector_product(const ConstVectorRef&, const ConstVectorRef& direction,
                                           VectorRef out) const {
  field(direction, out);  // v is linear: Dv·w = v(w)
}

void BilinearGame::cross_gradient(const ConstVectorRef& z, VectorRef out) const {
  field(z, out);  // ∇_φE_θ = Aθ = f and ∇_θE_φ = −Aᵀφ = g
}

}  // namespace sgdbias::problems
