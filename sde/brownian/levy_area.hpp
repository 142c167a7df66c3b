#pragma once
// Lévy areas A_ij = ½ ∫_t^{t+h} ((W_i(s) − W_i(t)) dW_j(s) − (W_j(s) − W_j(t)) dW_i(s)) of one step,
// given ΔW, for Milstein on non-commutative noise (LevyAreaMilstein; sde.md §1.6 "Lévy area",
// §3.2 item 1). Kloeden–Platen–Wright (1992) truncated Fourier series of the Brownian bridge
// plus Wiktorsson's (2001) Gaussian tail:
//
//   W(s) − (s/h)ΔW = ½a_0 + Σ_r a_r cos(2πrs/h) + b_r sin(2πrs/h),  a_r, b_r ~ N(0, h/(2π²r²)),
//   A_ij = (h/2π) Σ_{r≥1} (1/r) [α_ir β_jr − β_ir α_jr + √2 (ξ_i α_jr − ξ_j α_ir)],   ξ = ΔW/√h,
//
// with α, β i.i.d. N(0, 1) (derived from the bridge expansion; E A_ij² = h²/4, sde.md §3.2 item 9).
// The terms r ≤ p are sampled; given ξ the tail r > p has covariance (h²/2π²) a_p (I + Q) on the
// m(m−1)/2 pairs, a_p = Σ_{r>p} 1/r² = π²/6 − Σ_{r≤p} 1/r², Q = M Mᵀ with (Mα)_ij = ξ_iα_j − ξ_jα_i.
// Wiktorsson replaces it by a Gaussian with that covariance: since Q² = |ξ|² Q,
//   √(I + Q) z = z + M Mᵀ z / (1 + √(1 + |ξ|²)),   Mᵀz = Zᵀξ (Z the antisymmetric matrix of z).
// The variance of every A_ij is then exact for any p and the mean-square error is O(h²/p²)
// (Wiktorsson 2001, Thm 4.1), so p = ⌈1/√h⌉ keeps the error per step O(h^{3/2}) and Milstein's
// strong order 1 (levy_area_terms).
//
// Draws per step (none when m = 1), from the caller's stream (the Brownian one, after ΔW): for r = 1..p, α_r (m) then β_r (m); then z (m(m−1)/2).
// Output: the m × m antisymmetric matrix, column-major, as a vector of size m·m.
#include <algorithm>
#include <cmath>
#include <numbers>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias::sde {

// Fourier terms for a step of length h: ⌈1/√h⌉ (at least 1).
inline int levy_area_terms(double h) { return std::max(1, static_cast<int>(std::ceil(1.0 / std::sqrt(h)))); }

class LevyAreaSampler {
 public:
  explicit LevyAreaSampler(Index noise_dimension)
      : xi_(noise_dimension), alpha_(noise_dimension), beta_(noise_dimension), weighted_(noise_dimension),
        tail_projection_(noise_dimension), sum_(noise_dimension, noise_dimension),
        tail_(noise_dimension, noise_dimension) {}

  // out (size m·m) = A for a step of length h with increment dw, using `terms` Fourier terms.
  void sample(RandomStream& stream, double h, int terms, const ConstVectorRef& dw, VectorRef out) {
    const Index m = xi_.size();
    if (m == 1) {  // a single Brownian motion has no area: draw nothing
      out.setZero();
      return;
    }
    xi_ = dw / std::sqrt(h);
    sum_.setZero();
    weighted_.setZero();
    double sampled = 0.0;  // Σ_{r≤p} 1/r²
    for (int r = 1; r <= terms; ++r) {
      stream.fill_standard_normal(alpha_);
      stream.fill_standard_normal(beta_);
      const double inverse = 1.0 / static_cast<double>(r);
      for (Index j = 0; j < m; ++j)
        for (Index i = 0; i < j; ++i) sum_(i, j) += inverse * (alpha_[i] * beta_[j] - beta_[i] * alpha_[j]);
      weighted_ += inverse * alpha_;
      sampled += inverse * inverse;
    }
    // Wiktorsson tail: Z antisymmetric from m(m−1)/2 normals, then √(I + Q) z.
    for (Index j = 1; j < m; ++j)
      for (Index i = 0; i < j; ++i) tail_(i, j) = stream.standard_normal();
    for (Index k = 0; k < m; ++k) {  // Mᵀz = Zᵀξ
      double projection = 0.0;
      for (Index i = 0; i < m; ++i) projection += (i < k ? tail_(i, k) : i > k ? -tail_(k, i) : 0.0) * xi_[i];
      tail_projection_[k] = projection;
    }
    const double shrink = 1.0 / (1.0 + std::sqrt(1.0 + xi_.squaredNorm()));
    const double pi = std::numbers::pi;
    const double a_p = std::max(pi * pi / 6.0 - sampled, 0.0);
    const double series = h / (2.0 * pi), tail = h / (std::numbers::sqrt2 * pi) * std::sqrt(a_p);
    for (Index j = 0; j < m; ++j) {
      out[j * m + j] = 0.0;
      for (Index i = 0; i < j; ++i) {
        const double bridge = sum_(i, j) + std::numbers::sqrt2 * (xi_[i] * weighted_[j] - xi_[j] * weighted_[i]);
        const double gaussian_tail =
            tail_(i, j) + shrink * (xi_[i] * tail_projection_[j] - tail_projection_[i] * xi_[j]);
        out[j * m + i] = series * bridge + tail * gaussian_tail;
        out[i * m + j] = -out[j * m + i];
      }
    }
  }

 private:
  Vector xi_, alpha_, beta_, weighted_, tail_projection_;  // size m
  Matrix sum_, tail_;  // m × m, upper triangles used
};

// Chen's relation: the area over [a, c] from the areas and increments over [a, b] and [b, c]:
//   A_ac = A_ab + A_bc + ½ (ΔW_ab ΔW_bcᵀ − ΔW_bc ΔW_abᵀ)   (exact; DyadicBrownianPath coarsening).
template <class Out>
void concatenate_levy_areas(const ConstVectorRef& first_area, const ConstVectorRef& first_dw,
                            const ConstVectorRef& second_area, const ConstVectorRef& second_dw, Out&& out) {
  const Index m = first_dw.size();
  for (Index j = 0; j < m; ++j)
    for (Index i = 0; i < m; ++i)
      out[j * m + i] = first_area[j * m + i] + second_area[j * m + i] +
                       0.5 * (first_dw[i] * second_dw[j] - second_dw[i] * first_dw[j]);
}

}  // namespace sgdbias::sde
