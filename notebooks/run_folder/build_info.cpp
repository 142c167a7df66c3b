#include "notebooks/run_folder/build_info.hpp"

#include "sgdbias_build_info.hpp"  // SGDBIAS_GIT_DESCRIBE, SGDBIAS_BUILD_TYPE (generated at build time)

namespace sgdbias::io {

std::string library_version() { return SGDBIAS_VERSION; }

std::string git_commit() { return SGDBIAS_GIT_DESCRIBE; }

std::string compiler() {
#if defined(__clang__)
  return "Clang " __clang_version__;
#elif defined(__GNUC__)
  return "GCC " __VERSION__;
#else
  return "unknown";
#endif
}

std::string build_type() { return SGDBIAS_BUILD_TYPE; }

}  // namespace sgdbias::io
