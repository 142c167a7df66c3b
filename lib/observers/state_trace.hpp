#pragma once
// StateTrace: an observer (lib/core/observer.hpp) storing the state x at the record steps of any
// driver as the columns of a (dimension × records) matrix, allocated once in on_start (and trimmed
// in on_finish if iterate's stop rule ended the run early), with the step and time of each record.
#include <vector>

#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"

namespace sgdbias {

class StateTrace {
 public:
  void on_start(const RecordGrid& grid, const ConstVectorRef& x0) {
    states_.resize(x0.size(), grid.num_records());
    steps_.clear();
    steps_.reserve(static_cast<std::size_t>(grid.num_records()));
    times_.clear();
    times_.reserve(static_cast<std::size_t>(grid.num_records()));
  }
  void on_record(const RecordPoint& point, const ConstVectorRef& x) {
    states_.col(static_cast<Index>(steps_.size())) = x;
    steps_.push_back(point.step);
    times_.push_back(point.time);
  }
  // A run ended by the stop rule (IterationOptions::loss_tolerance) recorded fewer columns.
  void on_finish(const RecordPoint& /*point*/, const ConstVectorRef& /*x*/) {
    states_.conservativeResize(Eigen::NoChange, static_cast<Index>(steps_.size()));
  }

  const std::vector<Index>& steps() const { return steps_; }
  const std::vector<double>& times() const { return times_; }
  const Matrix& states() const { return states_; }  // column r = x at steps()[r]

 private:
  Matrix states_;
  std::vector<Index> steps_;
  std::vector<double> times_;
};

}  // namespace sgdbias
