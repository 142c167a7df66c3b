#pragma once
// What a random stream is used for. Each purpose gets its own stream, so changing how one
// consumer draws (e.g. the batch sampler) never moves another (the Brownian path, the data).
// Values are part of the reproducibility contract: append new purposes, never renumber.
#include <cstdint>
#include <string_view>

namespace sgdbias {

enum class Purpose : std::uint64_t {
  kData = 1,            // design matrix, teacher, labels
  kTestData = 2,        // held-out test set
  kInitialization = 3,  // random initial states
  kMinibatch = 4,       // SGD batch indices
  kLabelNoise = 5,      // label-noise signs / values
  kBrownian = 6,        // SDE Brownian increments
  kLangevin = 7,        // isotropic noise of Langevin / "wrong SDE" variants
  kTest = 8,            // test suites' own draws
  kBenchmark = 9,
};

constexpr std::string_view to_string(Purpose purpose) {
  switch (purpose) {
    case Purpose::kData: return "data";
    case Purpose::kTestData: return "test-data";
    case Purpose::kInitialization: return "initialization";
    case Purpose::kMinibatch: return "minibatch";
    case Purpose::kLabelNoise: return "label-noise";
    case Purpose::kBrownian: return "brownian";
    case Purpose::kLangevin: return "langevin";
    case Purpose::kTest: return "test";
    case Purpose::kBenchmark: return "benchmark";
  }
  return "unknown";
}

}  // namespace sgdbias
