#include "notebooks/experiment/close_match.hpp"

#include <algorithm>
#include <numeric>

#include "lib/core/errors.hpp"
#include "lib/core/quoted_text.hpp"

namespace sgdbias {

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  std::iota(row.begin(), row.end(), std::size_t{0});
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      const std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::optional<std::string> closest_match(std::string_view name, const std::vector<std::string>& candidates) {
  std::optional<std::string> best;
  std::size_t best_distance = std::max<std::size_t>(2, name.size() / 3) + 1;
  for (const std::string& candidate : candidates) {
    const std::size_t distance = edit_distance(name, candidate);
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

void throw_unknown_option(std::string_view name, std::string_view source, const std::vector<std::string>& candidates) {
  std::string message = "unknown option --" + escaped(name);
  if (const std::optional<std::string> match = closest_match(name, candidates)) {
    message += "; did you mean --" + *match + "?";
  } else {
    std::string all;
    for (const std::string& candidate : candidates) all += (all.empty() ? "--" : ", --") + candidate;
    message += " (options: " + all + ")";
  }
  throw InvalidArgument(source, message);
}

}  // namespace sgdbias
