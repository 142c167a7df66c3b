#pragma once
// L(x) = ‖x‖² (gradient 2x): a problem whose GD steps, gradient flow and Riemann sums have closed
// forms, for the tests of the observers on every driver.
#include "lib/core/linear_algebra.hpp"

namespace sgdbias::testing {

struct Square {
  Index dimension() const { return 1; }
  double loss(const ConstVectorRef& x) const { return x.squaredNorm(); }
  void gradient(const ConstVectorRef& x, VectorRef out) const { out = 2.0 * x; }
};

}  // namespace sgdbias::testing
