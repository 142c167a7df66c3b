#pragma once
// The problem contract, checked in one line for every problem (Ceres' GradientChecker idea):
//
//   EXPECT_PROBLEM_CONTRACT_HOLDS(problem, points);            // default options
//   sgdbias::testing::expect_problem_contract_holds(problem, points, options);
//
// At every point x it checks whatever concepts the problem satisfies (lib/core/problem.hpp):
//   * gradient  = central finite differences of loss, coordinate by coordinate;
//   * HVP       = central finite differences of the gradient along random directions,
//                 and ⟨a, H b⟩ = ⟨b, H a⟩ (symmetry);
//   * batch loss / gradient / HVP over all samples = the full ones (exact up to rounding),
//     and the average of single-sample gradients = the full gradient;
//   * batch gradient = finite differences of the batch loss on a random minibatch;
//   * label-noise overloads (if present): zero shifts = no shifts, gradient = FD of the loss;
//   * loss ≥ 0 (unless options.loss_is_nonnegative = false).
// Tolerances: central differences have error O(h²·L''') + O(ε·L/h); with h = 1e-5·max(1,|x|)
// both terms are ≲ 1e-9 relative for the smooth polynomial losses here, so 1e-6 relative leaves
// a wide margin. Exact identities (batch = full) use 1e-12 relative. Deterministic for a seed.
#include <cmath>
#include <numeric>
#include <span>
#include <vector>

#include <gtest/gtest.h>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"
#include "lib/random/random_stream.hpp"
#include "tests/support/test_seed.hpp"

