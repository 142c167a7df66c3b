// install_interrupt_handler (notebooks/cli/interrupt_handler.hpp): SIGTERM, as `kill` and `timeout` send
// it, raises the interrupt flag the ensemble engine polls instead of ending the process, like
// Ctrl-C. (SIGINT is the same handler; one raised signal leaves the flag set for the process, so
// only one is tested here.)
#include "notebooks/cli/interrupt_handler.hpp"

#include <csignal>

#include <gtest/gtest.h>

namespace sgdbias::cli {
namespace {

TEST(InterruptHandler, SigtermRaisesTheFlagInsteadOfEndingTheProcess) {
  const std::atomic<bool>* interrupted = install_interrupt_handler();
  ASSERT_FALSE(interrupted->load());
  ASSERT_EQ(std::raise(SIGTERM), 0);  // with the default action the test process would end here
  EXPECT_TRUE(interrupted->load());
}

}  // namespace
}  // namespace sgdbias::cli
