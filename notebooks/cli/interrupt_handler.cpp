#include "notebooks/cli/interrupt_handler.hpp"

#include <csignal>

namespace sgdbias::cli {
namespace {

// The one global of the program: a signal handler can reach nothing else. Lock-free atomics are
// async-signal-safe.
std::atomic<bool> interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_interrupt(int signal_number) {
  interrupted.store(true);
  std::signal(signal_number, SIG_DFL);
}

}  // namespace

const std::atomic<bool>* install_interrupt_handler() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  return &interrupted;
}

}  // namespace sgdbias::cli
