#pragma once
// What the SGD modelled by a stochastic gradient flow looks like (dln.md §6.2, §6.4, §6.6):
// step size γ (the SGF clock is t = γ·k), batch size b and sampling, label-noise schedule δ_t.
// The noise covariance of a b-batch is the batch-1 covariance divided by b_eff (dln.md §6.2):
//   with replacement  b_eff = b;   without replacement  b_eff = b(n−1)/(n−b)  (b = n: no noise).
#include <cmath>
#include <limits>

#include "lib/core/errors.hpp"
#include "lib/core/linear_algebra.hpp"
#include "lib/random/minibatch_sampler.hpp"

namespace sgdbias::sde {

struct SgfOptions {
  double step_size = 0.05;  // γ of the SGD the flow models
  Index batch_size = 1;     // b
  BatchSampling sampling = BatchSampling::kWithReplacement;
  double label_noise = 0.0;  // δ: labels shifted by ±2δ (dln.md §6.4); adds 4δ² to MSE in the noise
  double label_noise_duration = std::numeric_limits<double>::infinity();  // δ_t = δ for t < this

  void validate(Index num_samples) const {
    require(std::isfinite(step_size) && step_size > 0.0, "SgfOptions", "step size must be finite and > 0, got ",
            step_size);
    require(batch_size >= 1 && batch_size <= num_samples, "SgfOptions", "batch size ", batch_size,
            " must be in [1, n = ", num_samples, "]");
    require(sampling != BatchSampling::kEpochShuffling, "SgfOptions",
            "epoch shuffling has no diffusion limit of this form: use with or without replacement");
    require(std::isfinite(label_noise) && label_noise >= 0.0, "SgfOptions", "label noise must be >= 0, got ",
            label_noise);
  }
  // 1/b_eff: the factor on the batch-1 noise covariance.
  double covariance_factor(Index num_samples) const {
    const double b = static_cast<double>(batch_size), n = static_cast<double>(num_samples);
    if (sampling == BatchSampling::kWithReplacement) return 1.0 / b;
    return num_samples == 1 ? 0.0 : (n - b) / (b * (n - 1.0));
  }
  double label_noise_at(double t) const { return t < label_noise_duration ? label_noise : 0.0; }
};

}  // namespace sgdbias::sde
