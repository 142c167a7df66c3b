#pragma once
// Noise structure of an SDE dX = f(t,X) dt + G(t,X) dW, G: d×m (sde.md §5 "flags").
//
// The structures form a lattice of flags; an SDE declares every property it has, e.g.
// `kAdditive | kScalar` for dX = f dt + σ dW with m = 1. Integrators state what they require
// (`satisfies(declared, required)`) and their orders per structure (sde.md §2.0 tables):
//   kGeneral      no assumption (only strong order 1/2 without Lévy areas)
//   kCommutative  L^{j1} g_{j2} = L^{j2} g_{j1} for all j1, j2 (L^j = Σ_i G_ij ∂/∂x_i): the
//                 iterated integrals I_(j1,j2) are only needed through ΔW_{j1}ΔW_{j2}
//   kDiagonal     STRICT diagonal: m = d, G = diag(g_1(x_1), …, g_d(x_d)); a diagonal-shaped G whose
//                 entries depend on other components is NOT diagonal (TP-03c; StochasticDiffEq #261)
//   kScalar       m = 1
//   kAdditive     G = G(t) does not depend on X (Itô = Stratonovich)
// Diagonal, scalar and additive noise are commutative, so each of them implies kCommutative.
#include <string>

namespace sgdbias {

enum class NoiseStructure : unsigned {
  kGeneral = 0u,
  kCommutative = 1u,
  kDiagonal = 1u | 2u,
  kScalar = 1u | 4u,
  kAdditive = 1u | 8u,
};

constexpr NoiseStructure operator|(NoiseStructure a, NoiseStructure b) {
  return static_cast<NoiseStructure>(static_cast<unsigned>(a) | static_cast<unsigned>(b));
}

// True when a noise declared as `declared` has every property of `required`.
constexpr bool satisfies(NoiseStructure declared, NoiseStructure required) {
  return (static_cast<unsigned>(declared) & static_cast<unsigned>(required)) ==
         static_cast<unsigned>(required);
}

// "additive|scalar", "diagonal", "general", … for messages and tables.
inline std::string to_string(NoiseStructure structure) {
  if (structure == NoiseStructure::kGeneral) return "general";
  std::string text;
  const auto append = [&](NoiseStructure flag, const char* name) {
    if (flag != NoiseStructure::kCommutative && satisfies(structure, flag)) {
      text += text.empty() ? "" : "|";
      text += name;
    }
  };
  append(NoiseStructure::kAdditive, "additive");
  append(NoiseStructure::kScalar, "scalar");
  append(NoiseStructure::kDiagonal, "diagonal");
  return text.empty() ? "commutative" : text;
}

}  // namespace sgdbias
