#pragma once
// Checks of an SDE's declared noise structure (noise_structure.hpp) against its noise operator
// (issue 26 item 4, sde.md §5 "a cheap randomized commutator check in debug builds"). A wrong
// claim does not fail loudly by itself: Milstein on non-commutative noise declared commutative,
// or SRIW1 on diagonal-SHAPED noise declared diagonal (TP-03c), run silently at strong order 1/2.
//
//   check_noise_shape(sde)           always (integrate() calls it): dimensions ≥ 1, diagonal
//                                    ⇒ m = d, scalar ⇒ m = 1.
//   check_noise_structure(sde, t, x) on request, and automatically in integrate() in builds
//                                    without NDEBUG: at random probe points near x,
//     additive     G(t, x')ξ = G(t, x)ξ                               (G independent of x)
//     diagonal     G e_j is zero off entry j, and entry j is unchanged when the other components
//                  of x move                                           (strict diagonal)
//     commutative  D[G b]·(G a) = D[G a]·(G b) for random a, b ∈ R^m, i.e.
//                  Σ a_{j1} b_{j2} (L^{j1} g_{j2} − L^{j2} g_{j1}) = 0  (bilinear, so random a, b
//                  detect any non-zero commutator with probability 1); D by apply_derivative
//                  when the noise has it, else by central differences.
// Every failure is an InvalidArgument naming the claim that failed and what to declare instead.
// Random probes come from RandomStream(seed, 0, Purpose::kTest) (the check is a test of the
// SDE's claims, not part of any simulated path): deterministic, and no simulation stream moves.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <string>
#include <string_view>

#include "lib/core/bound_check.hpp"
#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_operator.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias::sde {

struct NoiseStructureCheck {
  int probes = 3;                // random probe points (and vectors) per claim
  double spread = 0.25;          // probe points x + spread·(1 + max|x_i|)·N(0, I)
  double tolerance = 1e-6;       // relative: a mismatch must stay below tolerance × its scale
  std::uint64_t seed = 20261207;
};

namespace detail {
template <class Sde>
constexpr std::string_view sde_name() {  // no allocation: integrate() checks shapes on every call
  if constexpr (requires { std::string_view(Sde::kName); }) return Sde::kName;
  else return "SDE";
}

// Relative mismatch ‖a − b‖ / (‖a‖ + ‖b‖ + floor).
inline double relative_mismatch(const ConstVectorRef& a, const ConstVectorRef& b, double floor) {
  return (a - b).norm() / (a.norm() + b.norm() + floor);
}

template <class Sde>
class NoiseProbe {
 public:
  NoiseProbe(const Sde& sde, double t, const NoiseStructureCheck& options)
      : sde_(sde), t_(t), options_(options),
        stream_(options.seed, 0, Purpose::kTest),
        d_(sde.state_dimension()), m_(sde.noise_dimension()) {}

  Vector random(Index size) {
    Vector v(size);
    stream_.fill_standard_normal(v);
    return v;
  }
  Vector near(const ConstVectorRef& x) {
    const double scale = options_.spread * (1.0 + x.cwiseAbs().maxCoeff());
    return x + scale * random(d_);
  }
  Vector apply(const ConstVectorRef& x, const ConstVectorRef& xi) const {
    Vector out(d_);
    sde_.apply(t_, x, xi, out);
    return out;
  }
  // D_x[G(t, x) ξ] · v
  Vector derivative(const ConstVectorRef& x, const ConstVectorRef& v, const ConstVectorRef& xi) const {
    Vector out(d_);
    if constexpr (HasDiffusionDerivative<Sde>) {
      sde_.apply_derivative(t_, x, v, xi, out);
    } else {
      const double size = std::max(v.cwiseAbs().maxCoeff(), 1e-300);
      const double step = 1e-5 * (1.0 + x.cwiseAbs().maxCoeff()) / size;
      out = (apply(x + step * v, xi) - apply(x - step * v, xi)) / (2.0 * step);
    }
    return out;
  }

  [[noreturn]] void refuse(std::string_view claim, const std::string& finding, std::string_view advice) const {
    throw InvalidArgument(sde_name<Sde>(), describe("declares ", claim, " noise (", to_string(Sde::kNoiseStructure),
                                                    ") but ", finding, "; ", advice));
  }

