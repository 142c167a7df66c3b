#pragma once
// How many classical RK4 steps a LINEAR flow needs (the principal flow of a quadratic, bea.md §4.3):
// a rigorous bound on RK4's relative error per eigen-component, and the fewest substeps that meet
// a tolerance. integrate_flow() uses it for systems that declare their rates (linear_rates()).
//
// Along an eigenvector the flow is ẏ = μy (for the principal flow y = δ_i = θ_i − θ*_i and
// μ = Log(1 − hλ_i)/h, bea.md §4.3), and RK4 is linear, so N steps over a window T multiply y by
// R(z)^N with z = μT/N and R(z) = 1 + z + z²/2 + z³/6 + z⁴/24, where the flow multiplies by e^{Nz}:
//   |R^N − e^{Nz}| = |R − e^z|·|Σ_{j<N} R^j e^{(N−1−j)z}| ≤ N·|R − e^z|·m^{N−1},  m = max(|R|, |e^z|),
//   |e^z − R(z)| = |Σ_{k≥5} z^k/k!| ≤ |z|⁵/(120(1 − |z|/6))  for |z| < 6   (5!/(5+j)! ≤ 6^{−j}).
// The relative error below divides by max(1, |e^{Nz}|), the larger of |y| at the start and at the
// end of the window. Leading term N·|z|⁵/120 = (|μ|T)⁵/(120N⁴): the error falls as N⁻⁴, and with the
// default 8 substeps per unit window it is ~1e-3 for |μ| = π (hλ just above 1 or 2).
#include <complex>

#include "lib/core/linear_algebra.hpp"
#include "lib/flows/complex_state.hpp"

namespace sgdbias {

// Bound on |y_RK4(T) − y(T)| / max(|y(0)|, |y(T)|) for ẏ = μy, N = substeps steps over T = duration.
// +∞ when some |μT/N| ≥ 6 (the bound does not apply: take more steps).
double rk4_linear_relative_error(std::complex<double> rate, double duration, Index substeps);
// The largest of the bounds over the rates μ_i.
double rk4_linear_relative_error(const ComplexVector& rates, double duration, Index substeps);

// The fewest substeps N ≥ minimum_substeps with rk4_linear_relative_error(rates, duration, N) ≤
// tolerance. Throws InvalidArgument if that needs more than 10⁷ (use a closed form instead).
Index rk4_substeps_for_linear_flow(const ComplexVector& rates, double duration, double tolerance,
                                   Index minimum_substeps);

}  // namespace sgdbias
