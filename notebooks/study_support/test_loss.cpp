#include "notebooks/study_support/test_loss.hpp"

#include <limits>
#include <utility>

namespace sgdbias::study {

TestLoss TestLoss::from_teacher(Vector teacher, std::string source) {
  TestLoss loss(Kind::kTeacher, "||beta - beta*||^2 against the teacher beta* of " + source);
  loss.teacher_ = std::move(teacher);
  return loss;
}

TestLoss TestLoss::from_test_data(problems::Dataset test, std::string source) {
  TestLoss loss(Kind::kTestData, "mean squared error (1/m) sum_i (<x_i, beta> - y_i)^2 on the " +
                                     std::to_string(test.num_samples()) + " test rows of " + source);
  loss.test_ = std::move(test);
  return loss;
}

TestLoss TestLoss::none() {
  return TestLoss(Kind::kNone, "none: no teacher and no test data were given (--teacher or --test-features/"
                               "--test-targets), so every test-loss column is NaN");
}

double TestLoss::operator()(const ConstVectorRef& beta) const {
  switch (kind_) {
    case Kind::kTeacher:
      return (beta - *teacher_).squaredNorm();
    case Kind::kTestData:
      return (test_.features * beta - test_.targets).squaredNorm() / static_cast<double>(test_.num_samples());
    case Kind::kNone:
      break;
  }
  return std::numeric_limits<double>::quiet_NaN();
}

}  // namespace sgdbias::study
