// io::TerminalProgress drawn into a string stream: the meter's fraction and counts, and no
// estimate of the time left before anything has finished (a rate of 0 gives no ETA; it showed
// "ETA 0m00s" for as long as the first chunk ran, minutes on sde-integrators or sde-variants).
#include "lib/io/progress.hpp"

#include <sstream>
#include <string>

#include <gtest/gtest.h>

namespace sgdbias::io {
namespace {

TEST(TerminalProgress, ShowsNoTimeLeftBeforeTheFirstUnitFinishes) {
  std::ostringstream terminal;
  TerminalProgress progress(terminal);
  progress.start("integrators", 4);
  EXPECT_NE(terminal.str().find("integrators ["), std::string::npos) << terminal.str();
  EXPECT_NE(terminal.str().find("0% 0/4"), std::string::npos) << terminal.str();
  EXPECT_NE(terminal.str().find("ETA --"), std::string::npos) << terminal.str();
  EXPECT_EQ(terminal.str().find("ETA 0m00s"), std::string::npos) << terminal.str();
}

TEST(TerminalProgress, FinishDrawsTheLastCountAndEndsTheLine) {
  std::ostringstream terminal;
  TerminalProgress progress(terminal);
  progress.start("walk", 4);
  progress.update(4);
  progress.finish();
  EXPECT_NE(terminal.str().find("100% 4/4"), std::string::npos) << terminal.str();
  EXPECT_EQ(terminal.str().back(), '\n');
}

}  // namespace
}  // namespace sgdbias::io
