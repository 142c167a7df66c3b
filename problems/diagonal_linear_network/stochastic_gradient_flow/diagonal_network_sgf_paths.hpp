#pragma once
// Euler–Maruyama on K paths of DiagonalNetworkSgf at once, trajectory-major: path k is column k of
// a 2d × K matrix [U; V], so the fused step of diagonal_network_sgf.hpp (dln.md §6.6,
//   z_k = (f_m h/n) r_k + σ_k ΔW_k,  x_k += light-cone field of Xᵀz_k)
// becomes ONE panel product pair per step, R = X·B − y1ᵀ and W = Xᵀ·Z, instead of K GEMV pairs:
// the same 4nd flops per path-step, but each load of X serves eight paths (combine_rows_for_paths).
// Path k draws its ΔW from streams[k] exactly as BrownianIncrements does (n normals per step, in
// order) and every operation is the single-path step's, in the same order, so column k is BIT FOR
// BIT the single-path EM run with that stream: results do not depend on how paths are chunked.
// For run_ensemble's chunk simulators. Observers follow THE protocol (lib/core/observer.hpp) with
// the 2d × K matrix of states as x (EachPath, lib/observers/each_path.hpp, hands column k to a
// single-path observer) and a SgfPanelStep, which also shows the step's n × K residuals.
#include <cmath>
#include <span>
#include <string_view>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/core/observer.hpp"
#include "lib/core/record_grid.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/integrate.hpp"
#include "problems/diagonal_linear_network/stochastic_gradient_flow/diagonal_network_sgf.hpp"

namespace sgdbias::sde {

// The panel operations of DiagonalLinearNetwork (beta_residuals, feature_correlations,
// light_cone_steps) and its β of one state.
template <class P>
concept DiagonalNetworkPanelProblem =
    DiagonalNetworkProblem<P> && requires(const P& p, const ConstMatrixRef& in, MatrixRef out,
                                          const ConstVectorRef& x, VectorRef beta) {
      p.beta_residuals(in, out);
      p.feature_correlations(in, out);
      p.light_cone_steps(out, in, out);
      p.beta(x, beta);
    };

// The step view of the panel: h, t_k and the n × K residuals R = Xβ − y of the states at t_k
// (before the step), e.g. for a left Riemann sum of the loss L = c·‖r‖²/n per path at no extra
// product (dln.md §6.3's ∫L dt).
struct SgfPanelStep : FixedStep {
  const Matrix* residual_matrix = nullptr;
  const Matrix& residuals() const { return *residual_matrix; }
};

template <DiagonalNetworkPanelProblem Problem>
class DiagonalNetworkSgfPaths {
 public:
  static constexpr std::string_view kName = "euler_maruyama (sgf paths)";

  explicit DiagonalNetworkSgfPaths(DiagonalNetworkSgf<Problem> sgf) : sgf_(std::move(sgf)) {}

  const DiagonalNetworkSgf<Problem>& sgf() const { return sgf_; }

  // Steps every column of `states` (2d × K) over `grid`; streams[k] drives column k; observers see
  // the records of grid.record_stride and (if they have on_step) every step. Workspace is sized on
  // the first call with K columns (and re-sized only when K changes): no per-step allocation.
  template <class... Observers>
  void integrate(Matrix& states, const TimeGrid& grid, std::span<RandomStream> streams, Observers&&... observers) {
    validate(states, grid, streams);
    resize(states.cols());
    for (Index k = 0; k < states.cols(); ++k) sgf_.problem().beta(states.col(k), beta_.col(k));
    const double h = grid.time_step();
    const Matrix& view = states;
    (observer::notify_start(observers, grid.records(), view), ...);
    RecordCountdown countdown(grid.records());
    // A non-finite state entry makes its path's residual, hence σ, non-finite (0·∞ and ∞ − ∞ are
    // NaN too), so each step checks K numbers instead of the whole 2d × K state; the final state
    // is checked once at the end.
    for (Index k = 0; k < grid.steps; ++k) {
      if (countdown.due()) {
        (observer::notify_record(observers, RecordPoint{k, grid.time(k)}, view), ...);
        countdown.restart();
      }
      if (!step(grid.time(k), h, states, streams, k, observers...)) fail(k == 0 ? 0 : k - 1, grid, h);
      countdown.advance(1);
    }
    if (!states.allFinite()) fail(grid.steps - 1, grid, h);
    [[maybe_unused]] const RecordPoint last{grid.steps, grid.end};
    (observer::notify_record(observers, last, view), ...);
    (observer::notify_finish(observers, last, view), ...);
  }

