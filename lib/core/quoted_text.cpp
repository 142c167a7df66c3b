#include "lib/core/quoted_text.hpp"

namespace sgdbias {
namespace {

void append_escaped(std::string& out, char character) {
  const auto byte = static_cast<unsigned char>(character);
  if (character == '\n') out += "\\n";
  else if (character == '\r') out += "\\r";
  else if (character == '\t') out += "\\t";
  else if (byte < 0x20 || byte == 0x7f) {
    constexpr char kHex[] = "0123456789abcdef";
    out += "\\x";
    out += kHex[byte >> 4];
    out += kHex[byte & 0xf];
  } else {
    out += character;
  }
}

bool is_utf8_continuation(char character) { return (static_cast<unsigned char>(character) & 0xc0) == 0x80; }

std::size_t shown_prefix(std::string_view text, std::size_t max_bytes) {
  if (text.size() <= max_bytes) return text.size();
  std::size_t shown = max_bytes;
  while (shown > 0 && is_utf8_continuation(text[shown])) --shown;
  return shown;
}

}  // namespace

std::string quote_untrusted(std::string_view text, std::size_t max_bytes) {
  const std::size_t shown = shown_prefix(text, max_bytes);
  std::string out = "'";
  for (std::size_t i = 0; i < shown; ++i) append_escaped(out, text[i]);
  out += '\'';
  if (shown < text.size()) out += "... (" + std::to_string(text.size()) + " bytes)";
  return out;
}

std::string escaped(std::string_view text, std::size_t max_bytes) {
  const std::size_t shown = shown_prefix(text, max_bytes);
  std::string out;
  for (std::size_t i = 0; i < shown; ++i) append_escaped(out, text[i]);
  if (shown < text.size()) out += "...";
  return out;
}

}  // namespace sgdbias
