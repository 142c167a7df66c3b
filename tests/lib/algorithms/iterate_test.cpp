// iterate(): record schedule, observer hooks, the divergence guard (fires above the GD stability
// bound, not below it) and bad input. Deterministic for a seed.
#include <cmath>
#include <limits>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/iterate.hpp"
#include "lib/algorithms/largest_hessian_eigenvalue.hpp"
#include "lib/algorithms/linear_stability.hpp"
#include "lib/observers/loss_integral.hpp"
#include "lib/observers/scalar_trace.hpp"
#include "lib/observers/state_trace.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/core/errors.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "tests/lib/algorithms/test_problems.hpp"

namespace sgdbias {
namespace {

using problems::LinearRegression;

LinearRegression small_regression() { return LinearRegression(testing::regression_data(20, 5, 3).train); }

// Records every hook call, to check the order and arguments iterate() promises.
struct HookRecorder {
  std::vector<Index> records, steps;
  std::vector<double> step_states;  // x_k[0] seen by on_step
  Index starts = 0, finishes = 0;
  void on_start(const RecordGrid&, const ConstVectorRef&) { ++starts; }
  void on_record(const RecordPoint& point, const ConstVectorRef&) { records.push_back(point.step); }
  template <class Algorithm>
  void on_step(Index k, const ConstVectorRef& x, const Algorithm&) {
    steps.push_back(k);
    step_states.push_back(x[0]);
  }
  void on_finish(const RecordPoint&, const ConstVectorRef&) { ++finishes; }
};

TEST(Iterate, RecordsAtEveryStrideAndAtTheLastStep) {
  const LinearRegression problem = small_regression();
  GradientDescent algorithm(problem, {0.01});
  Vector x = Vector::Zero(problem.dimension());
  HookRecorder hooks;
  const IterationOptions options{.steps = 10, .record_stride = 4};
  iterate(algorithm, x, options, hooks);
  EXPECT_EQ(hooks.records, (std::vector<Index>{0, 4, 8, 10}));
  EXPECT_EQ(static_cast<Index>(hooks.records.size()), options.num_records());
  EXPECT_EQ(hooks.steps.size(), 10u);
  EXPECT_EQ(hooks.starts, 1);
  EXPECT_EQ(hooks.finishes, 1);
  const IterationOptions on_grid{.steps = 8, .record_stride = 4};
  EXPECT_EQ(on_grid.num_records(), 3);
}

TEST(Iterate, StepObserversSeeThePreUpdateState) {
  const LinearRegression problem = small_regression();
  GradientDescent algorithm(problem, {0.05});
  Vector x = Vector::Zero(problem.dimension());
  HookRecorder hooks;
  StateTrace states;
  iterate(algorithm, x, {.steps = 5, .record_stride = 1}, hooks, states);
  for (Index k = 0; k < 5; ++k) EXPECT_EQ(hooks.step_states[static_cast<std::size_t>(k)], states.states()(0, k));
  EXPECT_EQ(states.states().col(5), x);
}

TEST(Iterate, LossIntegralIsTheLeftRiemannSumOfTheLossOnTheStepClock) {
  const LinearRegression problem = small_regression();
  GradientDescent algorithm(problem, {0.05});
  Vector x = Vector::Zero(problem.dimension());
  LossIntegral integral(problem);
  LossTrace losses(problem);
  iterate(algorithm, x, {.steps = 50, .record_stride = 1}, integral, losses);
  double expected = 0.0;
  for (std::size_t k = 0; k < 50; ++k) expected += 0.05 * losses.losses()[k];
  EXPECT_NEAR(integral.value(), expected, 1e-14 * expected);
  EXPECT_NEAR(integral.time(), 50 * 0.05, 1e-13);
}

TEST(Iterate, ScalarTraceRecordsAnyFunctionOfTheState) {
  const LinearRegression problem = small_regression();
  GradientDescent algorithm(problem, {0.05});
  Vector x = Vector::Zero(problem.dimension());
  ScalarTrace norm([](const ConstVectorRef& state) { return state.lpNorm<1>(); });
  iterate(algorithm, x, {.steps = 7, .record_stride = 3}, norm);
  ASSERT_EQ(norm.values().size(), 4u);
  EXPECT_EQ(norm.values()[0], 0.0);
  EXPECT_EQ(norm.values().back(), x.lpNorm<1>());
}

TEST(Iterate, DivergenceGuardFiresAboveTheStabilityBoundAndNotBelow) {
  // GD on least squares contracts iff γ < 2/λ_max (dln.md §7): 0.9× the bound must run
  // to the end, 1.1× must be stopped (growth 1.2 per step from O(1) reaches 1e10 in ~130 steps).
  const LinearRegression problem = small_regression();
  const double bound = 2.0 / testing::exact_largest_eigenvalue(problem);
  Vector x = Vector::Zero(problem.dimension());
  GradientDescent stable(problem, {0.9 * bound});
  EXPECT_NO_THROW(iterate(stable, x, {.steps = 3000}));
  EXPECT_LT(problem.loss(x), 1e-3 * problem.loss(Vector::Zero(problem.dimension())));

  x.setZero();
  GradientDescent unstable(problem, {1.1 * bound});
  try {
    iterate(unstable, x, {.steps = 3000});
    FAIL() << "expected NumericalFailure";
  } catch (const NumericalFailure& failure) {
    const std::string message = failure.what();
    EXPECT_NE(message.find("gradient descent diverged at step"), std::string::npos) << message;
    EXPECT_NE(message.find(describe("step size ", 1.1 * bound)), std::string::npos) << message;
    EXPECT_NE(message.find("2/λ_max"), std::string::npos) << message;
    // The suggested bound is the true one (power iteration at the initial state; Hessian constant).
    const std::string marker = "step size < ";
    const std::size_t at = message.rfind(marker);
    ASSERT_NE(at, std::string::npos) << message;
    EXPECT_NEAR(std::stod(message.substr(at + marker.size())), bound, 1e-6 * bound) << message;
  }
}

// SGD (b = 1) steps along one sample at a time: on least squares ∇²ℓ_i = 2c x_i x_iᵀ, so each step
// multiplies the error along x_i by 1 − 2cγ‖x_i‖² and every step is stable iff
// γ < 1/(c·max_i‖x_i‖²) (linear_stability.hpp, dln.md §7), about 4× below GD's 2/λ_max(∇²L) here.
// Below it the error never grows (relaxed Kaczmarz on consistent data) and SGD converges; above GD's
// bound the mean step E[error] ← (I − γ∇²L)E[error] diverges. The message must quote both.
TEST(Iterate, SgdDivergenceQuotesThePerSampleBoundNotGradientDescents) {
  SGDBIAS_TRACE_SEED();
  const LinearRegression problem = small_regression();
  const double largest_row = problem.features().rowwise().squaredNorm().maxCoeff();
  const double sgd_bound = 1.0 / (problem.loss_scale() * largest_row);
  const double gd_bound = 2.0 / testing::exact_largest_eigenvalue(problem);
  ASSERT_LT(2.0 * sgd_bound, gd_bound) << "the data must separate the two bounds";
  EXPECT_NEAR(per_sample_stability_bound(problem, Vector::Zero(problem.dimension())), sgd_bound, 1e-9 * sgd_bound);
  const auto sgd = [&](double step_size) {
    return StochasticGradientDescent(problem, {.step_size = step_size},
                                     RandomStream(testing::test_seed(), 0, Purpose::kMinibatch));
  };
  Vector x = Vector::Zero(problem.dimension());
  auto stable = sgd(0.95 * sgd_bound);
  iterate(stable, x, {.steps = 20'000, .record_stride = 20'000});
  EXPECT_LT(problem.loss(x), 1e-12 * problem.loss(Vector::Zero(problem.dimension())));
  x.setZero();
  auto unstable = sgd(1.1 * gd_bound);
  try {
    iterate(unstable, x, {.steps = 20'000, .record_stride = 20'000});
    FAIL() << "expected NumericalFailure";
  } catch (const NumericalFailure& failure) {
    const std::string message = failure.what();
    EXPECT_NE(message.find("stochastic gradient descent diverged at step"), std::string::npos) << message;
    EXPECT_NE(message.find("max_i λ_max(∇²ℓ_i)"), std::string::npos) << message;
    const std::string marker = "that is step size < ";
    const std::size_t at = message.find(marker);
    ASSERT_NE(at, std::string::npos) << message;
    EXPECT_NEAR(std::stod(message.substr(at + marker.size())), sgd_bound, 1e-6 * sgd_bound) << message;
    const std::string gd_marker = "2/λ_max(∇²L) ≈ ";
    const std::size_t gd_at = message.find(gd_marker);
    ASSERT_NE(gd_at, std::string::npos) << message;
    EXPECT_NEAR(std::stod(message.substr(gd_at + gd_marker.size())), gd_bound, 1e-6 * gd_bound) << message;
  }
}

// The stop rule: the run ends at the first record with L ≤ tol, in the state the full run had
// there (bit for bit), and says so; a tolerance never met runs all steps.
TEST(Iterate, LossToleranceStopsAtTheFirstRecordThatMeetsIt) {
  SGDBIAS_TRACE_SEED();
  const LinearRegression problem = small_regression();
  const double step_size = 1.0 / testing::exact_largest_eigenvalue(problem);
  const IterationOptions full{.steps = 2000, .record_stride = 25};
  GradientDescent reference(problem, {step_size});
  Vector x = Vector::Zero(problem.dimension());
  StateTrace reference_trace;
  iterate(reference, x, full, reference_trace);
  const double tolerance = 1e-8 * problem.loss(Vector::Zero(problem.dimension()));
  Index first = -1;
  for (std::size_t r = 0; r < reference_trace.steps().size() && first < 0; ++r) {
    if (problem.loss(reference_trace.states().col(static_cast<Index>(r))) <= tolerance) first = static_cast<Index>(r);
  }
  ASSERT_GT(first, 0) << "the tolerance must be met after the start and before the end";
  ASSERT_LT(first, static_cast<Index>(reference_trace.steps().size()) - 1);

  GradientDescent stopped(problem, {step_size});
  x.setZero();
  StateTrace trace;
  HookRecorder hooks;
  IterationOptions with_rule = full;
  with_rule.loss_tolerance = tolerance;
  const IterationResult result = iterate(stopped, x, with_rule, trace, hooks);
  EXPECT_TRUE(result.reached_loss_tolerance);
  EXPECT_EQ(result.steps, reference_trace.steps()[static_cast<std::size_t>(first)]);
  EXPECT_EQ(x, reference_trace.states().col(first));
  EXPECT_EQ(trace.states(), reference_trace.states().leftCols(first + 1));
  EXPECT_EQ(hooks.records.back(), result.steps);
  EXPECT_EQ(hooks.finishes, 1);

  GradientDescent never(problem, {step_size});
  x.setZero();
  with_rule.loss_tolerance = -1.0;
  const IterationResult all = iterate(never, x, with_rule);
  EXPECT_FALSE(all.reached_loss_tolerance);
  EXPECT_EQ(all.steps, full.steps);
}

TEST(Iterate, DivergenceGuardCatchesNonFiniteStatesOnTheDiagonalNetwork) {
  // dln.md §7: on the §8.4 setup GD diverges by γ = 2; γ = 20 overflows quickly.
  const auto data = testing::regression_data(40, 100, 5);
  const problems::DiagonalLinearNetwork network(data.train, problems::DlnConvention::ppf(0.1));
  Vector x = network.initial_state();
  GradientDescent algorithm(network, {20.0});
  EXPECT_THROW(iterate(algorithm, x, {.steps = 10'000, .divergence_threshold = INFINITY}), NumericalFailure);
}

TEST(Iterate, AnInfiniteThresholdStillStopsAnInfiniteState) {
  // threshold = +∞ means "stop when the state is no longer finite": a step that overflows some
  // entries to ±∞ (and leaves others finite, so nothing is NaN yet) must be reported as THAT step.
  // γ = the largest double from x₀ = 0: x₁ = −γ∇L(0) overflows wherever |∇L(0)| > 1 (checked below).
  const LinearRegression problem = small_regression();
  Vector gradient(problem.dimension());
  problem.gradient(Vector::Zero(problem.dimension()), gradient);
  ASSERT_GT(gradient.cwiseAbs().maxCoeff(), 1.0);
  Vector x = Vector::Zero(problem.dimension());
  GradientDescent algorithm(problem, {std::numeric_limits<double>::max()});
  try {
    iterate(algorithm, x, {.steps = 10, .divergence_threshold = INFINITY});
    FAIL() << "expected NumericalFailure";
  } catch (const NumericalFailure& failure) {
    const std::string message = failure.what();
    EXPECT_NE(message.find("diverged at step 1 of 10"), std::string::npos) << message;
    EXPECT_NE(message.find("NaN or infinite"), std::string::npos) << message;
  }
}

// Watching single steps makes iterate step one at a time; without it, SGD takes the steps between
// records in runs (apply_run, the batch-1 loop inside the problem). Both must give the same
// records and final state bit for bit, and stop at the same step with the same message.
struct StepWatcher {
  Index steps = 0;
  template <class Algorithm>
  void on_step(Index, const ConstVectorRef&, const Algorithm&) { ++steps; }
};

// A RunStepPolicy that counts how iterate() drives it: x ← x/2 per step, by apply or by apply_run.
struct CountingHalver {
  static constexpr std::string_view kName = "counting halver";
  Index applies = 0, runs = 0, run_steps = 0;
  LinearRegression regression = small_regression();
  void prepare(Index) {}
  void apply(VectorRef x) {
    ++applies;
    x *= 0.5;
  }
  bool apply_within(VectorRef x, double) {
    apply(x);
    return true;
  }
  Index apply_run(VectorRef x, Index steps, double) {
    ++runs;
    run_steps += steps;
    for (Index k = 0; k < steps; ++k) x *= 0.5;
    return steps;
  }
  double step_size() const { return 0.5; }
  std::span<const Index> batch() const { return {}; }
  std::span<const double> label_shifts() const { return {}; }
  const LinearRegression& problem() const { return regression; }
};
static_assert(RunStepPolicy<CountingHalver>);

// The fast path of iterate(): observers of records only (every trace of lib/observers/) let the
// algorithm take the steps between records in one apply_run; one on_step observer (LossIntegral)
// makes it step one at a time. Same records either way.
TEST(Iterate, RecordOnlyObserversKeepTheRunFastPath) {
  const IterationOptions options{.steps = 100, .record_stride = 30};
  CountingHalver in_runs, one_by_one;
  Vector x_runs = Vector::Ones(in_runs.problem().dimension()), x_steps = x_runs;
  StateTrace trace_runs, trace_steps;
  LossTrace losses(in_runs.regression);
  iterate(in_runs, x_runs, options, trace_runs, losses);
  EXPECT_EQ(in_runs.applies, 0);
  EXPECT_EQ(in_runs.runs, 4);  // 30 + 30 + 30 + 10 steps
  EXPECT_EQ(in_runs.run_steps, 100);
  LossIntegral integral(one_by_one.regression);
  iterate(one_by_one, x_steps, options, trace_steps, integral);
  EXPECT_EQ(one_by_one.runs, 0);
  EXPECT_EQ(one_by_one.applies, 100);
  EXPECT_EQ(trace_runs.steps(), trace_steps.steps());
  EXPECT_TRUE(trace_runs.states() == trace_steps.states());
}

TEST(Iterate, SgdRunsBetweenRecordsEqualStepByStepBitForBit) {
  SGDBIAS_TRACE_SEED();
  const auto data = testing::regression_data(20, 30, 3);
  const problems::DiagonalLinearNetwork network(data.train, problems::DlnConvention::epgf(0.3));
  const auto sgd = [&](Index batch_size, BatchSampling sampling, double step_size) {
    return StochasticGradientDescent(network, {.step_size = step_size, .batch_size = batch_size, .sampling = sampling},
                                     RandomStream(testing::test_seed(), 4, Purpose::kMinibatch));
  };
  for (const Index batch_size : {1, 3}) {
    for (const BatchSampling sampling : {BatchSampling::kWithReplacement, BatchSampling::kEpochShuffling}) {
      for (const Index stride : {1, 7, 64, 1000}) {
        SCOPED_TRACE(describe("b = ", batch_size, ", ", to_string(sampling), ", record stride ", stride));
        const IterationOptions options{.steps = 250, .record_stride = stride};
        auto in_runs = sgd(batch_size, sampling, 0.05), one_by_one = sgd(batch_size, sampling, 0.05);
        Vector x_runs = network.initial_state(), x_steps = x_runs;
        StateTrace trace_runs, trace_steps;
        StepWatcher watcher;
        iterate(in_runs, x_runs, options, trace_runs);
        iterate(one_by_one, x_steps, options, trace_steps, watcher);
        EXPECT_EQ(watcher.steps, options.steps);
        EXPECT_EQ(trace_runs.steps(), trace_steps.steps());
        EXPECT_TRUE(trace_runs.states() == trace_steps.states());  // exact equality of every entry
        EXPECT_TRUE(x_runs == x_steps);
      }
      // A threshold the path first crosses after step 100, inside a later run: the largest |x_i|
      // of steps 0..100, read off a step-by-step trace. Both ways must report the same step.
      StateTrace every_step;
      {
        auto algorithm = sgd(batch_size, sampling, 0.05);
        Vector x = network.initial_state();
        iterate(algorithm, x, {.steps = 250, .record_stride = 1}, every_step);
      }
      const double threshold = every_step.states().leftCols(101).cwiseAbs().maxCoeff();
      ASSERT_GT(every_step.states().cwiseAbs().maxCoeff(), threshold) << "the path must grow after step 100";
      const IterationOptions options{.steps = 250, .record_stride = 64, .divergence_threshold = threshold};
      std::string messages[2];
      for (int watched = 0; watched < 2; ++watched) {
        auto algorithm = sgd(batch_size, sampling, 0.05);
        Vector x = network.initial_state();
        StepWatcher watcher;
        try {
          if (watched == 1) {
            iterate(algorithm, x, options, watcher);
          } else {
            iterate(algorithm, x, options);
          }
        } catch (const NumericalFailure& failure) {
          messages[watched] = failure.what();
        }
      }
      const std::string marker = "diverged at step ";
      const std::size_t at = messages[0].find(marker);
      ASSERT_NE(at, std::string::npos) << messages[0];
      EXPECT_GT(std::stol(messages[0].substr(at + marker.size())), 100) << messages[0];
      EXPECT_EQ(messages[0], messages[1]);
    }
  }
}

TEST(Iterate, RejectsBadInput) {
  const LinearRegression problem = small_regression();
  GradientDescent algorithm(problem, {0.01});
  Vector wrong_size = Vector::Zero(problem.dimension() + 1);
  EXPECT_THROW(iterate(algorithm, wrong_size, {}), InvalidArgument);
  Vector x = Vector::Zero(problem.dimension());
  EXPECT_THROW(iterate(algorithm, x, {.steps = -1}), InvalidArgument);
  EXPECT_THROW(iterate(algorithm, x, {.steps = 5, .record_stride = 0}), InvalidArgument);
  EXPECT_THROW(iterate(algorithm, x, {.steps = 5, .divergence_threshold = 0.0}), InvalidArgument);
  EXPECT_THROW(iterate(algorithm, x, {.steps = 5, .loss_tolerance = std::nan("")}), InvalidArgument);
  x[0] = std::nan("");
  EXPECT_THROW(iterate(algorithm, x, {}), InvalidArgument);
}

TEST(Iterate, AlgorithmsRejectBadStepSizesAndBatchSizes) {
  const LinearRegression problem = small_regression();
  const RandomStream stream(testing::test_seed(), 0, Purpose::kMinibatch);
  EXPECT_THROW(GradientDescent(problem, {-0.1}), InvalidArgument);
  EXPECT_THROW(GradientDescent(problem, {0.0}), InvalidArgument);
  EXPECT_THROW(GradientDescent(problem, {std::nan("")}), InvalidArgument);
  EXPECT_THROW(StochasticGradientDescent(problem, {.step_size = 0.1, .batch_size = 0}, stream), InvalidArgument);
  EXPECT_THROW(StochasticGradientDescent(problem, {.step_size = 0.1, .batch_size = 21}, stream), InvalidArgument);
  EXPECT_THROW(StochasticGradientDescent(problem, {.step_size = INFINITY, .batch_size = 1}, stream), InvalidArgument);
  try {
    StochasticGradientDescent(problem, {.step_size = 0.1, .batch_size = 21}, stream);
  } catch (const InvalidArgument& error) {
    EXPECT_NE(std::string(error.what()).find("batch size 21 must be in [1, n = 20]"), std::string::npos)
        << error.what();
  }
}

TEST(LargestHessianEigenvalue, PowerIterationMatchesTheDenseEigensolver) {
  const LinearRegression problem = small_regression();
  const EigenvalueEstimate estimate =
      estimate_largest_hessian_eigenvalue(problem, Vector::Zero(problem.dimension()));
  EXPECT_TRUE(estimate.converged);
  const double exact = testing::exact_largest_eigenvalue(problem);
  EXPECT_NEAR(estimate.eigenvalue, exact, 1e-6 * exact);
}

}  // namespace
}  // namespace sgdbias
