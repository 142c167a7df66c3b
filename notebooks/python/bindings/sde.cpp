// The SDE layer from Python (sde/README.md): the stochastic gradient flow of SGD on a diagonal
// network (dln.md §6.2) integrated by log-Euler (§6.3) or Euler–Maruyama, the exact-covariance
// SGF (§6.1), the "wrong SDE" and overdamped Langevin (§6.5) with every integrator that accepts
// them, and SDEs whose drift and noise are Python callables. Brownian increments come from
// RandomStream(seed, trajectory, brownian), as in the program's SGF runs. Each call returns a
// Trace whose `t` holds the record times.
#include <cmath>
#include <limits>
#include <string_view>
#include <utility>

#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "notebooks/python/bindings/bindings.hpp"
#include "notebooks/python/bindings/choice.hpp"
#include "notebooks/python/bindings/numpy_arrays.hpp"
#include "notebooks/python/bindings/python_sde.hpp"
#include "notebooks/python/bindings/trace.hpp"
#include "problems/diagonal_linear_network/diagonal_linear_network.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/isotropic_noise_sdes.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/log_light_cone_sgf.hpp"
#include "problems/linear_regression/linear_regression.hpp"
#include "problems/quadratic/quadratic.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/exact_covariance_sgf.hpp"
#include "sde/integrate.hpp"
#include "sde/integrators/all.hpp"
#include "sde/overdamped_langevin.hpp"
#include "sde/sgf_options.hpp"

