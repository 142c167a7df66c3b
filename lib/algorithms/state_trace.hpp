#pragma once
// StateTrace: an iterate() observer storing the state x_k at the record steps as the columns of
// a (dimension × records) matrix, allocated once in on_start (and trimmed in on_finish if the
// stop rule ended the run early).
#include <vector>

#include "lib/algorithms/iterate.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

class StateTrace {
 public:
  void on_start(const IterationOptions& options, const ConstVectorRef& x0) {
    states_.resize(x0.size(), options.num_records());
    steps_.clear();
    steps_.reserve(static_cast<std::size_t>(options.num_records()));
  }
  void on_record(Index step, const ConstVectorRef& x) {
    states_.col(static_cast<Index>(steps_.size())) = x;
    steps_.push_back(step);
  }
  // A run ended by the stop rule (IterationOptions::loss_tolerance) recorded fewer columns.
  void on_finish(Index /*steps*/, const ConstVectorRef& /*x*/) {
    states_.conservativeResize(Eigen::NoChange, static_cast<Index>(steps_.size()));
  }

  const std::vector<Index>& steps() const { return steps_; }
  const Matrix& states() const { return states_; }  // column r = x at steps()[r]

 private:
  Matrix states_;
  std::vector<Index> steps_;
};

}  // namespace sgdbias
