#pragma once
// out = Σ_k c_k·row_k for `count` rows of `length` doubles stored one after another: the one
// kernel behind both products of a linear model, Xβ (the rows of the column-major X are its
// columns: Σ_j β_j X[:, j]) and Xᵀz (the rows of the row-major copy: Σ_i z_i x_i). On the
// problems of this library (n, d ~ 10²–10³, X in cache) these two products are the whole cost of
// a GD or SGF step, so the kernel is multiversioned (lib/core/multiversioned.hpp): AVX-512 / AVX2 /
// baseline at the machine's width in a portable build. Rows are added in order k = 0, 1, ..., each
// term with one rounding (sum ← fma(c_k, row_k, sum), lib/core/fused_multiply_add.hpp), so every
// version gives the same bits.
#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

// Requires out to hold `length` doubles and not to overlap `rows`; count = 0 gives zeros.
void combine_rows(const double* rows, Index count, Index length, const double* coefficients, double* out);

// For p < paths: out + p·out_stride receives Σ_k c[k + p·coefficient_stride]·row_k (`length`
// doubles), bit for bit what combine_rows gives for that coefficient vector. Strides ≥ count and
// ≥ length (column-major d×K / n×K matrices); out must not overlap rows or coefficients.
void combine_rows_for_paths(const double* rows, Index count, Index length, Index paths, const double* coefficients,
                            Index coefficient_stride, double* out, Index out_stride);

}  // namespace sgdbias