  const Sde& sde_;
  double t_;
  NoiseStructureCheck options_;
  RandomStream stream_;
  Index d_, m_;
};

template <class Sde>
void check_additive(NoiseProbe<Sde>& probe, const ConstVectorRef& x) {
  for (int p = 0; p < probe.options_.probes; ++p) {
    const Vector xi = probe.random(probe.m_);
    const Vector at_x = probe.apply(x, xi), elsewhere = probe.apply(probe.near(x), xi);
    const double mismatch = relative_mismatch(at_x, elsewhere, 1e-300);
    if (mismatch > probe.options_.tolerance)
      probe.refuse("additive", describe("G(t, x)ξ changes with x (relative change ", mismatch, ")"),
                   "declare the structure without kAdditive");
  }
}

template <class Sde>
void check_diagonal(NoiseProbe<Sde>& probe, const ConstVectorRef& x) {
  Vector unit = Vector::Zero(probe.m_);
  for (int p = 0; p < probe.options_.probes; ++p) {
    const Vector point = probe.near(x), moved = probe.near(x);
    for (Index j = 0; j < probe.m_; ++j) {
      unit[j] = 1.0;
      const Vector column = probe.apply(point, unit);
      unit[j] = 0.0;
      const double diagonal = std::abs(column[j]);
      for (Index i = 0; i < probe.d_; ++i) {
        if (i != j && std::abs(column[i]) > probe.options_.tolerance * (diagonal + column.norm() + 1e-300))
          probe.refuse("diagonal", describe("G(t, x) has the off-diagonal entry G(", i, ", ", j, ") = ", column[i]),
                       "declare kGeneral or kCommutative (checked) instead");
      }
      Vector other = moved;  // every component but j moved
      other[j] = point[j];
      unit[j] = 1.0;
      const double own = probe.apply(other, unit)[j];
      unit[j] = 0.0;
      if (std::abs(own - column[j]) > probe.options_.tolerance * (std::abs(own) + diagonal + 1e-300))
        probe.refuse("diagonal", describe("the diagonal entry G(", j, ", ", j, ") depends on other components of x (",
                                          column[j], " -> ", own, " when they move; sde.md TP-03c)"),
                     "strictly diagonal noise needs G_jj = g_j(t, x_j); declare kGeneral");
    }
  }
}

template <class Sde>
void check_commutative(NoiseProbe<Sde>& probe, const ConstVectorRef& x) {
  for (int p = 0; p < probe.options_.probes; ++p) {
    const Vector point = p == 0 ? Vector(x) : probe.near(x);
    const Vector a = probe.random(probe.m_), b = probe.random(probe.m_);
    const Vector ab = probe.derivative(point, probe.apply(point, a), b);  // Σ a_j1 b_j2 L^{j1} g_{j2}
    const Vector ba = probe.derivative(point, probe.apply(point, b), a);  // Σ a_j1 b_j2 L^{j2} g_{j1}
    const double mismatch = relative_mismatch(ab, ba, 1e-12 * (1.0 + point.norm()));
    if (mismatch > (HasDiffusionDerivative<Sde> ? probe.options_.tolerance : 1e3 * probe.options_.tolerance))
      probe.refuse("commutative", describe("L^j1 g_j2 != L^j2 g_j1 (relative commutator ", mismatch, ")"),
                   "declare kGeneral and use EulerMaruyama, StochasticHeun or LevyAreaMilstein");
  }
}
}  // namespace detail

// Dimensions the declared structure requires; cheap, so integrate() always calls it.
template <StochasticDifferentialEquation Sde>
void check_noise_shape(const Sde& sde) {
  constexpr std::string_view name = detail::sde_name<Sde>();
  const Index d = sde.state_dimension(), m = sde.noise_dimension();
  require(d >= 1 && m >= 1, name, "state and noise dimensions must be >= 1, got d = ", d, ", m = ", m);
  if constexpr (satisfies(Sde::kNoiseStructure, NoiseStructure::kDiagonal))
    require(m == d, name, "declares diagonal noise (", to_string(Sde::kNoiseStructure),
            ") but G is d x m = ", d, " x ", m, "; diagonal noise needs m = d");
  if constexpr (satisfies(Sde::kNoiseStructure, NoiseStructure::kScalar))
    require(m == 1, name, "declares scalar noise (", to_string(Sde::kNoiseStructure), ") but m = ", m,
            "; scalar noise needs m = 1");
}

// Checks every declared claim at random probes near (t, x); throws InvalidArgument naming it.
template <StochasticDifferentialEquation Sde>
void check_noise_structure(const Sde& sde, double t, const ConstVectorRef& x, const NoiseStructureCheck& options = {}) {
  check_noise_shape(sde);
  require(x.size() == sde.state_dimension() && all_finite(x), detail::sde_name<Sde>(),
          "check_noise_structure needs a finite state of size ", sde.state_dimension());
  detail::NoiseProbe<Sde> probe(sde, t, options);
  constexpr NoiseStructure kDeclared = Sde::kNoiseStructure;
  if constexpr (satisfies(kDeclared, NoiseStructure::kAdditive)) detail::check_additive(probe, x);
  if constexpr (satisfies(kDeclared, NoiseStructure::kDiagonal)) detail::check_diagonal(probe, x);
  // Additive, diagonal and scalar noise are commutative by construction; a bare claim is checked.
  if constexpr (kDeclared == NoiseStructure::kCommutative) detail::check_commutative(probe, x);
}

}  // namespace sgdbias::sde
