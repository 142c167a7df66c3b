#pragma once
// Quadratic: L(x) = ½ xᵀAx − bᵀx + c with A symmetric (any sign). The simplest problem with a
// constant Hessian: GD is linear, x_{k+1} − x* = (I − γA)(x_k − x*), stable iff γ < 2/λ_max(A)
// (the bound the divergence guard of iterate() reports). Not a finite sum.
#include <memory>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"

namespace sgdbias::problems {

class Quadratic {
 public:
  // A must be square, symmetric (to 1e-12 relative) and finite; b of matching size (empty = 0).
  explicit Quadratic(Matrix hessian, Vector linear = Vector(), double constant = 0.0);
  // L(x) = ½(x − x*)ᵀA(x − x*): minimiser x* if A is positive definite, L ≥ 0 if A ⪰ 0.
  static Quadratic centered(Matrix hessian, const Vector& minimizer);

  Index dimension() const { return data_->hessian.rows(); }
  const Matrix& hessian() const { return data_->hessian; }
  const Vector& linear() const { return data_->linear; }
  double constant() const { return data_->constant; }

  double loss(const ConstVectorRef& x) const;
  void gradient(const ConstVectorRef& x, VectorRef gradient) const;  // Ax − b
  void hessian_vector_product(const ConstVectorRef& x, const ConstVectorRef& direction, VectorRef out) const;

 private:
  struct Data {
    Matrix hessian;
    Vector linear;
    double constant;
  };
  void require_state(const ConstVectorRef& x, const char* where) const;

  std::shared_ptr<const Data> data_;
  mutable Vector product_;
};

static_assert(HasHessianVectorProduct<Quadratic>);

}  // namespace sgdbias::problems
