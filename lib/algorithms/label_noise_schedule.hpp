#pragma once
// LabelNoiseSchedule: the label-noise level δ_k of SGD step k (dln.md §6.4). Each step uses
// labels y_i + Δ with Δ = ±2δ_k (probability ½ each), so E[r̃²] = r² + 4δ_k² and the SGF sees
// L̃ = L + δ² (for L = MSE/4).
//
//   constant(δ)                   δ_k = δ for every k (no limit interpolator, PRF 2022)
//   first_steps(K₀, δ)            δ for k < K₀, then 0 (the slides: K₀ = 1000, δ = 1)
//   piecewise({{K₁, δ₁}, ...}, δ∞) δ₁ for k < K₁, δ₂ for K₁ ≤ k < K₂, ..., δ∞ afterwards
//   function(f)                   δ_k = f(k), checked finite and ≥ 0 at every use
#include <cmath>
#include <functional>
#include <utility>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

class LabelNoiseSchedule {
 public:
  struct Piece {
    Index until_step;  // exclusive end of this piece
    double level;      // δ
  };

  static LabelNoiseSchedule constant(double level) { return piecewise({}, level); }
  static LabelNoiseSchedule first_steps(Index steps, double level) { return piecewise({{steps, level}}, 0.0); }
  static LabelNoiseSchedule piecewise(std::vector<Piece> pieces, double final_level) {
    Index previous = 0;
    for (const Piece& piece : pieces) {
      require(piece.until_step >= previous, kWhere, "piece ends must be non-decreasing, got ", piece.until_step,
              " after ", previous);
      require_level(piece.level);
      previous = piece.until_step;
    }
    require_level(final_level);
    LabelNoiseSchedule schedule;
    schedule.pieces_ = std::move(pieces);
    schedule.final_level_ = final_level;
    return schedule;
  }
  static LabelNoiseSchedule function(std::function<double(Index)> level_of_step) {
    require(static_cast<bool>(level_of_step), kWhere, "the level function is empty");
    LabelNoiseSchedule schedule;
    schedule.function_ = std::move(level_of_step);
    return schedule;
  }

  // δ_k.
  double level(Index step) const {
    if (function_) {
      const double value = function_(step);
      require(std::isfinite(value) && value >= 0.0, kWhere, "level function returned ", value, " at step ", step,
              " (must be finite and >= 0)");
      return value;
    }
    for (const Piece& piece : pieces_)
      if (step < piece.until_step) return piece.level;
    return final_level_;
  }

 private:
  static constexpr const char* kWhere = "LabelNoiseSchedule";
  static void require_level(double level) {
    require(std::isfinite(level) && level >= 0.0, kWhere, "noise level δ must be finite and >= 0, got ", level);
  }
  LabelNoiseSchedule() = default;

  std::vector<Piece> pieces_;
  double final_level_ = 0.0;
  std::function<double(Index)> function_;
};

}  // namespace sgdbias
