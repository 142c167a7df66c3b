// Newton iterations of the mirror projection (lib/analysis/mirror_projection.hpp) over random
// problems of the dln.md §8.4 regime (n = 40, d = 100, 5-sparse Gaussian teacher, noiseless
// labels), 40 per range of ln κ (uniform on the range, independently per coordinate): the maximum
// and median count and how many problems did not converge. A plain program (counts, not time):
//   build/bench/mirror_projection_iterations
#include <algorithm>
#include <cstdio>
#include <exception>
#include <vector>

#include "lib/analysis/interpolation_constraint.hpp"
#include "lib/analysis/mirror_projection.hpp"
#include "lib/random/random_stream.hpp"
#include "problems/data/sparse_regression_data.hpp"

namespace {

using namespace sgdbias;

constexpr int kProblems = 40;

InterpolationConstraint section_8_4_constraint(std::uint64_t seed) {
  problems::SparseRegressionOptions options;  // its defaults are §8.4's n, d, sparsity and Gaussian teacher
  options.teacher_support = problems::TeacherSupport::kFirst;
  const problems::SparseRegressionData data = problems::make_sparse_regression(options, seed);
  return InterpolationConstraint(data.train.features, data.train.targets);
}

void report_range(double low, double high) {
  std::vector<Index> iterations;
  int failed = 0;
  for (int problem = 0; problem < kProblems; ++problem) {
    const InterpolationConstraint constraint = section_8_4_constraint(1000 + static_cast<std::uint64_t>(problem));
    RandomStream stream(77 + static_cast<std::uint64_t>(problem), 3, Purpose::kTest);
    Vector log_scale(constraint.num_features());
    for (Index j = 0; j < log_scale.size(); ++j) log_scale[j] = low + (high - low) * stream.uniform01();
    try {
      iterations.push_back(minimum_entropy_interpolator(constraint, log_scale).iterations);
    } catch (const std::exception&) {
      ++failed;
    }
  }
  std::sort(iterations.begin(), iterations.end());
  const auto at = [&](std::size_t k) { return iterations.empty() ? -1L : static_cast<long>(iterations[k]); };
  std::printf("| [%g, %g] | %ld | %ld | %d/%d |\n", low, high, at(iterations.size() - 1), at(iterations.size() / 2),
              failed, kProblems);
}

}  // namespace

int main() {
  std::printf("| ln κ range | max iterations | median | not converged |\n|---|---|---|---|\n");
  for (const auto& [low, high] : std::vector<std::pair<double, double>>{
           {-27, -27}, {-170, 0}, {-170, -54}, {-700, 0}, {-3000, 0}, {-30000, 0}, {-27000, -26000}, {-30000, -800}}) {
    report_range(low, high);
  }
}
