#pragma once
// Ctrl-C and `kill` handling for the program: the first SIGINT or SIGTERM sets a flag that the
// ensemble engine polls (workers stop, finished chunks are already on disk, the CLI writes
// run.json with status "interrupted" and exits 130, so `sgdbias resume DIR` continues); the handler
// then restores that signal's default action, so a second one ends the process at once. SIGTERM
// is what `kill`, `timeout` and job schedulers send: without it a killed run left run.json saying
// "running".
#include <atomic>

namespace sgdbias::cli {

const std::atomic<bool>* install_interrupt_handler();

}  // namespace sgdbias::cli
