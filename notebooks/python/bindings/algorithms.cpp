// GD, SGD, label-noise SGD and heavy-ball momentum from Python: one call runs the library's
// iterate() loop (lib/algorithms/iterate.hpp) without the GIL and returns a Trace of arrays.
// Randomness is the program's: SGD's minibatches come from RandomStream(seed, trajectory,
// minibatch), label-noise signs from (seed, trajectory, label-noise), so the same (seed,
// trajectory) gives the same numbers as the `sgdbias` program and the C++ library.
#include <optional>
#include <string_view>
#include <utility>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "lib/algorithms/gradient_descent.hpp"
#include "lib/algorithms/heavy_ball.hpp"
#include "lib/algorithms/label_noise_sgd.hpp"
#include "lib/algorithms/stochastic_gradient_descent.hpp"
#include "notebooks/python/bindings/bindings.hpp"
#include "notebooks/python/bindings/choice.hpp"
#include "notebooks/python/bindings/numpy_arrays.hpp"
#include "notebooks/python/bindings/trace.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/discrete_scale_bookkeeping.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "problems/quadratic/quadratic.hpp"

namespace sgdbias::python {
namespace {

using problems::DiagonalLinearNetwork;
using problems::LinearRegression;
using problems::Quadratic;

BatchSampling sampling_named(std::string_view name) {
  return parse_choice<BatchSampling>(name, "sampling",
                                     {{"with_replacement", BatchSampling::kWithReplacement},
                                      {"without_replacement", BatchSampling::kWithoutReplacement},
                                      {"epoch_shuffling", BatchSampling::kEpochShuffling}});
}

// The arguments every run shares, read once.
struct RunArguments {
  TraceOptions trace;
  std::optional<Vector> x0;
  bool bookkeeping = false;  // diagonal networks, GD/SGD/label-noise SGD: the κ bookkeeping of dln.md §7
};

template <class Problem>
RunArguments run_arguments(const Problem& problem, Index steps, const py::handle& x0, Index record_every,
                           std::optional<double> loss_tolerance, double divergence_threshold, bool record_state) {
  if (steps < 0) throw py::value_error(describe("argument 'steps' must be >= 0, got ", steps));
  if (record_every < 0) throw py::value_error(describe("argument 'record_every' must be >= 0 (0: first and last step), got ", record_every));
  RunArguments arguments{TraceOptions{steps, record_every, loss_tolerance, divergence_threshold, record_state}, {}};
  if (!x0.is_none()) arguments.x0 = VectorArgument(x0, "x0", problem.dimension()).copy();
  return arguments;
}

template <class Problem>
Vector initial_state(const Problem& problem, const RunArguments& arguments) {
  if (arguments.x0) return *arguments.x0;
  if constexpr (std::is_same_v<Problem, DiagonalLinearNetwork>) {
    return problem.initial_state();
  } else {
    return Vector::Zero(problem.dimension());
  }
}

// Builds the algorithm on a private copy of the problem (problems keep a workspace: a copy per
// call lets Python threads share one problem object) and runs it without the GIL. With
// bookkeeping, DiscreteScaleBookkeeping observes every step (the step-by-step path of iterate()).
template <class Problem, class MakeAlgorithm>
Trace run_released(const Problem& shared_problem, const RunArguments& arguments, MakeAlgorithm make_algorithm) {
  const Problem problem = shared_problem;
  Vector x = initial_state(problem, arguments);
  py::gil_scoped_release release;
  auto algorithm = make_algorithm(problem);
  if constexpr (std::is_same_v<Problem, DiagonalLinearNetwork>) {
    if (arguments.bookkeeping) {
      problems::DiscreteScaleBookkeeping bookkeeping(problem);
      Trace trace = run_trace(problem, algorithm, std::move(x), arguments.trace, bookkeeping);
      trace.bookkeeping_log_scale = bookkeeping.predicted_log_scale();
      trace.bookkeeping_q_plus = bookkeeping.q_plus();
      trace.bookkeeping_q_minus = bookkeeping.q_minus();
      return trace;
    }
  }
  return run_trace(problem, algorithm, std::move(x), arguments.trace);
}

// pybind11 keyword arguments shared by every algorithm (after the algorithm's own).
#define SGDBIAS_RUN_ARGUMENTS                                                                         \
  py::arg("x0") = py::none(), py::arg("record_every") = 0, py::arg("loss_tolerance") = py::none(),  \
      py::arg("divergence_threshold") = 1e10, py::arg("record_state") = false
// gd, sgd and label_noise_sgd also take bookkeeping=False (diagonal networks only).
template <class Problem>
void require_bookkeeping_fits(bool bookkeeping) {
  if (bookkeeping && !std::is_same_v<Problem, DiagonalLinearNetwork>) {
    throw py::value_error("argument 'bookkeeping': the κ bookkeeping of dln.md §7 is for DiagonalLinearNetwork only");
  }
}

template <class Problem>
void bind_gradient_descent(py::module_& module) {
  module.def("gd",
             [](const Problem& problem, double step_size, Index steps, const py::handle& x0, Index record_every,
                std::optional<double> loss_tolerance, double divergence_threshold, bool record_state, bool bookkeeping) {
               require_bookkeeping_fits<Problem>(bookkeeping);
               RunArguments arguments = run_arguments(problem, steps, x0, record_every, loss_tolerance,
                                                      divergence_threshold, record_state);
               arguments.bookkeeping = bookkeeping;
               return run_released(problem, arguments, [&](const Problem& p) {
                 return GradientDescent<Problem>(p, GradientDescentOptions{step_size});
               });
             },
             py::arg("problem"), py::arg("step_size"), py::arg("steps"), SGDBIAS_RUN_ARGUMENTS,
             py::arg("bookkeeping") = false,
             "Gradient descent x ← x − γ∇L(x) for `steps` steps; returns a Trace.");
}

template <class Problem>
void bind_momentum(py::module_& module) {
  module.def("momentum",
             [](const Problem& problem, double step_size, Index steps, double momentum, Index batch_size,
                std::string_view sampling, std::uint64_t seed, std::uint64_t trajectory, const py::handle& x0,
                Index record_every, std::optional<double> loss_tolerance, double divergence_threshold,
                bool record_state) {
               const RunArguments arguments = run_arguments(problem, steps, x0, record_every, loss_tolerance,
                                                            divergence_threshold, record_state);
               const HeavyBallOptions options{step_size, momentum, batch_size, sampling_named(sampling)};
               return run_released(problem, arguments, [&](const Problem& p) {
                 return HeavyBall<Problem>(p, options, RandomStream(seed, trajectory, Purpose::kMinibatch));
               });
             },
             py::arg("problem"), py::arg("step_size"), py::arg("steps"), py::arg("momentum") = 0.9,
             py::arg("batch_size") = 0, py::arg("sampling") = "with_replacement", py::arg("seed") = 1,
             py::arg("trajectory") = 0, SGDBIAS_RUN_ARGUMENTS,
             "Heavy-ball momentum m ← μm − γ∇L_B(x), x ← x + m (batch_size 0: full gradient); returns a Trace.");
}

template <class Problem>
void bind_stochastic_methods(py::module_& module) {
  module.def("sgd",
             [](const Problem& problem, double step_size, Index steps, Index batch_size, std::string_view sampling,
                std::uint64_t seed, std::uint64_t trajectory, const py::handle& x0, Index record_every,
                std::optional<double> loss_tolerance, double divergence_threshold, bool record_state, bool bookkeeping) {
               require_bookkeeping_fits<Problem>(bookkeeping);
               RunArguments arguments = run_arguments(problem, steps, x0, record_every, loss_tolerance,
                                                      divergence_threshold, record_state);
               arguments.bookkeeping = bookkeeping;
               const StochasticGradientDescentOptions options{step_size, batch_size, sampling_named(sampling)};
               return run_released(problem, arguments, [&](const Problem& p) {
                 return StochasticGradientDescent<Problem>(p, options, RandomStream(seed, trajectory, Purpose::kMinibatch));
               });
             },
             py::arg("problem"), py::arg("step_size"), py::arg("steps"), py::arg("batch_size") = 1,
             py::arg("sampling") = "with_replacement", py::arg("seed") = 1, py::arg("trajectory") = 0,
             SGDBIAS_RUN_ARGUMENTS, py::arg("bookkeeping") = false,
             "SGD x ← x − γ∇L_B(x), minibatches of batch_size drawn from the stream (seed, trajectory, "
             "minibatch); returns a Trace.");
  module.def("label_noise_sgd",
             [](const Problem& problem, double step_size, Index steps, double label_noise,
                std::optional<Index> label_noise_steps, Index batch_size, std::string_view sampling,
                std::uint64_t seed, std::uint64_t trajectory, const py::handle& x0, Index record_every,
                std::optional<double> loss_tolerance, double divergence_threshold, bool record_state, bool bookkeeping) {
               require_bookkeeping_fits<Problem>(bookkeeping);
               RunArguments arguments = run_arguments(problem, steps, x0, record_every, loss_tolerance,
                                                      divergence_threshold, record_state);
               arguments.bookkeeping = bookkeeping;
               const LabelNoiseSgdOptions options{step_size, batch_size, sampling_named(sampling)};
               const LabelNoiseSchedule schedule = label_noise_steps
                                                       ? LabelNoiseSchedule::first_steps(*label_noise_steps, label_noise)
                                                       : LabelNoiseSchedule::constant(label_noise);
               return run_released(problem, arguments, [&](const Problem& p) {
                 return LabelNoiseSgd<Problem>(p, options, schedule, RandomStream(seed, trajectory, Purpose::kMinibatch),
                                               RandomStream(seed, trajectory, Purpose::kLabelNoise));
               });
             },
             py::arg("problem"), py::arg("step_size"), py::arg("steps"), py::arg("label_noise") = 1.0,
             py::arg("label_noise_steps") = py::none(), py::arg("batch_size") = 1,
             py::arg("sampling") = "with_replacement", py::arg("seed") = 1, py::arg("trajectory") = 0,
             SGDBIAS_RUN_ARGUMENTS, py::arg("bookkeeping") = false,
             "Label-noise SGD (dln.md §6.4): labels y_i ± 2δ, δ = label_noise for the first label_noise_steps "
             "steps (None: always); returns a Trace.");
  bind_momentum<Problem>(module);
}

// A read-only array viewing memory owned by the Trace (`owner` is the Python Trace object, which
// the array keeps alive): reading trace.beta copies nothing.
template <class Scalar>
py::array view_of(const py::object& owner, const Scalar* data, std::vector<py::ssize_t> shape,
                  std::vector<py::ssize_t> strides) {
  py::array array(py::dtype::of<Scalar>(), std::move(shape), std::move(strides), data, owner);
  array.attr("flags").attr("writeable") = false;
  return array;
}

// Rows are records: trace.beta[k] is β at trace.steps[k] (the d × records column-major matrix seen
// with its axes swapped).
py::object records_as_rows(const py::object& owner, const Matrix& columns) {
  if (columns.size() == 0) return py::none();
  const auto element = static_cast<py::ssize_t>(sizeof(double));
  return view_of(owner, columns.data(), {columns.cols(), columns.rows()}, {element * columns.rows(), element});
}

void bind_trace(py::module_& module) {
  py::class_<Trace> cls(module, "Trace", R"doc(
A run's record: read-only arrays at the recorded steps (record_every; 0 = first and last step only).
  steps   int64 (records,)       the step k of each record (SDE paths: the integrator step)
  t       float64 (records,)     SDE paths: the time of each record (None for discrete algorithms)
  loss    float64 (records,)     L(x_k)
  beta    float64 (records, d)   β(x_k)        (diagonal networks; None otherwise)
  kappa   float64 (records, d)   κ(x_k)        (diagonal networks; None otherwise)
  state   float64 (records, dim) x_k           (record_state=True; None otherwise)
  x       float64 (dim,)         the final state
  reached_tolerance  True when the run stopped at a record with loss <= loss_tolerance
  bookkeeping  (bookkeeping=True) dict of the exact κ accounting of dln.md §7: log_kappa (ln κ_K from
               the multipliers), q_plus, q_minus (Σ_k q±(γm_k), for predict_discrete_limit)
The arrays view the Trace's memory (no copy); .copy() one to change it.)doc");
  const auto element = static_cast<py::ssize_t>(sizeof(double));
  cls.def_property_readonly("steps", [](const py::object& self) {
    const Trace& t = self.cast<const Trace&>();
    static_assert(sizeof(Index) == sizeof(std::int64_t));
    return view_of(self, reinterpret_cast<const std::int64_t*>(t.steps.data()),
                   {static_cast<py::ssize_t>(t.steps.size())}, {static_cast<py::ssize_t>(sizeof(std::int64_t))});
  });
  cls.def_property_readonly("loss", [element](const py::object& self) {
    const Trace& t = self.cast<const Trace&>();
    return view_of(self, t.losses.data(), {static_cast<py::ssize_t>(t.losses.size())}, {element});
  });
  cls.def_property_readonly("t", [element](const py::object& self) -> py::object {
    const Trace& t = self.cast<const Trace&>();
    if (t.times.empty()) return py::none();
    return view_of(self, t.times.data(), {static_cast<py::ssize_t>(t.times.size())}, {element});
  });
  cls.def_property_readonly("beta", [](const py::object& self) { return records_as_rows(self, self.cast<const Trace&>().betas); });
  cls.def_property_readonly("kappa", [](const py::object& self) { return records_as_rows(self, self.cast<const Trace&>().scales); });
  cls.def_property_readonly("state", [](const py::object& self) { return records_as_rows(self, self.cast<const Trace&>().states); });
  cls.def_property_readonly("x", [element](const py::object& self) {
    const Trace& t = self.cast<const Trace&>();
    return view_of(self, t.final_state.data(), {t.final_state.size()}, {element});
  });
  cls.def_readonly("reached_tolerance", &Trace::reached_tolerance);
  cls.def_property_readonly("bookkeeping", [](const py::object& self) -> py::object {
    const Trace& t = self.cast<const Trace&>();
    if (t.bookkeeping_log_scale.size() == 0) return py::none();
    py::dict result;
    result["log_kappa"] = to_numpy(Vector(t.bookkeeping_log_scale));
    result["q_plus"] = to_numpy(Vector(t.bookkeeping_q_plus));
    result["q_minus"] = to_numpy(Vector(t.bookkeeping_q_minus));
    return result;
  });
  cls.def("__repr__", [](const Trace& t) {
    return describe("Trace(records=", t.steps.size(), ", last step=", t.steps.empty() ? 0 : t.steps.back(),
                    ", last loss=", t.losses.empty() ? 0.0 : t.losses.back(),
                    t.reached_tolerance ? ", reached tolerance" : "", ")");
  });
}

}  // namespace

void bind_algorithms(py::module_& module) {
  bind_trace(module);
  bind_gradient_descent<DiagonalLinearNetwork>(module);
  bind_gradient_descent<LinearRegression>(module);
  bind_gradient_descent<Quadratic>(module);
  bind_stochastic_methods<DiagonalLinearNetwork>(module);
  bind_stochastic_methods<LinearRegression>(module);
  bind_momentum<Quadratic>(module);
}

}  // namespace sgdbias::python
