#pragma once
// Sparsity and recovery metrics of an estimate β against a teacher β* (dln.md §1, §8):
// ‖β‖₁, test loss ‖β − β*‖² (= population excess risk for x ~ N(0, I)), held-out test MSE,
// effective sparsity ‖β‖₁²/‖β‖₂² (between 1 for a 1-sparse and d for a flat vector), and support
// recovery at a threshold.
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

double l1_norm(const ConstVectorRef& beta);
// ‖β − β*‖².
double squared_distance(const ConstVectorRef& beta, const ConstVectorRef& teacher);
// (1/m)‖X_test β − y_test‖² on held-out data (m ≥ 1 rows).
double test_mean_squared_error(const ConstVectorRef& beta, const ConstMatrixRef& test_features,
                               const ConstVectorRef& test_targets);
// ‖β‖₁²/‖β‖₂²; β must not be the zero vector.
double effective_sparsity(const ConstVectorRef& beta);

struct SupportRecovery {
  Index true_positives = 0;   // |β_j| > threshold and β*_j ≠ 0
  Index false_positives = 0;  // |β_j| > threshold and β*_j = 0
  Index false_negatives = 0;  // |β_j| ≤ threshold and β*_j ≠ 0
  double precision = 1.0;     // TP/(TP + FP); 1 when nothing is selected
  double recall = 1.0;        // TP/(TP + FN); 1 when β* = 0
};

// Estimated support {j : |β_j| > threshold} against supp(β*) = {j : β*_j ≠ 0}; threshold ≥ 0.
SupportRecovery support_recovery(const ConstVectorRef& beta, const ConstVectorRef& teacher, double threshold);

}  // namespace sgdbias
