// Modified flows from Python (lib/flows/, bea.md): the gradient flow, the IGR flow
// −(g + (h/2)Hg), the third-order flow, the principal flow c(hH)g (§4), integrated by odeint
// (RK4 with `substeps` per record interval, or Fehlberg 7(8)); the Theorem-4 flow continued
// piecewise over an SGD run (§2.2, §3.2) that follows the same batches as sgdbias.sgd with the
// same (seed, trajectory); and GD with the drift-adjusted learning rate DAL-p (§5).
#include <string_view>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "lib/flows/batch_window.hpp"
#include "lib/flows/drift_adjusted_learning_rate.hpp"
#include "lib/flows/gradient_flow.hpp"
#include "lib/flows/implicit_gradient_regularized_flow.hpp"
#include "lib/flows/integrate_flow.hpp"
#include "lib/flows/piecewise_alignment_flow.hpp"
#include "lib/flows/principal_flow.hpp"
#include "lib/flows/third_order_flow.hpp"
#include "lib/random/minibatch_sampler.hpp"
#include "notebooks/python/bindings/bindings.hpp"
#include "notebooks/python/bindings/choice.hpp"
#include "notebooks/python/bindings/numpy_arrays.hpp"
#include "notebooks/python/bindings/trace.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "problems/quadratic/quadratic.hpp"

