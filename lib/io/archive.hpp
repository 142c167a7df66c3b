#pragma once
// A tiny bit-exact text archive for partial results (the per-chunk files that make runs
// resumable). Doubles are stored as the 16 hex digits of their IEEE-754 bits, so a loaded
// chunk is bit-identical to the computed one and a resumed run equals an uninterrupted one.
// Tokens are whitespace-separated; a reader that meets the wrong token throws InvalidArgument.
#include <bit>
#include <cstdint>
#include <cstdio>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "lib/core/errors.hpp"

namespace sgdbias::io {

class ArchiveWriter {
 public:
  void write_tag(std::string_view tag) { text_ << tag << '\n'; }
  void write_integer(std::int64_t value) { text_ << value << '\n'; }
  void write_double(double value) {
    char digits[17];
    std::snprintf(digits, sizeof digits, "%016llx",
                  static_cast<unsigned long long>(std::bit_cast<std::uint64_t>(value)));
    text_ << digits << '\n';
  }
  void write_doubles(const std::vector<double>& values) {
    write_integer(static_cast<std::int64_t>(values.size()));
    for (double value : values) write_double(value);
  }
  std::string str() const { return text_.str(); }

 private:
  std::ostringstream text_;
};

class ArchiveReader {
 public:
  explicit ArchiveReader(std::string text) : text_(std::move(text)) {}

  void expect_tag(std::string_view tag) {
    const std::string token = next();
    require(token == tag, "ArchiveReader", "expected '", tag, "', found '", token, "'");
  }
  std::int64_t read_integer() {
    const std::string token = next();
    try {
      std::size_t used = 0;
      const long long value = std::stoll(token, &used);
      if (used == token.size()) return value;
    } catch (const std::exception&) {
    }
    throw InvalidArgument("ArchiveReader", describe("expected an integer, found '", token, "'"));
  }
  double read_double() {
    const std::string token = next();
    require(token.size() == 16, "ArchiveReader", "expected 16 hex digits, found '", token, "'");
    return std::bit_cast<double>(static_cast<std::uint64_t>(std::stoull(token, nullptr, 16)));
  }
  std::vector<double> read_doubles() {
    const std::int64_t size = read_integer();
    require(size >= 0, "ArchiveReader", "negative length ", size);
    std::vector<double> values(static_cast<std::size_t>(size));
    for (double& value : values) value = read_double();
    return values;
  }

 private:
  std::string next() {
    std::string token;
    require(static_cast<bool>(text_ >> token), "ArchiveReader", "unexpected end of archive");
    return token;
  }
  std::istringstream text_;
};

}  // namespace sgdbias::io
