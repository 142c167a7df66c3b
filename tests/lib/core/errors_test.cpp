// Error messages name where the problem is and what was wrong.
#include <gtest/gtest.h>

#include "lib/core/validation.hpp"

namespace sgdbias {
namespace {

TEST(Errors, RequireNamesTheLocationAndTheOffendingValue) {
  try {
    require_positive_finite(-0.5, "StochasticGradientDescent", "step size");
    FAIL() << "no exception";
  } catch (const InvalidArgument& error) {
    EXPECT_STREQ(error.what(), "StochasticGradientDescent: step size must be finite and > 0, got -0.5");
  }
}

TEST(Errors, NonFiniteDataAndSizeMismatchAreRejected) {
  Vector values(3);
  values << 1.0, std::nan(""), 2.0;
  EXPECT_THROW(require_all_finite(values, "load", "labels y"), InvalidArgument);
  EXPECT_THROW(require_size(3, 4, "load", "labels y"), InvalidArgument);
  EXPECT_NO_THROW(require_size(4, 4, "load", "labels y"));
  EXPECT_THROW(require_positive_finite(std::nan(""), "f", "h"), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