namespace sgdbias::testing {

struct ProblemContractOptions {
  double finite_difference_step = 1e-5;  // relative to max(1, |x_i|)
  double derivative_tolerance = 1e-6;    // relative to max(1, ‖exact‖∞)
  double identity_tolerance = 1e-12;     // relative to max(1, ‖exact‖∞)
  int random_directions = 3;
  bool loss_is_nonnegative = true;
};

namespace detail {

inline double scale_of(const Vector& v) { return std::max(1.0, v.cwiseAbs().maxCoeff()); }

template <class P>
void check_gradient(const P& problem, const Vector& x, const ProblemContractOptions& options) {
  Vector gradient(problem.dimension());
  problem.gradient(x, gradient);
  Vector numeric(problem.dimension());
  Vector shifted = x;
  for (Index i = 0; i < x.size(); ++i) {
    const double h = options.finite_difference_step * std::max(1.0, std::abs(x[i]));
    shifted[i] = x[i] + h;
    const double up = problem.loss(shifted);
    shifted[i] = x[i] - h;
    const double down = problem.loss(shifted);
    shifted[i] = x[i];
    numeric[i] = (up - down) / (2 * h);
  }
  EXPECT_LE((gradient - numeric).cwiseAbs().maxCoeff(), options.derivative_tolerance * detail::scale_of(gradient))
      << "gradient does not match central differences of loss";
}

template <class P>
void check_hessian_vector_product(const P& problem, const Vector& x, RandomStream& stream,
                                  const ProblemContractOptions& options) {
  const Index n = problem.dimension();
  Vector direction(n), other(n), product(n), other_product(n), up(n), down(n);
  for (int k = 0; k < options.random_directions; ++k) {
    stream.fill_standard_normal(direction);
    stream.fill_standard_normal(other);
    problem.hessian_vector_product(x, direction, product);
    problem.hessian_vector_product(x, other, other_product);
    const double h = options.finite_difference_step * detail::scale_of(x) / std::max(1.0, direction.norm());
    problem.gradient(x + h * direction, up);
    problem.gradient(x - h * direction, down);
    const Vector numeric = (up - down) / (2 * h);
    EXPECT_LE((product - numeric).cwiseAbs().maxCoeff(), options.derivative_tolerance * detail::scale_of(product))
        << "Hessian-vector product does not match differences of the gradient";
    const double symmetry_scale = std::max(1.0, product.norm() * other.norm() + other_product.norm() * direction.norm());
    EXPECT_LE(std::abs(other.dot(product) - direction.dot(other_product)), 1e-12 * symmetry_scale)
        << "Hessian-vector product is not symmetric";
  }
}

template <class P>
void check_batches(const P& problem, const Vector& x, RandomStream& stream, const ProblemContractOptions& options) {
  const Index n = problem.num_samples();
  const Index dim = problem.dimension();
  std::vector<Index> all(static_cast<std::size_t>(n));
  std::iota(all.begin(), all.end(), Index{0});
  Vector full(dim), batch(dim), average = Vector::Zero(dim);
  problem.gradient(x, full);
  problem.batch_gradient(x, all, batch);
  const double tolerance = options.identity_tolerance * detail::scale_of(full);
  EXPECT_LE((batch - full).cwiseAbs().maxCoeff(), tolerance) << "batch gradient over all samples != gradient";
  EXPECT_NEAR(problem.batch_loss(x, all), problem.loss(x), options.identity_tolerance * std::max(1.0, problem.loss(x)))
      << "batch loss over all samples != loss";
  for (Index i = 0; i < n; ++i) {
    const Index single[] = {i};
    problem.batch_gradient(x, single, batch);
    average += batch / static_cast<double>(n);
  }
  EXPECT_LE((average - full).cwiseAbs().maxCoeff(), 1e3 * tolerance)
      << "average of single-sample gradients != gradient";
  // Gradient of a random minibatch (with a repeated index) vs differences of its loss.
  const std::vector<Index> minibatch = {stream.uniform_index(n), stream.uniform_index(n), stream.uniform_index(n)};
  const std::vector<Index> repeated = {minibatch[0], minibatch[0], minibatch[1], minibatch[2]};
  problem.batch_gradient(x, repeated, batch);
  Vector numeric(dim), shifted = x;
  for (Index i = 0; i < dim; ++i) {
    const double h = options.finite_difference_step * std::max(1.0, std::abs(x[i]));
    shifted[i] = x[i] + h;
    const double up = problem.batch_loss(shifted, repeated);
    shifted[i] = x[i] - h;
    numeric[i] = (up - problem.batch_loss(shifted, repeated)) / (2 * h);
    shifted[i] = x[i];
  }
  EXPECT_LE((batch - numeric).cwiseAbs().maxCoeff(), options.derivative_tolerance * detail::scale_of(batch))
      << "batch gradient does not match central differences of batch loss";
}

template <class P>
void check_batch_hessian(const P& problem, const Vector& x, RandomStream& stream,
                         const ProblemContractOptions& options) {
  const Index n = problem.num_samples();
  std::vector<Index> all(static_cast<std::size_t>(n));
  std::iota(all.begin(), all.end(), Index{0});
  Vector direction(problem.dimension()), full(problem.dimension()), batch(problem.dimension());
  stream.fill_standard_normal(direction);
  problem.hessian_vector_product(x, direction, full);
  problem.batch_hessian_vector_product(x, all, direction, batch);
  EXPECT_LE((batch - full).cwiseAbs().maxCoeff(), 1e3 * options.identity_tolerance * detail::scale_of(full))
      << "batch HVP over all samples != HVP";
}

template <class P>
void check_label_noise(const P& problem, const Vector& x, RandomStream& stream, const ProblemContractOptions& options) {
  const Index n = problem.num_samples();
  const std::vector<Index> minibatch = {stream.uniform_index(n), stream.uniform_index(n)};
  const std::vector<double> zero = {0.0, 0.0};
  const std::vector<double> shifts = {2.0 * stream.random_sign(), -0.5};
  Vector plain(problem.dimension()), shifted_gradient(problem.dimension());
  problem.batch_gradient(x, minibatch, plain);
  problem.batch_gradient(x, minibatch, zero, shifted_gradient);
  EXPECT_EQ(plain, shifted_gradient) << "zero label shifts must give the plain batch gradient";
  problem.batch_gradient(x, minibatch, shifts, shifted_gradient);
  Vector numeric(problem.dimension()), point = x;
  for (Index i = 0; i < x.size(); ++i) {
    const double h = options.finite_difference_step * std::max(1.0, std::abs(x[i]));
    point[i] = x[i] + h;
    const double up = problem.batch_loss(point, minibatch, shifts);
    point[i] = x[i] - h;
    numeric[i] = (up - problem.batch_loss(point, minibatch, shifts)) / (2 * h);
    point[i] = x[i];
  }
  EXPECT_LE((shifted_gradient - numeric).cwiseAbs().maxCoeff(),
            options.derivative_tolerance * detail::scale_of(shifted_gradient))
      << "label-noise batch gradient does not match differences of the label-noise batch loss";
}

}  // namespace detail

template <DifferentiableObjective P>
void expect_problem_contract_holds(const P& problem, const std::vector<Vector>& points,
                                   const ProblemContractOptions& options = {}) {
  SGDBIAS_TRACE_SEED();
  RandomStream stream(test_seed(), 0, Purpose::kTest);
  for (std::size_t k = 0; k < points.size(); ++k) {
    SCOPED_TRACE("contract point #" + std::to_string(k));
    const Vector& x = points[k];
    ASSERT_EQ(x.size(), problem.dimension());
    if (options.loss_is_nonnegative) {
      EXPECT_GE(problem.loss(x), 0.0) << "loss must be >= 0";
    }
    detail::check_gradient(problem, x, options);
    if constexpr (HasHessianVectorProduct<P>) detail::check_hessian_vector_product(problem, x, stream, options);
    if constexpr (FiniteSumObjective<P>) detail::check_batches(problem, x, stream, options);
    if constexpr (HasBatchHessianVectorProduct<P>) detail::check_batch_hessian(problem, x, stream, options);
    if constexpr (requires(const P& p, std::span<const Index> b, std::span<const double> s, VectorRef g) {
                    p.batch_gradient(x, b, s, g);
                    { p.batch_loss(x, b, s) } -> std::convertible_to<double>;
                  }) {
      detail::check_label_noise(problem, x, stream, options);
    }
  }
}

}  // namespace sgdbias::testing

#define EXPECT_PROBLEM_CONTRACT_HOLDS(problem, points) ::sgdbias::testing::expect_problem_contract_holds(problem, points)
