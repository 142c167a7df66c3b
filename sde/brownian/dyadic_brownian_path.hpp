#pragma once
// One Brownian path on [t0, t0 + T] that serves EVERY dyadic step size of a convergence study
// (sde.md §3.2 item 1): sampled once on the finest grid h_L = T·2^{-L}, then coarsened EXACTLY
//   ΔW_c = ΔW_a + ΔW_b,   I10_c = I10_a + I10_b + ΔW_a·h_b
// (h_b the length of the second half, sde.md §2.0), so level k (h = T·2^{-k}) holds the very
// increments and time integrals of the same path; nothing is redrawn inside a step.
// Fine draws follow BrownianIncrements (same stream ⇒ same finest level, bit for bit). With
// LevyAreas::kOn the finest level also carries Lévy areas (levy_area.hpp, ⌈1/√h_L⌉ terms, drawn
// after each fine step's ΔW as BrownianIncrements does), coarsened exactly by Chen's relation
//   A_c = A_a + A_b + ½(ΔW_a ΔW_bᵀ − ΔW_b ΔW_aᵀ),
// so every level's areas belong to the same path (a fresh draw per level would break the
// strong coupling, OrdinaryDiffEq PR #3214, sde.md §3.2 item 1).
//
// sample() reuses the storage: one object per thread, resampled per trajectory, allocates
// only on construction.
#include <cmath>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/random/random_stream.hpp"
#include "sde/brownian/brownian_increment.hpp"
#include "sde/brownian/brownian_increments.hpp"
#include "sde/brownian/levy_area.hpp"

namespace sgdbias::sde {

class DyadicBrownianPath {
 public:
  // A view of one level: a BrownianSource for integrate() with time step T·2^{-level}.
  class Level {
   public:
    Level(const DyadicBrownianPath& path, int level) : path_(&path), level_(level) {}
    Index noise_dimension() const { return path_->noise_dimension(); }
    bool provides_time_integral() const { return path_->time_integrals_ == TimeIntegrals::kOn; }
    bool provides_levy_area() const { return path_->levy_areas_ == LevyAreas::kOn; }
    Index steps() const { return Index{1} << level_; }
    double time_step() const { return path_->duration_ / static_cast<double>(steps()); }
    BrownianIncrement increment(Index step, double h) const;

   private:
    const DyadicBrownianPath* path_;
    int level_;
  };

  DyadicBrownianPath(Index noise_dimension, double duration, int finest_level,
                     TimeIntegrals time_integrals = TimeIntegrals::kOn, LevyAreas levy_areas = LevyAreas::kOff)
      : duration_(duration), finest_level_(finest_level), time_integrals_(time_integrals),
        levy_areas_(levy_areas), area_sampler_(levy_areas == LevyAreas::kOn ? noise_dimension : 0) {
    require(noise_dimension >= 1, "DyadicBrownianPath", "noise dimension must be >= 1, got ",
            noise_dimension);
    require(duration > 0.0 && std::isfinite(duration), "DyadicBrownianPath",
            "duration must be finite and > 0, got ", duration);
    require(finest_level >= 0 && finest_level <= 24, "DyadicBrownianPath",
            "finest level must be in [0, 24], got ", finest_level);
    const bool with_integral = time_integrals == TimeIntegrals::kOn;
    for (int level = 0; level <= finest_level; ++level) {
      const Index steps = Index{1} << level;
      increments_.emplace_back(noise_dimension, steps);
      time_integrals_by_level_.emplace_back(with_integral ? noise_dimension : 0, steps);
      levy_areas_by_level_.emplace_back(levy_areas == LevyAreas::kOn ? noise_dimension * noise_dimension : 0, steps);
    }
  }

  Index noise_dimension() const { return increments_.front().rows(); }
  int finest_level() const { return finest_level_; }
  double duration() const { return duration_; }

