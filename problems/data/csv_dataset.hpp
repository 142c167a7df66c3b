#pragma once
// Loading users' own data: X and y from CSV files.
//
// Format: one row per line, values separated by commas (whitespace around values ignored),
// optional header line (skipped if its first field is not a number), '#' starts a comment line.
// Every row must have the same number of columns; a value that does not parse, NaN or Inf is
// an InvalidArgument naming the file, line and column.
#include <string>

#include "lib/core/linear_algebra.hpp"
#include "problems/data/dataset.hpp"

namespace sgdbias::problems {

Matrix load_csv_matrix(const std::string& path);

// X from `features_path` (n rows, d columns) and y from `targets_path` (n values: one column,
// or a single row). Validated with validate_dataset.
Dataset load_csv_dataset(const std::string& features_path, const std::string& targets_path);

// One file whose last column is y and the other columns X.
Dataset load_csv_dataset(const std::string& path);

}  // namespace sgdbias::problems
