#pragma once
// The flow tests' problems are the library's own (problems/): least squares (LinearRegression,
// c = 1/2) and the diagonal linear network β = u ⊙ v (DiagonalLinearNetwork, product form,
// c = 1/2), both with exact gradients and HVPs (bea.md §2.3 item 1: finite-difference HVPs
// would pollute the order measurements). FlowTestRegression only lets a parametrised test pick
// one at run time:
//   kLinear:   θ = β                  E_B(θ) = (1/(2|B|)) ‖X_B θ − y_B‖²
//   kProduct:  θ = (u, v), β = u ⊙ v  E_B(θ) = (1/(2|B|)) ‖X_B (u ⊙ v) − y_B‖²
#include <cmath>
#include <span>
#include <utility>
#include <variant>

#include <Eigen/QR>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/flows/batch_window.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/data/dataset.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "problems/quadratic/quadratic.hpp"

namespace sgdbias::testing {

enum class Parametrisation { kLinear, kProduct };

class FlowTestRegression {
 public:
  FlowTestRegression(problems::Dataset data, Parametrisation parametrisation)
      : problem_(make_problem(std::move(data), parametrisation)) {}

  Index dimension() const { return std::visit([](const auto& p) { return p.dimension(); }, problem_); }
  Index num_samples() const { return std::visit([](const auto& p) { return p.num_samples(); }, problem_); }

  double loss(const ConstVectorRef& x) const { return std::visit([&](const auto& p) { return p.loss(x); }, problem_); }
  void gradient(const ConstVectorRef& x, VectorRef out) const {
    std::visit([&](const auto& p) { p.gradient(x, out); }, problem_);
  }
  void hessian_vector_product(const ConstVectorRef& x, const ConstVectorRef& w, VectorRef out) const {
    std::visit([&](const auto& p) { p.hessian_vector_product(x, w, out); }, problem_);
  }
  double batch_loss(const ConstVectorRef& x, std::span<const Index> batch) const {
    return std::visit([&](const auto& p) { return p.batch_loss(x, batch); }, problem_);
  }
  void batch_gradient(const ConstVectorRef& x, std::span<const Index> batch, VectorRef out) const {
    std::visit([&](const auto& p) { p.batch_gradient(x, batch, out); }, problem_);
  }
  void batch_hessian_vector_product(const ConstVectorRef& x, std::span<const Index> batch,
                                    const ConstVectorRef& w, VectorRef out) const {
    std::visit([&](const auto& p) { p.batch_hessian_vector_product(x, batch, w, out); }, problem_);
  }

 private:
  using Problem = std::variant<problems::LinearRegression, problems::DiagonalLinearNetwork>;

  static Problem make_problem(problems::Dataset data, Parametrisation parametrisation) {
    if (parametrisation == Parametrisation::kLinear) return problems::LinearRegression(std::move(data), 0.5);
    // The convention's initial point is never used: the flow tests choose their own states.
    const Vector ones = Vector::Ones(data.num_features());
    return problems::DiagonalLinearNetwork(
        std::move(data),
        problems::DlnConvention::custom(problems::DlnParametrisation::kProduct, ones, ones, 0.5));
  }
  Problem problem_;
};

static_assert(HasBatchHessianVectorProduct<FlowTestRegression>);

// 3 batches of 4 samples with input scales 0.6, 1.0, 1.4 (batches differ, bea.md §2.4).
inline FlowTestRegression make_flow_test_regression(Index d, Parametrisation parametrisation, std::uint64_t seed) {
  RandomStream stream(seed, 0, Purpose::kTest);
  const Index n = 12;
  Matrix features(n, d);
  Vector targets(n);
  for (Index i = 0; i < n; ++i) {
    const double scale = 0.6 + 0.4 * static_cast<double>(i / 4);
    for (Index j = 0; j < d; ++j) features(i, j) = scale * stream.standard_normal();
    targets[i] = stream.standard_normal();
  }
  return FlowTestRegression(problems::Dataset{std::move(features), std::move(targets)}, parametrisation);
}

inline BatchWindow three_batches() { return {{0, 1, 2, 3}, {4, 5, 6, 7}, {8, 9, 10, 11}}; }

}  // namespace sgdbias::testing

namespace sgdbias::testing {

// GD on the window-average loss Ē (bea.md §1) from `start`: a point near a minimiser of Ē, where
// the order-effect slope-2 tests are in their asymptotic regime (bea.md §2.3 item 6).
template <FiniteSumObjective Problem>
Vector approximate_window_minimiser(const Problem& problem, std::span<const Batch> window, Vector start,
                                    Index steps = 20000, double step_size = 0.05) {
  Vector gradient(problem.dimension()), mean(problem.dimension());
  for (Index k = 0; k < steps; ++k) {
    mean.setZero();
    for (const Batch& batch : window) {
      problem.batch_gradient(start, batch, gradient);
      mean += gradient / static_cast<double>(window.size());
    }
    start -= step_size * mean;
  }
  return start;
}

// A fixed, deterministic offset of norm `size` (moves the start off the minimiser).
inline Vector offset_direction(Index dimension, double size) {
  Vector offset(dimension);
  for (Index i = 0; i < dimension; ++i) offset[i] = std::cos(1.0 + 2.0 * static_cast<double>(i));
  return size * offset.normalized();
}

}  // namespace sgdbias::testing

namespace sgdbias::testing {

// E(θ) = ½(θ − θ*)ᵀA(θ − θ*) with A = Q diag(λ) Qᵀ for a fixed random rotation Q (bea.md §4.3):
// the library's Quadratic, plus the eigenvectors Q the principal-flow tests project on.
class TestQuadratic : public problems::Quadratic {
 public:
  TestQuadratic(const Vector& eigenvalues, std::uint64_t seed) : TestQuadratic(draw(eigenvalues, seed)) {}
  const Matrix& eigenvectors() const { return eigenvectors_; }
  const Vector& minimiser() const { return minimiser_; }

 private:
  struct Draw {
    Matrix hessian, eigenvectors;
    Vector minimiser;
  };
  explicit TestQuadratic(Draw draw)
      : problems::Quadratic(problems::Quadratic::centered(draw.hessian, draw.minimiser)),
        eigenvectors_(std::move(draw.eigenvectors)),
        minimiser_(std::move(draw.minimiser)) {}

  static Draw draw(const Vector& eigenvalues, std::uint64_t seed) {
    RandomStream stream(seed, 1, Purpose::kTest);
    const Index d = eigenvalues.size();
    Matrix gaussian(d, d);
    for (Index i = 0; i < d; ++i)
      for (Index j = 0; j < d; ++j) gaussian(i, j) = stream.standard_normal();
    const Matrix rotation = Eigen::HouseholderQR<Matrix>(gaussian).householderQ();
    Matrix hessian = rotation * eigenvalues.asDiagonal() * rotation.transpose();
    hessian = 0.5 * (hessian + hessian.transpose()).eval();
    Vector minimiser(d);
    for (Index i = 0; i < d; ++i) minimiser[i] = stream.standard_normal();
    return {std::move(hessian), rotation, std::move(minimiser)};
  }

  Matrix eigenvectors_;
  Vector minimiser_;
};

static_assert(HasHessianVectorProduct<TestQuadratic>);

}  // namespace sgdbias::testing