  // Draws a new path from `stream` (fine grid, then exact coarsening).
  void sample(RandomStream& stream) {
    const bool with_integral = time_integrals_ == TimeIntegrals::kOn;
    Matrix& fine = increments_[static_cast<std::size_t>(finest_level_)];
    Matrix& fine_integral = time_integrals_by_level_[static_cast<std::size_t>(finest_level_)];
    const double h = duration_ / static_cast<double>(fine.cols());
    Matrix& fine_area = levy_areas_by_level_[static_cast<std::size_t>(finest_level_)];
    for (Index k = 0; k < fine.cols(); ++k) {
      if (with_integral) {
        detail::draw_brownian_step(stream, h, true, fine.col(k), fine_integral.col(k));
      } else {
        detail::draw_brownian_step(stream, h, false, fine.col(k), fine.col(k));
      }
      if (levy_areas_ == LevyAreas::kOn) area_sampler_.sample(stream, h, levy_area_terms(h), fine.col(k), fine_area.col(k));
    }
    for (int level = finest_level_ - 1; level >= 0; --level) coarsen_into(level);
  }

  Level level(int level) const {
    require(level >= 0 && level <= finest_level_, "DyadicBrownianPath::level", "level ", level,
            " outside [0, ", finest_level_, "]");
    return Level(*this, level);
  }

  // W(t0 + T) − W(t0).
  ConstVectorRef total_increment() const { return increments_.front().col(0); }
  // Lévy areas of the whole interval (m·m, column-major; LevyAreas::kOn only).
  ConstVectorRef total_levy_area() const { return levy_areas_by_level_.front().col(0); }

  // All increments / time integrals of a level as m × 2^level matrices (for exact references).
  const Matrix& increments(int level) const { return increments_[static_cast<std::size_t>(level)]; }
  const Matrix& time_integrals(int level) const {
    return time_integrals_by_level_[static_cast<std::size_t>(level)];
  }
  // Lévy areas of a level as an m·m × 2^level matrix (column k = A of step k, column-major).
  const Matrix& levy_areas(int level) const { return levy_areas_by_level_[static_cast<std::size_t>(level)]; }

 private:
  void coarsen_into(int level) {
    const Matrix& fine = increments_[static_cast<std::size_t>(level + 1)];
    Matrix& coarse = increments_[static_cast<std::size_t>(level)];
    const Matrix& fine_integral = time_integrals_by_level_[static_cast<std::size_t>(level + 1)];
    Matrix& coarse_integral = time_integrals_by_level_[static_cast<std::size_t>(level)];
    const double half_step = duration_ / static_cast<double>(fine.cols());
    for (Index k = 0; k < coarse.cols(); ++k) {
      coarse.col(k) = fine.col(2 * k) + fine.col(2 * k + 1);
      if (coarse_integral.rows() > 0) {
        coarse_integral.col(k) = fine_integral.col(2 * k) + fine_integral.col(2 * k + 1) +
                                 half_step * fine.col(2 * k);
      }
      if (levy_areas_ == LevyAreas::kOn) {
        const Matrix& fine_area = levy_areas_by_level_[static_cast<std::size_t>(level + 1)];
        concatenate_levy_areas(fine_area.col(2 * k), fine.col(2 * k), fine_area.col(2 * k + 1), fine.col(2 * k + 1),
                               levy_areas_by_level_[static_cast<std::size_t>(level)].col(k));
      }
    }
  }

  double duration_;
  int finest_level_;
  TimeIntegrals time_integrals_;
  LevyAreas levy_areas_;
  LevyAreaSampler area_sampler_;
  std::vector<Matrix> increments_;               // [level]: m × 2^level
  std::vector<Matrix> time_integrals_by_level_;  // [level]: m × 2^level (0 rows when off)
  std::vector<Matrix> levy_areas_by_level_;      // [level]: m·m × 2^level (0 rows when off)
};

inline BrownianIncrement DyadicBrownianPath::Level::increment(Index step, double h) const {
  // The caller's h must be this level's step: a mismatch would silently break strong coupling.
  require(std::abs(h - time_step()) <= 1e-12 * time_step(), "DyadicBrownianPath::Level",
          "time step ", h, " does not match level ", level_, " (h = ", time_step(), ")");
  const Matrix& integrals = path_->time_integrals_by_level_[static_cast<std::size_t>(level_)];
  const Matrix& areas = path_->levy_areas_by_level_[static_cast<std::size_t>(level_)];
  return {path_->increments_[static_cast<std::size_t>(level_)].col(step),
          integrals.rows() > 0 ? ConstVectorRef(integrals.col(step)) : ConstVectorRef(integrals.col(0).head(0)),
          areas.rows() > 0 ? ConstVectorRef(areas.col(step)) : ConstVectorRef(areas.col(0).head(0))};
}

}  // namespace sgdbias::sde
