# Finds every third-party dependency; all come from Debian packages (see scripts/setup.sh).
# Included by the top-level CMakeLists.txt and by the installed sgdbiasConfig.cmake, so a
# downstream project gets the same imported targets.
include(CMakeFindDependencyMacro)

macro(sgdbias_require_package package debian_package)
  find_package(${package} ${ARGN})
  if(NOT ${package}_FOUND)
    message(FATAL_ERROR "sgdbias: ${package} not found: install the Debian package "
                        "'${debian_package}' (scripts/setup.sh does this for you).")
  endif()
endmacro()

sgdbias_require_package(Eigen3 libeigen3-dev 3.4 NO_MODULE)
sgdbias_require_package(Boost libboost-dev 1.74 CONFIG COMPONENTS headers)
# JSON is the program's (run.json, --options FILE): the installed library's package skips it.
if(NOT SGDBIAS_FIND_LIBRARY_DEPENDENCIES_ONLY)
  sgdbias_require_package(nlohmann_json nlohmann-json3-dev 3 CONFIG)
endif()

# pcg-cpp ships no CMake config: make an imported header-only target.
if(NOT TARGET sgdbias::pcg)
  find_path(SGDBIAS_PCG_INCLUDE_DIR pcg_random.hpp)
  if(NOT SGDBIAS_PCG_INCLUDE_DIR)
    message(FATAL_ERROR "sgdbias: pcg_random.hpp not found: install the Debian package 'libpcg-cpp-dev'.")
  endif()
  add_library(sgdbias::pcg INTERFACE IMPORTED)
  set_target_properties(sgdbias::pcg PROPERTIES INTERFACE_INCLUDE_DIRECTORIES "${SGDBIAS_PCG_INCLUDE_DIR}")
endif()

# GLPK (linear programming for the min-l1 interpolator) ships no CMake config either.
if(NOT TARGET sgdbias::glpk)
  find_path(SGDBIAS_GLPK_INCLUDE_DIR glpk.h)
  find_library(SGDBIAS_GLPK_LIBRARY glpk)
  if(NOT SGDBIAS_GLPK_INCLUDE_DIR OR NOT SGDBIAS_GLPK_LIBRARY)
    message(FATAL_ERROR "sgdbias: GLPK not found: install the Debian package 'libglpk-dev'.")
  endif()
  add_library(sgdbias::glpk UNKNOWN IMPORTED)
  set_target_properties(sgdbias::glpk PROPERTIES IMPORTED_LOCATION "${SGDBIAS_GLPK_LIBRARY}"
                        INTERFACE_INCLUDE_DIRECTORIES "${SGDBIAS_GLPK_INCLUDE_DIR}")
endif()

find_package(Threads REQUIRED)
