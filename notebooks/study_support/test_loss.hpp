#pragma once
// The test loss of a diagonal-network study, defined from whichever the user's data provide:
//   * a teacher β* (generated data, dln.md §8.4, or --teacher FILE): ‖β − β*‖², the population
//     excess risk under an isotropic design (E_x ⟨x, β − β*⟩² = ‖β − β*‖² for x ~ N(0, I));
//   * held-out test data (--test-features/--test-targets): the test MSE (1/m) Σ_i (⟨x_i, β⟩ − y_i)²,
//     an unbiased estimate of that same quantity when the test rows are isotropic and noiseless;
//   * neither: no test loss (NaN), and every report says so.
// describe() is what the reports and run.json say about it.
#include <optional>
#include <string>

#include "lib/core/linear_algebra.hpp"
#include "problems/data/dataset.hpp"

namespace sgdbias::study {

class TestLoss {
 public:
  static TestLoss from_teacher(Vector teacher, std::string source);
  static TestLoss from_test_data(problems::Dataset test, std::string source);
  static TestLoss none();

  bool available() const { return kind_ != Kind::kNone; }
  // NaN when !available().
  double operator()(const ConstVectorRef& beta) const;
  // β* when the test loss is defined by a teacher (the support error needs it), else nullopt.
  const std::optional<Vector>& teacher() const { return teacher_; }
  // e.g. "||beta - beta*||^2 against the teacher of the generated data (dln.md §8.4)".
  const std::string& description() const { return description_; }

 private:
  enum class Kind { kNone, kTeacher, kTestData };
  TestLoss(Kind kind, std::string description) : kind_(kind), description_(std::move(description)) {}

  Kind kind_;
  std::string description_;
  std::optional<Vector> teacher_;
  problems::Dataset test_;
};

}  // namespace sgdbias::study
