#pragma once
// The seed of every randomised test. Fixed by default so the suite is reproducible; set
// SGDBIAS_TEST_SEED=<n> to replay a failure or to vary the draws. Tests print it on failure
// through SGDBIAS_TRACE_SEED() (Eigen's test/main.h does the same).
#include <cstdint>
#include <cstdlib>
#include <string>

#include <gtest/gtest.h>

namespace sgdbias::testing {

inline std::uint64_t test_seed() {
  static const std::uint64_t seed = [] {
    const char* text = std::getenv("SGDBIAS_TEST_SEED");
    return text != nullptr ? std::stoull(text) : std::uint64_t{20261123};
  }();
  return seed;
}

}  // namespace sgdbias::testing

#define SGDBIAS_TRACE_SEED() \
  SCOPED_TRACE("SGDBIAS_TEST_SEED=" + std::to_string(::sgdbias::testing::test_seed()))
