#pragma once
// The linear-algebra vocabulary every sgdbias interface uses.
//
// Passing conventions (Eigen's doc/FunctionsTakingEigenTypes.dox):
//   * read-only vector argument:  const ConstVectorRef&   (accepts any expression or block)
//   * output / in-out argument:   VectorRef by value      (a writable view; never resized)
//   * never `auto` for an Eigen expression, never Eigen objects by value.
// Outputs are caller-owned and already sized: hot loops allocate nothing.
#include <Eigen/Core>

namespace sgdbias {

using Index = Eigen::Index;
using Vector = Eigen::VectorXd;
using Matrix = Eigen::MatrixXd;
using VectorRef = Eigen::Ref<Vector>;
using ConstVectorRef = Eigen::Ref<const Vector>;
using MatrixRef = Eigen::Ref<Matrix>;
using ConstMatrixRef = Eigen::Ref<const Matrix>;

}  // namespace sgdbias
