#include "lib/analysis/minimum_l1_interpolator.hpp"

#include <memory>
#include <vector>

#include <Eigen/QR>
#include <glpk.h>

#include "lib/core/errors.hpp"

namespace sgdbias {
namespace {

constexpr const char* kWhere = "minimum_l1_interpolator";

struct ProblemDeleter {
  void operator()(glp_prob* problem) const { glp_delete_prob(problem); }
};
using LinearProgram = std::unique_ptr<glp_prob, ProblemDeleter>;

// Silences GLPK's terminal output while alive and restores the previous setting.
class QuietTerminal {
 public:
  QuietTerminal() : previous_(glp_term_out(GLP_OFF)) {}
  ~QuietTerminal() { glp_term_out(previous_); }
  QuietTerminal(const QuietTerminal&) = delete;
  QuietTerminal& operator=(const QuietTerminal&) = delete;

 private:
  int previous_;
};

// Columns 1..d are p, d+1..2d are m (GLPK indices are 1-based); row i is X_i·(p − m) = y_i.
LinearProgram build_program(const InterpolationConstraint& constraint) {
  const Matrix& features = constraint.features();
  const int rows = static_cast<int>(constraint.num_samples());
  const int features_count = static_cast<int>(constraint.num_features());
  LinearProgram program(glp_create_prob());
  glp_set_obj_dir(program.get(), GLP_MIN);
  glp_add_rows(program.get(), rows);
  for (int i = 1; i <= rows; ++i) {
    const double target = constraint.targets()[i - 1];
    glp_set_row_bnds(program.get(), i, GLP_FX, target, target);
  }
  glp_add_cols(program.get(), 2 * features_count);
  for (int j = 1; j <= 2 * features_count; ++j) {
    glp_set_col_bnds(program.get(), j, GLP_LO, 0.0, 0.0);
    glp_set_obj_coef(program.get(), j, 1.0);
  }
  std::vector<int> row_index{0};
  std::vector<int> column_index{0};
  std::vector<double> values{0.0};
  for (int i = 0; i < rows; ++i) {
    for (int j = 0; j < features_count; ++j) {
      if (features(i, j) == 0.0) continue;
      row_index.insert(row_index.end(), {i + 1, i + 1});
      column_index.insert(column_index.end(), {j + 1, features_count + j + 1});
      values.insert(values.end(), {features(i, j), -features(i, j)});
    }
  }
  glp_load_matrix(program.get(), static_cast<int>(values.size()) - 1, row_index.data(), column_index.data(),
                  values.data());
  return program;
}

void require_optimal(glp_prob* program, int code, const char* method) {
  if (code != 0 || glp_get_status(program) != GLP_OPT) {
    throw ConvergenceFailure(kWhere, describe("GLPK ", method, " did not reach an optimal solution (return code ",
                                              code, ", status ", glp_get_status(program), ")"));
  }
}

// The optimal vertex from its basis: nonbasic p_j, m_j are 0, and the basic signed columns
// (+X_j for p_j, −X_j for m_j) solve X_B z = y exactly (consistent, full column rank).
Vector vertex_from_basis(glp_prob* program, const InterpolationConstraint& constraint) {
  const Index d = constraint.num_features();
  std::vector<Index> basic;
  for (Index column = 0; column < 2 * d; ++column) {
    if (glp_get_col_stat(program, static_cast<int>(column) + 1) == GLP_BS) basic.push_back(column);
  }
  Matrix basis(constraint.num_samples(), static_cast<Index>(basic.size()));
  for (std::size_t k = 0; k < basic.size(); ++k) {
    const Index j = basic[k] % d;
    basis.col(static_cast<Index>(k)) = (basic[k] < d ? 1.0 : -1.0) * constraint.features().col(j);
  }
  const Vector values = Eigen::ColPivHouseholderQR<Matrix>(basis).solve(constraint.targets());
  Vector beta = Vector::Zero(d);
  for (std::size_t k = 0; k < basic.size(); ++k) {
    beta[basic[k] % d] += (basic[k] < d ? 1.0 : -1.0) * values[static_cast<Index>(k)];
  }
  return beta;
}

}  // namespace

Vector minimum_l1_interpolator(const InterpolationConstraint& constraint) {
  const QuietTerminal quiet;
  LinearProgram program = build_program(constraint);
  glp_smcp parameters;
  glp_init_smcp(&parameters);
  parameters.msg_lev = GLP_MSG_OFF;
  require_optimal(program.get(), glp_simplex(program.get(), &parameters), "glp_simplex");
  return vertex_from_basis(program.get(), constraint);
}

}  // namespace sgdbias
