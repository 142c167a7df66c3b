#include "problems/data/sparse_regression_data.hpp"

#include <cmath>
#include <numeric>
#include <vector>

#include <Eigen/Cholesky>

#include "lib/core/errors.hpp"
#include "lib/core/validation.hpp"

namespace sgdbias::problems {
namespace {

constexpr std::string_view kWhere = "make_sparse_regression";

Vector draw_teacher(const SparseRegressionOptions& options, RandomStream& stream) {
  const Index d = options.dimension;
  std::vector<Index> coordinates(static_cast<std::size_t>(d));
  std::iota(coordinates.begin(), coordinates.end(), Index{0});
  if (options.teacher_support == TeacherSupport::kRandom) {
    for (Index i = 0; i < options.sparsity; ++i) {  // partial Fisher–Yates: uniform k-subset
      const Index j = i + stream.uniform_index(d - i);
      std::swap(coordinates[static_cast<std::size_t>(i)], coordinates[static_cast<std::size_t>(j)]);
    }
  }
  Vector teacher = Vector::Zero(d);
  for (Index i = 0; i < options.sparsity; ++i) {
    const Index j = coordinates[static_cast<std::size_t>(i)];
    switch (options.teacher_values) {
      case TeacherValues::kGaussian: teacher[j] = stream.standard_normal(); break;
      case TeacherValues::kSigns: teacher[j] = stream.random_sign(); break;
      case TeacherValues::kFixed: teacher[j] = options.teacher_value; break;
    }
  }
  return teacher;
}

Dataset draw_samples(const SparseRegressionOptions& options, Index samples, const Vector& teacher,
                     RandomStream& stream) {
  Dataset data{Matrix(samples, options.dimension), Vector(samples)};
  Vector z(options.dimension);
  for (Index i = 0; i < samples; ++i) {  // row by row: sample i's draws do not depend on n
    stream.fill_standard_normal(z);
    data.features.row(i) = z.transpose();
  }
  if (options.covariance.size() > 0) {
    const Matrix lower = options.covariance.llt().matrixL();
    data.features = data.features * lower.transpose();  // rows x = Lz
  }
  data.targets.noalias() = data.features * teacher;
  if (options.label_noise > 0.0) {
    for (Index i = 0; i < samples; ++i) data.targets[i] += options.label_noise * stream.standard_normal();
  }
  return data;
}

}  // namespace

void SparseRegressionOptions::validate() const {
  require(samples >= 1, kWhere, "samples (n) must be >= 1, got ", samples);
  require(dimension >= 1, kWhere, "dimension (d) must be >= 1, got ", dimension);
  require(sparsity >= 0 && sparsity <= dimension, kWhere, "sparsity (", sparsity, ") must be in [0, d = ",
          dimension, "]");
  require(test_samples >= 0, kWhere, "test_samples must be >= 0, got ", test_samples);
  require(std::isfinite(teacher_value), kWhere, "teacher_value must be finite, got ", teacher_value);
  require(std::isfinite(label_noise) && label_noise >= 0.0, kWhere, "label_noise (σ) must be finite and >= 0, got ",
          label_noise);
  if (covariance.size() > 0) {
    require(covariance.rows() == dimension && covariance.cols() == dimension, kWhere, "covariance is ",
            covariance.rows(), "×", covariance.cols(), ", expected d×d = ", dimension, "×", dimension);
    require_all_finite(covariance, kWhere, "covariance");
    require(covariance.isApprox(covariance.transpose(), 1e-12), kWhere, "covariance must be symmetric");
    require(covariance.llt().info() == Eigen::Success, kWhere, "covariance must be positive definite");
  }
}

SparseRegressionData make_sparse_regression(const SparseRegressionOptions& options, RandomStream data_stream,
                                            RandomStream test_stream) {
  options.validate();
  SparseRegressionData result;
  result.teacher = draw_teacher(options, data_stream);
  result.train = draw_samples(options, options.samples, result.teacher, data_stream);
  result.test = options.test_samples > 0 ? draw_samples(options, options.test_samples, result.teacher, test_stream)
                                         : Dataset{Matrix(0, options.dimension), Vector(0)};
  return result;
}

SparseRegressionData make_sparse_regression(const SparseRegressionOptions& options, std::uint64_t seed) {
  return make_sparse_regression(options, RandomStream(seed, 0, Purpose::kData),
                                RandomStream(seed, 0, Purpose::kTestData));
}

}  // namespace sgdbias::problems
