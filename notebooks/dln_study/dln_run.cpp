#include "notebooks/dln_study/dln_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <optional>
#include <utility>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/label_noise_sgd.hpp"
#include "lib/algorithms/largest_hessian_eigenvalue.hpp"
#include "lib/observers/loss_integral.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/observers/stop_check.hpp"
#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/analysis/mirror_projection.hpp"
#include "lib/core/errors.hpp"
#include "lib/flows/sgd_alignment_flow.hpp"
#include "lib/random/minibatch_sampler.hpp"
#include "notebooks/dln_study/flow_path.hpp"
#include "notebooks/dln_study/sgf_path.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/discrete_scale_bookkeeping.hpp"

namespace sgdbias::dln_study {
namespace {

using problems::DiagonalLinearNetwork;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

MethodOutcome diverged_outcome() {
  MethodOutcome outcome;
  outcome.diverged = true;
  for (double* value : {&outcome.train_loss, &outcome.test_loss, &outcome.l1_norm, &outcome.support_error,
                        &outcome.mean_log_scale_ratio, &outcome.loss_integral,
                        &outcome.formula_mean_log_scale_ratio, &outcome.predicted_test_loss,
                        &outcome.prediction_distance, &outcome.sharpness_step_size, &outcome.sgd_distance_max,
                        &outcome.sgd_distance_final}) {
    *value = kNaN;
  }
  return outcome;
}

// Records the train loss and the study's test loss (teacher or test data) at iterate()'s record steps.
class StudyTrace {
 public:
  StudyTrace(const DiagonalLinearNetwork& network, const study::TestLoss& test_loss)
      : network_(network), test_loss_(test_loss), beta_(network.num_features()) {}
  void on_record(const RecordPoint& point, const ConstVectorRef& x) {
    network_.beta(x, beta_);
    steps_.push_back(point.step);
    train_losses_.push_back(network_.loss(x));
    test_losses_.push_back(test_loss_(beta_));
  }
  void move_into(MethodOutcome& outcome) {
    outcome.record_steps = std::move(steps_);
    outcome.record_train_losses = std::move(train_losses_);
    outcome.record_test_losses = std::move(test_losses_);
  }

