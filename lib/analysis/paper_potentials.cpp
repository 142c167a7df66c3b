#include "lib/analysis/paper_potentials.hpp"

#include <numbers>

#include "lib/core/errors.hpp"

namespace sgdbias {
namespace {

Vector log_alpha(const ConstVectorRef& alpha, const char* where) {
  require(alpha.size() >= 1, where, "α must have at least one entry");
  require((alpha.array() > 0.0).all() && alpha.allFinite(), where,
          "every initialisation scale α_j must be finite and > 0");
  return alpha.array().log().matrix();
}

}  // namespace

Vector ppf_log_scale(const ConstVectorRef& alpha) {
  return (2.0 * log_alpha(alpha, "ppf_log_scale").array() + std::numbers::ln2).matrix();
}

Vector epgf_log_scale(const ConstVectorRef& alpha) { return 2.0 * log_alpha(alpha, "epgf_log_scale"); }

Vector slides_literal_log_scale(const ConstVectorRef& alpha) {
  return (2.0 * log_alpha(alpha, "slides_literal_log_scale").array() - std::numbers::ln2).matrix();
}

Vector ppf_alpha_from_log_scale(const ConstVectorRef& log_scale) {
  require(log_scale.allFinite(), "ppf_alpha_from_log_scale", "ln κ must be finite");
  return (0.5 * (log_scale.array() - std::numbers::ln2)).exp().matrix();
}

ScaledHyperbolicEntropy ppf_potential(const ConstVectorRef& alpha) {
  return {0.25, HyperbolicEntropy(ppf_log_scale(alpha))};
}

ScaledHyperbolicEntropy woodworth_potential(const ConstVectorRef& alpha) {
  return {1.0, HyperbolicEntropy(ppf_log_scale(alpha))};
}

ScaledHyperbolicEntropy epgf_potential(const ConstVectorRef& alpha) {
  return {0.5, HyperbolicEntropy(epgf_log_scale(alpha))};
}

ScaledHyperbolicEntropy slides_literal_potential(const ConstVectorRef& alpha) {
  return {0.5, HyperbolicEntropy(slides_literal_log_scale(alpha))};
}

}  // namespace sgdbias
