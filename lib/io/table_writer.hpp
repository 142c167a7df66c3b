#pragma once
// TableWriter: a tidy CSV table (one observation per row, one variable per column; Wickham,
// "Tidy data", 2014), written atomically. Doubles use the shortest representation that reads
// back to the same bits (std::to_chars), so equal results give equal bytes and notebooks lose
// nothing; non-finite values are written as nan / inf / -inf, which pandas reads as floats.
#include <cstdint>
#include <filesystem>
#include <string>
#include <variant>
#include <vector>

namespace sgdbias::io {

class TableWriter {
 public:
  using Cell = std::variant<std::int64_t, double, std::string>;

  explicit TableWriter(std::vector<std::string> columns);

  // Throws InvalidArgument unless the row has one cell per column.
  void add_row(std::vector<Cell> row);

  const std::vector<std::string>& columns() const { return columns_; }
  std::size_t rows() const { return rows_.size(); }
  std::string to_csv() const;
  void write(const std::filesystem::path& path) const;  // atomic (temp + rename)

 private:
  std::vector<std::string> columns_;
  std::vector<std::vector<Cell>> rows_;
};

// The shortest decimal text that parses back to exactly `value`.
std::string format_double(double value);

}  // namespace sgdbias::io
