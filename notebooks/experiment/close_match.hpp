#pragma once
// Close-match suggestions for mistyped names ("--step-sise: unknown option; did you mean
// --step-size?"), by Levenshtein distance.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sgdbias {

std::size_t edit_distance(std::string_view a, std::string_view b);

// The candidate closest to `name`, if it is within max(2, |name|/3) edits.
std::optional<std::string> closest_match(std::string_view name, const std::vector<std::string>& candidates);

// Throws InvalidArgument: "<source>: unknown option --<name>; did you mean --x? (options: ...)".
[[noreturn]] void throw_unknown_option(std::string_view name, std::string_view source,
                                       const std::vector<std::string>& candidates);

}  // namespace sgdbias