namespace sgdbias::python {
namespace {

using problems::DiagonalLinearNetwork;

// The time grid [0, time] in `steps` steps, and how often to record.
struct PathOptions {
  double time = 1.0;
  Index steps = 1000;
  Index record_every = 0;
  bool record_state = false;
  std::uint64_t seed = 1;
  std::uint64_t trajectory = 0;
};

sde::TimeGrid time_grid(const PathOptions& options) {
  if (!(options.time > 0.0) || !std::isfinite(options.time)) {
    throw py::value_error(describe("argument 'time' must be finite and > 0, got ", options.time));
  }
  if (options.steps < 1) throw py::value_error(describe("argument 'steps' must be >= 1, got ", options.steps));
  if (options.record_every < 0) throw py::value_error("argument 'record_every' must be >= 0 (0: first and last step)");
  return sde::TimeGrid{0.0, options.time, options.steps, record_stride(options.record_every, options.steps)};
}

// Integrates `sde` from `state` with `Integrator`, recording through `to_state` (state → x).
template <class Integrator, class Sde, class Problem, class ToState>
Trace integrate_path(const Sde& sde, Vector state, const Problem& problem, Index dimension, const PathOptions& options,
                     ToState to_state, bool poll_interrupts = true) {
  const sde::TimeGrid grid = time_grid(options);
  Integrator integrator(sde.state_dimension(), sde.noise_dimension());
  sde::BrownianIncrements increments(sde.noise_dimension(),
                                     RandomStream(options.seed, options.trajectory, Purpose::kBrownian),
                                     Integrator::kUsesTimeIntegral ? sde::TimeIntegrals::kOn : sde::TimeIntegrals::kOff);
  Trace trace;
  TraceRecorder<Problem, ToState> recorder(problem, trace, dimension, options.record_state, std::move(to_state),
                                           poll_interrupts);
  sde::integrate(integrator, sde, state, grid, increments, recorder);
  return trace;
}

PathOptions path_options(double time, Index steps, Index record_every, bool record_state, std::uint64_t seed,
                         std::uint64_t trajectory) {
  return PathOptions{time, steps, record_every, record_state, seed, trajectory};
}

sde::SgfOptions sgf_options(const DiagonalLinearNetwork& network, double step_size, Index batch_size,
                            std::string_view sampling, double label_noise, double label_noise_time) {
  sde::SgfOptions options{step_size, batch_size,
                          parse_choice<BatchSampling>(sampling, "sampling",
                                                      {{"with_replacement", BatchSampling::kWithReplacement},
                                                       {"without_replacement", BatchSampling::kWithoutReplacement}}),
                          label_noise, label_noise_time};
  options.validate(network.num_samples());
  return options;
}

Vector start_of(const DiagonalLinearNetwork& network, const py::handle& x0) {
  return x0.is_none() ? network.initial_state() : VectorArgument(x0, "x0", network.dimension()).copy();
}

Trace run_sgf(const DiagonalLinearNetwork& shared, double step_size, std::string_view scheme,
              Index batch_size, std::string_view sampling, double label_noise, double label_noise_time,
              const py::handle& x0, const PathOptions& options) {
  enum class Scheme { kLogEuler, kEulerMaruyama };
  const Scheme chosen = parse_choice<Scheme>(scheme, "scheme",
                                             {{"log_euler", Scheme::kLogEuler}, {"euler_maruyama", Scheme::kEulerMaruyama}});
  const DiagonalLinearNetwork network = shared;
  const sde::SgfOptions sgf = sgf_options(network, step_size, batch_size, sampling, label_noise, label_noise_time);
  Vector x = start_of(network, x0);
  py::gil_scoped_release release;
  if (chosen == Scheme::kLogEuler) {
    const sde::LogLightConeSgf<DiagonalLinearNetwork> flow(network, sgf);
    Vector y(network.dimension());
    flow.from_parameters(x, y);
    return integrate_path<sde::EulerMaruyama>(
        flow, std::move(y), network, network.dimension(), options,
        [&flow](const ConstVectorRef& state, VectorRef out) { flow.to_parameters(state, out); });
  }
  const sde::DiagonalNetworkSgf<DiagonalLinearNetwork> flow(network, sgf);
  return integrate_path<sde::EulerMaruyama>(flow, std::move(x), network, network.dimension(), options, SameState{});
}

// Langevin: every integrator valid for additive noise.
template <class Problem>
Trace run_langevin(const Problem& shared, double inverse_temperature, std::string_view integrator, const py::handle& x0,
                   const PathOptions& options) {
  enum class Scheme { kEulerMaruyama, kMilstein, kStochasticHeun, kSra1 };
  const Scheme chosen = parse_choice<Scheme>(integrator, "integrator",
                                             {{"euler_maruyama", Scheme::kEulerMaruyama},
                                              {"milstein", Scheme::kMilstein},
                                              {"stochastic_heun", Scheme::kStochasticHeun},
                                              {"sra1", Scheme::kSra1}});
  const Problem problem = shared;
  Vector x = x0.is_none() ? Vector(Vector::Zero(problem.dimension()))
                          : VectorArgument(x0, "x0", problem.dimension()).copy();
  const sde::OverdampedLangevin<Problem> langevin(problem, inverse_temperature);
  py::gil_scoped_release release;
  const auto run = [&](auto tag) {
    using Integrator = typename decltype(tag)::type;
    return integrate_path<Integrator>(langevin, x, problem, problem.dimension(), options, SameState{});
  };
  switch (chosen) {
    case Scheme::kEulerMaruyama: return run(std::type_identity<sde::EulerMaruyama>{});
    case Scheme::kMilstein: return run(std::type_identity<sde::Milstein>{});
    case Scheme::kStochasticHeun: return run(std::type_identity<sde::StochasticHeun>{});
    case Scheme::kSra1: return run(std::type_identity<sde::Sra1>{});
  }
  throw py::value_error("unknown integrator");
}

// User SDEs: the integrators valid for the declared structure and interpretation.
Trace run_python_sde(py::function drift, py::function noise, const py::handle& x0, Index noise_dimension,
                     std::string_view structure, std::string_view interpretation, std::string_view integrator,
                     const PathOptions& options) {
  enum class Structure { kGeneral, kDiagonal, kAdditive };
  enum class Scheme { kEulerMaruyama, kStochasticHeun, kSra1, kSriw1 };
  const Structure noise_structure = parse_choice<Structure>(
      structure, "noise", {{"general", Structure::kGeneral}, {"diagonal", Structure::kDiagonal}, {"additive", Structure::kAdditive}});
  const Interpretation kind = parse_choice<Interpretation>(
      interpretation, "interpretation", {{"ito", Interpretation::kIto}, {"stratonovich", Interpretation::kStratonovich}});
  const Scheme scheme = parse_choice<Scheme>(integrator, "integrator",
                                             {{"euler_maruyama", Scheme::kEulerMaruyama},
                                              {"stochastic_heun", Scheme::kStochasticHeun},
                                              {"sra1", Scheme::kSra1},
                                              {"sriw1", Scheme::kSriw1}});
  Vector x = VectorArgument(x0, "x0").copy();
  const Index d = x.size();
  const Index m = noise_structure == Structure::kDiagonal ? d : noise_dimension;
  if (m < 1) throw py::value_error("argument 'noise_dimension' must be >= 1 (the number of Brownian motions)");
  const auto run = [&](auto sde, auto tag) {
    using Integrator = typename decltype(tag)::type;
    // The GIL stays held: every step calls Python. A KeyboardInterrupt raised inside a callback
    // ends the run like any other exception of the callback.
    return integrate_path<Integrator>(sde, x, NoProblem{}, d, options, SameState{}, false);
  };
  using General = PythonSde<NoiseStructure::kGeneral, Interpretation::kIto>;
  using GeneralStratonovich = PythonSde<NoiseStructure::kGeneral, Interpretation::kStratonovich>;
  using Diagonal = PythonSde<NoiseStructure::kDiagonal, Interpretation::kIto>;
  using DiagonalStratonovich = PythonSde<NoiseStructure::kDiagonal, Interpretation::kStratonovich>;
  using Additive = PythonSde<NoiseStructure::kAdditive, Interpretation::kIto>;
  const bool ito = kind == Interpretation::kIto;
  switch (scheme) {
    case Scheme::kEulerMaruyama:
      if (!ito) break;
      if (noise_structure == Structure::kDiagonal) return run(Diagonal(drift, noise, d, m), std::type_identity<sde::EulerMaruyama>{});
      if (noise_structure == Structure::kAdditive) return run(Additive(drift, noise, d, m), std::type_identity<sde::EulerMaruyama>{});
      return run(General(drift, noise, d, m), std::type_identity<sde::EulerMaruyama>{});
    case Scheme::kStochasticHeun:
      if (noise_structure == Structure::kAdditive) return run(Additive(drift, noise, d, m), std::type_identity<sde::StochasticHeun>{});
      if (ito) break;
      if (noise_structure == Structure::kDiagonal) return run(DiagonalStratonovich(drift, noise, d, m), std::type_identity<sde::StochasticHeun>{});
      return run(GeneralStratonovich(drift, noise, d, m), std::type_identity<sde::StochasticHeun>{});
    case Scheme::kSra1:
      if (noise_structure != Structure::kAdditive) break;
      return run(Additive(drift, noise, d, m), std::type_identity<sde::Sra1>{});
    case Scheme::kSriw1:
      if (noise_structure != Structure::kDiagonal || !ito) break;
      return run(Diagonal(drift, noise, d, m), std::type_identity<sde::Sriw1>{});
  }
  throw py::value_error(describe("integrator '", integrator, "' does not apply to ", structure, " noise with the ",
                                 interpretation, " interpretation (euler_maruyama: Itô, any noise; stochastic_heun: "
                                 "Stratonovich or additive; sra1: additive; sriw1: diagonal Itô)"));
}

constexpr double kForever = std::numeric_limits<double>::infinity();

}  // namespace

void bind_sde(py::module_& module) {
  module.def("sgf",
             [](const DiagonalLinearNetwork& network, double step_size, double time, Index steps, std::string_view scheme,
                Index batch_size, std::string_view sampling, double label_noise, double label_noise_time,
                std::uint64_t seed, std::uint64_t trajectory, const py::handle& x0, Index record_every, bool record_state) {
               return run_sgf(network, step_size, scheme, batch_size, sampling, label_noise,
                              label_noise_time, x0,
                              path_options(time, steps, record_every, record_state, seed, trajectory));
             },
             py::arg("network"), py::arg("step_size"), py::arg("time"), py::arg("steps"),
             py::arg("scheme") = "log_euler", py::arg("batch_size") = 1, py::arg("sampling") = "with_replacement",
             py::arg("label_noise") = 0.0, py::arg("label_noise_time") = kForever, py::arg("seed") = 1,
             py::arg("trajectory") = 0, py::arg("x0") = py::none(), py::arg("record_every") = 0,
             py::arg("record_state") = false,
             R"doc(The stochastic gradient flow of SGD (step size γ = step_size, batch_size, sampling, label
noise δ until label_noise_time) on a diagonal network (dln.md §6.2), on SGD's clock t = γ·k, from 0 to
`time` in `steps` integrator steps (h = time/steps). scheme: "log_euler" (structure-preserving, κ exact
for any h, dln.md §6.3) or "euler_maruyama" (in x = [u; v], needs h ≲ γ/20, §6.6). Returns a Trace.)doc");
  const auto exact_covariance = [](auto problem_tag) {
    using Problem = typename decltype(problem_tag)::type;
    return [](const Problem& shared, double step_size, double time, Index steps, Index batch_size,
              std::string_view sampling, std::uint64_t seed, std::uint64_t trajectory, const py::handle& x0,
              Index record_every, bool record_state) {
      const Problem problem = shared;
      const sde::SgfOptions options{step_size, batch_size,
                                    parse_choice<BatchSampling>(sampling, "sampling",
                                                                {{"with_replacement", BatchSampling::kWithReplacement},
                                                                 {"without_replacement", BatchSampling::kWithoutReplacement}})};
      Vector x;
      if constexpr (std::is_same_v<Problem, DiagonalLinearNetwork>) {
        x = start_of(problem, x0);
      } else {
        x = x0.is_none() ? Vector(Vector::Zero(problem.dimension())) : VectorArgument(x0, "x0", problem.dimension()).copy();
      }
      const sde::ExactCovarianceSgf<Problem> flow(problem, options);
      const PathOptions path = path_options(time, steps, record_every, record_state, seed, trajectory);
      py::gil_scoped_release release;
      return integrate_path<sde::EulerMaruyama>(flow, std::move(x), problem, problem.dimension(), path, SameState{});
    };
  };
  const char* exact_doc = "The SGF with SGD's exact gradient-noise covariance (dln.md §6.1), Euler–Maruyama; returns a Trace.";
#define SGDBIAS_EXACT_COVARIANCE_ARGUMENTS                                                                           \
  py::arg("problem"), py::arg("step_size"), py::arg("time"), py::arg("steps"), py::arg("batch_size") = 1,            \
      py::arg("sampling") = "with_replacement", py::arg("seed") = 1, py::arg("trajectory") = 0,                     \
      py::arg("x0") = py::none(), py::arg("record_every") = 0, py::arg("record_state") = false
  module.def("exact_covariance_sgf", exact_covariance(std::type_identity<DiagonalLinearNetwork>{}),
             SGDBIAS_EXACT_COVARIANCE_ARGUMENTS, exact_doc);
  module.def("exact_covariance_sgf", exact_covariance(std::type_identity<problems::LinearRegression>{}),
             SGDBIAS_EXACT_COVARIANCE_ARGUMENTS, exact_doc);
#undef SGDBIAS_EXACT_COVARIANCE_ARGUMENTS
  module.def("wrong_sde",
             [](const DiagonalLinearNetwork& shared, double step_size, double time, Index steps, std::uint64_t seed,
                std::uint64_t trajectory, const py::handle& x0, Index record_every, bool record_state) {
               const DiagonalLinearNetwork network = shared;
               const sde::WrongSgf<DiagonalLinearNetwork> flow(network, sgf_options(network, step_size, 1, "with_replacement", 0.0, kForever));
               Vector x = start_of(network, x0);
               const PathOptions path = path_options(time, steps, record_every, record_state, seed, trajectory);
               py::gil_scoped_release release;
               return integrate_path<sde::EulerMaruyama>(flow, std::move(x), network, network.dimension(), path, SameState{});
             },
             py::arg("network"), py::arg("step_size"), py::arg("time"), py::arg("steps"), py::arg("seed") = 1,
             py::arg("trajectory") = 0, py::arg("x0") = py::none(), py::arg("record_every") = 0,
             py::arg("record_state") = false,
             "The slides' \"wrong SDE\" (dln.md §6.5: isotropic B ∈ R^d, not through Xᵀ), Euler–Maruyama; returns a Trace.");
  const auto langevin = [](auto problem_tag) {
    using Problem = typename decltype(problem_tag)::type;
    return [](const Problem& problem, double inverse_temperature, double time, Index steps, std::string_view integrator,
              std::uint64_t seed, std::uint64_t trajectory, const py::handle& x0, Index record_every, bool record_state) {
      return run_langevin(problem, inverse_temperature, integrator, x0,
                          path_options(time, steps, record_every, record_state, seed, trajectory));
    };
  };
  const char* langevin_doc = R"doc(Overdamped Langevin dx = −∇L dt + √(2/η) dB (η = inverse_temperature; dln.md §6.5) from x0
(default 0). integrator: euler_maruyama, milstein, stochastic_heun or sra1. Returns a Trace.)doc";
#define SGDBIAS_LANGEVIN_ARGUMENTS                                                                                   \
  py::arg("problem"), py::arg("inverse_temperature"), py::arg("time"), py::arg("steps"),                            \
      py::arg("integrator") = "euler_maruyama", py::arg("seed") = 1, py::arg("trajectory") = 0,                     \
      py::arg("x0") = py::none(), py::arg("record_every") = 0, py::arg("record_state") = false
  module.def("langevin", langevin(std::type_identity<problems::Quadratic>{}), SGDBIAS_LANGEVIN_ARGUMENTS, langevin_doc);
  module.def("langevin", langevin(std::type_identity<DiagonalLinearNetwork>{}), SGDBIAS_LANGEVIN_ARGUMENTS, langevin_doc);
  module.def("langevin", langevin(std::type_identity<problems::LinearRegression>{}), SGDBIAS_LANGEVIN_ARGUMENTS, langevin_doc);
