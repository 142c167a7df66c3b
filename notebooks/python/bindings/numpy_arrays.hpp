#pragma once
// NumPy arrays in and out of the module (notebooks/python/README.md, "Arrays").
//
// In: a float64 NumPy array is used in place (an Eigen view of its buffer, no copy) when its
// layout allows it: a 1-D array with unit stride for a vector. A strided float64 array (x[::2])
// is copied once into a contiguous temporary; a list or tuple of numbers is converted with
// numpy.asarray. Anything else is refused with ONE exception naming the argument: TypeError for
// a wrong dtype or an object that is not numbers, ValueError for a wrong shape or size. Another
// dtype is never converted silently (int64 → float64 would hide a copy and, for labels, a bug).
// Out (`out=` arguments): a writable, contiguous float64 array of the right size, written in
// place; anything else is refused the same way.
// Results: Eigen vectors and matrices are MOVED into the returned arrays (a capsule owns them).
#include <string_view>
#include <vector>

#include <Eigen/Core>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias::python {

namespace py = pybind11;

using RowMajorMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

// A read-only vector argument. `expected_size` < 0 accepts any size. The holder keeps the
// array alive; view() is valid as long as the holder is.
class VectorArgument {
 public:
  VectorArgument(const py::handle& object, std::string_view name, Index expected_size = -1);
  Eigen::Map<const Vector> view() const { return Eigen::Map<const Vector>(data_, size_); }
  Vector copy() const { return view(); }
  Index size() const { return size_; }
  // The buffer read (the caller's own when no copy was needed: tests check the zero-copy rule).
  const double* data() const { return data_; }

 private:
  py::array array_;
  const double* data_ = nullptr;
  Index size_ = 0;
};

// A read-only matrix argument (2-D). A C-ordered array is viewed as a row-major matrix, an
// F-ordered one as a column-major matrix; matrix() copies into the library's column-major Matrix
// (problems own their data).
class MatrixArgument {
 public:
  MatrixArgument(const py::handle& object, std::string_view name, Index expected_rows = -1, Index expected_cols = -1);
  Matrix matrix() const;
  Index rows() const { return rows_; }
  Index cols() const { return cols_; }

 private:
  py::array array_;
  Index rows_ = 0, cols_ = 0;
};

// A writable vector argument (`out=`): contiguous, writable, float64, exactly `expected_size`
// entries. The view writes into the caller's buffer.
VectorRef output_vector(const py::handle& object, std::string_view name, Index expected_size);

// Results owned by the returned arrays (moved, not copied).
py::array_t<double> to_numpy(Vector&& vector);
py::array_t<double> to_numpy(Matrix&& matrix);
py::array_t<double> to_numpy(std::vector<double>&& values);
py::array_t<std::int64_t> to_numpy(std::vector<Index>&& values);

}  // namespace sgdbias::python
