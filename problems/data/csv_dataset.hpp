#pragma once
// Loading users' own data: X and y from CSV files.
//
// Format: one row per line, values separated by commas (whitespace around values ignored), a
// field may be "quoted" ("" inside is a quote; a quote cannot span lines), '#' starts a comment
// line, a UTF-8 byte-order mark is skipped. The first row is a header when none of its fields is
// a number (a row mixing numbers and names is refused), so no data row is ever taken for one.
// Every row must have the same number of columns; a value that does not parse, overflows a
// double (1e400), or is NaN or Inf is an InvalidArgument naming the file, line and column.
// Subnormal values (1e-310) are numbers.
#include <string>
#include <string_view>

#include "lib/core/linear_algebra.hpp"
#include "problems/data/dataset.hpp"

namespace sgdbias::problems {

Matrix load_csv_matrix(const std::string& path);
// The same for a file's `text`; `source` names it in messages.
Matrix parse_csv_matrix(std::string_view text, std::string_view source);

// X from `features_path` (n rows, d columns) and y from `targets_path` (n values: one column,
// or a single row). Validated with validate_dataset.
Dataset load_csv_dataset(const std::string& features_path, const std::string& targets_path);

// One file whose last column is y and the other columns X.
Dataset load_csv_dataset(const std::string& path);

}  // namespace sgdbias::problems
