#pragma once
// Standard normal sampler: the ziggurat method with 256 layers (Marsaglia & Tsang 2000,
// J. Stat. Softw. 5(8); layer recursion and wedge test in the form of Doornik 2005, "An improved
// ziggurat method to generate normal random samples"). One 64-bit draw per sample ~99% of the
// time: the low 8 bits choose the layer, the top 53 bits give a signed uniform, so the two never
// share bits. Owned by us because std::normal_distribution is implementation-defined (results
// would differ between standard libraries) and slow (it dominated the SGF step, peers/README).
#include <cmath>
#include <cstdint>

namespace sgdbias {
namespace detail {

struct ZigguratTables {
  static constexpr int kLayers = 256;
  static constexpr double kTailStart = 3.6541528853610088;  // r: start of the tail
  static constexpr double kLayerArea = 4.92867323399e-3;    // v: area of each layer (unnormalised f)
  double x[kLayers + 1];      // layer right edges: x[0] = v/f(r) (base strip), x[1] = r, …, x[256] = 0
  double f[kLayers + 1];      // f(x[i]) = exp(−x[i]²/2)
  double inner[kLayers];      // x[i+1]/x[i]: |u| below this is inside the curve for sure
};

// Immutable tables, computed once at start-up (ziggurat_tables.cpp).
extern const ZigguratTables kZigguratTables;

// Uniform on (0, 1] from 53 bits: safe to take the logarithm of.
inline double open_closed_uniform(std::uint64_t bits) {
  return (static_cast<double>(bits >> 11) + 1.0) * 0x1.0p-53;
}

// Marsaglia's tail algorithm (1964) for |Z| > r.
template <class Engine>
double sample_normal_tail(Engine& engine, bool negative) {
  constexpr double r = ZigguratTables::kTailStart;
  double x = 0.0;
  double y = 0.0;
  do {
    x = std::log(open_closed_uniform(engine())) / r;  // x ≤ 0
    y = std::log(open_closed_uniform(engine()));
  } while (-2.0 * y < x * x);
  return negative ? x - r : r - x;
}

}  // namespace detail

namespace detail {

// The ziggurat's fast path: the low 8 bits of `bits` choose the layer, the top 53 a signed uniform
// u on [−1, 1), x = u times the layer's right edge; true if x lies inside the layer's rectangle
// (under the curve for sure), false if the wedge or tail test has to decide.
inline bool sample_in_rectangle(std::uint64_t bits, double& x) {
  const ZigguratTables& table = kZigguratTables;
  const unsigned layer = static_cast<unsigned>(bits & 0xffU);
  const double u = static_cast<double>(static_cast<std::int64_t>(bits) >> 11) * 0x1.0p-52;
  x = u * table.x[layer];
  return std::abs(u) < table.inner[layer];
}

// The ziggurat loop for 64 bits that missed the rectangle of their layer (about 1% of draws): tail
// or wedge test, then fresh draws until one is accepted. Out of line, so the fast path of
// sample_standard_normal inlines into the caller's loop (the engine state can stay in registers).
template <class Engine>
[[gnu::noinline]] double sample_normal_outside_rectangle(Engine& engine, std::uint64_t bits) {
  const ZigguratTables& table = kZigguratTables;
  for (;;) {
    double x = 0.0;
    if (sample_in_rectangle(bits, x)) return x;
    const unsigned layer = static_cast<unsigned>(bits & 0xffU);
    if (layer == 0) return sample_normal_tail(engine, x < 0.0);
    // Wedge: accept with probability (f(x) − f(x[i])) / (f(x[i+1]) − f(x[i])) relative to the strip.
    const double height = table.f[layer] + open_closed_uniform(engine()) * (table.f[layer + 1] - table.f[layer]);
    if (height < std::exp(-0.5 * x * x)) return x;
    bits = engine();
  }
}

}  // namespace detail

// One N(0,1) draw from `engine` (any generator returning 64 uniformly random bits): the rectangle
// test inline, everything else in detail::sample_normal_outside_rectangle (same draws, same result).
template <class Engine>
inline double sample_standard_normal(Engine& engine) {
  const std::uint64_t bits = engine();
  double x = 0.0;
  if (detail::sample_in_rectangle(bits, x)) return x;
  return detail::sample_normal_outside_rectangle(engine, bits);
}

}  // namespace sgdbias
