#pragma once
// Named choices of the Python API ("ppf", "with_replacement", ...): one parser, which accepts '-'
// for '_' (the command line's spelling) and refuses anything else with a ValueError naming the
// argument and every allowed name.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

#include <pybind11/pybind11.h>

#include "lib/core/errors.hpp"

namespace sgdbias::python {

template <class Value>
Value parse_choice(std::string_view text, std::string_view argument,
                   std::initializer_list<std::pair<std::string_view, Value>> choices) {
  std::string normalised(text);
  for (char& character : normalised) character = character == '-' ? '_' : character;
  std::string allowed;
  for (const auto& [name, value] : choices) {
    if (name == normalised) return value;
    allowed += (allowed.empty() ? "" : ", ") + std::string(name);
  }
  throw pybind11::value_error(describe("argument '", argument, "' must be one of ", allowed, "; got '", text, "'"));
}

}  // namespace sgdbias::python
