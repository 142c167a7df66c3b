#include "lib/io/table_writer.hpp"

#include <charconv>
#include <cmath>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/io/atomic_file.hpp"
#include "lib/io/csv_field.hpp"

namespace sgdbias::io {
namespace {

void append_cell(std::string& out, const TableWriter::Cell& cell) {
  if (const auto* integer = std::get_if<std::int64_t>(&cell)) {
    out += std::to_string(*integer);
  } else if (const auto* real = std::get_if<double>(&cell)) {
    out += format_double(*real);
  } else {
    out += csv_field(std::get<std::string>(cell));  // RFC 4180 quoting when needed
  }
}

}  // namespace

std::string format_double(double value) {
  if (std::isnan(value)) return "nan";
  if (std::isinf(value)) return value > 0 ? "inf" : "-inf";
  char buffer[32];
  const std::to_chars_result result = std::to_chars(buffer, buffer + sizeof buffer, value);
  return std::string(buffer, result.ptr);
}

TableWriter::TableWriter(std::vector<std::string> columns) : columns_(std::move(columns)) {
  require(!columns_.empty(), "TableWriter", "a table needs at least one column");
}

void TableWriter::add_row(std::vector<Cell> row) {
  require(row.size() == columns_.size(), "TableWriter::add_row", "row has ", row.size(),
          " cells, the table ", columns_.size(), " columns");
  rows_.push_back(std::move(row));
}

std::string TableWriter::to_csv() const {
  std::string out;
  for (std::size_t column = 0; column < columns_.size(); ++column) {
    if (column > 0) out += ',';
    out += csv_field(columns_[column]);
  }
  out += '\n';
  for (const std::vector<Cell>& row : rows_) {
    for (std::size_t column = 0; column < row.size(); ++column) {
      if (column > 0) out += ',';
      append_cell(out, row[column]);
    }
    out += '\n';
  }
  return out;
}

void TableWriter::write(const std::filesystem::path& path) const { write_file_atomically(path, to_csv()); }

}  // namespace sgdbias::io
