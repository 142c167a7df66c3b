#include "lib/core/row_combination.hpp"

#include <algorithm>

#include "lib/core/fused_multiply_add.hpp"
#include "lib/core/multiversioned.hpp"

namespace sgdbias {
namespace {

// A panel of `Paths` combinations × `Vectors` chunks of consecutive entries, all kept in registers
// while the `count` rows stream past: per row, `Vectors` loads of the row, `Paths` broadcast
// coefficients, Paths·Vectors independent fused multiply-add chains (enough to hide the latency,
// few enough to stay in the registers: 32 with AVX-512, 16 with AVX2). Each entry is the in-order
// sum fma(c₁, r₁, fma(c₀, r₀, 0)) ... of the header, so neither the panel shape nor the chunk
// width changes a bit.
template <class Chunk, int Paths, int Vectors>
[[gnu::always_inline]] inline void combine_panel(const double* __restrict rows, Index count, Index length,
                                                 const double* __restrict coefficients, Index coefficient_stride,
                                                 double* __restrict out, Index out_stride) {
  constexpr Index kLanes = kChunkLanes<Chunk>;
  Chunk sum[Paths][Vectors] = {};
  for (Index k = 0; k < count; ++k) {
    const double* row = rows + k * length;
    Chunk entries[Vectors];
#pragma GCC unroll 8
    for (int v = 0; v < Vectors; ++v) load_chunk(row + v * kLanes, entries[v]);
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
    for (int v = 0; v < Vectors; ++v) store_chunk(sum[p][v], out + p * out_stride + v * kLanes);
  }
}

// Rows shorter than one chunk: one scalar in-order sum per entry.
[[gnu::always_inline]] inline void combine_tail(const double* __restrict rows, Index count, Index length,
                                                const double* __restrict coefficients, double* __restrict out) {
  for (Index j = 0; j < length; ++j) {
    double sum = 0.0;
    for (Index k = 0; k < count; ++k) add_product(sum, coefficients[k], rows[k * length + j]);
    out[j] = sum;
  }
}

// combine_panel with a run-time number of chunks (1 ≤ vectors ≤ kMaxVectors).
template <class Chunk, int Paths, int kMaxVectors, int Vectors = kMaxVectors>
[[gnu::always_inline]] inline void dispatch_panel(Index vectors, const double* __restrict rows, Index count,
                                                  Index length, const double* __restrict coefficients,
                                                  Index coefficient_stride, double* __restrict out, Index out_stride) {
  if constexpr (Vectors > 1) {
    if (vectors < Vectors) {
      dispatch_panel<Chunk, Paths, kMaxVectors, Vectors - 1>(vectors, rows, count, length, coefficients, coefficient_stride,
                                                      out, out_stride);
      return;
    }
  }
  combine_panel<Chunk, Paths, Vectors>(rows, count, length, coefficients, coefficient_stride, out, out_stride);
}

// All `length` entries of `Paths` combinations: panels of up to kMaxVectors chunks, then the tail.
template <class Chunk, int Paths, int kMaxVectors>
[[gnu::always_inline]] inline void combine_paths(const double* __restrict rows, Index count, Index length,
                                                 const double* __restrict coefficients, Index coefficient_stride,
                                                 double* __restrict out, Index out_stride) {
  static_assert(kMaxVectors >= 1 && kMaxVectors <= 8);
  constexpr Index kLanes = kChunkLanes<Chunk>;
  const Index full_vectors = length / kLanes;
  for (Index first = 0; first < full_vectors;) {
    const Index vectors = std::min<Index>(kMaxVectors, full_vectors - first);
    const Index offset = first * kLanes;
    dispatch_panel<Chunk, Paths, kMaxVectors>(vectors, rows + offset, count, length, coefficients, coefficient_stride,
                                       out + offset, out_stride);
    first += vectors;
  }
  const Index tail = length - full_vectors * kLanes;
  if (tail == 0) return;
  if (full_vectors == 0) {  // shorter than one chunk
    for (int p = 0; p < Paths; ++p) {
      combine_tail(rows, count, length, coefficients + p * coefficient_stride, out + p * out_stride);
    }
    return;
  }
  // The last chunk's worth of entries again, overlapping the panels before: the overlapped entries
  // are the same in-order sums, so they are rewritten with the same bits, and the tail runs at full
  // width.
  combine_panel<Chunk, Paths, 1>(rows + (length - kLanes), count, length, coefficients, coefficient_stride,
                          out + (length - kLanes), out_stride);
}

// One path: up to 8 chunks per panel (64 entries with AVX-512, 32 with AVX2), so Xβ with n ≤ 64
// keeps its whole output in registers (latency-bound chains of `count` adds, 5 of them for n = 40
// with AVX-512; the old four-row sweeps stored and reloaded the output every 4 rows).
SGDBIAS_AT_REGISTER_WIDTH(void, combine_rows_at_width,
                          (const double* __restrict rows, Index count, Index length,
                           const double* __restrict coefficients, double* __restrict out),
                          combine_paths<Chunk, 1, 8>(rows, count, length, coefficients, 0, out, 0);)

// Each row load serves several paths, which is what makes K combinations cost less than K single
// ones (GEMM instead of GEMV): eight paths × two chunks (16 accumulators) with AVX-512, four
// paths × two chunks (8 of the 16 registers) at the narrower widths; paths left over go one at a
// time.
template <class Chunk>
[[gnu::always_inline]] inline void combine_for_paths(const double* __restrict rows, Index count, Index length,
                                                     Index paths, const double* __restrict coefficients,
                                                     Index coefficient_stride, double* __restrict out,
                                                     Index out_stride) {
  constexpr int kPanelPaths = kChunkLanes<Chunk> == 8 ? 8 : 4;
  Index path = 0;
  for (; path + kPanelPaths <= paths; path += kPanelPaths) {
    combine_paths<Chunk, kPanelPaths, 2>(rows, count, length, coefficients + path * coefficient_stride,
                                         coefficient_stride, out + path * out_stride, out_stride);
  }
  for (; path < paths; ++path) {
    combine_paths<Chunk, 1, 8>(rows, count, length, coefficients + path * coefficient_stride, 0,
                               out + path * out_stride, 0);
  }
}

SGDBIAS_AT_REGISTER_WIDTH(void, combine_rows_for_paths_at_width,
                          (const double* __restrict rows, Index count, Index length, Index paths,
                           const double* __restrict coefficients, Index coefficient_stride,
                           double* __restrict out, Index out_stride),
                          combine_for_paths<Chunk>(rows, count, length, paths, coefficients, coefficient_stride,
                                                   out, out_stride);)

}  // namespace

void combine_rows(const double* __restrict rows, Index count, Index length, const double* __restrict coefficients,
                  double* __restrict out) {
  combine_rows_at_width(rows, count, length, coefficients, out);
}

void combine_rows_for_paths(const double* __restrict rows, Index count, Index length, Index paths,
                            const double* __restrict coefficients, Index coefficient_stride, double* __restrict out,
                            Index out_stride) {
  combine_rows_for_paths_at_width(rows, count, length, paths, coefficients, coefficient_stride, out, out_stride);
}

}  // namespace sgdbias
