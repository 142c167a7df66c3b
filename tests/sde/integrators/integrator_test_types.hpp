#pragma once
// Turns sde::AllIntegrators into GoogleTest's type list, so typed suites cover every integrator.
#include <gtest/gtest.h>

#include "sde/integrators/all.hpp"

namespace sgdbias::testing {

template <class List>
struct ToGoogleTestTypes;
template <class... Integrators>
struct ToGoogleTestTypes<sde::TypeList<Integrators...>> {
  using type = ::testing::Types<Integrators...>;
};
using AllIntegratorTypes = ToGoogleTestTypes<sde::AllIntegrators>::type;

struct IntegratorNames {
  template <class Integrator>
  static std::string GetName(int) { return std::string(Integrator::kName); }
};

}  // namespace sgdbias::testing