 private:
  void validate(const Matrix& states, const TimeGrid& grid, std::span<RandomStream> streams) const {
    require(states.rows() == sgf_.state_dimension(), kName, "states have ", states.rows(),
            " rows, the SGF's state dimension is ", sgf_.state_dimension());
    require(static_cast<Index>(streams.size()) == states.cols(), kName, "got ", streams.size(),
            " random streams for ", states.cols(), " paths (one per path)");
    grid.validate(kName);
    require(states.allFinite(), kName, "initial states contain NaN or infinite entries");
  }

  [[noreturn]] void fail(Index step, const TimeGrid& grid, double h) const {
    throw NumericalFailure(kName, describe("state became non-finite in step ", step, " at t = ", grid.time(step),
                                           " (time step ", h, "); reduce the time step"));
  }

  void resize(Index paths) {
    const Index d = sgf_.problem().num_features(), n = sgf_.problem().num_samples();
    if (beta_.cols() == paths) return;
    beta_.resize(d, paths);
    projected_.resize(d, paths);
    residual_.resize(n, paths);
    combined_.resize(n, paths);
  }

  // One fused EM step of every path (header comment), each operation as in
  // DiagonalNetworkSgf::euler_increment followed by EulerMaruyama's x += increment; beta_ holds
  // the paths' β on entry and on exit. False if some path's residual (so its state) was not finite.
  template <class... Observers>
  bool step(double t, double h, Matrix& states, std::span<RandomStream> streams, Index k, Observers&... observers) {
    const Problem& problem = sgf_.problem();
    problem.beta_residuals(beta_, residual_);
    if constexpr (sizeof...(Observers) > 0) {
      SgfPanelStep view;
      view.h = h;
      view.t = t;
      view.residual_matrix = &residual_;
      (observer::notify_step(observers, k, static_cast<const Matrix&>(states), view), ...);
    }
    if (!draw_combined(t, h, streams)) return false;
    problem.feature_correlations(combined_, projected_);
    problem.light_cone_steps(states, projected_, beta_);  // x += field, and β for the next step
    return true;
  }

  // Z = (f_m h/n) R + σ_k ΔW_k column by column; ΔW = √h·ξ as in BrownianIncrements. False (and
  // nothing drawn for the rest) once some σ_k is not finite.
  bool draw_combined(double t, double h, std::span<RandomStream> streams) {
    const Index n = residual_.rows();
    const double drift = sgf_.drift_scale(h);
    const double root_h = std::sqrt(h);
    for (Index path = 0; path < residual_.cols(); ++path) {
      const double* residual = residual_.col(path).data();
      double* combined = combined_.col(path).data();
      const double sigma = sgf_.noise_scale_of_residual(t, residual);
      if (!std::isfinite(sigma)) return false;
      streams[static_cast<std::size_t>(path)].fill_standard_normal(combined_.col(path));  // ξ, then z in place
      combine_residual_and_noise(n, drift, residual, sigma, root_h, combined, combined);
    }
    return true;
  }

  DiagonalNetworkSgf<Problem> sgf_;
  Matrix beta_, projected_;    // d × K workspace
  Matrix residual_, combined_;          // n × K workspace
};

}  // namespace sgdbias::sde
