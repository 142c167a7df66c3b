#pragma once
// Order-check harness for modified flows (bea.md §2.2–§2.3): compare k discrete steps with a flow
// integrated for time k·h over a geometric sequence h_j = h₀·2^{−j}, and fit log e = p·log h + c
// by least squares (with the standard error of p; the library's one fit, lib/core/log_log_fit.hpp).
// Generic over anything that maps (h, state) to a state, so it serves gradient flows, SGD window
// flows and two-player game flows alike.
//
//   local:  e(h) = ‖Φ_{F_h}(k·h; x₀) − Ψ_h^k(x₀)‖ ≤ C h^p, fitted on the `fitted_levels` smallest h;
//   global: e(h) = ‖flow − discrete‖ after a fixed horizon T = K·h, fitted on all levels
//           (local order p ⇒ global order p − 1).
#include <algorithm>
#include <cmath>
#include <functional>
#include <span>
#include <string>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/log_log_fit.hpp"
#include "lib/flows/integrate_flow.hpp"

namespace sgdbias {

struct OrderStudy {
  std::vector<double> step_sizes, errors;
  std::vector<double> successive_slopes;  // log₂(e_j/e_{j+1}): must settle, not wander (§2.3 item 4)
  SlopeFit fit;
  std::string report() const;             // one line per level, for test logs
};

struct LocalOrderOptions {
  double largest_step_size = 0.04;  // h₀
  Index levels = 10;                // h_j = h₀·2^{−j}, j < levels
  Index fitted_levels = 4;          // fit on the smallest ones
};

struct GlobalOrderOptions {
  double horizon = 0.48;            // T; every h_j must divide it
  double largest_step_size = 0.04;
  Index levels = 6;
};

// discrete(h, x): replace x by k discrete steps from x.   flow(h, x): replace x by the flow's
// state after time k·h from x (k is the caller's; any anchors are read from x).
using StateMap = std::function<void(double step_size, Vector& state)>;

OrderStudy local_order_study(const StateMap& discrete, const StateMap& flow, const ConstVectorRef& start,
                             const LocalOrderOptions& options = {});

// discrete(h, steps, x) / flow(h, steps, x): advance by `steps` steps of size h (time steps·h).
using RunMap = std::function<void(double step_size, Index steps, Vector& state)>;

OrderStudy global_order_study(const RunMap& discrete, const RunMap& flow, const ConstVectorRef& start,
                              const GlobalOrderOptions& options = {});

// A flow StateMap: make_system(h, x₀) builds the (possibly x₀-anchored) System; it is integrated
// for time steps_per_call·h with `integration`.
template <class MakeSystem>
StateMap flow_state_map(MakeSystem make_system, Index steps_per_call, FlowIntegrationOptions integration = {}) {
  require(steps_per_call >= 1, "flow_state_map", "steps_per_call must be >= 1, got ", steps_per_call);
  return [make_system, steps_per_call, integration](double step_size, Vector& state) {
    auto system = make_system(step_size, static_cast<const Vector&>(state));
    integrate_flow(system, state, static_cast<double>(steps_per_call) * step_size, integration);
  };
}

// A piecewise flow RunMap: every `window_length` steps the System is rebuilt from the current flow
// state (re-anchored windows, bea.md §2.2), integrated for window_length·h (a shorter last window
// if `steps` is not a multiple). make_system(h, window_start, first_step_of_window).
template <class MakeSystem>
RunMap piecewise_flow_run_map(MakeSystem make_system, Index window_length, FlowIntegrationOptions integration = {}) {
  require(window_length >= 1, "piecewise_flow_run_map", "window_length must be >= 1, got ", window_length);
  return [make_system, window_length, integration](double step_size, Index steps, Vector& state) {
    for (Index first = 0; first < steps; first += window_length) {
      const Index length = std::min(window_length, steps - first);
      auto system = make_system(step_size, static_cast<const Vector&>(state), first, length);
      integrate_flow(system, state, static_cast<double>(length) * step_size, integration);
    }
  };
}

}  // namespace sgdbias
