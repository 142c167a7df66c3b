// The extension module sgdbias._sgdbias; the package sgdbias (notebooks/python/sgdbias/) re-exports
// it with the pandas-facing helpers. Errors of the library become Python exceptions that keep
// the library's message (which names where and what, lib/core/errors.hpp).
#include <pybind11/pybind11.h>

#include <cstdint>

#include "lib/core/errors.hpp"
#include "notebooks/python/bindings/numpy_arrays.hpp"
#include "notebooks/python/bindings/bindings.hpp"

namespace sgdbias::python {

void bind_errors(pybind11::module_& module) {
  // InvalidArgument is a ValueError, so `except ValueError` catches a bad option as Python expects.
  pybind11::register_exception<InvalidArgument>(module, "InvalidArgument", PyExc_ValueError);
  pybind11::register_exception<NumericalFailure>(module, "NumericalFailure", PyExc_ArithmeticError);
  pybind11::register_exception<ConvergenceFailure>(module, "ConvergenceFailure", PyExc_RuntimeError);
}

}  // namespace sgdbias::python

PYBIND11_MODULE(_sgdbias, module) {
  module.doc() = "sgdbias: SGD / SDE simulation, diagonal linear networks, implicit bias (C++ library bindings)";
  module.attr("__version__") = SGDBIAS_VERSION;
  sgdbias::python::bind_errors(module);
  // For the tests of the zero-copy rule (tests/python/test_arrays.py): the address of the buffer a
  // vector argument is read from.
  module.def("_buffer_address", [](const pybind11::handle& x) {
    return reinterpret_cast<std::uintptr_t>(sgdbias::python::VectorArgument(x, "x").data());
  });
  sgdbias::python::bind_problems(module);
  sgdbias::python::bind_algorithms(module);
  sgdbias::python::bind_sde(module);
  sgdbias::python::bind_analysis(module);
  sgdbias::python::bind_flows(module);
  sgdbias::python::bind_game_dynamics(module);
  sgdbias::python::bind_studies(module);
}
