#pragma once
// PythonSde: an SDE whose drift and noise are Python callables (the slow path, for prototyping):
//   drift(t, x) -> array (d,)
//   noise(t, x) -> array (d, m) = G(t, x)        general / additive noise
//               -> array (d,)   = diag G(t, x)   diagonal noise (m = d)
// x is passed as a read-only view of the integrator's state (valid during the call only). Each
// call takes the GIL and converts the result (~µs): thousands of times slower per step than a C++
// SDE; use it to try a model, then write it in C++ (sde/README.md). The structure and the
// interpretation are template parameters because integrators check them at compile time.
#include <string>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/noise_structure.hpp"
#include "lib/core/stochastic_differential_equation.hpp"

namespace sgdbias::python {

namespace py = pybind11;

namespace detail {
// A read-only NumPy view of `x` (no copy): given a base object, NumPy keeps the pointer instead of
// copying; the base is a capsule that owns nothing (its pointer only has to be non-null).
inline py::array_t<double> state_view(const ConstVectorRef& x) {
  static int anchor = 0;
  const py::capsule no_owner(&anchor, [](void*) {});
  py::array_t<double> view({x.size()}, {static_cast<py::ssize_t>(sizeof(double))}, x.data(), no_owner);
  view.attr("flags").attr("writeable") = false;
  return view;
}

inline py::array_t<double, py::array::c_style | py::array::forcecast> checked_result(const py::object& result,
                                                                                     const char* callable,
                                                                                     py::ssize_t rows,
                                                                                     py::ssize_t cols) {
  auto array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(result);
  const bool matrix = cols >= 0;
  if (!array || array.ndim() != (matrix ? 2 : 1) || array.shape(0) != rows || (matrix && array.shape(1) != cols)) {
    throw py::value_error(describe(callable, "(t, x) must return an array of shape (", rows,
                                   matrix ? ", " + std::to_string(cols) : std::string(","), ")"));
  }
  return array;
}
}  // namespace detail

template <NoiseStructure Structure, Interpretation Kind>
class PythonSde {
 public:
  static constexpr NoiseStructure kNoiseStructure = Structure;
  static constexpr Interpretation kInterpretation = Kind;
  static constexpr bool kDiagonal = satisfies(Structure, NoiseStructure::kDiagonal);

  PythonSde(py::function drift, py::function noise, Index state_dimension, Index noise_dimension)
      : drift_(std::move(drift)), noise_(std::move(noise)), state_dimension_(state_dimension),
        noise_dimension_(noise_dimension) {}

  Index state_dimension() const { return state_dimension_; }
  Index noise_dimension() const { return noise_dimension_; }

  void drift(double t, const ConstVectorRef& x, VectorRef out) const {
    const auto result = detail::checked_result(drift_(t, detail::state_view(x)), "drift", state_dimension_, -1);
    out = Eigen::Map<const Vector>(result.data(), state_dimension_);
  }

  void apply(double t, const ConstVectorRef& x, const ConstVectorRef& xi, VectorRef out) const {
    const py::object value = noise_(t, detail::state_view(x));
    if constexpr (kDiagonal) {
      const auto g = detail::checked_result(value, "noise", state_dimension_, -1);
      out = Eigen::Map<const Vector>(g.data(), state_dimension_).cwiseProduct(xi);
    } else {
      const auto g = detail::checked_result(value, "noise", state_dimension_, noise_dimension_);
      using RowMajor = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;
      out.noalias() = Eigen::Map<const RowMajor>(g.data(), state_dimension_, noise_dimension_) * xi;
    }
  }

 private:
  py::function drift_, noise_;
  Index state_dimension_, noise_dimension_;
};

static_assert(StochasticDifferentialEquation<PythonSde<NoiseStructure::kGeneral, Interpretation::kIto>>);

}  // namespace sgdbias::python
