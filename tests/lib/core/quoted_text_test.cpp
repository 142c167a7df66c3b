// quote_untrusted(): untrusted text in an error message stays one line of bounded length.
#include "lib/core/quoted_text.hpp"

#include <string>

#include <gtest/gtest.h>

namespace sgdbias {
namespace {

TEST(QuoteUntrusted, EscapesControlCharactersSoTheMessageStaysOneLine) {
  EXPECT_EQ(quote_untrusted("a\nb\tc\rd\x1b[31m\x7f"), "'a\\nb\\tc\\rd\\x1b[31m\\x7f'");
  EXPECT_EQ(quote_untrusted(""), "''");
  EXPECT_EQ(quote_untrusted("0.5 µm"), "'0.5 µm'");  // UTF-8 is not a control character
}

TEST(QuoteUntrusted, ShowsAShortPrefixOfALongTextAndItsLength) {
  const std::string long_text(100000, '[');
  const std::string shown = quote_untrusted(long_text, 10);
  EXPECT_EQ(shown, "'[[[[[[[[[['... (100000 bytes)");
}

// A cut inside a multi-byte character would leave invalid UTF-8 on the terminal.
TEST(QuoteUntrusted, NeverCutsInsideAUtf8Character) {
  EXPECT_EQ(quote_untrusted("aµb", 2), "'a'... (4 bytes)");  // µ is 2 bytes: cutting after 2 would split it
}

}  // namespace
}  // namespace sgdbias
