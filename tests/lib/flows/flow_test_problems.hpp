#pragma once
// Small finite-sum regression problems with exact gradients and HVPs for the flow tests
// (bea.md §2.3 item 1: finite-difference HVPs would pollute the order measurements).
//   kLinear:   β = θ                  (least squares, θ ∈ R^d)
//   kProduct:  β = u ⊙ v, θ = (u, v)  (diagonal linear network, compact HVP of bea.md §3.2)
// E_B(θ) = (1/(2|B|)) ‖X_B β(θ) − y_B‖².
#include <cmath>
#include <memory>
#include <numeric>
#include <span>
#include <vector>

#include <Eigen/QR>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/flows/batch_window.hpp"
#include "lib/random/random_stream.hpp"

namespace sgdbias::testing {

enum class Parametrisation { kLinear, kProduct };

class FlowTestRegression {
 public:
  FlowTestRegression(Matrix features, Vector targets, Parametrisation parametrisation)
      : data_(std::make_shared<const Data>(Data{std::move(features), std::move(targets)})),
        parametrisation_(parametrisation) {}

  Index dimension() const { return parametrisation_ == Parametrisation::kLinear ? d() : 2 * d(); }
  Index num_samples() const { return data_->features.rows(); }

  double loss(const ConstVectorRef& x) const { return batch_loss(x, all()); }
  void gradient(const ConstVectorRef& x, VectorRef out) const { batch_gradient(x, all(), out); }
  void hessian_vector_product(const ConstVectorRef& x, const ConstVectorRef& w, VectorRef out) const {
    batch_hessian_vector_product(x, all(), w, out);
  }

  double batch_loss(const ConstVectorRef& x, std::span<const Index> batch) const {
    const Vector beta = coefficients(x);
    double sum = 0.0;
    for (Index i : batch) sum += 0.5 * std::pow(data_->features.row(i).dot(beta) - data_->targets[i], 2);
    return sum / static_cast<double>(batch.size());
  }

  void batch_gradient(const ConstVectorRef& x, std::span<const Index> batch, VectorRef out) const {
    const Vector s = residual_correlation(x, batch);
    if (parametrisation_ == Parametrisation::kLinear) {
      out = s;
    } else {
      out.head(d()) = x.tail(d()).cwiseProduct(s);
      out.tail(d()) = x.head(d()).cwiseProduct(s);
    }
  }

  void batch_hessian_vector_product(const ConstVectorRef& x, std::span<const Index> batch,
                                    const ConstVectorRef& w, VectorRef out) const {
    if (parametrisation_ == Parametrisation::kLinear) {
      out = gram_times(batch, w);
      return;
    }
    const Vector s = residual_correlation(x, batch);
    const Vector p = gram_times(batch, x.tail(d()).cwiseProduct(w.head(d())) + x.head(d()).cwiseProduct(w.tail(d())));
    out.head(d()) = x.tail(d()).cwiseProduct(p) + s.cwiseProduct(w.tail(d()));
    out.tail(d()) = x.head(d()).cwiseProduct(p) + s.cwiseProduct(w.head(d()));
  }

 private:
  struct Data {
    Matrix features;
    Vector targets;
  };
  Index d() const { return data_->features.cols(); }
  std::vector<Index> all() const {
    std::vector<Index> indices(static_cast<std::size_t>(num_samples()));
    std::iota(indices.begin(), indices.end(), Index{0});
    return indices;
  }
  Vector coefficients(const ConstVectorRef& x) const {
    if (parametrisation_ == Parametrisation::kLinear) return x;
    return x.head(d()).cwiseProduct(x.tail(d()));
  }
  // s = X_Bᵀ(X_B β − y_B)/|B|
  Vector residual_correlation(const ConstVectorRef& x, std::span<const Index> batch) const {
    const Vector beta = coefficients(x);
    Vector s = Vector::Zero(d());
    for (Index i : batch) s += (data_->features.row(i).dot(beta) - data_->targets[i]) * data_->features.row(i).transpose();
    return s / static_cast<double>(batch.size());
  }
  Vector gram_times(std::span<const Index> batch, const ConstVectorRef& w) const {
    Vector out = Vector::Zero(d());
    for (Index i : batch) out += data_->features.row(i).dot(w) * data_->features.row(i).transpose();
    return out / static_cast<double>(batch.size());
  }

  std::shared_ptr<const Data> data_;
  Parametrisation parametrisation_;
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
  return FlowTestRegression(std::move(features), std::move(targets), parametrisation);
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

// E(θ) = ½(θ − θ*)ᵀA(θ − θ*) with A = Q diag(λ) Qᵀ for a fixed random rotation Q (bea.md §4.3).
// Not a finite sum: the principal-flow and DAL tests need only loss, gradient and HVP.
class TestQuadratic {
 public:
  TestQuadratic(const Vector& eigenvalues, std::uint64_t seed) {
    RandomStream stream(seed, 1, Purpose::kTest);
    const Index d = eigenvalues.size();
    Matrix gaussian(d, d);
    for (Index i = 0; i < d; ++i)
      for (Index j = 0; j < d; ++j) gaussian(i, j) = stream.standard_normal();
    const Matrix rotation = Eigen::HouseholderQR<Matrix>(gaussian).householderQ();
    hessian_ = rotation * eigenvalues.asDiagonal() * rotation.transpose();
    hessian_ = 0.5 * (hessian_ + hessian_.transpose()).eval();
    eigenvectors_ = rotation;
    minimiser_.resize(d);
    for (Index i = 0; i < d; ++i) minimiser_[i] = stream.standard_normal();
  }
  Index dimension() const { return hessian_.rows(); }
  double loss(const ConstVectorRef& x) const { return 0.5 * (x - minimiser_).dot(hessian_ * (x - minimiser_)); }
  void gradient(const ConstVectorRef& x, VectorRef out) const { out.noalias() = hessian_ * (x - minimiser_); }
  void hessian_vector_product(const ConstVectorRef&, const ConstVectorRef& w, VectorRef out) const {
    out.noalias() = hessian_ * w;
  }
  const Matrix& eigenvectors() const { return eigenvectors_; }
  const Vector& minimiser() const { return minimiser_; }

 private:
  Matrix hessian_, eigenvectors_;
  Vector minimiser_;
};

static_assert(HasHessianVectorProduct<TestQuadratic>);

}  // namespace sgdbias::testing
