// Writes a TableWriter table for tests/lib/io/table_round_trip.py: the text cells come from a file
// of NUL-separated fields (so they may hold any character, line breaks included); column "text"
// holds them, column "row" their index, and a third column with a name that needs quoting holds 0.5.
// Usage: table_round_trip_writer FIELDS_FILE OUT_CSV
#include <cstdint>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <string>

#include "lib/io/table_writer.hpp"

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s FIELDS_FILE OUT_CSV\n", argv[0]);
    return 2;
  }
  std::ifstream in(argv[1], std::ios::binary);
  const std::string fields((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  sgdbias::io::TableWriter table({"text", "row", "value, \"quoted\"\nname"});
  std::int64_t row = 0;
  for (std::size_t start = 0; start < fields.size();) {
    const std::size_t end = fields.find('\0', start);
    table.add_row({fields.substr(start, end - start), row++, 0.5});
    start = end == std::string::npos ? fields.size() : end + 1;
  }
  table.write(argv[2]);
  return 0;
}