namespace sgdbias::python {
namespace {

using problems::DiagonalLinearNetwork;

template <class Problem>
Vector start_of(const Problem& problem, const py::handle& x0) {
  if (!x0.is_none()) return VectorArgument(x0, "x0", problem.dimension()).copy();
  if constexpr (std::is_same_v<Problem, DiagonalLinearNetwork>) {
    return problem.initial_state();
  } else {
    return Vector::Zero(problem.dimension());
  }
}

FlowIntegrationOptions integration_options(std::string_view stepper, Index substeps) {
  FlowIntegrationOptions options;
  options.stepper = parse_choice<FlowStepper>(stepper, "stepper", {{"rk4", FlowStepper::kRungeKutta4},
                                                                   {"rkf78", FlowStepper::kRungeKuttaFehlberg78}});
  options.substeps = substeps;
  options.validate("flow");
  return options;
}

// Integrates `system` over `records − 1` equal intervals of [0, time], recording at each end.
template <class Problem, class System>
Trace integrate_recorded(const Problem& problem, System& system, Vector x, double time, Index records,
                         const FlowIntegrationOptions& integration) {
  if (records < 2) throw py::value_error(describe("argument 'records' must be >= 2 (the start and the end), got ", records));
  if (!(time > 0.0)) throw py::value_error(describe("argument 'time' must be > 0, got ", time));
  Trace trace;
  TraceRecorder<Problem> recorder(problem, trace, problem.dimension(), true);
  integrate_flow_on_grid(system, x, TimeGrid{0.0, time, records - 1}, integration, recorder);
  return trace;
}

template <class Problem>
Trace run_flow(const Problem& shared, std::string_view kind, double step_size, double time, const py::handle& x0,
               Index records, Index substeps, std::string_view stepper) {
  enum class Kind { kGradient, kIgr, kThirdOrder, kPrincipal };
  const Kind chosen = parse_choice<Kind>(kind, "kind",
                                         {{"gradient", Kind::kGradient},
                                          {"igr", Kind::kIgr},
                                          {"third_order", Kind::kThirdOrder},
                                          {"principal", Kind::kPrincipal}});
  const Problem problem = shared;
  const FlowIntegrationOptions integration = integration_options(stepper, substeps);
  Vector x = start_of(problem, x0);
  py::gil_scoped_release release;
  switch (chosen) {
    case Kind::kGradient: {
      GradientFlow<Problem> flow(problem);
      return integrate_recorded(problem, flow, std::move(x), time, records, integration);
    }
    case Kind::kIgr: {
      ImplicitGradientRegularizedFlow<Problem> flow(problem, step_size);
      return integrate_recorded(problem, flow, std::move(x), time, records, integration);
    }
    case Kind::kThirdOrder: {
      ThirdOrderModifiedFlow<Problem> flow(problem, step_size);
      return integrate_recorded(problem, flow, std::move(x), time, records, integration);
    }
    case Kind::kPrincipal: {
      PrincipalFlow<Problem> flow(problem, step_size);
      return integrate_recorded(problem, flow, std::move(x), time, records, integration);
    }
  }
  throw py::value_error("unknown flow");
}

// The Theorem-4 flow over the SGD run with the batches of sgdbias.sgd(problem, step_size, steps,
// batch_size, seed=seed, trajectory=trajectory): the same sampler on the same stream.
template <class Problem>
Trace run_alignment_flow(const Problem& shared, double step_size, Index steps, Index window, Index batch_size,
                         std::uint64_t seed, std::uint64_t trajectory, const py::handle& x0, Index substeps) {
  const Problem problem = shared;
  if (steps < 1) throw py::value_error(describe("argument 'steps' must be >= 1, got ", steps));
  const FlowIntegrationOptions integration = integration_options("rk4", substeps);
  Vector x = start_of(problem, x0);
  py::gil_scoped_release release;
  MinibatchSampler sampler(problem.num_samples(), batch_size, BatchSampling::kWithReplacement,
                           RandomStream(seed, trajectory, Purpose::kMinibatch));
  std::vector<Batch> batches;
  batches.reserve(static_cast<std::size_t>(steps));
  for (Index k = 0; k < steps; ++k) {
    const std::span<const Index> batch = sampler.next();
    batches.emplace_back(batch.begin(), batch.end());
  }
  Trace trace;
  TraceRecorder<Problem> recorder(problem, trace, problem.dimension(), true);
  integrate_piecewise_alignment_flow(problem, step_size, batches, window, x, integration, recorder);
  return trace;
}

template <class Problem>
Trace run_dal(const Problem& shared, Index steps, double power, double fixed_step_size, double max_step_size,
              const py::handle& x0, Index record_every) {
  const Problem problem = shared;
  if (steps < 1) throw py::value_error(describe("argument 'steps' must be >= 1, got ", steps));
  DriftAdjustedLearningRateOptions options;
  options.power = power;
  options.fixed_step_size = fixed_step_size;
  options.max_step_size = max_step_size;
  Vector x = start_of(problem, x0);
  py::gil_scoped_release release;
  DriftAdjustedGradientDescent<Problem> algorithm(problem, options);
  Trace trace;
  TraceRecorder<Problem> recorder(problem, trace, problem.dimension(), false);
  // DAL's step sizes vary: a driver loop of its own on THE protocol (lib/core/observer.hpp), the
  // time of a record being the flow time Σ h_k its steps covered.
  const RecordGrid records{steps, record_stride(record_every, steps)};
  observer::notify_start(recorder, records, x);
  RecordCountdown countdown(records);
  double time = 0.0;
  for (Index k = 0; k < steps; ++k) {
    if (countdown.due()) {
      observer::notify_record(recorder, RecordPoint{k, time}, x);
      countdown.restart();
    }
    algorithm.step(x);
    time += algorithm.last_step_size();
    if (!x.allFinite()) {
      throw NumericalFailure("dal", describe("the state became non-finite at step ", k, " (step size ",
                                             algorithm.last_step_size(), "); lower max_step_size"));
    }
    countdown.advance(1);
  }
  observer::notify_record(recorder, RecordPoint{steps, time}, x);
  observer::notify_finish(recorder, RecordPoint{steps, time}, x);
  return trace;
}

template <class Problem>
void bind_flows_for(py::module_& module) {
  module.def("flow", &run_flow<Problem>, py::arg("problem"), py::arg("kind") = "gradient", py::arg("step_size") = 0.1,
             py::arg("time") = 1.0, py::arg("x0") = py::none(), py::arg("records") = 2, py::arg("substeps") = 8,
             py::arg("stepper") = "rk4",
             R"doc(Integrates a modified flow of GD with step size h = step_size (bea.md) from x0 over [0, time]:
kind "gradient" −g, "igr" −(g + (h/2)Hg), "third_order" (+ h² terms), "principal" c(hH)g (needs hλ < 1).
Records at `records` equally spaced times (Trace.t, .state, .loss; β and κ for a network); stepper
"rk4" (substeps per interval) or "rkf78" (error-controlled).)doc");
  module.def("dal", &run_dal<Problem>, py::arg("problem"), py::arg("steps"), py::arg("power") = 1.0,
             py::arg("fixed_step_size") = 0.1, py::arg("max_step_size") = 5.0, py::arg("x0") = py::none(),
             py::arg("record_every") = 0,
             "GD with the drift-adjusted learning rate h = min(2/‖Hĝ‖^p, max_step_size) (DAL-p, bea.md §5); "
             "Trace.t is the flow time Σ h_k at each record.");
}

}  // namespace

void bind_flows(py::module_& module) {
  bind_flows_for<DiagonalLinearNetwork>(module);
  bind_flows_for<problems::Quadratic>(module);
  module.def("alignment_flow", &run_alignment_flow<DiagonalLinearNetwork>, py::arg("problem"), py::arg("step_size"),
             py::arg("steps"), py::arg("window") = 4, py::arg("batch_size") = 1, py::arg("seed") = 1,
             py::arg("trajectory") = 0, py::arg("x0") = py::none(), py::arg("substeps") = 2,
             R"doc(The Theorem-4 (SGD alignment) flow continued window by window over the SGD run that
sgdbias.sgd(problem, step_size, steps, batch_size=..., seed=..., trajectory=...) makes (same batches,
with replacement): records at every window end t = h·k (bea.md §2.2, §3.2). Global error O(h²)
against that SGD run, O(h) for the gradient flow.)doc");
  module.def("alignment_flow", &run_alignment_flow<problems::LinearRegression>, py::arg("problem"), py::arg("step_size"),
             py::arg("steps"), py::arg("window") = 4, py::arg("batch_size") = 1, py::arg("seed") = 1,
             py::arg("trajectory") = 0, py::arg("x0") = py::none(), py::arg("substeps") = 2);
}

}  // namespace sgdbias::python
