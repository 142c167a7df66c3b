#include "notebooks/python/bindings/numpy_arrays.hpp"

#include <cstdint>
#include <memory>
#include <string>
#include <utility>

#include "lib/core/errors.hpp"

namespace sgdbias::python {
namespace {

std::string shape_text(const py::array& array) {
  std::string text = "(";
  for (py::ssize_t axis = 0; axis < array.ndim(); ++axis) {
    text += std::to_string(array.shape(axis));
    if (array.ndim() == 1 || axis + 1 < array.ndim()) text += axis + 1 < array.ndim() ? ", " : ",";
  }
  return text + ")";
}

std::string dtype_text(const py::array& array) { return py::str(array.dtype()).cast<std::string>(); }

// The ndarray behind an argument: the object itself if it is one, else numpy.asarray(object).
// Only float64 passes; the conversion of a list of numbers gives float64 by itself.
py::array float64_array(const py::handle& object, std::string_view name) {
  py::array array;
  if (py::isinstance<py::array>(object)) {
    array = py::reinterpret_borrow<py::array>(object);
  } else {
    try {
      array = py::module_::import("numpy").attr("asarray")(object);
    } catch (const py::error_already_set&) {
      throw py::type_error(describe("argument '", name, "' must be a float64 NumPy array (or a list of numbers), got ",
                                    py::str(py::type::of(object)).cast<std::string>()));
    }
    if (array.dtype().kind() == 'i' || array.dtype().kind() == 'u') {
      array = py::module_::import("numpy").attr("asarray")(object, "float64");  // a list like [1, 2, 3]
    }
  }
  if (!array.dtype().is(py::dtype::of<double>())) {
    throw py::type_error(describe("argument '", name, "' must be a float64 array, got dtype ", dtype_text(array),
                                  " (convert it with .astype(float))"));
  }
  return array;
}

}  // namespace

VectorArgument::VectorArgument(const py::handle& object, std::string_view name, Index expected_size) {
  py::array array = float64_array(object, name);
  if (array.ndim() != 1) {
    throw py::value_error(describe("argument '", name, "' must be a 1-D array, got shape ", shape_text(array)));
  }
  if (expected_size >= 0 && array.shape(0) != expected_size) {
    throw py::value_error(
        describe("argument '", name, "' must have ", expected_size, " entries, got ", array.shape(0)));
  }
  // Unit stride: view the caller's buffer. Otherwise one contiguous copy (the layout does not allow a view).
  if (array.shape(0) > 1 && array.strides(0) != static_cast<py::ssize_t>(sizeof(double))) {
    array = py::array_t<double, py::array::c_style | py::array::forcecast>::ensure(array);
  }
  array_ = std::move(array);
  data_ = static_cast<const double*>(array_.data());
  size_ = array_.shape(0);
}

MatrixArgument::MatrixArgument(const py::handle& object, std::string_view name, Index expected_rows,
                               Index expected_cols) {
  py::array array = float64_array(object, name);
  if (array.ndim() != 2) {
    throw py::value_error(describe("argument '", name, "' must be a 2-D array, got shape ", shape_text(array)));
  }
  rows_ = array.shape(0);
  cols_ = array.shape(1);
  if ((expected_rows >= 0 && rows_ != expected_rows) || (expected_cols >= 0 && cols_ != expected_cols)) {
    throw py::value_error(describe("argument '", name, "' must have shape (", expected_rows >= 0 ? std::to_string(expected_rows) : "any",
                                   ", ", expected_cols >= 0 ? std::to_string(expected_cols) : "any", "), got ",
                                   shape_text(array)));
  }
  array_ = std::move(array);
}

Matrix MatrixArgument::matrix() const {
  const auto element = static_cast<py::ssize_t>(sizeof(double));
  const double* data = static_cast<const double*>(array_.data());
  using Stride = Eigen::Stride<Eigen::Dynamic, Eigen::Dynamic>;
  // Any strides (C order, F order, slices): one strided map, copied into the column-major Matrix.
  const Eigen::Map<const Matrix, 0, Stride> view(data, rows_, cols_,
                                                 Stride(array_.strides(1) / element, array_.strides(0) / element));
  return view;
}

VectorRef output_vector(const py::handle& object, std::string_view name, Index expected_size) {
  if (!py::isinstance<py::array>(object)) {
    throw py::type_error(describe("argument '", name, "' must be a writable float64 NumPy array, got ",
                                  py::str(py::type::of(object)).cast<std::string>()));
  }
  py::array array = py::reinterpret_borrow<py::array>(object);
  if (!array.dtype().is(py::dtype::of<double>())) {
    throw py::type_error(describe("argument '", name, "' must be a float64 array, got dtype ", dtype_text(array)));
  }
  if (array.ndim() != 1 || array.shape(0) != expected_size) {
    throw py::value_error(describe("argument '", name, "' must be a 1-D array of ", expected_size,
                                   " entries, got shape ", shape_text(array)));
  }
  if (expected_size > 1 && array.strides(0) != static_cast<py::ssize_t>(sizeof(double))) {
    throw py::value_error(describe("argument '", name,
                                   "' must be contiguous (it is written in place; a strided view like x[::2] "
                                   "cannot be), got stride ", array.strides(0), " bytes"));
  }
  if (!array.writeable()) throw py::value_error(describe("argument '", name, "' is read-only (it is written in place)"));
  return Eigen::Map<Vector>(static_cast<double*>(array.mutable_data()), expected_size);
}

py::array_t<double> to_numpy(Vector&& vector) {
  auto* owned = new Vector(std::move(vector));
  py::capsule owner(owned, [](void* pointer) { delete static_cast<Vector*>(pointer); });
  return py::array_t<double>({owned->size()}, {static_cast<py::ssize_t>(sizeof(double))}, owned->data(), owner);
}

py::array_t<double> to_numpy(Matrix&& matrix) {
  auto* owned = new Matrix(std::move(matrix));
  py::capsule owner(owned, [](void* pointer) { delete static_cast<Matrix*>(pointer); });
  const auto element = static_cast<py::ssize_t>(sizeof(double));
  return py::array_t<double>({owned->rows(), owned->cols()}, {element, element * owned->rows()}, owned->data(), owner);
}

py::array_t<double> to_numpy(std::vector<double>&& values) {
  auto* owned = new std::vector<double>(std::move(values));
  py::capsule owner(owned, [](void* pointer) { delete static_cast<std::vector<double>*>(pointer); });
  return py::array_t<double>({static_cast<py::ssize_t>(owned->size())}, {static_cast<py::ssize_t>(sizeof(double))},
                             owned->data(), owner);
}

py::array_t<std::int64_t> to_numpy(std::vector<Index>&& values) {
  static_assert(sizeof(Index) == sizeof(std::int64_t));
  auto* owned = new std::vector<Index>(std::move(values));
  py::capsule owner(owned, [](void* pointer) { delete static_cast<std::vector<Index>*>(pointer); });
  return py::array_t<std::int64_t>({static_cast<py::ssize_t>(owned->size())},
                                   {static_cast<py::ssize_t>(sizeof(std::int64_t))},
                                   reinterpret_cast<const std::int64_t*>(owned->data()), owner);
}

}  // namespace sgdbias::python
