#pragma once
// Ctrl-C handling for the program: the first SIGINT sets a flag that the ensemble engine polls
// (workers stop, finished chunks are already on disk, the CLI writes run.json and exits 130);
// the handler then restores the default action, so a second Ctrl-C ends the process at once.
#include <atomic>

namespace sgdbias::cli {

const std::atomic<bool>* install_interrupt_handler();

}  // namespace sgdbias::cli
