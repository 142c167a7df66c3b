#include "problems/data/csv_dataset.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <vector>

#include "lib/core/errors.hpp"
#include "lib/core/quoted_text.hpp"

namespace sgdbias::problems {
namespace {

constexpr std::string_view kWhere = "load_csv_matrix";
constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";  // UTF-8 BOM, as spreadsheet programs write

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

// Where a field is, for messages: "file:line: column c".
struct Place {
  std::string_view source;
  Index line;
  std::size_t column;
};

[[noreturn]] void fail(const Place& place, std::string_view what) {
  throw InvalidArgument(kWhere, describe(place.source, ":", place.line, ": column ", place.column, " ", what));
}

// One line's fields. A field may be quoted ("a, b" with "" for a quote, as RFC 4180 and
// spreadsheet exports write it); a quote that is not closed on its line is refused by name
// (quoted fields spanning lines are not supported).
std::vector<std::string> split_fields(std::string_view line, Place place) {
  std::vector<std::string> fields;
  std::size_t at = 0;
  while (true) {
    place.column = fields.size() + 1;
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
    std::string field;
    if (at < line.size() && line[at] == '"') {
      std::size_t close = ++at;
      for (;; ++close) {
        if (close >= line.size()) {
          fail(place, "has a quote that is not closed on its line (quoted fields cannot span lines)");
        }
        if (line[close] != '"') continue;
        if (close + 1 < line.size() && line[close + 1] == '"') {
          field += line.substr(at, close + 1 - at);  // "" is one quote
          at = ++close + 1;
          continue;
        }
        break;
      }
      field += line.substr(at, close - at);
      at = close + 1;
      const std::size_t comma = std::min(line.find(',', at), line.size());
      if (!trim(line.substr(at, comma - at)).empty()) fail(place, "has text after its closing quote");
      at = comma;
    } else {
      const std::size_t comma = std::min(line.find(',', at), line.size());
      field = trim(line.substr(at, comma - at));
      at = comma;
    }
    fields.push_back(std::move(field));
    if (at >= line.size()) return fields;
    ++at;  // past the comma
  }
}

enum class FieldKind { kNumber, kOverflow, kText };

// Underflow (|x| below the smallest normal double, 1e-310 say) is a number: strtod returns the
// subnormal or zero and sets ERANGE, which must not make a data value look like a header name.
FieldKind classify(const std::string& field, double& value) {
  if (field.empty()) return FieldKind::kText;
  char* end = nullptr;
  errno = 0;
  value = std::strtod(field.c_str(), &end);
  if (end != field.c_str() + field.size()) return FieldKind::kText;
  if (errno == ERANGE && std::abs(value) == HUGE_VAL) return FieldKind::kOverflow;
  return FieldKind::kNumber;
}

// The first row is a header when none of its fields is a number: a row of numbers is never
// taken for names (a header guess that looked only at the first field ate a data row starting
// with 1e400 or 1e-310), and a row mixing both is refused as neither.
bool is_header(const std::vector<std::string>& fields, Place place) {
  std::size_t numbers = 0;
  for (const std::string& field : fields) {
    double value = 0.0;
    if (classify(field, value) != FieldKind::kText) ++numbers;
  }
  if (numbers == 0) return true;
  if (numbers == fields.size()) return false;
  place.column = 1;
  throw InvalidArgument(kWhere, describe(place.source, ":", place.line, ": the first row mixes numbers and names: "
                                         "neither a header (all names) nor a data row (all numbers)"));
}

void parse_row(const std::vector<std::string>& fields, Place place, std::vector<double>& values) {
  for (std::size_t c = 0; c < fields.size(); ++c) {
    place.column = c + 1;
    double value = 0.0;
    switch (classify(fields[c], value)) {
      case FieldKind::kText: fail(place, describe("(", quote_untrusted(fields[c]), ") is not a number"));
      case FieldKind::kOverflow:
        fail(place, describe("(", quote_untrusted(fields[c]), ") overflows a double (|x| > 1.8e308)"));
      case FieldKind::kNumber: break;
    }
    if (!std::isfinite(value)) fail(place, "is NaN or infinite");
    values.push_back(value);
  }
}

}  // namespace

Matrix parse_csv_matrix(std::string_view text, std::string_view source) {
  if (text.starts_with(kByteOrderMark)) text.remove_prefix(kByteOrderMark.size());
  std::vector<double> values;
  Index columns = -1;
  Index rows = 0;
  Index line_number = 0;
  for (std::size_t begin = 0; begin < text.size();) {
    const std::size_t end = std::min(text.find('\n', begin), text.size());
    const std::string_view content = trim(text.substr(begin, end - begin));
    begin = end + 1;
    ++line_number;
    if (content.empty() || content.front() == '#') continue;
    const Place place{source, line_number, 1};
    const std::vector<std::string> fields = split_fields(content, place);
    const bool first_row = columns < 0;
    if (!first_row) {
      require(static_cast<Index>(fields.size()) == columns, kWhere, source, ":", line_number, ": has ",
              fields.size(), " columns, expected ", columns, " like the first row");
    }
    columns = static_cast<Index>(fields.size());
    if (first_row && is_header(fields, place)) continue;
    parse_row(fields, place, values);
    ++rows;
  }
  require(rows >= 1, kWhere, quote_untrusted(source, 4096), " contains no data rows");
  Matrix matrix(rows, columns);
  for (Index i = 0; i < rows; ++i)
    for (Index j = 0; j < columns; ++j) matrix(i, j) = values[static_cast<std::size_t>(i * columns + j)];
  return matrix;
}

Matrix load_csv_matrix(const std::string& path) {
  std::ifstream file(path, std::ios::binary);
  require(file.good(), kWhere, "cannot open ", quote_untrusted(path, 4096));
  std::ostringstream content;
  content << file.rdbuf();
  require(!file.bad(), kWhere, "cannot read ", quote_untrusted(path, 4096));
  return parse_csv_matrix(content.str(), path);
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
