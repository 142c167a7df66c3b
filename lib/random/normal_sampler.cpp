#include "lib/random/normal_sampler.hpp"

namespace sgdbias::detail {
namespace {

// Layer edges from the equal-area condition x[i]·(f(x[i+1]) − f(x[i])) = v, solved for x[i+1]
// going up the curve (Doornik 2005, §2). Layers are ordered from the base strip (0) upwards.
ZigguratTables build_ziggurat_tables() {
  ZigguratTables t{};
  constexpr int n = ZigguratTables::kLayers;
  const double r = ZigguratTables::kTailStart;
  const double v = ZigguratTables::kLayerArea;
  auto density = [](double z) { return std::exp(-0.5 * z * z); };
  t.x[0] = v / density(r);
  t.x[1] = r;
  for (int i = 2; i < n; ++i) t.x[i] = std::sqrt(-2.0 * std::log(v / t.x[i - 1] + density(t.x[i - 1])));
  t.x[n] = 0.0;
  for (int i = 0; i <= n; ++i) t.f[i] = density(t.x[i]);
  for (int i = 0; i < n; ++i) t.inner[i] = t.x[i + 1] / t.x[i];
  return t;
}

}  // namespace

const ZigguratTables kZigguratTables = build_ziggurat_tables();

}  // namespace sgdbias::detail
