#include "problems/games/general_game.hpp"

#include <utility>

#include "lib/core/validation.hpp"

namespace sgdbias::problems {

GeneralGame::GeneralGame(Index first_player_dimension, Index second_player_dimension, JointLoss first_loss,
                         JointLoss second_loss)
    : first_dimension_(first_player_dimension),
      second_dimension_(second_player_dimension),
      workspace_(Vector::Zero(first_player_dimension + second_player_dimension)) {
  constexpr std::string_view kWhere = "GeneralGame";
  require(first_player_dimension >= 1 && second_player_dimension >= 1, kWhere,
          "both players need at least one parameter, got dimensions ", first_player_dimension, " and ",
          second_player_dimension);
  for (const JointLoss* loss : {&first_loss, &second_loss}) {
    require(static_cast<bool>(loss->loss) && static_cast<bool>(loss->gradient) &&
                static_cast<bool>(loss->hessian_vector_product),
            kWhere, "each JointLoss needs loss, gradient and hessian_vector_product oracles");
  }
  losses_ = std::make_shared<const Losses>(Losses{std::move(first_loss), std::move(second_loss)});
}

double GeneralGame::first_loss(const ConstVectorRef& z) const {
  require_size(z.size(), dimension(), "GeneralGame::first_loss", "state z");
  return losses_->first.loss(z);
}

double GeneralGame::second_loss(const ConstVectorRef& z) const {
  require_size(z.size(), dimension(), "GeneralGame::second_loss", "state z");
  return losses_->second.loss(z);
}

void GeneralGame::field(const ConstVectorRef& z, VectorRef out) const {
  require_size(z.size(), dimension(), "GeneralGame::field", "state z");
  losses_->first.gradient(z, workspace_);
  out.head(first_dimension_) = -workspace_.head(first_dimension_);
  losses_->second.gradient(z, workspace_);
  out.tail(second_dimension_) = -workspace_.tail(second_dimension_);
}

void GeneralGame::jacobian_vector_product(const ConstVectorRef& z, const ConstVectorRef& direction,
                                          VectorRef out) const {
  require_size(z.size(), dimension(), "GeneralGame::jacobian_vector_product", "state z");
  require_size(direction.size(), dimension(), "GeneralGame::jacobian_vector_product", "direction");
  losses_->first.hessian_vector_product(z, direction, workspace_);
  out.head(first_dimension_) = -workspace_.head(first_dimension_);
  losses_->second.hessian_vector_product(z, direction, workspace_);
  out.tail(second_dimension_) = -workspace_.tail(second_dimension_);
}

void GeneralGame::cross_gradient(const ConstVectorRef& z, VectorRef out) const {
  require_size(z.size(), dimension(), "GeneralGame::cross_gradient", "state z");
  losses_->first.gradient(z, workspace_);
  out.tail(second_dimension_) = workspace_.tail(second_dimension_);  // ∇_θE_φ
  losses_->second.gradient(z, workspace_);
  out.head(first_dimension_) = workspace_.head(first_dimension_);    // ∇_φE_θ
}

}  // namespace sgdbias::problems
