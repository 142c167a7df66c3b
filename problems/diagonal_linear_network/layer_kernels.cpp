// Plain loops over raw pointers and GCC vector-extension chunks (not Eigen expressions) so that
// each target_clones version is vectorised at its own width; __restrict because u, v and the data
// never alias.
#include "problems/diagonal_linear_network/layer_kernels.hpp"

#include <bit>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>

#include "lib/core/fused_multiply_add.hpp"
#include "lib/core/multiversioned.hpp"

namespace sgdbias::problems::layer_kernels {
namespace {

// The kPredictionLanes partial sums, as kPredictionLanes / L chunks of the target's register width
// L (lib/core/register_chunk.hpp): one AVX-512 register, two AVX2 or four SSE2 registers. GCC
// vector extension, so that the final in-order reduction reads the lanes from the registers: the
// auto-vectorised array version stored the partial sums to the stack and reloaded them one by one,
// a failed store-to-load forward on every step.
template <class Chunk>
inline constexpr int kParts = static_cast<int>(kPredictionLanes) / kChunkLanes<Chunk>;

// The prediction's summation order (see the header): the partial sums added in lane order, then
// the terms beyond the last full block of kPredictionLanes.
template <class Chunk>
[[gnu::always_inline]] inline double in_order_total(const Chunk (&partial)[kParts<Chunk>], double rest) {
  double sum = 0.0;
#pragma GCC unroll 8
  for (int part = 0; part < kParts<Chunk>; ++part) {
#pragma GCC unroll 8
    for (int lane = 0; lane < kChunkLanes<Chunk>; ++lane) sum += partial[part][lane];
  }
  return sum + rest;
}

// The chain rule of update_layers (dln.md §3.1–§3.2) and β for one parametrisation, written once
// for a register chunk and for one double: the same operations in the same order, so the vector
// body and the scalar tail round alike. `update` takes the old u, v on the right of both lines;
// `add_term` adds the prediction's term x_j·β_j (by reference: a chunk returned by value
// has a different ABI in every version).
// The layer updates and the prediction's accumulation are fused multiply-adds
// (lib/core/fused_multiply_add.hpp): u − s·v is fma(−s, v, u), one rounding, the negation exact.
struct ProductRule {
  template <class T>
  [[gnu::always_inline]] static void update(T& u, T& v, const T& direction, double rate) {
    const T minus_s = -rate * direction;
    T u_next = u;
    add_product(u_next, minus_s, v);
    add_product(v, minus_s, u);
    u = u_next;
  }
  template <class T>
  [[gnu::always_inline]] static void add_term(T& sum, const T& x, const T& u, const T& v) {
    add_product(sum, x, T(u * v));
  }
};

struct SquareDifferenceRule {
  template <class T>
  [[gnu::always_inline]] static void update(T& u, T& v, const T& direction, double rate) {
    const T two_s = 2.0 * rate * direction;
    const T minus_two_s = -two_s;
    add_product(u, minus_two_s, u);
    add_product(v, two_s, v);
  }
  template <class T>
  [[gnu::always_inline]] static void add_term(T& sum, const T& x, const T& u, const T& v) {
    add_product(sum, x, T(u * u - v * v));
  }
};

// Σ_j x_j·β_j in the documented order.
template <class Rule, class Chunk>
[[gnu::always_inline]] inline double prediction(const double* __restrict features, const double* __restrict u,
                                                const double* __restrict v, Index d) {
  constexpr int kWidth = kChunkLanes<Chunk>;
  Chunk partial[kParts<Chunk>] = {};
  const Index full = d - d % kPredictionLanes;
  for (Index j = 0; j < full; j += kPredictionLanes) {
#pragma GCC unroll 8
    for (int part = 0; part < kParts<Chunk>; ++part) {
      Chunk x, uj, vj;
      const Index at = j + part * kWidth;
      load_chunk(features + at, x), load_chunk(u + at, uj), load_chunk(v + at, vj);
      Rule::add_term(partial[part], x, uj, vj);
    }
  }
  double rest = 0.0;
  for (Index j = full; j < d; ++j) Rule::add_term(rest, features[j], u[j], v[j]);
  return in_order_total<Chunk>(partial, rest);
}

// The divergence test |x| ≤ limit of a chunk, without comparisons: GCC 12 scalarises
// vector-extension comparisons inside target_clones functions (a vcomisd per lane: bench/README.md,
// measurement history). For limit ≥ +0, the bit patterns of |x| read as integers order like |x|
// itself, +∞ above every finite value and NaN above +∞; so `limit_bits − bits(|x|)` borrows (sets
// the sign bit) exactly when |x| > limit or x is NaN, and OR-ing these keeps any such bit.
template <class Chunk>
struct ExcessTest {
  // Unsigned, so that the subtraction wraps (defined) instead of overflowing for a negative limit.
  using Bits = ChunkBits<Chunk>;
  static constexpr std::uint64_t kMagnitude = ~std::uint64_t{0} >> 1;  // all but the sign bit
  static constexpr std::uint64_t kSign = ~kMagnitude;

