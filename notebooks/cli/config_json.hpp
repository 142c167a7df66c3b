#pragma once
// The JSON reader for config files and run.json: the text is the user's (or anyone's), so it is
// read defensively. Nesting is bounded (a config is a flat object of options; a deeply nested
// value would otherwise exhaust the stack wherever it is printed or compared), a key given twice
// in one object is refused naming both values (JSON parsers keep the last one silently), and a
// real number keeps the text it was typed as (a string holding "1e3", not the double 1000.0), so
// an option that refuses it quotes the user's own text.
#include <cstddef>
#include <string_view>

#include <nlohmann/json.hpp>

namespace sgdbias::cli::detail {

inline constexpr std::size_t kMaxConfigDepth = 32;

// Parses `text`; throws InvalidArgument(source, ...) for malformed JSON, a number beyond the
// double range, nesting deeper than kMaxConfigDepth or a duplicate key. Messages quote at most a
// short prefix of any value (quote_untrusted()).
nlohmann::json parse_config_json(std::string_view text, std::string_view source);

}  // namespace sgdbias::cli::detail
