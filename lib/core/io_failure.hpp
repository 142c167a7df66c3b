#pragma once
// IoFailure, apart from errors.hpp so that the many files including that one do not depend on it.
#include <stdexcept>
#include <string>
#include <string_view>

namespace sgdbias {

// A file or folder could not be written or created (permissions, a full disk, a path through a
// file). Not a usage error: the same command may succeed elsewhere or later, so the program
// reports it as a failed run (exit 1), not as a bad command line (exit 2).
class IoFailure : public std::runtime_error {
 public:
  IoFailure(std::string_view where, std::string_view what)
      : std::runtime_error(std::string(where) + ": " + std::string(what)) {}
};

}  // namespace sgdbias
