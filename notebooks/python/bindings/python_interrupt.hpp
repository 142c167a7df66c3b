#pragma once
// Ctrl-C while C++ works with the GIL released. Python's own SIGINT handler only sets a flag that
// the interpreter looks at between bytecodes, so a long C++ call would not notice it. These
// helpers look at it from C++: PyErr_CheckSignals() (with the GIL taken back for that instant)
// runs the Python-level handler, which raises KeyboardInterrupt as the pending error.
#include <chrono>

#include <pybind11/pybind11.h>

namespace sgdbias::python {

// True when a signal handler raised (KeyboardInterrupt is then the pending Python error).
// Must be called WITHOUT the GIL held.
inline bool python_signal_pending() {
  pybind11::gil_scoped_acquire gil;
  if (PyErr_CheckSignals() == 0) return false;
  return true;
}

// Polls python_signal_pending() at most every `interval`, from a loop that runs without the GIL
// (taking the GIL costs ~µs; the clock read ~20 ns). throw_if_interrupted() throws
// pybind11::error_already_set (the KeyboardInterrupt), which the binding lets through to Python.
class InterruptPoll {
 public:
  explicit InterruptPoll(std::chrono::milliseconds interval = std::chrono::milliseconds(100)) : interval_(interval) {}

  void throw_if_interrupted() {
    const auto now = std::chrono::steady_clock::now();
    if (now - last_ < interval_) return;
    last_ = now;
    pybind11::gil_scoped_acquire gil;
    if (PyErr_CheckSignals() != 0) throw pybind11::error_already_set();
  }

 private:
  std::chrono::milliseconds interval_;
  std::chrono::steady_clock::time_point last_ = std::chrono::steady_clock::now();
};

}  // namespace sgdbias::python
