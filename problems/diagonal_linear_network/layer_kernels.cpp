// Plain loops over raw pointers (not Eigen expressions) so that each target_clones version is
// vectorised at its own width; __restrict because u, v and the data never alias.
#include "problems/diagonal_linear_network/layer_kernels.hpp"

#include <cmath>

#include "lib/core/multiversioned.hpp"

namespace sgdbias::problems::layer_kernels {
namespace {

// One summation order for both parametrisations (see the header); `term(j)` is x_j·β_j.
template <class Term>
inline double lane_sum(Index d, Term term) {
  double partial[kPredictionLanes] = {};
  const Index full = d - d % kPredictionLanes;
  for (Index j = 0; j < full; j += kPredictionLanes) {
    for (Index lane = 0; lane < kPredictionLanes; ++lane) partial[lane] += term(j + lane);
  }
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
  if (parametrisation == DlnParametrisation::kSquareDifference) {
    return lane_sum(d, [&](Index j) { return features[j] * (u[j] * u[j] - v[j] * v[j]); });
  }
  return lane_sum(d, [&](Index j) { return features[j] * (u[j] * v[j]); });
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
