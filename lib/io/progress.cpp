#include "lib/io/progress.hpp"

#include <unistd.h>

#include <cstdio>
#include <iostream>

namespace sgdbias::io {
namespace {

std::string format_duration(double seconds) {
  char text[32];
  const long whole = static_cast<long>(seconds + 0.5);
  if (whole >= 3600) {
    std::snprintf(text, sizeof text, "%ldh%02ldm", whole / 3600, (whole / 60) % 60);
  } else {
    std::snprintf(text, sizeof text, "%ldm%02lds", whole / 60, whole % 60);
  }
  return text;
}

}  // namespace

void TerminalProgress::start(std::string_view label, std::int64_t total) {
  label_ = label;
  total_ = total;
  last_done_ = 0;
  started_ = std::chrono::steady_clock::now();
  last_drawn_ = started_;
  draw(0, true);
}

void TerminalProgress::update(std::int64_t done) { draw(done, false); }

void TerminalProgress::finish() {
  draw(last_done_, true);
  terminal_ << '\n' << std::flush;
}

void TerminalProgress::draw(std::int64_t done, bool force) {
  const auto now = std::chrono::steady_clock::now();
  last_done_ = done;
  if (!force && now - last_drawn_ < std::chrono::milliseconds(100)) return;
  last_drawn_ = now;
  constexpr int kWidth = 30;
  const double fraction = total_ > 0 ? static_cast<double>(done) / static_cast<double>(total_) : 1;
  const int filled = static_cast<int>(fraction * kWidth);
  const double elapsed = std::chrono::duration<double>(now - started_).count();
  const double rate = elapsed > 0 ? static_cast<double>(done) / elapsed : 0;
  // Nothing finished yet: no rate, so no estimate (not "0m00s" for as long as the first unit runs).
  const std::string eta = rate > 0 ? format_duration(static_cast<double>(total_ - done) / rate) : "--";
  char numbers[128];
  std::snprintf(numbers, sizeof numbers, "] %3.0f%% %lld/%lld  %.1f/s  ETA %s  ", 100 * fraction,
                static_cast<long long>(done), static_cast<long long>(total_), rate, eta.c_str());
  terminal_ << '\r' << label_ << " [" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << numbers << std::flush;
}

std::unique_ptr<ProgressSink> make_progress() {
  if (::isatty(STDERR_FILENO) != 0) return std::make_unique<TerminalProgress>(std::cerr);
  return std::make_unique<NullProgress>();
}

}  // namespace sgdbias::io
