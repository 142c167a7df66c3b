#pragma once
// One function per concept of the module, each in its own file (style.md §1.7: a binding layer
// of its own, no logic of its own). module.cpp calls them in order.
#include <pybind11/pybind11.h>

namespace sgdbias::python {

void bind_errors(pybind11::module_& module);      // module.cpp
void bind_problems(pybind11::module_& module);    // problems.cpp
void bind_algorithms(pybind11::module_& module);  // algorithms.cpp
void bind_sde(pybind11::module_& module);         // sde.cpp
void bind_analysis(pybind11::module_& module);    // analysis.cpp
void bind_flows(pybind11::module_& module);       // flows.cpp
void bind_game_dynamics(pybind11::module_& module);  // games.cpp
void bind_studies(pybind11::module_& module);     // studies.cpp

}  // namespace sgdbias::python
