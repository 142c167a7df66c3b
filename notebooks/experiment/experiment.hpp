#pragma once
// Experiment: the record the CLI (and tests, and any other front end) runs — name, one-line
// summary, the study folder its data belongs to, the option table for --help, and `configure`,
// which turns (name, text) assignments into typed, validated options and returns the run
// (style.md §3.6). The Options type is erased here, so the registry is a plain list.
//
// An Options type provides: `static std::vector<OptionField<Options>> fields()` and
// `std::optional<std::string> validate() const` (a message naming the conflicting options).
#include <atomic>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "lib/core/errors.hpp"
#include "notebooks/experiment/close_match.hpp"
#include "notebooks/experiment/option_field.hpp"
#include "lib/io/progress.hpp"
#include "notebooks/run_folder/run_manifest.hpp"
#include "lib/monte_carlo/chunk_store.hpp"

namespace sgdbias {

class ChunkDealer;     // lib/monte_carlo/chunk_dealer.hpp
struct EnsembleHooks;  // lib/monte_carlo/ensemble.hpp

// What a running experiment may use. Everything an experiment writes goes into `folder`
// (tables through io::TableWriter) and is announced in `manifest.tables`.
struct RunContext {
  std::filesystem::path folder;
  std::uint64_t seed = 1;
  int threads = 0;
  io::ProgressSink& progress;
  std::ostream& report;                          // the human-readable summary (stdout)
  io::RunManifest& manifest;
  const ChunkStore* store = nullptr;             // finished chunks, for resuming
  const std::atomic<bool>* interrupt = nullptr;  // set by Ctrl-C
  ChunkDealer* dealer = nullptr;                 // the ranks of an MPI job share the ensembles' chunks

  // What a study passes to run_ensemble: progress, the chunk store under `tag`, Ctrl-C and the
  // dealer, so that every ensemble is resumable, interruptible and shared by the job's ranks.
  EnsembleHooks ensemble_hooks(std::string label, std::string tag) const;
};

inline constexpr std::string_view kCommandLineSource = "command line";

struct OptionAssignment {
  std::string name;   // without "--"
  std::string value;  // text, parsed by the field
  std::string source; // "command line" or the config file, for error messages
};

struct ConfiguredExperiment {
  std::vector<std::pair<std::string, io::ManifestValue>> options;  // all fields, after defaults
  std::function<void(RunContext&)> run;
};

struct Experiment {
  std::string name;     // e.g. "sparsity-bias"
  std::string summary;  // one line for `sgdbias list`
  std::string study;    // folder under notebooks/, e.g. "sparsity_bias"
  std::vector<OptionDescription> options;
  std::function<ConfiguredExperiment(const std::vector<OptionAssignment>&)> configure;
};

// A value from a config file that the field refuses: the message names the file too.
template <class Options>
void parse_assignment(const OptionField<Options>& field, Options& options, const OptionAssignment& assignment) {
  if (assignment.source == kCommandLineSource) {
    field.parse(options, assignment.value);
    return;
  }
  try {
    field.parse(options, assignment.value);
  } catch (const InvalidArgument& error) {
    throw InvalidArgument(assignment.source, error.what());
  }
}

template <class Options>
Options parse_options(const std::vector<OptionAssignment>& assignments) {
  const std::vector<OptionField<Options>> fields = Options::fields();
  Options options;
  for (const OptionAssignment& assignment : assignments) {
    const OptionField<Options>* field = nullptr;
    std::vector<std::string> names;
    for (const OptionField<Options>& candidate : fields) {
      if (candidate.name == assignment.name) field = &candidate;
      names.push_back(candidate.name);
    }
    if (field == nullptr) throw_unknown_option(assignment.name, assignment.source, names);
    parse_assignment(*field, options, assignment);
  }
  if (const std::optional<std::string> problem = options.validate()) throw InvalidArgument("options", *problem);
  return options;
}

template <class Options>
Experiment make_experiment(std::string name, std::string summary, std::string study,
                           void (*run)(const Options&, RunContext&)) {
  Experiment experiment{std::move(name), std::move(summary), std::move(study), {}, {}};
  const Options defaults;
  for (const OptionField<Options>& field : Options::fields()) {
    experiment.options.push_back({field.name, field.type, field.format(defaults), field.description, field.allowed});
  }
  experiment.configure = [run](const std::vector<OptionAssignment>& assignments) {
    const Options options = parse_options<Options>(assignments);
    ConfiguredExperiment configured;
    for (const OptionField<Options>& field : Options::fields()) {
      configured.options.emplace_back(field.name, field.value(options));
    }
    configured.run = [run, options](RunContext& context) { run(options, context); };
    return configured;
  };
  return experiment;
}

// The experiments the program knows, and which one runs without arguments.
struct Registry {
  std::vector<Experiment> experiments;
  std::string default_experiment;
  const Experiment* find(std::string_view name) const;
};

}  // namespace sgdbias
