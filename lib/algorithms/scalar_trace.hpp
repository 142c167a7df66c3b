#pragma once
// ScalarTrace: an iterate() observer recording f(x_k) at the record steps (iterate.hpp), e.g.
// the training loss, a test loss or ‖β‖₁. Storage is reserved in on_start, so recording never
// allocates inside the loop. LossTrace is the common case f = problem.loss (pass a problem built
// on the test data to record the test loss).
#include <utility>
#include <vector>

#include "lib/algorithms/iterate.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/problem.hpp"

namespace sgdbias {

template <class Function>
class ScalarTrace {
 public:
  explicit ScalarTrace(Function function) : function_(std::move(function)) {}

  void on_start(const IterationOptions& options, const ConstVectorRef& /*x0*/) {
    steps_.clear();
    values_.clear();
    steps_.reserve(static_cast<std::size_t>(options.num_records()));
    values_.reserve(static_cast<std::size_t>(options.num_records()));
  }
  void on_record(Index step, const ConstVectorRef& x) {
    steps_.push_back(step);
    values_.push_back(function_(x));
  }

  const std::vector<Index>& steps() const { return steps_; }
  const std::vector<double>& values() const { return values_; }

 private:
  Function function_;
  std::vector<Index> steps_;
  std::vector<double> values_;
};

template <DifferentiableObjective Problem>
class LossTrace {
 public:
  explicit LossTrace(const Problem& problem) : problem_(problem) {}

  void on_start(const IterationOptions& options, const ConstVectorRef& /*x0*/) {
    steps_.clear();
    losses_.clear();
    steps_.reserve(static_cast<std::size_t>(options.num_records()));
    losses_.reserve(static_cast<std::size_t>(options.num_records()));
  }
  void on_record(Index step, const ConstVectorRef& x) {
    steps_.push_back(step);
    losses_.push_back(problem_.loss(x));
  }

  const std::vector<Index>& steps() const { return steps_; }
  const std::vector<double>& losses() const { return losses_; }

 private:
  const Problem& problem_;
  std::vector<Index> steps_;
  std::vector<double> losses_;
};

}  // namespace sgdbias
