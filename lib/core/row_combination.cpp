#include "lib/core/row_combination.hpp"

#include <algorithm>
#include <cstring>

#include "lib/core/fused_multiply_add.hpp"
#include "lib/core/multiversioned.hpp"

namespace sgdbias {
namespace {

// Eight doubles (one AVX-512 register; two AVX2 or four SSE2 registers in the other versions).
// GCC vector extension: element-wise +, * and scalar broadcast, lowered to each version's width.
using Lane8 = double __attribute__((vector_size(64)));
constexpr Index kLanes = 8;

// By reference: a Lane8 passed or returned by value would have a different ABI in every version.
[[gnu::always_inline]] inline void load(const double* from, Lane8& to) { std::memcpy(&to, from, sizeof to); }
[[gnu::always_inline]] inline void store(const Lane8& from, double* to) { std::memcpy(to, &from, sizeof from); }

// A panel of `Paths` combinations × `Vectors`·8 consecutive entries, all kept in registers while
// the `count` rows stream past: per row, `Vectors` loads of the row, `Paths` broadcast
// coefficients, Paths·Vectors independent fused multiply-add chains (enough to hide the latency,
// few enough to stay in the 32 AVX-512 registers). Each entry is the in-order sum
// fma(c₁, r₁, fma(c₀, r₀, 0)) ... of the header, so the panel shape never changes a bit.
template <int Paths, int Vectors>
[[gnu::always_inline]] inline void combine_panel(const double* __restrict rows, Index count, Index length,
                                                 const double* __restrict coefficients, Index coefficient_stride,
                                                 double* __restrict out, Index out_stride) {
  Lane8 sum[Paths][Vectors] = {};
  for (Index k = 0; k < count; ++k) {
    const double* row = rows + k * length;
    Lane8 entries[Vectors];
#pragma GCC unroll 8
    for (int v = 0; v < Vectors; ++v) load(row + v * kLanes, entries[v]);
#pragma GCC unroll 8
    for (int p = 0; p < Paths; ++p) {
      const double c = coefficients[k + p * coefficient_stride];
#pragma GCC unroll 8
      for (int v = 0; v < Vectors; ++v) add_product(sum[p][v], c, entries[v]);
    }
  }
#pragma GCC unroll 8
  for (int p = 0; p < Paths; ++p) {
#pragma GCC unroll 8
    for (int v = 0; v < Vectors; ++v) store(sum[p][v], out + p * out_stride + v * kLanes);
  }
}

// Rows shorter than one Lane8: one scalar in-order sum per entry.
[[gnu::always_inline]] inline void combine_tail(const double* __restrict rows, Index count, Index length,
                                                const double* __restrict coefficients, double* __restrict out) {
  for (Index j = 0; j < length; ++j) {
    double sum = 0.0;
    for (Index k = 0; k < count; ++k) add_product(sum, coefficients[k], rows[k * length + j]);
    out[j] = sum;
  }
}

// combine_panel with a run-time number of Lane8s (1 ≤ vectors ≤ kMaxVectors).
template <int Paths, int kMaxVectors, int Vectors = kMaxVectors>
[[gnu::always_inline]] inline void dispatch_panel(Index vectors, const double* __restrict rows, Index count,
                                                  Index length, const double* __restrict coefficients,
                                                  Index coefficient_stride, double* __restrict out, Index out_stride) {
  if constexpr (Vectors > 1) {
    if (vectors < Vectors) {
      dispatch_panel<Paths, kMaxVectors, Vectors - 1>(vectors, rows, count, length, coefficients, coefficient_stride,
                                                      out, out_stride);
      return;
    }
  }
  combine_panel<Paths, Vectors>(rows, count, length, coefficients, coefficient_stride, out, out_stride);
}

// All `length` entries of `Paths` combinations: panels of up to kMaxVectors Lane8s, then the tail.
template <int Paths, int kMaxVectors>
[[gnu::always_inline]] inline void combine_paths(const double* __restrict rows, Index count, Index length,
                                                 const double* __restrict coefficients, Index coefficient_stride,
                                                 double* __restrict out, Index out_stride) {
  static_assert(kMaxVectors >= 1 && kMaxVectors <= 8);
  const Index full_vectors = length / kLanes;
  for (Index first = 0; first < full_vectors;) {
    const Index vectors = std::min<Index>(kMaxVectors, full_vectors - first);
    const Index offset = first * kLanes;
    dispatch_panel<Paths, kMaxVectors>(vectors, rows + offset, count, length, coefficients, coefficient_stride,
                                       out + offset, out_stride);
    first += vectors;
  }
  const Index tail = length - full_vectors * kLanes;
  if (tail == 0) return;
  if (full_vectors == 0) {  // shorter than one Lane8
    for (int p = 0; p < Paths; ++p) {
      combine_tail(rows, count, length, coefficients + p * coefficient_stride, out + p * out_stride);
    }
    return;
  }
  // The last 8 entries again, overlapping the panels before: the overlapped entries are the same
  // in-order sums, so they are rewritten with the same bits, and the tail runs at full width.
  combine_panel<Paths, 1>(rows + (length - kLanes), count, length, coefficients, coefficient_stride,
                          out + (length - kLanes), out_stride);
}

}  // namespace

// One path: up to 8 Lane8s (64 entries) per panel, so Xβ with n ≤ 64 keeps its whole output in
// registers (latency-bound chains of `count` adds, 5 of them for n = 40; the old four-row sweeps
// stored and reloaded the output every 4 rows).
SGDBIAS_MULTIVERSIONED
void combine_rows(const double* __restrict rows, Index count, Index length, const double* __restrict coefficients,
                  double* __restrict out) {
  combine_paths<1, 8>(rows, count, length, coefficients, 0, out, 0);
}

// Eight paths per panel and two Lane8s (16 accumulators): each row load serves eight paths, which
// is what makes K combinations cost less than K single ones (GEMM instead of GEMV).
SGDBIAS_MULTIVERSIONED
void combine_rows_for_paths(const double* __restrict rows, Index count, Index length, Index paths,
                            const double* __restrict coefficients, Index coefficient_stride, double* __restrict out,
                            Index out_stride) {
  constexpr int kPanelPaths = 8;
  Index path = 0;
  for (; path + kPanelPaths <= paths; path += kPanelPaths) {
    combine_paths<kPanelPaths, 2>(rows, count, length, coefficients + path * coefficient_stride,
                                  coefficient_stride, out + path * out_stride, out_stride);
  }
  for (; path < paths; ++path) {
    combine_paths<1, 8>(rows, count, length, coefficients + path * coefficient_stride, 0, out + path * out_stride,
                        0);
  }
}

}  // namespace sgdbias
