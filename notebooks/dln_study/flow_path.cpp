#include "notebooks/dln_study/flow_path.hpp"

#include <algorithm>
#include <span>
#include <utility>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/stop_request.hpp"
#include "lib/flows/batch_window.hpp"
#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/integrate_flow.hpp"
#include "lib/flows/piecewise_alignment_flow.hpp"
#include "lib/random/minibatch_sampler.hpp"

namespace sgdbias::dln_study {
namespace {

using problems::DiagonalLinearNetwork;

// The SGD run being followed: its batch sequence and its state, advanced window by window.
class FollowedSgd {
 public:
  FollowedSgd(const DiagonalLinearNetwork& network, const MethodRun& run, RandomStream minibatch,
              const std::atomic<bool>* interrupt)
      : network_(network), step_size_(run.step_size), x_(network.initial_state()), interrupt_(interrupt) {
    // The sampler StochasticGradientDescent builds for the `sgd` method: same stream, same batches.
    MinibatchSampler sampler(network.num_samples(), 1, BatchSampling::kWithReplacement, std::move(minibatch));
    batches_.reserve(static_cast<std::size_t>(run.steps));
    for (Index k = 0; k < run.steps; ++k) {
      const std::span<const Index> batch = sampler.next();
      batches_.emplace_back(batch.begin(), batch.end());
    }
  }

  std::span<const Batch> batches() const { return batches_; }

  // Advances SGD to `steps` and records ‖β_flow − β_SGD‖ there.
  void compare_at(Index steps, const ConstVectorRef& flow_state, FlowPath& path) {
    if (steps == done_) return;  // t = 0: both at the initial state
    throw_if_stop_requested(interrupt_);
    sgd_steps_in_order(network_, step_size_,
                       std::span<const Batch>(batches_).subspan(static_cast<std::size_t>(done_),
                                                                 static_cast<std::size_t>(steps - done_)),
                       x_);
    done_ = steps;
    if (!x_.allFinite()) {
      throw NumericalFailure("follow_sgd_with_flow", describe("the followed SGD run diverged by step ", steps));
    }
    path.sgd_distance_final = (network_.beta(flow_state) - network_.beta(x_)).norm();
    path.sgd_distance_max = std::max(path.sgd_distance_max, path.sgd_distance_final);
  }

 private:
  const DiagonalLinearNetwork& network_;
  double step_size_;
  std::vector<Batch> batches_;
  Vector x_;
  Index done_ = 0;
  const std::atomic<bool>* interrupt_;
};

}  // namespace

FlowPath follow_sgd_with_flow(const DiagonalLinearNetwork& network, FlowKind kind, const MethodRun& run,
                              RandomStream minibatch, const std::atomic<bool>* interrupt) {
  require(run.alignment_window >= 1, "follow_sgd_with_flow", "alignment_window n must be >= 1, got ",
          run.alignment_window);
  FollowedSgd sgd(network, run, std::move(minibatch), interrupt);
  FlowIntegrationOptions integration;
  integration.stepper = FlowStepper::kRungeKutta4;
  integration.substeps = run.flow_substeps;
  FlowPath path;
  path.x = network.initial_state();
  if (kind == FlowKind::kPiecewiseAlignment) {
    integrate_piecewise_alignment_flow(network, run.step_size, sgd.batches(), run.alignment_window, path.x, integration,
                                       on_each_record([&](const RecordPoint& point, const ConstVectorRef& state) {
                                         sgd.compare_at(point.step, state, path);
                                       }));
    return path;
  }
  GradientFlow<DiagonalLinearNetwork> flow(network);
  for (Index first = 0; first < run.steps; first += run.alignment_window) {
    const Index length = std::min(run.alignment_window, run.steps - first);
    integrate_flow(flow, path.x, static_cast<double>(length) * run.step_size, integration,
                   static_cast<double>(first) * run.step_size);
    sgd.compare_at(first + length, path.x, path);
  }
  return path;
}

}  // namespace sgdbias::dln_study
