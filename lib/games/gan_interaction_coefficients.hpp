#pragma once
// GAN interaction coefficients c_ij (bea.md §7, [RD] App. C.1 with the min–min sign of §9 E4).
// The interaction term of the discriminator's per-iteration modified loss (§6.6, simultaneous) is
// (λh/2)·∇_θE_D(φ, θ)ᵀ∇_θE_G(z_{t−1}); with current generator samples z^t_i and anchor samples
// z^{t−1}_j (same batch size B), a_i = ∇_θD(G(z^t_i; θ); φ), b_j = ∇_θD(G(z^{t−1}_j; θ_{t−1}); φ_{t−1}):
//   ∇_θE_Dᵀ∇_θE_G(z_{t−1}) = −(1/B²) Σ_ij c_ij a_iᵀ b_j,
//   c_ij^NS  = 1 / [(1 − D_i) · D_j],   c_ij^sat = 1 / [(1 − D_i) · (1 − D_j)],
// D_i = D(G(z^t_i; θ); φ), D_j = D(G(z^{t−1}_j; θ_{t−1}); φ_{t−1}).
// So minimising Ẽ_D rewards the c-weighted alignment of the generator-side gradients.
#include "lib/core/linear_algebra.hpp"
#include "lib/games/gan_generator_loss.hpp"

namespace sgdbias {

// c (B × B): rows i index the current batch, columns j the anchor batch. Outputs must lie in (0, 1).
Matrix gan_interaction_coefficients(GanGeneratorLoss generator_loss, const ConstVectorRef& current_outputs,
                                    const ConstVectorRef& anchor_outputs);

// −(1/B²) Σ_ij c_ij a_iᵀ b_j, with a_i the columns of `current_output_gradients` (P × B) and b_j the
// columns of `anchor_output_gradients` (P × B), P = number of generator parameters.
double gan_discriminator_interaction(GanGeneratorLoss generator_loss, const ConstVectorRef& current_outputs,
                                     const ConstVectorRef& anchor_outputs,
                                     const ConstMatrixRef& current_output_gradients,
                                     const ConstMatrixRef& anchor_output_gradients);

}  // namespace sgdbias