  explicit ExcessTest(double limit) : limit_bits(std::bit_cast<std::uint64_t>(limit + 0.0)), admits(limit >= 0.0) {}
  [[gnu::always_inline]] void add(const Chunk& x) {
    Bits bits;
    std::memcpy(&bits, &x, sizeof bits);
    excess |= limit_bits - (bits & kMagnitude);  // both < 2^63 for limit ≥ 0: the sign bit is the borrow
  }
  // A limit that is negative or NaN admits nothing, as |x| ≤ limit is then false; −0 is +0.
  [[gnu::always_inline]] bool all_within() const {
    std::uint64_t any = 0;
    for (int lane = 0; lane < kChunkLanes<Chunk>; ++lane) any |= excess[lane];
    return admits && (any & kSign) == 0;
  }

  std::uint64_t limit_bits;
  bool admits;
  Bits excess = {};
};

// One pass of the layer update with its divergence test, and with kPredict also the next step's
// prediction ⟨next_features, β(new u, new v)⟩ from the new layers still in registers, summed as
// `prediction` sums.
template <class Rule, bool kPredict, class Chunk>
[[gnu::always_inline]] inline bool update_pass(double* __restrict u, double* __restrict v,
                                               const double* __restrict direction, double rate, double limit, Index d,
                                               const double* __restrict next_features, double* next_prediction) {
  constexpr int kWidth = kChunkLanes<Chunk>;
  const Index full = d - d % kPredictionLanes;
  ExcessTest<Chunk> test(limit);
  Chunk partial[kParts<Chunk>] = {};
  for (Index j = 0; j < full; j += kPredictionLanes) {
#pragma GCC unroll 8
    for (int part = 0; part < kParts<Chunk>; ++part) {
      const Index at = j + part * kWidth;
      Chunk uj, vj, s;
      load_chunk(u + at, uj), load_chunk(v + at, vj), load_chunk(direction + at, s);
      Rule::update(uj, vj, s, rate);
      store_chunk(uj, u + at), store_chunk(vj, v + at);
      test.add(uj), test.add(vj);
      if constexpr (kPredict) {
        Chunk x;
        load_chunk(next_features + at, x);
        Rule::add_term(partial[part], x, uj, vj);
      }
    }
  }
  bool within = test.all_within();
  double rest = 0.0;
  for (Index j = full; j < d; ++j) {
    double uj = u[j], vj = v[j];
    Rule::update(uj, vj, direction[j], rate);
    u[j] = uj, v[j] = vj;
    within = within && std::abs(uj) <= limit && std::abs(vj) <= limit;
    if constexpr (kPredict) Rule::add_term(rest, next_features[j], uj, vj);
  }
  if constexpr (kPredict) *next_prediction = in_order_total<Chunk>(partial, rest);
  return within;
}

template <bool kPredict, class Chunk>
[[gnu::always_inline]] inline bool update_pass_for(DlnParametrisation parametrisation, double* __restrict u,
                                                   double* __restrict v, const double* __restrict direction,
                                                   double rate, double limit, Index d,
                                                   const double* __restrict next_features, double* next_prediction) {
  return parametrisation == DlnParametrisation::kProduct
             ? update_pass<ProductRule, kPredict, Chunk>(u, v, direction, rate, limit, d, next_features,
                                                         next_prediction)
             : update_pass<SquareDifferenceRule, kPredict, Chunk>(u, v, direction, rate, limit, d, next_features,
                                                                  next_prediction);
}

SGDBIAS_AT_REGISTER_WIDTH(double, prediction_at_width,
                          (DlnParametrisation parametrisation, const double* __restrict features,
                           const double* __restrict u, const double* __restrict v, Index d),
                          return parametrisation == DlnParametrisation::kProduct
                                     ? prediction<ProductRule, Chunk>(features, u, v, d)
                                     : prediction<SquareDifferenceRule, Chunk>(features, u, v, d);)

SGDBIAS_AT_REGISTER_WIDTH(bool, update_at_width,
                          (DlnParametrisation parametrisation, double* __restrict u, double* __restrict v,
                           const double* __restrict direction, double rate, double limit, Index d,
                           const double* __restrict next_features, double* next_prediction),
                          return next_features == nullptr
                                     ? update_pass_for<false, Chunk>(parametrisation, u, v, direction, rate, limit, d,
                                                                     nullptr, nullptr)
                                     : update_pass_for<true, Chunk>(parametrisation, u, v, direction, rate, limit, d,
                                                                    next_features, next_prediction);)

}  // namespace

double sample_prediction(DlnParametrisation parametrisation, const double* __restrict features,
                         const double* __restrict u, const double* __restrict v, Index d) {
  return prediction_at_width(parametrisation, features, u, v, d);
}

bool update_layers(DlnParametrisation parametrisation, double* __restrict u, double* __restrict v,
                   const double* __restrict direction, double rate, double limit, Index d) {
  return update_at_width(parametrisation, u, v, direction, rate, limit, d, nullptr, nullptr);
}

bool update_layers_and_predict(DlnParametrisation parametrisation, double* __restrict u, double* __restrict v,
                               const double* __restrict direction, double rate, double limit, Index d,
                               const double* __restrict next_features, double& next_prediction) {
  return update_at_width(parametrisation, u, v, direction, rate, limit, d, next_features, &next_prediction);
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
