#pragma once
// Facts about this build, recorded in every run.json so a notebook never guesses how its data
// was made. The git description is taken when CMake configures (`git describe --always
// --dirty`); "unknown" outside a git checkout.
#include <string>

namespace sgdbias::io {

std::string library_version();  // SGDBIAS_VERSION, e.g. "0.1.0"
std::string git_commit();       // e.g. "acfdf1e-dirty" or "unknown"
std::string compiler();         // e.g. "GCC 12.2.0"
std::string build_type();       // e.g. "Release"

}  // namespace sgdbias::io
