#include "problems/diagonal_linear_network/dln_convention.hpp"

#include <cmath>
#include <numbers>

#include "lib/core/errors.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias::problems {
namespace {

constexpr std::string_view kWhere = "DlnConvention";

Vector checked_alpha(const Vector& alpha, std::string_view factory) {
  require(alpha.size() >= 1, kWhere, factory, ": α is empty");
  require(alpha.allFinite() && (alpha.array() > 0.0).all(), kWhere, factory,
          ": every α must be finite and > 0 (initialisation scale, dln.md §3.3)");
  return alpha;
}

Vector broadcast(const Vector& values, Index num_features, std::string_view what) {
  require(num_features >= 1, kWhere, "number of features must be >= 1, got ", num_features);
  if (values.size() == 1) return Vector::Constant(num_features, values[0]);
  require(values.size() == num_features, kWhere, what, " has ", values.size(),
          " entries; expected 1 (same for every coordinate) or d = ", num_features);
  return values;
}

}  // namespace

std::string_view to_string(DlnParametrisation parametrisation) {
  switch (parametrisation) {
    case DlnParametrisation::kSquareDifference: return "u^2-v^2";
    case DlnParametrisation::kProduct: return "u*v";
  }
  return "unknown";
}

DlnConvention::DlnConvention(std::string name, DlnParametrisation parametrisation, Vector initial_u,
                             Vector initial_v, double loss_scale)
    : name_(std::move(name)), parametrisation_(parametrisation), initial_u_(std::move(initial_u)),
      initial_v_(std::move(initial_v)), loss_scale_(loss_scale) {}

DlnConvention DlnConvention::ppf(double alpha) { return ppf(Vector::Constant(1, alpha)); }
DlnConvention DlnConvention::ppf(const Vector& alpha) {
  const Vector a = checked_alpha(alpha, "ppf");
  return {"ppf", DlnParametrisation::kSquareDifference, a, a, 0.25};
}

DlnConvention DlnConvention::product_equivalent_to_ppf(double alpha) {
  return product_equivalent_to_ppf(Vector::Constant(1, alpha));
}
DlnConvention DlnConvention::product_equivalent_to_ppf(const Vector& alpha) {
  const Vector a = checked_alpha(alpha, "product_equivalent_to_ppf");
  return {"product_equivalent_to_ppf", DlnParametrisation::kProduct, 2.0 * a, Vector::Zero(a.size()), 0.5};
}

DlnConvention DlnConvention::epgf(double alpha) { return epgf(Vector::Constant(1, alpha)); }
DlnConvention DlnConvention::epgf(const Vector& alpha) {
  const Vector a = checked_alpha(alpha, "epgf");
  return {"epgf", DlnParametrisation::kProduct, std::numbers::sqrt2 * a, Vector::Zero(a.size()), 0.5};
}

DlnConvention DlnConvention::slides_literal(double alpha) { return slides_literal(Vector::Constant(1, alpha)); }
DlnConvention DlnConvention::slides_literal(const Vector& alpha) {
  const Vector a = checked_alpha(alpha, "slides_literal");
  return {"slides_literal", DlnParametrisation::kProduct, a, Vector::Zero(a.size()), 0.5};
}

DlnConvention DlnConvention::custom(DlnParametrisation parametrisation, const Vector& initial_u,
                                    const Vector& initial_v, double loss_scale) {
  require(initial_u.size() >= 1 && initial_v.size() >= 1, kWhere, "custom: u₀ and v₀ must not be empty");
  require(initial_u.size() == initial_v.size() || initial_u.size() == 1 || initial_v.size() == 1, kWhere,
          "custom: u₀ has ", initial_u.size(), " entries and v₀ ", initial_v.size(), "; sizes must match or be 1");
  require_all_finite(initial_u, kWhere, "custom: u₀");
  require_all_finite(initial_v, kWhere, "custom: v₀");
  require_positive_finite(loss_scale, kWhere, "custom: loss scale c (L = c·MSE)");
  return {"custom", parametrisation, initial_u, initial_v, loss_scale};
}

Vector DlnConvention::initial_u(Index num_features) const { return broadcast(initial_u_, num_features, "u₀"); }
Vector DlnConvention::initial_v(Index num_features) const { return broadcast(initial_v_, num_features, "v₀"); }

Vector DlnConvention::initial_state(Index num_features) const {
  Vector state(2 * num_features);
  state << initial_u(num_features), initial_v(num_features);
  return state;
}

Vector DlnConvention::log_initial_scale(Index num_features) const {
  const Vector u = initial_u(num_features);
  const Vector v = initial_v(num_features);
  Vector log_scale(num_features);
  for (Index j = 0; j < num_features; ++j) {
    // κ = 2uv (β = u²−v²) or (u²−v²)/2 = (u−v)(u+v)/2 (β = u⊙v), dln.md §3.1–§3.2.
    log_scale[j] = parametrisation_ == DlnParametrisation::kSquareDifference
                       ? std::numbers::ln2 + std::log(std::abs(u[j])) + std::log(std::abs(v[j]))
                       : std::log(std::abs(u[j] - v[j])) + std::log(std::abs(u[j] + v[j])) - std::numbers::ln2;
  }
  return log_scale;
}

Vector DlnConvention::initial_scale(Index num_features) const {
  return log_initial_scale(num_features).array().exp().matrix();
}

Vector DlnConvention::equivalent_ppf_alpha(Index num_features) const {
  return (0.5 * (log_initial_scale(num_features).array() - std::numbers::ln2)).exp().matrix();
}

}  // namespace sgdbias::problems
