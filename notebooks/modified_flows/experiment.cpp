// Experiment `modified-flows`: local errors of the modified flows of backward error analysis
// against the discrete steps they model, on the diagonal linear network of the seed setting
// (bea.md §2.3–§2.4, §3.1–§3.2; dln.md §8.4 data):
//   gradient flow      vs one GD step        local error O(h²)  (bea.md §3.1, h⁰ term)
//   IGR flow           vs one GD step        O(h³)              (Barrett & Dherin; bea.md §3.1)
//   IGR of the window's mean loss
//                      vs a window of n SGD  O(h²)              (batch order ignored: no alignment term)
//   Theorem-4 flow     vs a window of n SGD  O(h³)              (Rosca & Deisenroth; bea.md §3.2)
//   gradient flow      vs the same window    O(h)               (control: random batches do not
//                                                               average to the full gradient)
// The flows, the discrete maps and the slope fit are lib/flows' (order_check.hpp); this file only
// chooses the setting and writes the errors and fitted orders as tidy tables.
#include <atomic>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "lib/core/stop_request.hpp"
#include "notebooks/experiment/experiment.hpp"
#include "notebooks/experiment/option_group.hpp"
#include "notebooks/experiment/publish_table.hpp"
#include "lib/flows/batch_window.hpp"
#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/implicit_gradient_regularized_flow.hpp"
#include "lib/flows/order_check.hpp"
#include "lib/flows/sgd_alignment_flow.hpp"
#include "lib/io/table_writer.hpp"
#include "lib/random/minibatch_sampler.hpp"
#include "notebooks/modified_flows/experiment.hpp"
#include "notebooks/modified_flows/window_mean_loss.hpp"
#include "notebooks/study_support/study_problem.hpp"
#include "problems/data/sparse_regression_data.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"

namespace sgdbias {
namespace {

using problems::DiagonalLinearNetwork;

struct ModifiedFlowsOptions {
  study::DataOptions data;  // generated (--samples, ...) or the user's (--data DIR, --features, ...)
  double alpha = 0.5;
  Index window = 4;
  Index batch_size = 1;
  double largest_step_size = 0.04;
  // 12 levels (h down to h0·2⁻¹¹ ≈ 2e-5), the smallest 4 fitted: the Theorem-4 slope is 2.998 on seeds
  // 1, 2, 3, 7 (2.958 with 8 levels, where the h⁴ term still tilts it); the smallest local error,
  // IGR's ≈ 3e-13, stays ~10³ above round-off.
  Index levels = 12;
  Index fitted_levels = 4;

  static std::vector<OptionField<ModifiedFlowsOptions>> fields() {
    using O = ModifiedFlowsOptions;
    return with_option_group(std::vector<OptionField<O>>{
        real_option("alpha", &O::alpha,
                    "initialisation scale (PPF alpha, product form u0 = 2 alpha, v0 = 0); the start point "
                    "of every local step",
                    {0, 10, true}),
        integer_option("window", &O::window, "SGD steps per window of the Theorem-4 flow (bea.md §3.2)", {1, 1000}),
        integer_option("batch-size", &O::batch_size, "SGD batch size b (with replacement)", {1, 100000}),
        real_option("largest-step-size", &O::largest_step_size, "h0: step sizes are h0 * 2^-j", {0, 1, true}),
        integer_option("levels", &O::levels, "number of step sizes", {3, 20}),
        integer_option("fitted-levels", &O::fitted_levels, "the slope is fitted on the smallest ones", {2, 20}),
    }, &O::data);
  }

