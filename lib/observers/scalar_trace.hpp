#pragma once
// ScalarTrace: an observer (lib/core/observer.hpp) recording f(x) at the record steps of any
// driver (iterate, sde::integrate, the flows' grid drivers), e.g. the training loss, a test loss
// or ‖β‖₁, with the step and time of each record. Storage is reserved in on_start, so recording
// never allocates inside the loop. LossTrace is the common case f = problem.loss (pass a problem
// built on the test data to record the test loss).
#include <utility>
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/problem.hpp"
#include "lib/core/record_grid.hpp"

namespace sgdbias {

template <class Function>
class ScalarTrace {
 public:
  explicit ScalarTrace(Function function) : function_(std::move(function)) {}

  void on_start(const RecordGrid& grid, const ConstVectorRef& /*x0*/) {
    const auto records = static_cast<std::size_t>(grid.num_records());
    for (auto* column : {&times_, &values_}) {
      column->clear();
      column->reserve(records);
    }
    steps_.clear();
    steps_.reserve(records);
  }
  void on_record(const RecordPoint& point, const ConstVectorRef& x) {
    steps_.push_back(point.step);
    times_.push_back(point.time);
    values_.push_back(function_(x));
  }

  const std::vector<Index>& steps() const { return steps_; }
  const std::vector<double>& times() const { return times_; }
  const std::vector<double>& values() const { return values_; }

 private:
  Function function_;
  std::vector<Index> steps_;
  std::vector<double> times_, values_;
};

// L(x) at the records of a run on `problem` (held by reference, like the algorithms: it must outlive
// the trace, and a temporary is refused at compile time).
template <DifferentiableObjective Problem>
class LossTrace {
 public:
  explicit LossTrace(const Problem& problem) : trace_(Loss{&problem}) {}
  explicit LossTrace(const Problem&& temporary) = delete;  // would dangle (problem_ownership_test.cpp)

  void on_start(const RecordGrid& grid, const ConstVectorRef& x0) { trace_.on_start(grid, x0); }
  void on_record(const RecordPoint& point, const ConstVectorRef& x) { trace_.on_record(point, x); }

  const std::vector<Index>& steps() const { return trace_.steps(); }
  const std::vector<double>& times() const { return trace_.times(); }
  const std::vector<double>& losses() const { return trace_.values(); }

 private:
  struct Loss {
    const Problem* problem;
    double operator()(const ConstVectorRef& x) const { return problem->loss(x); }
  };
  ScalarTrace<Loss> trace_;
};

}  // namespace sgdbias
