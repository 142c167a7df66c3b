#pragma once
// Complex flow states: the principal flow leaves R^D when some hλ > 1 (bea.md §4.5).
#include <Eigen/Core>

namespace sgdbias {

using ComplexVector = Eigen::VectorXcd;
using ComplexMatrix = Eigen::MatrixXcd;

}  // namespace sgdbias