  std::optional<std::string> validate() const {
    if (std::optional<std::string> shape = data.validate()) return shape;
    if (data.generated() && batch_size > data.samples) return "--batch-size must be <= --samples";
    if (fitted_levels > levels) return "--fitted-levels must be <= --levels";
    return std::nullopt;
  }
};

struct FlowCase {
  std::string flow;
  std::string reference;  // the discrete map it is compared with
  double expected_order;  // local order from bea.md §2.4
  OrderStudy study;
};

BatchWindow draw_window(const ModifiedFlowsOptions& options, Index samples, std::uint64_t seed) {
  require(options.batch_size <= samples, "--batch-size", "must be <= the ", samples, " training samples");
  MinibatchSampler sampler(samples, options.batch_size, BatchSampling::kWithReplacement,
                           RandomStream(seed, 0, Purpose::kMinibatch));
  BatchWindow window;
  for (Index step = 0; step < options.window; ++step) {
    const std::span<const Index> batch = sampler.next();
    window.emplace_back(batch.begin(), batch.end());
  }
  return window;
}

// Ctrl-C is polled once per step size of each study (every discrete map evaluated), so a run
// stops after the current level's integration rather than after all the studies.
std::vector<FlowCase> study_flows(const DiagonalLinearNetwork& problem, const BatchWindow& window,
                                  const ModifiedFlowsOptions& options, const std::atomic<bool>* interrupt) {
  const LocalOrderOptions levels{options.largest_step_size, options.levels, options.fitted_levels};
  const Vector start = problem.initial_state();
  const Index n = static_cast<Index>(window.size());
  const StateMap one_gd_step = [&problem, interrupt](double h, Vector& x) {
    throw_if_stop_requested(interrupt);
    gradient_descent_steps(problem, h, 1, x);
  };
  const StateMap sgd_window = [&problem, &window, interrupt](double h, Vector& x) {
    throw_if_stop_requested(interrupt);
    sgd_steps_in_order(problem, h, window, x);
  };
  const auto gradient_flow = [&problem](double, const Vector&) { return GradientFlow<DiagonalLinearNetwork>(problem); };
  const auto igr_flow = [&problem](double h, const Vector&) {
    return ImplicitGradientRegularizedFlow<DiagonalLinearNetwork>(problem, h);
  };
  const auto alignment_flow = [&problem, &window](double h, const Vector& window_start) {
    return SgdAlignmentFlow<DiagonalLinearNetwork>(problem, h, window, window_start);
  };
  const WindowMeanLoss<DiagonalLinearNetwork> window_loss(problem, window);
  const auto window_igr_flow = [&window_loss](double h, const Vector&) {
    return ImplicitGradientRegularizedFlow<WindowMeanLoss<DiagonalLinearNetwork>>(window_loss, h);
  };
  const std::string window_name = std::to_string(n) + " SGD steps";
  return {
      {"gradient flow", "1 GD step", 2.0, local_order_study(one_gd_step, flow_state_map(gradient_flow, 1), start, levels)},
      {"IGR flow", "1 GD step", 3.0, local_order_study(one_gd_step, flow_state_map(igr_flow, 1), start, levels)},
      {"IGR flow of the window loss", window_name, 2.0,
       local_order_study(sgd_window, flow_state_map(window_igr_flow, n), start, levels)},
      {"Theorem-4 alignment flow", window_name, 3.0,
       local_order_study(sgd_window, flow_state_map(alignment_flow, n), start, levels)},
      {"gradient flow", window_name, 1.0, local_order_study(sgd_window, flow_state_map(gradient_flow, n), start, levels)},
  };
}

void write_tables(const std::vector<FlowCase>& cases, Index fitted_levels, RunContext& context) {
  io::TableWriter errors({"flow", "reference", "step_size", "local_error", "fitted"});
  io::TableWriter orders({"flow", "reference", "expected_order", "fitted_order", "standard_error"});
  for (const FlowCase& c : cases) {
    const Index levels = static_cast<Index>(c.study.step_sizes.size());
    for (Index j = 0; j < levels; ++j) {
      const std::size_t level = static_cast<std::size_t>(j);
      errors.add_row({c.flow, c.reference, c.study.step_sizes[level], c.study.errors[level],
                      std::int64_t{j >= levels - fitted_levels ? 1 : 0}});
    }
    orders.add_row({c.flow, c.reference, c.expected_order, c.study.fit.slope, c.study.fit.standard_error});
    context.manifest.results.emplace_back("order: " + c.flow + " vs " + c.reference, c.study.fit.slope);
  }
  publish_table(context, errors, "local_errors.csv",
                "one row per (flow, reference, step size h): local error ‖flow(k·h) − k steps‖");
  publish_table(context, orders, "orders.csv",
                "fitted log-log slope of the local error (smallest fitted-levels step sizes)");
}

// The seed's claim (bea.md §3.2): against a window of SGD steps, the IGR flow of the window's mean
// loss is only second order, the Theorem-4 flow (its alignment term added) third. A fitted order
// "is" its theory when within 0.15 (the notebook's tolerance, which the default levels meet with
// room: the Theorem-4 slope lands within 0.02 of 3).
void print_verdict(const std::vector<FlowCase>& cases, std::ostream& report) {
  std::int64_t matches = 0;
  double igr_window = NAN, theorem_4 = NAN;
  for (const FlowCase& c : cases) {
    if (std::abs(c.study.fit.slope - c.expected_order) <= 0.15) ++matches;
    if (c.flow == "IGR flow of the window loss") igr_window = c.study.fit.slope;
    if (c.flow == "Theorem-4 alignment flow") theorem_4 = c.study.fit.slope;
  }
  const bool claim = std::abs(igr_window - 2.0) <= 0.15 && std::abs(theorem_4 - 3.0) <= 0.15;
  char line[240];
  std::snprintf(line, sizeof line,
                "verdict: SGD window needs the alignment term: IGR of the window loss order %.2f (2), Theorem-4 flow "
                "%.2f (3): %s\n",
                igr_window, theorem_4, claim ? "yes" : "no");
  report << line << "verdict: every fitted order within 0.15 of theory: "
         << (matches == static_cast<std::int64_t>(cases.size()) ? "yes" : "no") << " (" << matches << "/"
         << cases.size() << ")\n";
}

void run(const ModifiedFlowsOptions& options, RunContext& context) {
  const study::StudyProblem data = study::make_study_problem(options.data, context.seed);
  context.report << "data: " << data.source << "\n";
  const DiagonalLinearNetwork problem = data.network(options.alpha);
  const std::vector<FlowCase> cases = study_flows(
      problem, draw_window(options, problem.num_samples(), context.seed), options, context.interrupt);
  write_tables(cases, options.fitted_levels, context);
  context.report << "local error order of each flow against the steps it models (bea.md §2.4)\n";
  for (const FlowCase& c : cases) {
    char line[200];
    std::snprintf(line, sizeof line, "  %-27s vs %-12s  order %.3f ± %.3f  (theory %.0f)\n", c.flow.c_str(),
                  c.reference.c_str(), c.study.fit.slope, c.study.fit.standard_error, c.expected_order);
    context.report << line;
  }
  print_verdict(cases, context.report);
}

}  // namespace

Experiment make_modified_flows_experiment() {
  return make_experiment<ModifiedFlowsOptions>(
      "modified-flows", "local-error orders of the gradient, IGR and Theorem-4 flows against GD/SGD steps",
      "modified_flows", &run);
}

}  // namespace sgdbias
