#pragma once
// The principal flow of a QUADRATIC loss (constant Hessian H, gradient g(θ) = b + Hθ), in complex
// arithmetic, exact in every regime (bea.md §4.3): along an eigenvector with eigenvalue λ the
// gradient component evolves as g_i(t) = (1 − hλ)^{t/h} g_i(0) := exp((t/h)·Log(1 − hλ)) g_i(0), so
// at t = k·h it equals k GD steps even for hλ > 2 (divergent GD) and λ < 0; between integer times it
// is complex where hλ > 1 (GD's sign flip is a rotation by π per step).
//
// * As an odeint System on ComplexVector: θ̇ = M g(θ), M = V diag(c(hλ)) Vᵀ, with the holomorphic
//   extension g(θ_r + iθ_i) = g(θ_r) + iHθ_i (bilinear products, no conjugation, bea.md §4.5).
// * at_time(): the closed form, which also covers hλ = 1 where the ODE has c = −∞ (calling the
//   System then throws InvalidArgument).
// The Hessian is formed once from D HVPs and eigendecomposed once (real symmetric).
#include <cmath>
#include <complex>
#include <limits>
#include <numbers>
#include <string_view>
#include <utility>

#include <Eigen/Eigenvalues>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/validation.hpp"
#include "lib/flows/complex_state.hpp"
#include "lib/flows/principal_flow.hpp"
#include "lib/flows/principal_flow_coefficient.hpp"

namespace sgdbias {

class QuadraticPrincipalFlow {
 public:
  // `problem` must be quadratic; checked by comparing g at one more point with b + Hθ.
  template <HasHessianVectorProduct Problem>
  QuadraticPrincipalFlow(const Problem& problem, double step_size) : step_size_(step_size) {
    constexpr std::string_view kWhere = "QuadraticPrincipalFlow";
    require_positive_finite(step_size, kWhere, "step_size h");
    const Index d = problem.dimension();
    const Vector origin = Vector::Zero(d), probe = Vector::Ones(d);
    Matrix hessian;
    dense_hessian(problem, origin, hessian);
    offset_.resize(d);
    problem.gradient(origin, offset_);
    Vector gradient_at_probe(d);
    problem.gradient(probe, gradient_at_probe);
    const Vector predicted = offset_ + hessian * probe;
    require((gradient_at_probe - predicted).norm() <= 1e-8 * (1.0 + gradient_at_probe.norm()), kWhere,
            "the problem is not quadratic (∇E(1) differs from ∇E(0) + H·1 by ",
            (gradient_at_probe - predicted).norm(), "); use PrincipalFlow");
    eigen_.compute(hessian);
    const Vector& lambda = eigen_.eigenvalues();
    ComplexVector coefficients(d);
    for (Index i = 0; i < d; ++i) {
      // |hλ − 1| ≤ 1e-8: c = −∞ (or astronomically stiff); only the closed form is usable.
      if (std::abs(step_size * lambda[i] - 1.0) <= kStiffTolerance) {
        integrable_ = false;
        coefficients[i] = 0.0;
      } else {
        coefficients[i] = principal_flow_coefficient(step_size * lambda[i]);
      }
    }
    const Matrix& v = eigen_.eigenvectors();
    flow_matrix_ = v.cast<std::complex<double>>() * coefficients.asDiagonal() * v.transpose().cast<std::complex<double>>();
    hessian_ = hessian.cast<std::complex<double>>();
    gradient_.resize(d);
  }

  // odeint System on complex states.
  void operator()(const ComplexVector& x, ComplexVector& dxdt, double /*t*/) {
    require(integrable_, "QuadraticPrincipalFlow", "h·λ = 1 (within 1e-8) for an eigenvalue: c = −∞, the ODE "
            "cannot be integrated; use at_time() (closed form)");
    gradient_.noalias() = hessian_ * x;
    gradient_ += offset_.cast<std::complex<double>>();
    dxdt.noalias() = flow_matrix_ * gradient_;
  }

  // Closed form θ(t) from a real start (bea.md §4.3).
  ComplexVector at_time(const ConstVectorRef& start, double t) const {
    require_size(start.size(), offset_.size(), "QuadraticPrincipalFlow::at_time", "start");
    const Matrix& v = eigen_.eigenvectors();
    const Vector coordinates = v.transpose() * start;
    const Vector gradient_coordinates = v.transpose() * offset_ + eigen_.eigenvalues().cwiseProduct(coordinates);
    ComplexVector result(start.size());
    for (Index i = 0; i < start.size(); ++i) {
      result[i] = coordinates[i] + gradient_coordinates[i] * displacement_per_gradient(eigen_.eigenvalues()[i], t);
    }
    return v.cast<std::complex<double>>() * result;
  }

  // The ODE's rates μ_i = c(hλ_i)·λ_i = Log(1 − hλ_i)/h, the eigenvalues of the constant Jacobian
  // M·H (bea.md §4.3): integrate_flow reads them to choose RK4's substeps (LinearFlow,
  // rk4_linear_error.hpp). −∞ where h·λ = 1 (not integrable).
  ComplexVector linear_rates() const {
    ComplexVector rates(eigen_.eigenvalues().size());
    for (Index i = 0; i < rates.size(); ++i) {
      const double x = step_size_ * eigen_.eigenvalues()[i];
      rates[i] = std::abs(x - 1.0) <= kStiffTolerance ? std::complex<double>(-std::numeric_limits<double>::infinity())
                                                      : principal_flow_coefficient(x) * eigen_.eigenvalues()[i];
    }
    return rates;
  }

  const Vector& eigenvalues() const { return eigen_.eigenvalues(); }
  double step_size() const { return step_size_; }

 private:
  // ((1 − hλ)^{t/h} − 1)/λ, the eigen-coordinate displacement per unit of initial gradient.
  std::complex<double> displacement_per_gradient(double lambda, double t) const {
    const double x = step_size_ * lambda;
    if (std::abs(x) < 1e-12) return {-t, 0.0};  // λ → 0: c → −1, the gradient flow
    if (std::abs(x - 1.0) <= 1e-12) return {t > 0.0 ? -1.0 / lambda : 0.0, 0.0};
    if (x < 1.0) return {std::expm1((t / step_size_) * std::log1p(-x)) / lambda, 0.0};
    const std::complex<double> log_factor(std::log(x - 1.0), std::numbers::pi);
    return (std::exp((t / step_size_) * log_factor) - 1.0) / lambda;
  }

  static constexpr double kStiffTolerance = 1e-8;
  double step_size_;
  bool integrable_ = true;
  Vector offset_;
  ComplexMatrix hessian_, flow_matrix_;
  Eigen::SelfAdjointEigenSolver<Matrix> eigen_;
  ComplexVector gradient_;
};

}  // namespace sgdbias
