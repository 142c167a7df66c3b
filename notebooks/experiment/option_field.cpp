#include "notebooks/experiment/option_field.hpp"

#include <charconv>
#include <cmath>
#include <limits>

#include "lib/core/errors.hpp"
#include "lib/core/quoted_text.hpp"
#include "lib/io/table_writer.hpp"

namespace sgdbias {

bool Range::contains(double value) const {
  const bool above = lower_open ? value > lower : value >= lower;
  const bool below = upper_open ? value < upper : value <= upper;
  return above && below;
}

std::string format_real(double value) { return io::format_double(value); }

std::string Range::text() const {
  return std::string(lower_open ? "(" : "[") + format_real(lower) + ", " + format_real(upper) +
         (upper_open ? ")" : "]");
}

std::string Range::integer_text() const {
  const auto bound = [](double value) {  // beyond int64 (or infinite): the real form
    return std::abs(value) < 9e18 ? std::to_string(static_cast<std::int64_t>(value)) : format_real(value);
  };
  return std::string(lower_open ? "(" : "[") + bound(lower) + ", " + bound(upper) + (upper_open ? ")" : "]");
}

namespace detail {

void throw_bad_value(std::string_view option, std::string_view text, std::string_view what,
                     std::string_view allowed) {
  throw InvalidArgument("--" + std::string(option),
                        describe("value ", quote_untrusted(text), " ", what, " (allowed: ", allowed, ")"));
}

std::int64_t parse_integer(std::string_view option, std::string_view text, const Range& range) {
  std::int64_t value = 0;
  const char* end = text.data() + text.size();
  const std::from_chars_result result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc() || result.ptr != end) {
    throw_bad_value(option, text, "is not an integer", range.integer_text());
  }
  if (!range.contains(static_cast<double>(value))) {
    throw_bad_value(option, text, "is out of range", range.integer_text());
  }
  return value;
}

double parse_real(std::string_view option, std::string_view text, const Range& range) {
  double value = 0;
  const char* end = text.data() + text.size();
  const std::from_chars_result result = std::from_chars(text.data(), end, value);
  if (text.empty() || result.ec != std::errc() || result.ptr != end || !std::isfinite(value)) {
    throw_bad_value(option, text, "is not a finite real number", range.text());
  }
  if (!range.contains(value)) throw_bad_value(option, text, "is out of range", range.text());
  return value;
}

bool parse_flag(std::string_view option, std::string_view text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  throw_bad_value(option, text, "is not a flag value", "true|false|1|0|yes|no|on|off");
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  std::size_t begin = 0;
  while (begin <= text.size()) {
    const std::size_t comma = std::min(text.find(',', begin), text.size());
    items.emplace_back(text.substr(begin, comma - begin));
    begin = comma + 1;
  }
  return items;
}

std::string join(const std::vector<std::string>& names, std::string_view separator) {
  std::string joined;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) joined += separator;
    joined += names[i];
  }
  return joined;
}

}  // namespace detail
}  // namespace sgdbias
