#pragma once
// ProgressSink: where long runs report progress (diffrax's progress_meter null-object pattern).
// The ensemble engine calls it from ONE thread only (its coordinating thread), so sinks need no
// locking. NullProgress for tests; TerminalProgress redraws a one-line meter on stderr (fraction,
// rate, ETA) when stderr is a TTY; LogProgress writes the same figures as plain lines, at most one
// per interval, when it is not (nohup, batch jobs, CI logs, a notebook's captured stderr), so a
// long run shows it is alive there too. make_progress() picks between the two.
#include <chrono>
#include <cstdint>
#include <memory>
#include <ostream>
#include <string>

namespace sgdbias::io {

class ProgressSink {
 public:
  virtual ~ProgressSink() = default;
  virtual void start(std::string_view label, std::int64_t total) = 0;
  virtual void update(std::int64_t done) = 0;
  virtual void finish() = 0;
};

class NullProgress final : public ProgressSink {
 public:
  void start(std::string_view, std::int64_t) override {}
  void update(std::int64_t) override {}
  void finish() override {}
};

// What both visible sinks track over one ensemble: its label and total, the last count reported,
// when it started and when the sink last showed anything.
struct ProgressTrack {
  std::string label;
  std::int64_t total = 0;
  std::int64_t last_done = 0;
  std::chrono::steady_clock::time_point started;
  std::chrono::steady_clock::time_point last_shown;

  // A new ensemble: nothing done, started (and last shown) now.
  void restart(std::string_view new_label, std::int64_t new_total);
};

class TerminalProgress final : public ProgressSink {
 public:
  explicit TerminalProgress(std::ostream& terminal) : terminal_(terminal) {}
  void start(std::string_view label, std::int64_t total) override;
  void update(std::int64_t done) override;
  void finish() override;

 private:
  void draw(std::int64_t done, bool force);

  std::ostream& terminal_;
  ProgressTrack track_;
};

class LogProgress final : public ProgressSink {
 public:
  LogProgress(std::ostream& log, std::chrono::milliseconds interval) : log_(log), interval_(interval) {}
  void start(std::string_view label, std::int64_t total) override;
  void update(std::int64_t done) override;
  void finish() override;

 private:
  void write(std::int64_t done);

  std::ostream& log_;
  std::chrono::milliseconds interval_;
  ProgressTrack track_;
};

// On std::cerr: a TerminalProgress when stderr is a terminal, else a LogProgress writing a line
// at most every 30 s.
std::unique_ptr<ProgressSink> make_progress();

}  // namespace sgdbias::io
