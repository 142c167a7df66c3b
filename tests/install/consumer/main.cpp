// A downstream program built against the INSTALLED sgdbias: draws normals from a derived stream
// and checks the sample mean and variance (5 standard errors), so a broken package fails.
#include <cmath>
#include <cstdio>

#include "lib/random/random_stream.hpp"

int main() {
  sgdbias::RandomStream stream(1, 0, sgdbias::Purpose::kTest);
  constexpr int kCount = 100000;
  double sum = 0, sum_squares = 0;
  for (int i = 0; i < kCount; ++i) {
    const double z = stream.standard_normal();
    sum += z;
    sum_squares += z * z;
  }
  const double mean = sum / kCount, second_moment = sum_squares / kCount;
  const bool ok = std::abs(mean) < 5.0 / std::sqrt(kCount) &&
                  std::abs(second_moment - 1.0) < 5.0 * std::sqrt(2.0 / kCount);
  std::printf("consumer: mean %.5f, E[z^2] %.5f: %s\n", mean, second_moment, ok ? "ok" : "WRONG");
  return ok ? 0 : 1;
}
