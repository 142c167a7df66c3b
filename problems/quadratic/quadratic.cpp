#include "problems/quadratic/quadratic.hpp"

#include <cmath>

#include "lib/core/errors.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias::problems {
namespace {
constexpr std::string_view kWhere = "Quadratic";
}  // namespace

Quadratic::Quadratic(Matrix hessian, Vector linear, double constant) {
  require(hessian.rows() >= 1 && hessian.rows() == hessian.cols(), kWhere, "A must be square and non-empty, got ",
          hessian.rows(), "×", hessian.cols());
  require_all_finite(hessian, kWhere, "A");
  const double scale = std::max(1.0, hessian.cwiseAbs().maxCoeff());
  require((hessian - hessian.transpose()).cwiseAbs().maxCoeff() <= 1e-12 * scale, kWhere, "A must be symmetric");
  if (linear.size() == 0) linear = Vector::Zero(hessian.rows());
  require(linear.size() == hessian.rows(), kWhere, "b has size ", linear.size(), ", expected ", hessian.rows());
  require_all_finite(linear, kWhere, "b");
  require(std::isfinite(constant), kWhere, "c must be finite, got ", constant);
  product_.resize(hessian.rows());
  data_ = std::make_shared<const Data>(Data{std::move(hessian), std::move(linear), constant});
}

Quadratic Quadratic::centered(Matrix hessian, const Vector& minimizer) {
  require(minimizer.size() == hessian.rows(), kWhere, "x* has size ", minimizer.size(), ", expected ",
          hessian.rows());
  Vector linear = hessian * minimizer;  // ½(x−x*)ᵀA(x−x*) = ½xᵀAx − (Ax*)ᵀx + ½x*ᵀAx*
  const double constant = 0.5 * minimizer.dot(linear);
  return Quadratic(std::move(hessian), std::move(linear), constant);
}

void Quadratic::require_state(const ConstVectorRef& x, const char* where) const {
  require(x.size() == dimension(), where, "x has size ", x.size(), ", expected ", dimension());
}

double Quadratic::loss(const ConstVectorRef& x) const {
  require_state(x, "Quadratic::loss");
  product_.noalias() = data_->hessian * x;
  return 0.5 * x.dot(product_) - data_->linear.dot(x) + data_->constant;
}

void Quadratic::gradient(const ConstVectorRef& x, VectorRef gradient) const {
  require_state(x, "Quadratic::gradient");
  require_size(gradient.size(), dimension(), "Quadratic::gradient", "output gradient");
  gradient.noalias() = data_->hessian * x;
  gradient -= data_->linear;
}

void Quadratic::hessian_vector_product(const ConstVectorRef& x, const ConstVectorRef& direction,
                                       VectorRef out) const {
  require_state(x, "Quadratic::hessian_vector_product");
  require_size(direction.size(), dimension(), "Quadratic::hessian_vector_product", "direction");
  require_size(out.size(), dimension(), "Quadratic::hessian_vector_product", "output");
  out.noalias() = data_->hessian * direction;
}

}  // namespace sgdbias::problems
