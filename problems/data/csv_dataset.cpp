#include "problems/data/csv_dataset.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "lib/core/errors.hpp"

namespace sgdbias::problems {
namespace {

constexpr std::string_view kWhere = "load_csv_matrix";

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

bool parse_double(const std::string& field, double& value) {
  if (field.empty()) return false;
  char* end = nullptr;
  errno = 0;
  value = std::strtod(field.c_str(), &end);
  return end == field.c_str() + field.size() && errno != ERANGE;
}

std::vector<std::string> split_fields(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream stream(line);
  std::string field;
  while (std::getline(stream, field, ',')) fields.push_back(trim(field));
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

}  // namespace

Matrix load_csv_matrix(const std::string& path) {
  std::ifstream file(path);
  require(file.good(), kWhere, "cannot open '", path, "'");
  std::vector<double> values;
  Index columns = -1;
  Index rows = 0;
  std::string line;
  for (Index line_number = 1; std::getline(file, line); ++line_number) {
    const std::string content = trim(line);
    if (content.empty() || content.front() == '#') continue;
    const std::vector<std::string> fields = split_fields(content);
    double first = 0.0;
    if (rows == 0 && columns < 0 && !parse_double(fields.front(), first)) {
      columns = static_cast<Index>(fields.size());  // header line
      continue;
    }
    require(columns < 0 || static_cast<Index>(fields.size()) == columns, kWhere, path, ":", line_number, ": has ",
            fields.size(), " columns, expected ", columns, " like the first row");
    columns = static_cast<Index>(fields.size());
    for (std::size_t c = 0; c < fields.size(); ++c) {
      double value = 0.0;
      require(parse_double(fields[c], value), kWhere, path, ":", line_number, ": column ", c + 1, " ('", fields[c],
              "') is not a number");
      require(std::isfinite(value), kWhere, path, ":", line_number, ": column ", c + 1, " is NaN or infinite");
      values.push_back(value);
    }
    ++rows;
  }
  require(rows >= 1, kWhere, "'", path, "' contains no data rows");
  Matrix matrix(rows, columns);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < columns; ++j) matrix(i, j) = values[static_cast<std::size_t>(i * columns + j)];
  return matrix;
}

Dataset load_csv_dataset(const std::string& features_path, const std::string& targets_path) {
  Dataset data{load_csv_matrix(features_path), Vector()};
  const Matrix targets = load_csv_matrix(targets_path);
  require(targets.rows() == 1 || targets.cols() == 1, "load_csv_dataset", "'", targets_path,
          "' must hold one column (or one row) of labels, got ", targets.rows(), "×", targets.cols());
  data.targets = targets.cols() == 1 ? Vector(targets.col(0)) : Vector(targets.row(0).transpose());
  validate_dataset(data, "load_csv_dataset");
  return data;
}

Dataset load_csv_dataset(const std::string& path) {
  const Matrix table = load_csv_matrix(path);
  require(table.cols() >= 2, "load_csv_dataset", "'", path, "' needs at least two columns (features..., label)");
  Dataset data{table.leftCols(table.cols() - 1), table.col(table.cols() - 1)};
  validate_dataset(data, "load_csv_dataset");
  return data;
}

}  // namespace sgdbias::problems
