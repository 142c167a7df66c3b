// The step policies of lib/algorithms keep a reference to their problem, so that every trajectory of
// an ensemble shares one copy of the data. The problem must then outlive the algorithm: built from
// a temporary, it would dangle (issue 21, as lib/games did before it held its game by value). The
// constructors taking an rvalue problem are deleted, so `GradientDescent descent(make_problem(),
// options)` does not compile. The concepts below write exactly such declarations (class template
// argument deduction included) and are false, while the same declarations from a named problem
// compile; the tests check that the algorithm uses the caller's object, not a copy.
#include <utility>

#include <gtest/gtest.h>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/heavy_ball.hpp"
#include "lib/algorithms/label_noise_schedule.hpp"
#include "lib/algorithms/label_noise_sgd.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "tests/lib/algorithms/test_problems.hpp"

namespace sgdbias {
namespace {

using problems::LinearRegression;

// Each concept holds when `Algorithm(problem, options...)` compiles for a problem of category P
// (P = LinearRegression: a temporary; P = const LinearRegression&: a named problem).
template <class P>
concept BuildsGradientDescent = requires { GradientDescent(std::declval<P>(), GradientDescentOptions{}); };
template <class P>
concept BuildsStochasticGradientDescent = requires {
  StochasticGradientDescent(std::declval<P>(), StochasticGradientDescentOptions{}, std::declval<RandomStream>());
};
template <class P>
concept BuildsLabelNoiseSgd = requires {
  LabelNoiseSgd(std::declval<P>(), LabelNoiseSgdOptions{}, std::declval<LabelNoiseSchedule>(),
                std::declval<RandomStream>(), std::declval<RandomStream>());
};
template <class P>
concept BuildsHeavyBall = requires { HeavyBall(std::declval<P>(), HeavyBallOptions{}); };

static_assert(BuildsGradientDescent<const LinearRegression&> && !BuildsGradientDescent<LinearRegression> &&
              !BuildsGradientDescent<const LinearRegression>);
static_assert(BuildsStochasticGradientDescent<const LinearRegression&> &&
              !BuildsStochasticGradientDescent<LinearRegression>);
static_assert(BuildsLabelNoiseSgd<const LinearRegression&> && !BuildsLabelNoiseSgd<LinearRegression>);
static_assert(BuildsHeavyBall<const LinearRegression&> && !BuildsHeavyBall<LinearRegression>);

TEST(ProblemOwnership, AlgorithmsUseTheCallersProblemNotACopy) {
  const LinearRegression problem(testing::regression_data(20, 8, 3).train);
  const RandomStream stream(1, 0, Purpose::kMinibatch);
  const GradientDescent descent(problem, {.step_size = 0.01});
  const StochasticGradientDescent sgd(problem, {.step_size = 0.01}, stream);
  const LabelNoiseSgd noisy(problem, {.step_size = 0.01}, LabelNoiseSchedule::constant(0.1), stream,
                            RandomStream(1, 0, Purpose::kLabelNoise));
  const HeavyBall momentum(problem, {.step_size = 0.01, .momentum = 0.5});
  EXPECT_EQ(&descent.problem(), &problem);
  EXPECT_EQ(&sgd.problem(), &problem);
  EXPECT_EQ(&noisy.problem(), &problem);
  EXPECT_EQ(&momentum.problem(), &problem);
}

}  // namespace
}  // namespace sgdbias
