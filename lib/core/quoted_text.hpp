#pragma once
// Quoting untrusted text (an option value, a config key, a CSV field) inside an error message.
// The text comes from the user's files and shell, so the message must stay one readable line of
// bounded length: control characters are escaped (a newline or ESC would break the line or drive
// the terminal) and only a short prefix is shown (a megabyte-long value, or a deeply nested JSON
// value, must not be echoed whole).
#include <cstddef>
#include <string>
#include <string_view>

namespace sgdbias {

inline constexpr std::size_t kQuotedPrefixBytes = 80;

// 'text' with control characters written \n, \r, \t or \xHH; a text longer than `max_bytes` is
// cut (never inside a UTF-8 character) and followed by "... (N bytes)".
std::string quote_untrusted(std::string_view text, std::size_t max_bytes = kQuotedPrefixBytes);

// The same without the quotes, for text inside a fixed form ("unknown option --NAME"); a cut text
// ends in "...".
std::string escaped(std::string_view text, std::size_t max_bytes = kQuotedPrefixBytes);

}  // namespace sgdbias
