#pragma once
// Euler–Maruyama on K paths of DiagonalNetworkSgf at once, trajectory-major: path k is column k of
// a 2d × K matrix [U; V], so the fused step of diagonal_network_sgf.hpp (dln.md §6.6,
//   z_k = (f_m h/n) r_k + σ_k ΔW_k,  x_k += light-cone field of Xᵀz_k)
// becomes ONE GEMM pair per step, R = X·B − y1ᵀ and W = Xᵀ·Z, instead of K GEMV pairs: the same
// 4nd flops per path-step at GEMM instead of GEMV speed (bench/README.md, roofline).
// Path k draws its ΔW from streams[k] exactly as BrownianIncrements does (n normals per step, in
// order), so column k follows the same Brownian path as a single-path EM run with that stream and
// agrees with it up to the GEMM's summation order (round-off). For run_ensemble's chunk simulators.
#include <cmath>
#include <span>
#include <string_view>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/integrate.hpp"
#include "sde/stochastic_gradient_flow/diagonal_network_sgf.hpp"

namespace sgdbias::sde {

template <DiagonalNetworkProblem Problem>
class DiagonalNetworkSgfPaths {
 public:
  static constexpr std::string_view kName = "euler_maruyama (sgf paths)";

  explicit DiagonalNetworkSgfPaths(DiagonalNetworkSgf<Problem> sgf) : sgf_(std::move(sgf)) {}

  const DiagonalNetworkSgf<Problem>& sgf() const { return sgf_; }

  // Steps every column of `states` (2d × K) over `grid`; streams[k] drives column k. Workspace is
  // sized on the first call with K columns (and re-sized only when K changes): no per-step allocation.
  void integrate(Matrix& states, const TimeGrid& grid, std::span<RandomStream> streams) {
    validate(states, grid, streams);
    resize(states.cols());
    const double h = grid.time_step();
    for (Index k = 0; k < grid.steps; ++k) {
      step(grid.time(k), h, states, streams);
      if (!states.allFinite()) {
        throw NumericalFailure(kName, describe("state became non-finite in step ", k, " at t = ", grid.time(k),
                                               " (time step ", h, "); reduce the time step"));
      }
    }
  }

 private:
  void validate(const Matrix& states, const TimeGrid& grid, std::span<RandomStream> streams) const {
    require(states.rows() == sgf_.state_dimension(), kName, "states have ", states.rows(),
            " rows, the SGF's state dimension is ", sgf_.state_dimension());
    require(static_cast<Index>(streams.size()) == states.cols(), kName, "got ", streams.size(),
            " random streams for ", states.cols(), " paths (one per path)");
    require(grid.steps >= 1 && std::isfinite(grid.start) && std::isfinite(grid.end) && grid.end > grid.start,
            kName, "time grid must have steps >= 1 and finite start < end");
    require(states.allFinite(), kName, "initial states contain NaN or infinite entries");
  }

  void resize(Index paths) {
    const Index d = sgf_.problem().num_features(), n = sgf_.problem().num_samples();
    if (beta_.cols() == paths) return;
    beta_.resize(d, paths);
    projected_.resize(d, paths);
    previous_.resize(d, paths);
    residual_.resize(n, paths);
    combined_.resize(n, paths);
  }

  // One fused EM step of every path (header comment).
  void step(double t, double h, Matrix& states, std::span<RandomStream> streams) {
    const Problem& problem = sgf_.problem();
    const Index d = problem.num_features();
    const bool square_difference = detail::uses_square_difference(problem);
    if (square_difference) {
      beta_ = states.topRows(d).array().square() - states.bottomRows(d).array().square();
    } else {
      beta_ = states.topRows(d).cwiseProduct(states.bottomRows(d));
    }
    residual_.noalias() = problem.features() * beta_;
    residual_.colwise() -= problem.targets();
    draw_combined(t, h, streams);
    projected_.noalias() = problem.features().transpose() * combined_;
    // Light-cone field (detail::light_cone_field), added in place.
    if (square_difference) {
      states.topRows(d).array() *= 1.0 - projected_.array();
      states.bottomRows(d).array() *= 1.0 + projected_.array();
    } else {
      previous_ = states.topRows(d);
      states.topRows(d) -= states.bottomRows(d).cwiseProduct(projected_);
      states.bottomRows(d) -= previous_.cwiseProduct(projected_);
    }
  }

  // Z = (f_m h/n) R + σ_k ΔW_k column by column; ΔW = √h·ξ as in BrownianIncrements.
  void draw_combined(double t, double h, std::span<RandomStream> streams) {
    const Index n = residual_.rows();
    const double drift_scale = h * sgf_.multiplier_factor() / static_cast<double>(n);
    const double root_h = std::sqrt(h);
    for (Index path = 0; path < residual_.cols(); ++path) {
      const double* residual = residual_.col(path).data();
      double* combined = combined_.col(path).data();
      const double sigma = sgf_.noise_scale_at(t, residual_.col(path).squaredNorm() / static_cast<double>(n));
      RandomStream& stream = streams[static_cast<std::size_t>(path)];
      for (Index i = 0; i < n; ++i) {
        combined[i] = drift_scale * residual[i] + sigma * (root_h * stream.standard_normal());
      }
    }
  }

  DiagonalNetworkSgf<Problem> sgf_;
  Matrix beta_, projected_, previous_;  // d × K workspace
  Matrix residual_, combined_;          // n × K workspace
};

}  // namespace sgdbias::sde
