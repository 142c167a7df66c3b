#pragma once
// Distances of a converged SGF run's β_T from the predicted limits (dln.md §9 check 10): the
// mirror projection argmin H_{κ∞} with ln κ∞ = ln κ₀ − γD∫MSE dt of the simulated path, the same
// with the run's own final κ_T, and the gradient-flow limit argmin H_{κ₀}.
#include <cstdio>

#include <gtest/gtest.h>

#include "lib/analysis/effective_initialization.hpp"
#include "lib/analysis/mirror_projection.hpp"
#include "lib/analysis/predicted_interpolator.hpp"
#include "tests/problems/diagonal_linear_network/stochastic_gradient_flow/sgf_runs.hpp"
#include "tests/problems/diagonal_linear_network/stochastic_gradient_flow/sgf_test_problem.hpp"

namespace sgdbias::testing {

inline constexpr double kFinalPointStepSize = 0.05;  // γ

struct FinalPointErrors {
  double to_prediction = 0.0;     // ‖β_T − argmin H_{κ∞}‖ / ‖argmin H_{κ∞}‖, κ∞ from ∫MSE
  double to_own_scale = 0.0;      // same with the run's own final κ_T
  double to_gradient_flow = 0.0;  // ‖β_T − argmin H_{κ₀}‖ / ‖argmin H_{κ₀}‖
};

inline FinalPointErrors final_point_errors(const SgfTestSetting& setting, const SgfRunOptions& options,
                                    const char* label) {
  const SgfRun run = run_sgf(setting.network, options);
  EXPECT_LE(run.final_mse, options.target_mse) << label << " did not converge by T = " << run.time;
  const SgfPathIntegrals integrals{.step_size = kFinalPointStepSize, .integrated_mean_squared_error = run.integrated_mse};
  const Vector predicted = predict_stochastic_gradient_flow_limit(setting.constraint,
                                                                  setting.network.log_initial_scale(), integrals)
                               .beta;
  const Vector gradient_flow = predict_gradient_flow_limit(setting.constraint, setting.network.log_initial_scale()).beta;
  const Vector own_scale = minimum_entropy_interpolator(setting.constraint, run.log_scale).beta;
  const FinalPointErrors errors{(run.beta - predicted).norm() / predicted.norm(),
                                (run.beta - own_scale).norm() / own_scale.norm(),
                                (run.beta - gradient_flow).norm() / gradient_flow.norm()};
  std::printf("[check 10] %-28s T = %5.0f, MSE_T = %.1e, int MSE = %.4f: rel. error vs argmin H_kinf %.2e "
              "(own kappa_T %.2e), vs GF %.2e\n", label, run.time, run.final_mse, run.integrated_mse,
              errors.to_prediction, errors.to_own_scale, errors.to_gradient_flow);
  return errors;
}

}  // namespace sgdbias::testing