#undef SGDBIAS_LANGEVIN_ARGUMENTS
  module.def("integrate_sde",
             [](py::function drift, py::function noise, const py::handle& x0, double time, Index steps,
                Index noise_dimension, std::string_view noise_structure, std::string_view interpretation,
                std::string_view integrator, std::uint64_t seed, std::uint64_t trajectory, Index record_every) {
               return run_python_sde(std::move(drift), std::move(noise), x0, noise_dimension, noise_structure,
                                     interpretation, integrator,
                                     path_options(time, steps, record_every, true, seed, trajectory));
             },
             py::arg("drift"), py::arg("noise"), py::arg("x0"), py::arg("time"), py::arg("steps"),
             py::arg("noise_dimension") = 0, py::arg("noise_structure") = "general", py::arg("interpretation") = "ito",
             py::arg("integrator") = "euler_maruyama", py::arg("seed") = 1, py::arg("trajectory") = 0,
             py::arg("record_every") = 0,
             R"doc(An SDE dx = drift(t, x) dt + G(t, x) dW with Python callables (the slow path: each step calls
Python; for prototyping). drift(t, x) returns shape (d,); noise(t, x) returns G of shape
(d, noise_dimension), or diag G of shape (d,) with noise_structure="diagonal". x is a read-only view
valid during the call. noise_structure: general, diagonal, additive (G independent of x);
interpretation: ito or stratonovich; integrator: euler_maruyama (Itô), stochastic_heun (Stratonovich
or additive), sra1 (additive), sriw1 (diagonal Itô). Returns a Trace with the states recorded.)doc");
}

}  // namespace sgdbias::python
