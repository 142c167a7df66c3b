#pragma once
// DlnConvention: parametrisation + initialisation + loss scale of a diagonal linear network, as
// ONE object, so the scale κ₀ of the implicit bias can never be mixed up (dln.md §3.3).
//
// The seed slides combine "β = u⊙v, u₀ = α, v₀ = 0" with constants that belong to the PPF
// potential φ_α; that initialisation really gives φ_{α/2} (κ₀ = α²/2, dln.md §3.3 and its
// "Inconsistencies" box). Users therefore pick a NAMED convention:
//
// | factory                       | β       | u₀    | v₀ | loss L = c·MSE | κ₀    | GF limit        |
// |-------------------------------|---------|-------|----|----------------|-------|-----------------|
// | ppf(α)                        | u²−v²   | α     | α  | c = 1/4        | 2α²   | argmin φ_α      |
// | product_equivalent_to_ppf(α)  | u⊙v     | 2α    | 0  | c = 1/2        | 2α²   | argmin φ_α      |
// | epgf(α)                       | u⊙v     | √2·α  | 0  | c = 1/2        | α²    | argmin ψ_α      |
// | slides_literal(α)             | u⊙v     | α     | 0  | c = 1/2        | α²/2  | argmin φ_{α/2}  |
// | custom(p, u₀, v₀, c)          | p       | u₀    | v₀ | c              | from (u₀, v₀)   |
//
// Scale κ (conserved by gradient flow; dln.md §3.1–§3.2): κ = 2u⊙v for β = u²−v², and
// κ = (u²−v²)/2 for β = u⊙v. The loss scales are the spec's: ppf and product_equivalent_to_ppf
// then give IDENTICAL dynamics at the same step size (dln.md §3.2, "Exact equivalence"); with
// the product form, c = 1/2 is also what the slides' SGD update u ← u − γ r x⊙v minimises.
// α may be a scalar (same for every coordinate) or a vector of length d.
#include <string>
#include <string_view>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias::problems {

enum class DlnParametrisation {
  kSquareDifference,  // β = u⊙u − v⊙v (PPF, dln.md §3.1)
  kProduct,           // β = u⊙v (dln.md §3.2)
};

std::string_view to_string(DlnParametrisation parametrisation);

class DlnConvention {
 public:
  static DlnConvention ppf(double alpha);
  static DlnConvention ppf(const Vector& alpha);
  static DlnConvention product_equivalent_to_ppf(double alpha);
  static DlnConvention product_equivalent_to_ppf(const Vector& alpha);
  static DlnConvention epgf(double alpha);
  static DlnConvention epgf(const Vector& alpha);
  // Documented as NOT φ_α: gives κ₀ = α²/2 (dln.md §3.3).
  static DlnConvention slides_literal(double alpha);
  static DlnConvention slides_literal(const Vector& alpha);
  // Any initialisation (u₀, v₀ of size 1 = broadcast, or size d) and loss scale c > 0.
  static DlnConvention custom(DlnParametrisation parametrisation, const Vector& initial_u,
                              const Vector& initial_v, double loss_scale);

  const std::string& name() const { return name_; }
  DlnParametrisation parametrisation() const { return parametrisation_; }
  // c in L = c·MSE = (c/n)‖Xβ − y‖²; per-sample loss ℓ_i = c·r_i².
  double loss_scale() const { return loss_scale_; }

  // Initial layers for d features (a scalar α is broadcast; a vector must have d entries).
  Vector initial_u(Index num_features) const;
  Vector initial_v(Index num_features) const;
  // x₀ = [u₀; v₀] ∈ R^{2d}.
  Vector initial_state(Index num_features) const;
  // κ₀ and ln κ₀ (computed from logs of |u₀|, |v₀|, so tiny α does not underflow).
  Vector initial_scale(Index num_features) const;
  Vector log_initial_scale(Index num_features) const;
  // The α of the PPF potential φ_α with the same κ₀: √(κ₀/2) (dln.md §2 table).
  Vector equivalent_ppf_alpha(Index num_features) const;

 private:
  DlnConvention(std::string name, DlnParametrisation parametrisation, Vector initial_u, Vector initial_v,
                double loss_scale);

  std::string name_;
  DlnParametrisation parametrisation_;
  Vector initial_u_;  // size 1 (broadcast) or d
  Vector initial_v_;
  double loss_scale_;
};

}  // namespace sgdbias::problems
