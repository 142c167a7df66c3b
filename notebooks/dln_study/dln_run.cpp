#include "notebooks/dln_study/dln_run.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <utility>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/label_noise_sgd.hpp"
#include "lib/algorithms/largest_hessian_eigenvalue.hpp"
#include "lib/algorithms/loss_integral.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/algorithms/stop_check.hpp"
#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/analysis/mirror_projection.hpp"
#include "lib/core/errors.hpp"
#include "lib/flows/sgd_alignment_flow.hpp"
#include "lib/random/minibatch_sampler.hpp"
#include "notebooks/dln_study/flow_path.hpp"
#include "notebooks/dln_study/sgf_path.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/discrete_scale_bookkeeping.hpp"
#include "problems/diagonal_linear_network/dln_trace.hpp"

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

template <class Algorithm>
void iterate_with_observers(Algorithm& algorithm, const DiagonalLinearNetwork& network, const MethodRun& run,
                            const Vector& teacher, Vector& x, MethodOutcome& outcome, Vector& log_shrink,
                            const std::atomic<bool>* interrupt) {
  problems::DiscreteScaleBookkeeping bookkeeping(network);
  LossIntegral<DiagonalLinearNetwork> loss_integral(network);
  IterationOptions options;
  options.steps = run.steps;
  options.record_stride = run.record_stride > 0 ? run.record_stride : run.steps + 1;
  problems::DlnTrace trace(network, problems::DlnTraceOptions{teacher, false});
  iterate(algorithm, x, options, bookkeeping, loss_integral, trace, StopCheck(interrupt));
  log_shrink = bookkeeping.log_shrink();
  outcome.loss_integral = loss_integral.value();
  if (run.record_stride > 0) {
    outcome.record_steps = trace.steps();
    outcome.record_train_losses = trace.losses();
    outcome.record_test_losses = trace.test_losses();
  }
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

problems::SparseRegressionData make_data(const DataSetting& setting, std::uint64_t seed) {
  problems::SparseRegressionOptions options;
  options.samples = setting.samples;
  options.dimension = setting.dimension;
  options.sparsity = setting.sparsity;
  options.teacher_support = problems::TeacherSupport::kFirst;
  return problems::make_sparse_regression(options, seed);
}

MethodOutcome run_method(const problems::SparseRegressionData& data, const MethodRun& run, std::uint64_t seed,
                         Index trajectory, const std::atomic<bool>* interrupt) {
  const DiagonalLinearNetwork network(data.train, problems::DlnConvention::product_equivalent_to_ppf(run.alpha));
  Vector x = network.initial_state();
  Vector log_shrink;
  MethodOutcome outcome;
  const auto stream = [&](Purpose purpose) { return RandomStream(seed, static_cast<std::uint64_t>(trajectory), purpose); };
  try {
    switch (run.method) {
      case Method::kGradientDescent: {
        GradientDescent<DiagonalLinearNetwork> algorithm(network, GradientDescentOptions{run.step_size});
        iterate_with_observers(algorithm, network, run, data.teacher, x, outcome, log_shrink, interrupt);
        break;
      }
      case Method::kStochasticGradientDescent: {
        StochasticGradientDescent<DiagonalLinearNetwork> algorithm(
            network, StochasticGradientDescentOptions{run.step_size, 1, BatchSampling::kWithReplacement},
            stream(Purpose::kMinibatch));
        iterate_with_observers(algorithm, network, run, data.teacher, x, outcome, log_shrink, interrupt);
        break;
      }
      case Method::kLabelNoiseSgd: {
        LabelNoiseSgd<DiagonalLinearNetwork> algorithm(
            network, LabelNoiseSgdOptions{run.step_size, 1, BatchSampling::kWithReplacement},
            LabelNoiseSchedule::first_steps(run.label_noise_steps, run.label_noise), stream(Purpose::kMinibatch),
            stream(Purpose::kLabelNoise));
        iterate_with_observers(algorithm, network, run, data.teacher, x, outcome, log_shrink, interrupt);
        break;
      }
      case Method::kGdAlignmentRegulariser: {
        log_shrink.resize(network.num_features());
        iterate_alignment_regulariser(network, run, stream(Purpose::kMinibatch), x, log_shrink, interrupt);
        outcome.loss_integral = kNaN;
        break;
      }
      case Method::kSgfLogEuler:
      case Method::kSgfEulerMaruyama: {
        SgfPath path = simulate_sgf(network, data.teacher,
                                    run.method == Method::kSgfLogEuler ? SgfScheme::kLogEuler : SgfScheme::kEulerMaruyama,
                                    run, stream(Purpose::kBrownian), interrupt);
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
            network, run.method == Method::kGradientFlow ? FlowKind::kGradient : FlowKind::kPiecewiseAlignment, run,
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
  const Vector beta = network.beta(x);
  outcome.train_loss = network.loss(x);
  outcome.test_loss = (beta - data.teacher).squaredNorm();
  outcome.l1_norm = beta.lpNorm<1>();
  double off_support = 0.0;
  for (Index j = 0; j < beta.size(); ++j) {
    if (data.teacher[j] == 0.0) off_support += std::abs(beta[j]);
  }
  outcome.support_error = outcome.l1_norm > 0.0 ? off_support / outcome.l1_norm : 0.0;
  outcome.mean_log_scale_ratio = log_shrink.mean();
  // ∫MSE dt = ∫L dt / c (dln.md §6.3, convention-free form).
  outcome.formula_mean_log_scale_ratio = -run.step_size * network.feature_second_moments().mean() *
                                         outcome.loss_integral / network.loss_scale();
  const InterpolationConstraint constraint(data.train.features, data.train.targets);
  const Vector log_scale = network.log_initial_scale() + log_shrink;
  // A large γ or a small α can drive ln κ_inf so far below ln κ_0 (ln κ spread over [−170, −54]
  // for the log-Euler SGF at γ = 0.18 on the default problem) that the dual Newton of dln.md §5
  // does not converge. The run's own results stand: its prediction is marked missing (NaN) and
  // counted per configuration (summary.csv's prediction_failed), not allowed to end the whole run.
  try {
    const MirrorProjectionResult predicted = minimum_entropy_interpolator(constraint, log_scale);
    outcome.predicted_test_loss = (predicted.beta - data.teacher).squaredNorm();
    outcome.prediction_distance = (beta - predicted.beta).norm() / beta.norm();
  } catch (const ConvergenceFailure&) {
    outcome.predicted_test_loss = kNaN;
    outcome.prediction_distance = kNaN;
  }
  outcome.sharpness_step_size = run.step_size * estimate_largest_hessian_eigenvalue(network, x).eigenvalue;
  return outcome;
}

double gradient_flow_test_loss(const problems::SparseRegressionData& data, double alpha) {
  const DiagonalLinearNetwork network(data.train, problems::DlnConvention::product_equivalent_to_ppf(alpha));
  const InterpolationConstraint constraint(data.train.features, data.train.targets);
  const MirrorProjectionResult gradient_flow = minimum_entropy_interpolator(constraint, network.log_initial_scale());
  return (gradient_flow.beta - data.teacher).squaredNorm();
}

}  // namespace sgdbias::dln_study
