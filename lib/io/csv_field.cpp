#include "lib/io/csv_field.hpp"

namespace sgdbias::io {

std::string csv_field(std::string_view text) {
  if (text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
  std::string field = "\"";
  for (const char character : text) {
    if (character == '"') field += '"';
    field += character;
  }
  return field + '"';
}

std::vector<std::string> csv_records(std::string_view csv) {
  std::vector<std::string> records;
  std::string record;
  bool quoted = false;  // inside a quoted field; a doubled quote toggles twice and stays inside
  for (const char character : csv) {
    if (character == '"') quoted = !quoted;
    if (character == '\n' && !quoted) {
      if (!record.empty() && record.back() == '\r') record.pop_back();
      records.push_back(std::move(record));
      record.clear();
    } else {
      record += character;
    }
  }
  if (!record.empty()) records.push_back(std::move(record));
  return records;
}

}  // namespace sgdbias::io
