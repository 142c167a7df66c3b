#pragma once
// Error types. Every message says WHAT was wrong and WHERE (which function / option / step),
// and, when there is one, what would be accepted. Numerics never fail silently: a non-finite
// state is an error, not a NaN in a table.
#include <sstream>
#include <stdexcept>
#include <string>
#include <string_view>

namespace sgdbias {

// A caller passed something the function cannot accept (dimension mismatch, negative step,
// NaN in data, batch size out of range, ...). Message: "<where>: <what>".
class InvalidArgument : public std::invalid_argument {
 public:
  InvalidArgument(std::string_view where, std::string_view what)
      : std::invalid_argument(std::string(where) + ": " + std::string(what)) {}
};

// A simulation produced a non-finite or diverging state. Carries where it happened so the
// message can name the algorithm, the step and the step size, plus advice.
class NumericalFailure : public std::runtime_error {
 public:
  NumericalFailure(std::string_view where, std::string_view what)
      : std::runtime_error(std::string(where) + ": " + std::string(what)) {}
};

// A solver could not meet its tolerance (e.g. the mirror-projection Newton solver).
class ConvergenceFailure : public std::runtime_error {
 public:
  ConvergenceFailure(std::string_view where, std::string_view what)
      : std::runtime_error(std::string(where) + ": " + std::string(what)) {}
};

// Stream-formats any values into a string: `describe("batch size ", b, " exceeds n = ", n)`.
template <class... Parts>
std::string describe(const Parts&... parts) {
  std::ostringstream out;
  out.precision(17);
  (out << ... << parts);
  return out.str();
}

// Throws InvalidArgument(where, describe(parts...)) unless `condition` holds.
template <class... Parts>
void require(bool condition, std::string_view where, const Parts&... parts) {
  if (!condition) throw InvalidArgument(where, describe(parts...));
}
// The same for a C-string `where` (string literals pick this one): its length is taken only when
// the check fails, so a check on a hot path (one per SGD step) costs a comparison, not a strlen.
template <class... Parts>
void require(bool condition, const char* where, const Parts&... parts) {
  if (!condition) throw InvalidArgument(where, describe(parts...));
}

}  // namespace sgdbias
