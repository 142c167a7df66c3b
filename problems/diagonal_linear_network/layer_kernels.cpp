// Plain loops over raw pointers (not Eigen expressions) so that each target_clones version is
// vectorised at its own width; __restrict because u, v and the data never alias.
#include "problems/diagonal_linear_network/layer_kernels.hpp"

#include <cmath>
#include <cstring>

#include "lib/core/multiversioned.hpp"

namespace sgdbias::problems::layer_kernels {
namespace {

// The kPredictionLanes partial sums as one register (one AVX-512 register, two AVX2 or four SSE2
// registers), written with GCC's vector extension so that the final in-order reduction reads the
// lanes from the register: the auto-vectorised array version stored the partial sums to the stack
// and reloaded them one by one, a failed store-to-load forward on every step.
using Lanes = double __attribute__((vector_size(kPredictionLanes * sizeof(double))));

// By reference: a Lanes value passed or returned by value has a different ABI in every version.
[[gnu::always_inline]] inline void load(const double* from, Lanes& to) { std::memcpy(&to, from, sizeof to); }

// One summation order for both parametrisations (see the header): lane_term(j, out) adds the
// kPredictionLanes terms x_j·β_j from j to `out`, term(j) is one of them.
template <class LaneTerm, class Term>
[[gnu::always_inline]] inline double lane_sum(Index d, LaneTerm lane_term, Term term) {
  Lanes partial = {};
  const Index full = d - d % kPredictionLanes;
  for (Index j = 0; j < full; j += kPredictionLanes) lane_term(j, partial);
  double rest = 0.0;
  for (Index j = full; j < d; ++j) rest += term(j);
  double sum = 0.0;
  for (Index lane = 0; lane < kPredictionLanes; ++lane) sum += partial[lane];
  return sum + rest;
}

}  // namespace

SGDBIAS_MULTIVERSIONED
double sample_prediction(DlnParametrisation parametrisation, const double* __restrict features,
                         const double* __restrict u, const double* __restrict v, Index d) {
  Lanes x, uj, vj;
  if (parametrisation == DlnParametrisation::kSquareDifference) {
    const auto lane_term = [&](Index j, Lanes& partial) {
      load(features + j, x), load(u + j, uj), load(v + j, vj);
      partial = partial + x * (uj * uj - vj * vj);
    };
    return lane_sum(d, lane_term, [&](Index j) { return features[j] * (u[j] * u[j] - v[j] * v[j]); });
  }
  const auto lane_term = [&](Index j, Lanes& partial) {
    load(features + j, x), load(u + j, uj), load(v + j, vj);
    partial = partial + x * (uj * vj);
  };
  return lane_sum(d, lane_term, [&](Index j) { return features[j] * (u[j] * v[j]); });
}

SGDBIAS_MULTIVERSIONED
bool update_layers(DlnParametrisation parametrisation, double* __restrict u, double* __restrict v,
                   const double* __restrict direction, double rate, double limit, Index d) {
  double outside = 0.0;
  if (parametrisation == DlnParametrisation::kProduct) {
    for (Index j = 0; j < d; ++j) {
      const double g = rate * direction[j];
      const double u_next = u[j] - g * v[j];
      const double v_next = v[j] - g * u[j];
      u[j] = u_next;
      v[j] = v_next;
      outside = std::abs(u_next) <= limit ? outside : 1.0;
      outside = std::abs(v_next) <= limit ? outside : 1.0;
    }
  } else {
    for (Index j = 0; j < d; ++j) {
      const double g = 2.0 * rate * direction[j];
      const double u_next = u[j] - g * u[j];
      const double v_next = v[j] + g * v[j];
      u[j] = u_next;
      v[j] = v_next;
      outside = std::abs(u_next) <= limit ? outside : 1.0;
      outside = std::abs(v_next) <= limit ? outside : 1.0;
    }
  }
  return outside == 0.0;
}

SGDBIAS_MULTIVERSIONED
void light_cone_step(DlnParametrisation parametrisation, double* __restrict u, double* __restrict v,
                     const double* __restrict w, double* __restrict beta, Index d) {
  if (parametrisation == DlnParametrisation::kProduct) {
    for (Index j = 0; j < d; ++j) {
      const double u_next = u[j] + -(v[j] * w[j]);
      const double v_next = v[j] + -(u[j] * w[j]);
      u[j] = u_next;
      v[j] = v_next;
      beta[j] = u_next * v_next;
    }
  } else {
    for (Index j = 0; j < d; ++j) {
      const double u_next = u[j] + -(u[j] * w[j]);
      const double v_next = v[j] + v[j] * w[j];
      u[j] = u_next;
      v[j] = v_next;
      beta[j] = u_next * u_next - v_next * v_next;
    }
  }
}

}  // namespace sgdbias::problems::layer_kernels
