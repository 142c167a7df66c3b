// io::TerminalProgress drawn into a string stream: the meter's fraction and counts, and no
// estimate of the time left before anything has finished (a rate of 0 gives no ETA; it showed
// "ETA 0m00s" for as long as the first chunk ran, minutes on sde-integrators or sde-variants).
// io::LogProgress (stderr not a terminal): whole lines without carriage returns, at most one per
// interval, and nothing at all from an ensemble shorter than the interval.
#include "lib/io/progress.hpp"

#include <algorithm>
#include <chrono>
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

// Interval 0: every update is due, so each one is a line of its own, then the closing line.
TEST(LogProgress, WritesWholeLinesWithTheCountsAndClosesWithTheTotal) {
  std::ostringstream log;
  LogProgress progress(log, std::chrono::milliseconds(0));
  progress.start("walk", 4);
  progress.update(1);
  progress.update(3);
  progress.finish();
  const std::string text = log.str();
  EXPECT_EQ(text.find('\r'), std::string::npos) << text;
  const std::size_t first = text.find("walk:  25% 1/4  ");
  const std::size_t second = text.find("walk:  75% 3/4  ");
  const std::size_t last = text.find("walk: done 3/4 in 0m00s\n");
  ASSERT_NE(first, std::string::npos) << text;
  ASSERT_NE(second, std::string::npos) << text;
  ASSERT_NE(last, std::string::npos) << text;
  EXPECT_LT(first, second);
  EXPECT_LT(second, last);
  EXPECT_EQ(std::count(text.begin(), text.end(), '\n'), 3) << text;
}

TEST(LogProgress, AnEnsembleShorterThanTheIntervalWritesNothing) {
  std::ostringstream log;
  LogProgress progress(log, std::chrono::hours(1));
  progress.start("walk", 4);
  progress.update(2);
  progress.update(4);
  progress.finish();
  EXPECT_EQ(log.str(), "");
}

}  // namespace
}  // namespace sgdbias::io
