#pragma once
// EachPath: the observer of a driver of K paths at once (the SGF panel,
// problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf_paths.hpp, whose
// state is a matrix with path k in column k) that hands column k to observers[k], a single-path
// observer of THE protocol (lib/core/observer.hpp). So a trace or a loss integral written for one
// path runs on every path of a panel and sees what it would see in a single-path run. on_step is
// forwarded only if the path observers have one (a driver may skip single steps otherwise).
#include <span>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"

namespace sgdbias {

template <class Observer>
class EachPath {
 public:
  explicit EachPath(std::span<Observer> observers) : observers_(observers) {}

  template <class States>
  void on_start(const RecordGrid& grid, const States& states) {
    for_each_path(states, [&grid](Observer& path_observer, const ConstVectorRef& x) {
      observer::notify_start(path_observer, grid, x);
    });
  }
  template <class States>
  void on_record(const RecordPoint& point, const States& states) {
    for_each_path(states, [&point](Observer& path_observer, const ConstVectorRef& x) {
      observer::notify_record(path_observer, point, x);
    });
  }
  template <class States, class Stepper>
    requires observer::ObservesSteps<Observer, ConstVectorRef, Stepper>
  void on_step(Index step, const States& states, const Stepper& stepper) {
    for_each_path(states, [step, &stepper](Observer& path_observer, const ConstVectorRef& x) {
      observer::notify_step(path_observer, step, x, stepper);
    });
  }
  template <class States>
  void on_finish(const RecordPoint& point, const States& states) {
    for_each_path(states, [&point](Observer& path_observer, const ConstVectorRef& x) {
      observer::notify_finish(path_observer, point, x);
    });
  }

 private:
  template <class States, class Call>
  void for_each_path(const States& states, Call&& call) {
    require(states.cols() == static_cast<Index>(observers_.size()), "EachPath", "got ", observers_.size(),
            " observers for ", states.cols(), " paths (one per path)");
    for (Index k = 0; k < states.cols(); ++k) {
      const ConstVectorRef column = states.col(k);
      call(observers_[static_cast<std::size_t>(k)], column);
    }
  }

  std::span<Observer> observers_;
};

}  // namespace sgdbias
