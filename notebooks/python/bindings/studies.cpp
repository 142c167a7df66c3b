// The program's studies from Python: the same Experiment records, option tables and run folders
// as `sgdbias run NAME --key value ... --out DIR` (notebooks/cli/run_experiment.hpp), so a study run from
// a notebook writes the run.json and CSV tables the program writes, resumes the same way, and
// reproduces its numbers. The package (sgdbias/studies.py) turns keyword arguments into option
// text and reads the tables into pandas.
//
// GIL and Ctrl-C: the run happens on a C++ thread (the study's own thread pool below it) while
// the calling thread, without the GIL, waits and looks for a pending Python signal every 100 ms.
// On Ctrl-C it raises the study runner's interrupt flag (the flag the program's SIGINT handler
// raises): workers stop, finished chunks stay in DIR/chunks, run.json says "interrupted", and
// KeyboardInterrupt reaches Python; running the same call again resumes.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <future>
#include <sstream>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/cli/run_experiment.hpp"
#include "notebooks/cli/run_request.hpp"
#include "notebooks/experiment_index.hpp"
#include "notebooks/python/bindings/bindings.hpp"
#include "notebooks/python/bindings/python_interrupt.hpp"

namespace sgdbias::python {
namespace {

namespace py = pybind11;

const Registry& registry() {
  static const Registry index = experiment_index();
  return index;
}

const Experiment& find_study(const std::string& name) {
  const Experiment* experiment = registry().find(name);
  if (experiment == nullptr) {
    std::string names;
    for (const Experiment& known : registry().experiments) names += (names.empty() ? "" : ", ") + known.name;
    throw py::value_error(describe("unknown study '", name, "'; the studies are: ", names));
  }
  return *experiment;
}

struct StudyOutcome {
  int exit_code = 0;
  std::string report;  // what the program prints on stdout
  std::string errors;  // what it prints on stderr
};

// Waits for the study without the GIL; on a Python signal raises `interrupt` and waits for the
// workers to stop. Returns true when the run was interrupted from Python.
bool wait_for(std::future<void>& running, std::atomic<bool>& interrupt) {
  using namespace std::chrono_literals;
  while (running.wait_for(100ms) != std::future_status::ready) {
    if (!interrupt.load() && python_signal_pending()) interrupt.store(true);
  }
  return interrupt.load();
}

// Runs study `name` with its options (name, text) into `folder`; returns the exit code of the
// program's `run` command and its two outputs. A KeyboardInterrupt is raised after a Ctrl-C.
StudyOutcome run_study(const std::string& name, const std::vector<std::pair<std::string, std::string>>& options,
                       std::uint64_t seed, int threads, const std::string& folder) {
  const Experiment& experiment = find_study(name);
  cli::detail::RunRequest request;
  for (const auto& [option, value] : options) request.assignments.push_back({option, value, "run_study"});
  request.seed = seed;
  if (threads < 0 || threads > cli::detail::kMaxThreads) {
    throw py::value_error(describe("argument 'threads' must be in [0, ", cli::detail::kMaxThreads, "] (0: all cores), got ", threads));
  }
  request.threads = threads;
  request.folder = cli::detail::parse_out_folder(folder);
  // What `sgdbias run` would have been given (recorded in run.json's command_line).
  std::vector<std::string> words{"run", name};
  for (const auto& [option, value] : options) {
    words.push_back("--" + option);
    words.push_back(value);
  }
  words.insert(words.end(), {"--seed", std::to_string(seed), "--threads", std::to_string(threads), "--out", folder});
  // Option errors surface before any thread starts, as ValueError (InvalidArgument).
  (void)experiment.configure(request.assignments);

  std::atomic<bool> interrupt{false};
  StudyOutcome outcome;
  bool interrupted = false;
  {
    py::gil_scoped_release release;
    std::ostringstream out, err;
    std::packaged_task<void()> task([&] {
      const std::vector<std::string_view> command_line(words.begin(), words.end());
      outcome.exit_code = cli::run_experiment(experiment, request, command_line, out, err,
                                              cli::Environment{&interrupt, false});
    });
    std::future<void> running = task.get_future();
    std::thread worker(std::move(task));
    interrupted = wait_for(running, interrupt);
    worker.join();
    outcome.report = out.str();
    outcome.errors = err.str();
    running.get();  // rethrows what run_experiment threw (InvalidArgument: a usage error)
  }
  if (interrupted) {
    // The pending KeyboardInterrupt (set by PyErr_CheckSignals) goes to Python.
    throw py::error_already_set();
  }
  return outcome;
}

}  // namespace

void bind_studies(py::module_& module) {
  py::class_<StudyOutcome>(module, "_StudyOutcome")
      .def_readonly("exit_code", &StudyOutcome::exit_code)
      .def_readonly("report", &StudyOutcome::report)
      .def_readonly("errors", &StudyOutcome::errors);
  module.def("_run_study", &run_study, py::arg("name"), py::arg("options"), py::arg("seed"), py::arg("threads"),
             py::arg("folder"), "the program's `run` command (use sgdbias.run_study)");
  module.def("_studies", [] {
    std::vector<std::pair<std::string, std::string>> studies;
    for (const Experiment& experiment : registry().experiments) studies.emplace_back(experiment.name, experiment.summary);
    return studies;
  }, "(name, summary) of every study");
  module.def("_study_options", [](const std::string& name) {
    std::vector<std::vector<std::string>> rows;
    for (const OptionDescription& option : find_study(name).options) {
      rows.push_back({option.name, option.type, option.default_value, option.allowed, option.description});
    }
    return rows;
  }, py::arg("name"), "(name, type, default, allowed, description) of every option of a study");
  module.attr("_default_study") = registry().default_experiment;
}

}  // namespace sgdbias::python