 private:
  const DiagonalLinearNetwork& network_;
  const study::TestLoss& test_loss_;
  Vector beta_;
  std::vector<Index> steps_;
  std::vector<double> train_losses_, test_losses_;
};

template <class Algorithm>
void iterate_with_observers(Algorithm& algorithm, const DiagonalLinearNetwork& network, const MethodRun& run,
                            const study::TestLoss& test_loss, Vector& x, MethodOutcome& outcome, Vector& log_shrink,
                            const std::atomic<bool>* interrupt) {
  problems::DiscreteScaleBookkeeping bookkeeping(network);
  LossIntegral<DiagonalLinearNetwork> loss_integral(network);
  IterationOptions options;
  options.steps = run.steps;
  options.record_stride = run.record_stride > 0 ? run.record_stride : run.steps + 1;
  StudyTrace trace(network, test_loss);
  iterate(algorithm, x, options, bookkeeping, loss_integral, trace, StopCheck(interrupt));
  log_shrink = bookkeeping.log_shrink();
  outcome.loss_integral = loss_integral.value();
  if (run.record_stride > 0) trace.move_into(outcome);
}

// GD on Ẽ with a fresh window of `alignment_window` size-1 batches every window (bea.md §3.2).
// κ is read off the final state (DiagonalLinearNetwork::log_scale), not from the bookkeeping,
// whose multipliers belong to the plain loss.
void iterate_alignment_regulariser(const DiagonalLinearNetwork& network, const MethodRun& run, RandomStream stream,
                                   Vector& x, Vector& log_shrink, const std::atomic<bool>* interrupt) {
  MinibatchSampler sampler(network.num_samples(), 1, BatchSampling::kWithReplacement, std::move(stream));
  const auto draw_window = [&sampler, &run] {
    BatchWindow window;
    for (Index step = 0; step < run.alignment_window; ++step) {
      const std::span<const Index> batch = sampler.next();
      window.emplace_back(batch.begin(), batch.end());
    }
    return window;
  };
  SgdAlignmentLoss<DiagonalLinearNetwork> loss(network, run.step_size, draw_window(), x);
  GradientDescent<SgdAlignmentLoss<DiagonalLinearNetwork>> algorithm(loss, GradientDescentOptions{run.step_size});
  for (Index done = 0; done < run.steps; done += run.alignment_window) {
    if (done > 0) loss.restart_window(draw_window(), x);
    throw_if_stop_requested(interrupt);
    IterationOptions options;
    options.steps = std::min(run.alignment_window, run.steps - done);
    options.record_stride = options.steps + 1;
    iterate(algorithm, x, options);
  }
  network.log_scale(x, log_shrink);
  log_shrink -= network.log_initial_scale();
}

}  // namespace

MethodRunner::MethodRunner(const study::StudyProblem& problem, const MethodRun& run)
    : problem_(&problem),
      run_(run),
      network_(problem.network(run.alpha)),
      constraint_(problem.train.features, problem.train.targets) {}

namespace {

SdeKind sde_kind(Method method) {
  switch (method) {
    case Method::kSgfLogEuler: return SdeKind::kSgfLogEuler;
    case Method::kSgfEulerMaruyama: return SdeKind::kSgfEulerMaruyama;
    case Method::kWrongSde: return SdeKind::kWrongSde;
    default: return SdeKind::kLangevin;
  }
}

}  // namespace

MethodOutcome MethodRunner::run(std::uint64_t seed, Index trajectory, const std::atomic<bool>* interrupt) {
  // Without records the EM SGF runs as a panel of one path: the same code as a chunk of K paths,
  // so a trajectory's outcome does not depend on the chunk it was computed in.
  if (has_panel(run_)) return run_panel(seed, trajectory, trajectory + 1, interrupt).front();
  const DiagonalLinearNetwork& network = network_;
  const study::TestLoss& test_loss = problem_->test_loss;
  Vector x = network.initial_state();
  Vector log_shrink;
  MethodOutcome outcome;
  const auto stream = [&](Purpose purpose) { return RandomStream(seed, static_cast<std::uint64_t>(trajectory), purpose); };
  try {
    switch (run_.method) {
      case Method::kGradientDescent: {
        GradientDescent<DiagonalLinearNetwork> algorithm(network, GradientDescentOptions{run_.step_size});
        iterate_with_observers(algorithm, network, run_, test_loss, x, outcome, log_shrink, interrupt);
        break;
      }
      case Method::kStochasticGradientDescent: {
        StochasticGradientDescent<DiagonalLinearNetwork> algorithm(
            network, StochasticGradientDescentOptions{run_.step_size, 1, BatchSampling::kWithReplacement},
            stream(Purpose::kMinibatch));
        iterate_with_observers(algorithm, network, run_, test_loss, x, outcome, log_shrink, interrupt);
        break;
      }
      case Method::kLabelNoiseSgd: {
        LabelNoiseSgd<DiagonalLinearNetwork> algorithm(
            network, LabelNoiseSgdOptions{run_.step_size, 1, BatchSampling::kWithReplacement},
            LabelNoiseSchedule::first_steps(run_.label_noise_steps, run_.label_noise), stream(Purpose::kMinibatch),
            stream(Purpose::kLabelNoise));
        iterate_with_observers(algorithm, network, run_, test_loss, x, outcome, log_shrink, interrupt);
        break;
      }
      case Method::kGdAlignmentRegulariser: {
        log_shrink.resize(network.num_features());
        iterate_alignment_regulariser(network, run_, stream(Purpose::kMinibatch), x, log_shrink, interrupt);
        outcome.loss_integral = kNaN;
        break;
      }
      case Method::kSgfLogEuler:
      case Method::kSgfEulerMaruyama:
      case Method::kWrongSde:
      case Method::kLangevin: {
        SgfPath path =
            simulate_sde(network, test_loss, sde_kind(run_.method), run_, stream(Purpose::kBrownian), interrupt);
        x = std::move(path.x);
        log_shrink = std::move(path.log_shrink);
        outcome.loss_integral = path.loss_integral;
        outcome.record_steps = std::move(path.record_steps);
        outcome.record_train_losses = std::move(path.record_train_losses);
        outcome.record_test_losses = std::move(path.record_test_losses);
        break;
      }
      case Method::kGradientFlow:
      case Method::kPiecewiseAlignmentFlow: {
        FlowPath path = follow_sgd_with_flow(
            network, run_.method == Method::kGradientFlow ? FlowKind::kGradient : FlowKind::kPiecewiseAlignment, run_,
            stream(Purpose::kMinibatch), interrupt);
        x = std::move(path.x);
        log_shrink.resize(network.num_features());
        network.log_scale(x, log_shrink);
        log_shrink -= network.log_initial_scale();
        outcome.loss_integral = kNaN;
        outcome.sgd_distance_max = path.sgd_distance_max;
        outcome.sgd_distance_final = path.sgd_distance_final;
        break;
      }
    }
  } catch (const NumericalFailure&) {
    return diverged_outcome();
  }
  evaluate(x, log_shrink, outcome);
  return outcome;
}

std::vector<MethodOutcome> MethodRunner::run_panel(std::uint64_t seed, Index first, Index end,
                                                   const std::atomic<bool>* interrupt) {
  require(has_panel(run_), "MethodRunner::run_panel", "only the Euler-Maruyama SGF without records runs as a panel");
  std::vector<SgfPath> paths;
  try {
    paths = simulate_sgf_panel(network_, run_, seed, first, end, interrupt);
  } catch (const NumericalFailure&) {
    // Some path diverged and stopped the panel: rerun path by path, so only that path is lost.
    if (end - first == 1) return {diverged_outcome()};
    std::vector<MethodOutcome> outcomes;
    for (Index trajectory = first; trajectory < end; ++trajectory) {
      outcomes.push_back(run_panel(seed, trajectory, trajectory + 1, interrupt).front());
    }
    return outcomes;
  }
  std::vector<MethodOutcome> outcomes(paths.size());
  for (std::size_t k = 0; k < paths.size(); ++k) {
    outcomes[k].loss_integral = paths[k].loss_integral;
    evaluate(paths[k].x, paths[k].log_shrink, outcomes[k]);
  }
  return outcomes;
}

void MethodRunner::evaluate(const Vector& x, const Vector& log_shrink, MethodOutcome& outcome) {
  const DiagonalLinearNetwork& network = network_;
  const study::TestLoss& test_loss = problem_->test_loss;
  const Vector beta = network.beta(x);
  outcome.train_loss = network.loss(x);
  outcome.test_loss = test_loss(beta);
  outcome.l1_norm = beta.lpNorm<1>();
  outcome.support_error = kNaN;  // needs a teacher's support
  if (const std::optional<Vector>& teacher = test_loss.teacher()) {
    double off_support = 0.0;
    for (Index j = 0; j < beta.size(); ++j) {
      if ((*teacher)[j] == 0.0) off_support += std::abs(beta[j]);
    }
    outcome.support_error = outcome.l1_norm > 0.0 ? off_support / outcome.l1_norm : 0.0;
  }
  outcome.mean_log_scale_ratio = log_shrink.mean();
  // ∫MSE dt = ∫L dt / c (dln.md §6.3, convention-free form).
  outcome.formula_mean_log_scale_ratio = -run_.step_size * network.feature_second_moments().mean() *
                                         outcome.loss_integral / network.loss_scale();
  const Vector log_scale = network.log_initial_scale() + log_shrink;
  // A large γ or a small α drives ln κ_inf far below ln κ_0 (spread over [−170, −54] for the
  // log-Euler SGF at γ = 0.18 on the default problem); the globalised dual Newton of
  // mirror_projection.hpp converges there. Should a prediction still fail, the run's own results
  // stand: its prediction is marked missing (NaN) and counted per configuration (summary.csv's
  // prediction_failed), not allowed to end the whole run.
  try {
    const MirrorProjectionResult predicted = minimum_entropy_interpolator(constraint_, log_scale);
    outcome.predicted_test_loss = test_loss(predicted.beta);
    outcome.prediction_distance = (beta - predicted.beta).norm() / beta.norm();
  } catch (const ConvergenceFailure&) {
    outcome.predicted_test_loss = kNaN;
    outcome.prediction_distance = kNaN;
  }
  outcome.sharpness_step_size = run_.step_size * estimate_largest_hessian_eigenvalue(network, x).eigenvalue;
}

double gradient_flow_test_loss(const study::StudyProblem& problem, double alpha) {
  const DiagonalLinearNetwork network = problem.network(alpha);
  const InterpolationConstraint constraint(problem.train.features, problem.train.targets);
  const MirrorProjectionResult gradient_flow = minimum_entropy_interpolator(constraint, network.log_initial_scale());
  return problem.test_loss(gradient_flow.beta);
}

}  // namespace sgdbias::dln_study
