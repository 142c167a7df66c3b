#pragma once
// A tidy CSV table written by an experiment, read back for a test: the header row names the
// columns, each further line is one observation (our tables never quote commas). Lookups that
// miss record a test failure naming what was looked for.
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>

namespace sgdbias::testing {

struct CsvTable {
  std::vector<std::string> columns;
  std::vector<std::vector<std::string>> rows;

  std::size_t column(const std::string& name) const {
    for (std::size_t c = 0; c < columns.size(); ++c)
      if (columns[c] == name) return c;
    ADD_FAILURE() << "no column " << name;
    return 0;
  }
  std::string text(std::size_t row, const std::string& name) const { return rows.at(row).at(column(name)); }
  double number(std::size_t row, const std::string& name) const { return std::stod(text(row, name)); }

  // Every row whose `name` column reads `value` (at least one expected).
  std::vector<std::size_t> rows_where(const std::string& name, const std::string& value) const {
    std::vector<std::size_t> found;
    for (std::size_t r = 0; r < rows.size(); ++r)
      if (text(r, name) == value) found.push_back(r);
    EXPECT_FALSE(found.empty()) << "no row with " << name << " = " << value;
    return found;
  }
  // The first row whose `name` reads `value` and, optionally, `number_name` ≈ `number_value`
  // (relative 1e-9: a number written and read back).
  std::size_t find(const std::string& name, const std::string& value, const std::string& number_name = {},
                   double number_value = 0.0) const {
    for (std::size_t r = 0; r < rows.size(); ++r) {
      if (text(r, name) != value) continue;
      if (!number_name.empty() && std::abs(number(r, number_name) / number_value - 1.0) > 1e-9) continue;
      return r;
    }
    ADD_FAILURE() << "no row with " << name << " = " << value;
    return 0;
  }
};

inline std::vector<std::string> split_csv_line(const std::string& line) {
  std::vector<std::string> cells;
  std::stringstream stream(line);
  for (std::string cell; std::getline(stream, cell, ',');) cells.push_back(cell);
  return cells;
}

inline CsvTable read_csv_table(const std::filesystem::path& file) {
  std::ifstream in(file);
  EXPECT_TRUE(in.good()) << "cannot read " << file;
  CsvTable table;
  std::string line;
  std::getline(in, line);
  table.columns = split_csv_line(line);
  while (std::getline(in, line)) table.rows.push_back(split_csv_line(line));
  return table;
}

}  // namespace sgdbias::testing
