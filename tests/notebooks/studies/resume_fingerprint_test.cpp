// `sgdbias resume DIR` configures the run again from the options its run.json recorded and finds
// its saved chunks only if that gives the same fingerprint as the first start. This holds for
// every experiment's defaults: a default list written in another order than its option parses to
// (sde-variants' methods did) made every resume of that experiment refuse its own run.
#include <gtest/gtest.h>

#include <filesystem>

#include "notebooks/cli/run_request.hpp"
#include "notebooks/experiment_index.hpp"
#include "notebooks/run_folder/run_manifest.hpp"
#include "tests/support/scratch_folder.hpp"

namespace sgdbias {
namespace {

TEST(ResumeFingerprint, EveryExperimentsDefaultsReadBackFromRunJsonConfigureTheSameRun) {
  const Registry registry = experiment_index();
  for (const Experiment& experiment : registry.experiments) {
    const ConfiguredExperiment started = experiment.configure({});
    const testing::ScratchFolder folder("resume-fingerprint");
    io::RunManifest manifest;
    manifest.experiment = experiment.name;
    manifest.options = started.options;
    io::write_manifest(folder.path(), manifest);

    cli::detail::RunRequest request;
    const ConfiguredExperiment resumed =
        experiment.configure(cli::detail::read_config(folder.path() / "run.json", experiment, request));
    EXPECT_EQ(cli::detail::fingerprint(experiment, 1, resumed), cli::detail::fingerprint(experiment, 1, started))
        << experiment.name;
  }
}

}  // namespace
}  // namespace sgdbias
