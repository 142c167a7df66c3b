// Bad input to every arg-min over {Xβ = y} is rejected with a message that says why (dln.md §5).
#include "lib/analysis/interpolation_constraint.hpp"

#include <limits>
#include <string>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"

namespace sgdbias {
namespace {

std::string message_of(const Matrix& features, const Vector& targets) {
  try {
    InterpolationConstraint constraint(features, targets);
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  return "";
}

Matrix small_design() { return (Matrix(3, 5) << 1, 2, 0, 1, 3, 0, 1, 1, 4, 1, 2, 0, 3, 1, 1).finished(); }

TEST(InterpolationConstraint, AcceptsFullRowRankDataAndMeasuresFeasibility) {
  const InterpolationConstraint constraint(small_design(), Vector::Ones(3));
  EXPECT_EQ(constraint.num_samples(), 3);
  EXPECT_EQ(constraint.num_features(), 5);
  EXPECT_DOUBLE_EQ(constraint.relative_infeasibility(Vector::Zero(5)), 1.0);
  const Vector in_row_space = small_design().transpose() * Vector::Ones(3);
  EXPECT_LT(constraint.relative_distance_from_row_space(in_row_space), 1e-15);
}

TEST(InterpolationConstraint, RedundantEquationsAreReportedAsRankDeficiency) {
  Matrix features = small_design();
  features.row(2) = features.row(0) + features.row(1);
  const Vector targets = (Vector(3) << 1.0, 2.0, 3.0).finished();
  const std::string message = message_of(features, targets);
  EXPECT_NE(message.find("full row rank"), std::string::npos) << message;
  EXPECT_NE(message.find("redundant"), std::string::npos) << message;
}

TEST(InterpolationConstraint, LabelsOutsideTheRangeAreReportedAsInconsistent) {
  Matrix features = small_design();
  features.row(2) = features.row(0) + features.row(1);
  const Vector targets = (Vector(3) << 1.0, 2.0, 7.0).finished();
  const std::string message = message_of(features, targets);
  EXPECT_NE(message.find("NOT in range(X)"), std::string::npos) << message;
}

TEST(InterpolationConstraint, RejectsMoreSamplesThanFeaturesNaNAndSizeMismatch) {
  EXPECT_NE(message_of(Matrix(small_design().transpose()), Vector::Ones(5)).find("more samples than features"),
            std::string::npos);
  Matrix features = small_design();
  features(1, 1) = std::numeric_limits<double>::quiet_NaN();
  EXPECT_THROW(InterpolationConstraint(features, Vector::Ones(3)), InvalidArgument);
  EXPECT_THROW(InterpolationConstraint(small_design(), Vector::Ones(4)), InvalidArgument);
  Vector targets = Vector::Ones(3);
  targets[0] = std::numeric_limits<double>::infinity();
  EXPECT_THROW(InterpolationConstraint(small_design(), targets), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias
