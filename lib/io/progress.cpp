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

// "40% 400/1000  12.3/s  ETA 0m49s": the figures both sinks show.
std::string progress_figures(std::int64_t done, std::int64_t total, double elapsed_seconds) {
  const double fraction = total > 0 ? static_cast<double>(done) / static_cast<double>(total) : 1;
  const double rate = elapsed_seconds > 0 ? static_cast<double>(done) / elapsed_seconds : 0;
  // Nothing finished yet: no rate, so no estimate (not "0m00s" for as long as the first unit runs).
  const std::string eta = rate > 0 ? format_duration(static_cast<double>(total - done) / rate) : "--";
  char numbers[128];
  std::snprintf(numbers, sizeof numbers, "%3.0f%% %lld/%lld  %.1f/s  ETA %s", 100 * fraction,
                static_cast<long long>(done), static_cast<long long>(total), rate, eta.c_str());
  return numbers;
}

double seconds_between(std::chrono::steady_clock::time_point from, std::chrono::steady_clock::time_point to) {
  return std::chrono::duration<double>(to - from).count();
}

}  // namespace

void ProgressTrack::restart(std::string_view new_label, std::int64_t new_total) {
  label = new_label;
  total = new_total;
  last_done = 0;
  started = std::chrono::steady_clock::now();
  last_shown = started;
}

void TerminalProgress::start(std::string_view label, std::int64_t total) {
  track_.restart(label, total);
  draw(0, true);
}

void TerminalProgress::update(std::int64_t done) { draw(done, false); }

void TerminalProgress::finish() {
  draw(track_.last_done, true);
  terminal_ << '\n' << std::flush;
}

void TerminalProgress::draw(std::int64_t done, bool force) {
  const auto now = std::chrono::steady_clock::now();
  track_.last_done = done;
  if (!force && now - track_.last_shown < std::chrono::milliseconds(100)) return;
  track_.last_shown = now;
  constexpr int kWidth = 30;
  const double fraction = track_.total > 0 ? static_cast<double>(done) / static_cast<double>(track_.total) : 1;
  const int filled = static_cast<int>(fraction * kWidth);
  terminal_ << '\r' << track_.label << " [" << std::string(static_cast<std::size_t>(filled), '#')
            << std::string(static_cast<std::size_t>(kWidth - filled), ' ') << "] "
            << progress_figures(done, track_.total, seconds_between(track_.started, now)) << "  " << std::flush;
}

void LogProgress::start(std::string_view label, std::int64_t total) { track_.restart(label, total); }

void LogProgress::update(std::int64_t done) {
  track_.last_done = done;
  const auto now = std::chrono::steady_clock::now();
  if (now - track_.last_shown < interval_) return;
  track_.last_shown = now;
  write(done);
}

// A run shorter than one interval stays silent: an experiment of many small ensembles would
// otherwise leave a line for each.
void LogProgress::finish() {
  const auto now = std::chrono::steady_clock::now();
  if (now - track_.started < interval_) return;
  const double elapsed = seconds_between(track_.started, now);
  log_ << track_.label << ": done " << track_.last_done << '/' << track_.total << " in " << format_duration(elapsed)
       << '\n' << std::flush;
}

void LogProgress::write(std::int64_t done) {
  const double elapsed = seconds_between(track_.started, track_.last_shown);
  log_ << track_.label << ": " << progress_figures(done, track_.total, elapsed) << '\n' << std::flush;
}

std::unique_ptr<ProgressSink> make_progress() {
  if (::isatty(STDERR_FILENO) != 0) return std::make_unique<TerminalProgress>(std::cerr);
  return std::make_unique<LogProgress>(std::cerr, std::chrono::seconds(30));
}

}  // namespace sgdbias::io
