#pragma once
// One field of a CSV file as RFC 4180 writes it: the text as is, or, when it holds a comma, a
// double quote or a line break (LF or CR), the text in double quotes with each inner quote doubled.
// And the inverse split of a CSV text into records, at the line breaks outside quotes. Shared by
// TableWriter and by whatever joins CSV text (the sweep's concatenated tables, notebooks/cli/).
#include <string>
#include <string_view>
#include <vector>

namespace sgdbias::io {

std::string csv_field(std::string_view text);

// The records of `csv` (without their "\n" or "\r\n"): a line break inside a quoted field stays
// in its record. A final line break ends the last record and opens none.
std::vector<std::string> csv_records(std::string_view csv);

}  // namespace sgdbias::io
