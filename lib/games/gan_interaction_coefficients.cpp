#include "lib/games/gan_interaction_coefficients.hpp"

#include <string_view>

#include "lib/core/errors.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias {
namespace {

void require_probabilities(const ConstVectorRef& outputs, std::string_view where, std::string_view name) {
  require(outputs.size() >= 1, where, name, " must not be empty");
  require(outputs.allFinite() && (outputs.array() > 0.0).all() && (outputs.array() < 1.0).all(), where, name,
          " must be discriminator outputs in the open interval (0, 1)");
}

}  // namespace

Matrix gan_interaction_coefficients(GanGeneratorLoss generator_loss, const ConstVectorRef& current_outputs,
                                    const ConstVectorRef& anchor_outputs) {
  constexpr std::string_view kWhere = "gan_interaction_coefficients";
  require_probabilities(current_outputs, kWhere, "current_outputs");
  require_probabilities(anchor_outputs, kWhere, "anchor_outputs");
  const Eigen::ArrayXd current_weight = 1.0 / (1.0 - current_outputs.array());
  const Eigen::ArrayXd anchor_weight = generator_loss == GanGeneratorLoss::kNonSaturating
                                           ? Eigen::ArrayXd(1.0 / anchor_outputs.array())
                                           : Eigen::ArrayXd(1.0 / (1.0 - anchor_outputs.array()));
  return current_weight.matrix() * anchor_weight.matrix().transpose();
}

double gan_discriminator_interaction(GanGeneratorLoss generator_loss, const ConstVectorRef& current_outputs,
                                     const ConstVectorRef& anchor_outputs,
                                     const ConstMatrixRef& current_output_gradients,
                                     const ConstMatrixRef& anchor_output_gradients) {
  constexpr std::string_view kWhere = "gan_discriminator_interaction";
  require(current_outputs.size() == anchor_outputs.size(), kWhere, "both batches must have the same size, got ",
          current_outputs.size(), " and ", anchor_outputs.size());
  require(current_output_gradients.cols() == current_outputs.size() &&
              anchor_output_gradients.cols() == anchor_outputs.size() &&
              current_output_gradients.rows() == anchor_output_gradients.rows(),
          kWhere, "output gradients must be P x B with one column per sample, got ", current_output_gradients.rows(),
          " x ", current_output_gradients.cols(), " and ", anchor_output_gradients.rows(), " x ",
          anchor_output_gradients.cols());
  const Matrix coefficients = gan_interaction_coefficients(generator_loss, current_outputs, anchor_outputs);
  const Matrix alignments = current_output_gradients.transpose() * anchor_output_gradients;  // a_iᵀ b_j
  const double batch_size = static_cast<double>(current_outputs.size());
  return -coefficients.cwiseProduct(alignments).sum() / (batch_size * batch_size);
}

}  // namespace sgdbias
