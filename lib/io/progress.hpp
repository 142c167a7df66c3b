#pragma once
// ProgressSink: where long runs report progress (diffrax's progress_meter null-object pattern).
// The ensemble engine calls it from ONE thread only (its coordinating thread), so sinks need no
// locking. NullProgress for tests and non-terminals; TerminalProgress draws a one-line meter on
// stderr (fraction, rate, ETA) and is chosen by make_progress() only when stderr is a TTY.
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

class TerminalProgress final : public ProgressSink {
 public:
  explicit TerminalProgress(std::ostream& terminal) : terminal_(terminal) {}
  void start(std::string_view label, std::int64_t total) override;
  void update(std::int64_t done) override;
  void finish() override;

 private:
  void draw(std::int64_t done, bool force);

  std::ostream& terminal_;
  std::string label_;
  std::int64_t total_ = 0;
  std::int64_t last_done_ = 0;
  std::chrono::steady_clock::time_point started_;
  std::chrono::steady_clock::time_point last_drawn_;
};

// A TerminalProgress on std::cerr when stderr is a terminal, else a NullProgress.
std::unique_ptr<ProgressSink> make_progress();

}  // namespace sgdbias::io
