// cli::run as a plain function: commands, help, errors with exit codes, run folders, resume,
// thread-count independence of the written tables. Uses a toy random-walk experiment built on
// run_ensemble; every draw comes from RandomStream(seed, trajectory, purpose), so runs are
// bit-identical for a seed.
#include "notebooks/cli/command_line.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "lib/io/atomic_file.hpp"
#include "lib/io/table_writer.hpp"
#include "lib/monte_carlo/ensemble.hpp"
#include "lib/monte_carlo/ensemble_summary.hpp"

#include "tests/support/scratch_folder.hpp"

namespace sgdbias::cli {
namespace {

struct WalkOptions {
  Index trajectories = 64;
  Index steps = 20;
  double drift = 0.0;
  static std::vector<OptionField<WalkOptions>> fields() {
    return {integer_option("trajectories", &WalkOptions::trajectories, "random walks", Range{1, 100000}),
            integer_option("steps", &WalkOptions::steps, "steps per walk", Range{1, 1000}),
            real_option("drift", &WalkOptions::drift, "drift per step", Range{-1, 1})};
  }
  std::optional<std::string> validate() const { return std::nullopt; }
};

// The toy run; when interrupt_at ≥ 0 it raises the interrupt flag at that trajectory (as Ctrl-C would);
// with exhaust_memory it fails as an allocation beyond the machine's memory would.
std::atomic<bool> toy_interrupt{false};
Index interrupt_at = -1;
bool exhaust_memory = false;
bool fail_writing = false;  // a table write fails as on a full or read-only disk

void run_walk(const WalkOptions& options, RunContext& context) {
  if (exhaust_memory) throw std::bad_alloc();
  if (fail_writing) io::write_file_atomically("/proc/sgdbias-unwritable/walks.csv", "");  // fails even for root
  auto simulate = [options](const TrajectoryContext& trajectory) {
    if (trajectory.trajectory == interrupt_at) toy_interrupt = true;
    RandomStream stream = trajectory.stream(Purpose::kTest);
    double value = 0;
    for (Index step = 0; step < options.steps; ++step) value += options.drift + stream.standard_normal();
    return TrajectorySample{trajectory.trajectory, {value}, {}};
  };
  EnsembleHooks hooks{&context.progress, "walk", context.store, "walk", context.interrupt};
  const std::vector<EnsembleSummary> summaries =
      run_ensemble(EnsembleOptions{1, options.trajectories, context.seed, 8, context.threads}, simulate,
                   EnsembleSummary(SummaryLayout{1, 0, 0, true}), hooks);
  io::TableWriter table({"trajectory", "final_value"});
  for (const TrajectorySample& record : summaries[0].records()) table.add_row({record.trajectory, record.metrics[0]});
  table.write(context.folder / "walks.csv");
  context.manifest.tables.push_back({"walks.csv", "final value per walk", table.columns()});
  context.report << "mean " << summaries[0].moments(0).mean() << '\n';
}

Registry toy_registry() {
  return Registry{{make_experiment<WalkOptions>("walk", "random walks", "walk", &run_walk)}, "walk"};
}

class CommandLine : public ::testing::Test {
 protected:
  void SetUp() override {
    interrupt_at = -1;
    toy_interrupt = false;
    exhaust_memory = false;
    fail_writing = false;
  }

  int run(std::vector<std::string> words) {
    out_.str("");
    err_.str("");
    std::vector<std::string_view> args(words.begin(), words.end());
    return cli::run(args, toy_registry(), out_, err_, Environment{&toy_interrupt, false});
  }
  std::string out() const { return out_.str(); }
  std::string err() const { return err_.str(); }
  std::string path(const std::string& name) const { return (folder_ / name).string(); }

  testing::ScratchFolder scratch_{"cli"};
  const std::filesystem::path folder_ = scratch_.path();
  std::ostringstream out_, err_;
};

TEST_F(CommandLine, ListHelpAndVersionSucceed) {
  EXPECT_EQ(run({"list"}), kSuccess);
  EXPECT_NE(out().find("walk  random walks  (default)"), std::string::npos) << out();
  EXPECT_EQ(run({"help", "walk"}), kSuccess);
  EXPECT_NE(out().find("--steps integer (default 20; allowed [1, 1000])"), std::string::npos) << out();
  EXPECT_EQ(run({"run", "walk", "--help"}), kSuccess);
  EXPECT_NE(out().find("--drift real"), std::string::npos);
  EXPECT_EQ(run({"--version"}), kSuccess);
  EXPECT_NE(out().find(SGDBIAS_VERSION), std::string::npos);
  EXPECT_EQ(run({"--help"}), kSuccess);
}

// The common options are described like the experiment's: type, default and allowed range.
TEST_F(CommandLine, HelpGivesTheCommonOptionsTypeDefaultAndRange) {
  EXPECT_EQ(run({"help", "walk"}), kSuccess);
  EXPECT_NE(out().find("  --threads integer (default 0; allowed [0, 1024], 0 = all cores)\n"), std::string::npos)
      << out();
  EXPECT_NE(out().find("  --seed integer (default 1; allowed [0, 18446744073709551615])\n"), std::string::npos)
      << out();
  EXPECT_NE(out().find("  --config file (default none)\n"), std::string::npos) << out();
  EXPECT_NE(out().find("  --out folder (default notebooks/walk/data/<UTC time>-seed<S>/"), std::string::npos) << out();
}

// A run that cannot get its memory says so and where the sizes are, not just "std::bad_alloc", and
// its run.json records the failure.
TEST_F(CommandLine, ARunOutOfMemorySaysSoAndPointsToTheSizeOptions) {
  exhaust_memory = true;
  EXPECT_EQ(run({"run", "walk", "--out", path("huge")}), kRunFailed);
  EXPECT_NE(err().find("sgdbias: walk failed: out of memory"), std::string::npos) << err();
  EXPECT_NE(err().find("sgdbias help walk"), std::string::npos) << err();
  EXPECT_NE(io::read_file(folder_ / "huge" / "run.json").find("\"status\": \"failed\""), std::string::npos);
}

// A folder that cannot be written is a failed run (exit 1), not a usage error (exit 2): the
// command is right, the disk is not.
TEST_F(CommandLine, AnUnwritableRunFolderIsARunFailureNotAUsageError) {
  EXPECT_EQ(run({"run", "walk", "--out", "/proc/sgdbias-unwritable/run"}), kRunFailed);
  EXPECT_NE(err().find("/proc/sgdbias-unwritable"), std::string::npos) << err();
}

// A write that fails mid-run (disk full) leaves run.json saying "failed" with that first failure,
// not "running".
TEST_F(CommandLine, AWriteFailureMidRunIsRecordedAsTheFailure) {
  fail_writing = true;
  EXPECT_EQ(run({"run", "walk", "--out", path("full")}), kRunFailed);
  EXPECT_NE(err().find("sgdbias: walk failed: write_file_atomically: cannot create folder"), std::string::npos)
      << err();
  const std::string manifest = io::read_file(folder_ / "full" / "run.json");
  EXPECT_NE(manifest.find("\"status\": \"failed\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"failure\": \"write_file_atomically: cannot create folder"), std::string::npos)
      << manifest;
}

// A finished run of one experiment, reused as --out by another, would mix both runs' tables.
TEST_F(CommandLine, OutOverAnotherExperimentsRunIsRefused) {
  ASSERT_EQ(run({"run", "walk", "--out", path("walk")}), kSuccess) << err();
  std::string manifest = io::read_file(folder_ / "walk" / "run.json");
  manifest.replace(manifest.find("\"walk\""), 6, "\"other\"");  // as if another experiment had run there
  io::write_file_atomically(folder_ / "walk" / "run.json", manifest);
  EXPECT_EQ(run({"run", "walk", "--out", path("walk")}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --out: folder '" + path("walk") +
                       "' holds a run of experiment 'other', not 'walk'; choose a new or empty folder\n");
  EXPECT_EQ(io::read_file(folder_ / "walk" / "run.json"), manifest);
}

// `resume DIR --threads N` is accepted (the results do not depend on N); without it the run's own
// thread count is used. run.json keeps the command line that started the run and records the
// resume as an event.
TEST_F(CommandLine, ResumeAcceptsThreadsAndKeepsTheOriginalCommandLine) {
  interrupt_at = 100;
  ASSERT_EQ(run({"run", "walk", "--trajectories", "200", "--threads", "1", "--out", path("cut")}), kInterrupted);
  interrupt_at = -1;
  toy_interrupt = false;
  ASSERT_EQ(run({"resume", path("cut"), "--threads", "2"}), kSuccess) << err();
  const nlohmann::json manifest = nlohmann::json::parse(io::read_file(folder_ / "cut" / "run.json"));
  EXPECT_EQ(manifest["command_line"][1], "run");
  EXPECT_EQ(manifest["command_line"][6], "1");  // sgdbias run walk --trajectories 200 --threads 1
  ASSERT_EQ(manifest["events"].size(), 1u) << manifest.dump();
  EXPECT_EQ(manifest["events"][0]["event"], "resumed");
  EXPECT_EQ(manifest["events"][0]["command_line"][1], "resume");
  EXPECT_EQ(manifest["events"][0]["threads"], 2);
  EXPECT_EQ(manifest["threads"], 2);

  interrupt_at = 100;
  ASSERT_EQ(run({"run", "walk", "--trajectories", "200", "--threads", "1", "--out", path("own")}), kInterrupted);
  interrupt_at = -1;
  toy_interrupt = false;
  ASSERT_EQ(run({"resume", path("own")}), kSuccess) << err();
  EXPECT_EQ(nlohmann::json::parse(io::read_file(folder_ / "own" / "run.json"))["threads"], 1);
  EXPECT_EQ(run({"resume", path("own"), "--threads", "x"}), kUsageError);
}

TEST_F(CommandLine, UsageErrorsAreOneLineNamingOptionValueAndAllowedValues) {
  EXPECT_EQ(run({"run", "walk", "--steps", "0"}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --steps: value '0' is out of range (allowed: [1, 1000])\n");
  EXPECT_EQ(run({"run", "walk", "--step", "3"}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: run walk: unknown option --step; did you mean --steps?\n");
  EXPECT_EQ(run({"run", "walk", "--threads", "-1"}), kUsageError);
  EXPECT_NE(err().find("--threads: value '-1'"), std::string::npos);
  EXPECT_EQ(run({"run", "walk", "--seed"}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --seed: missing value\n");
  EXPECT_EQ(run({"run", "wlak"}), kUsageError);
  EXPECT_NE(err().find("unknown experiment 'wlak'; did you mean walk?"), std::string::npos);
  EXPECT_EQ(run({"frobnicate"}), kUsageError);
  EXPECT_EQ(run({"run", "walk", "stray"}), kUsageError);
  EXPECT_NE(err().find("unexpected argument 'stray'"), std::string::npos);
}

// A command with a missing or extra word says which command and what it expects, rather than
// calling `run` or `resume` an unknown command; messages carry the program name once.
TEST_F(CommandLine, CommandsWithMissingOrExtraWordsSayWhatTheyExpect) {
  EXPECT_EQ(run({"run"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: run: missing experiment name", 0), 0u) << err();
  EXPECT_EQ(run({"run", "--steps", "3"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: run: missing experiment name", 0), 0u) << err();
  EXPECT_EQ(run({"resume"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: resume: missing run folder", 0), 0u) << err();
  EXPECT_EQ(run({"resume", path("cut"), "--seed", "1"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: resume: unexpected argument '--seed'", 0), 0u) << err();
  EXPECT_EQ(run({"help", "walk", "extra"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: help: unexpected argument 'extra'", 0), 0u) << err();
  EXPECT_EQ(run({"list", "walk"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: list: unexpected argument 'walk'", 0), 0u) << err();
  EXPECT_EQ(run({"--version", "--seed", "3"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: --version: unexpected argument '--seed'", 0), 0u) << err();
  EXPECT_EQ(run({"frobnicate"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: frobnicate: unknown command", 0), 0u) << err();
  EXPECT_EQ(run({"run", "wlak"}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: run: unknown experiment 'wlak'", 0), 0u) << err();
}

TEST_F(CommandLine, MalformedConfigFilesGiveClearErrors) {
  io::write_file_atomically(path("bad.json"), "{\"steps\": 10,");
  EXPECT_EQ(run({"run", "walk", "--config", path("bad.json")}), kUsageError);
  EXPECT_NE(err().find("malformed JSON"), std::string::npos) << err();
  io::write_file_atomically(path("object.json"), "{\"steps\": {\"a\": 1}}");
  EXPECT_EQ(run({"run", "walk", "--config", path("object.json")}), kUsageError);
  EXPECT_NE(err().find("key 'steps' has a object value"), std::string::npos) << err();
  io::write_file_atomically(path("typo.json"), "{\"stesp\": 3}");
  EXPECT_EQ(run({"run", "walk", "--config", path("typo.json")}), kUsageError);
  EXPECT_NE(err().find("unknown option --stesp; did you mean --steps?"), std::string::npos) << err();
  EXPECT_EQ(run({"run", "walk", "--config", path("missing.json")}), kUsageError);
  EXPECT_NE(err().find("cannot read"), std::string::npos);
}

TEST_F(CommandLine, AConfigThatIsAFolderIsNamedAsSuch) {
  std::filesystem::create_directories(folder_ / "settings");
  EXPECT_EQ(run({"run", "walk", "--config", path("settings")}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --config " + path("settings") + ": is a folder, not a JSON file\n");
}

// Syntactically valid JSON that nlohmann cannot represent (a number beyond the double range) is
// a bad config file too, not a failed run with the library's raw exception text.
TEST_F(CommandLine, AConfigNumberBeyondTheDoubleRangeIsAUsageErrorNamingTheFile) {
  io::write_file_atomically(path("huge.json"), "{\"drift\": 1e999}");
  EXPECT_EQ(run({"run", "walk", "--config", path("huge.json"), "--out", path("huge")}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: --config " + path("huge.json") + ": ", 0), 0u) << err();
  EXPECT_NE(err().find("1e999"), std::string::npos) << err();
  EXPECT_FALSE(std::filesystem::exists(folder_ / "huge"));
}

// A config is untrusted text. A value nested 100000 deep used to be echoed whole in the error
// message (json::dump recursing until the stack overflowed: exit 139); nesting is now bounded
// and messages quote only a short prefix of any value.
TEST_F(CommandLine, ADeeplyNestedConfigIsRefusedWithoutCrashingOrEchoingIt) {
  const std::string deep = std::string(100000, '[') + std::string(100000, ']');
  io::write_file_atomically(path("deep.json"), "{\"experiment\": " + deep + ", \"options\": {}}");
  EXPECT_EQ(run({"run", "walk", "--config", path("deep.json"), "--out", path("deep")}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: --config " + path("deep.json") + ": JSON nested deeper than", 0), 0u) << err();
  io::write_file_atomically(path("deep_option.json"), "{\"steps\": " + deep + "}");
  EXPECT_EQ(run({"run", "walk", "--config", path("deep_option.json"), "--out", path("deep")}), kUsageError);
  EXPECT_NE(err().find("nested deeper than"), std::string::npos) << err();
  EXPECT_FALSE(std::filesystem::exists(folder_ / "deep"));

  io::write_file_atomically(path("long.json"),
                            "{\"experiment\": \"" + std::string(1000000, 'x') + "\", \"options\": {}}");
  EXPECT_EQ(run({"run", "walk", "--config", path("long.json")}), kUsageError);
  EXPECT_LT(err().size(), 400u) << err().substr(0, 400);
  EXPECT_NE(err().find("(1000000 bytes)"), std::string::npos) << err().substr(0, 400);
}

// Last-wins silently dropped a value; both values are named instead.
TEST_F(CommandLine, AnOptionGivenTwiceIsRefusedNamingBothValues) {
  EXPECT_EQ(run({"run", "walk", "--steps", "3", "--steps=5", "--out", path("twice")}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --steps: given twice ('3' and '5'); give it once\n");
  EXPECT_EQ(run({"run", "walk", "--seed", "3", "--seed", "3"}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --seed: given twice ('3' and '3'); give it once\n");
  EXPECT_FALSE(std::filesystem::exists(folder_ / "twice"));
  // A config file and the command line may name the same option: the command line wins (documented).
  io::write_file_atomically(path("base.json"), "{\"steps\": 5}");
  EXPECT_EQ(run({"run", "walk", "--config", path("base.json"), "--steps", "6", "--out", path("override")}), kSuccess)
      << err();
}

TEST_F(CommandLine, AKeyGivenTwiceInAConfigIsRefusedNamingBothValues) {
  io::write_file_atomically(path("twice.json"), "{\"steps\": 3, \"drift\": 0.5, \"steps\": 5}");
  EXPECT_EQ(run({"run", "walk", "--config", path("twice.json")}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --config " + path("twice.json") + ": key 'steps' is given twice (3 and 5); keep one\n");
  io::write_file_atomically(path("nested.json"),
                            "{\"experiment\": \"walk\", \"options\": {\"drift\": 0.5, \"drift\": [\"a\"]}}");
  EXPECT_EQ(run({"run", "walk", "--config", path("nested.json")}), kUsageError);
  EXPECT_NE(err().find("key 'drift' is given twice ('0.5' and a list)"), std::string::npos) << err();
}

// A value with a newline or an escape sequence must not break the one-line message or drive the
// terminal: it is quoted with its control characters escaped.
TEST_F(CommandLine, ControlCharactersInValuesAreEscapedInMessages) {
  EXPECT_EQ(run({"run", "walk", "--steps", "1\n2\x1b[2J"}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --steps: value '1\\n2\\x1b[2J' is not an integer (allowed: [1, 1000])\n");
  EXPECT_EQ(run({"run", "walk", "--st\reps", "3"}), kUsageError);
  EXPECT_EQ(err().find('\r'), std::string::npos) << err();
  EXPECT_EQ(run({"run", "walk", "--threads", "\t"}), kUsageError);
  EXPECT_NE(err().find("value '\\t'"), std::string::npos) << err();
}

// A config value an option refuses is named with its file and as the user typed it (1e3, not the
// 1000.0 a JSON library would print back).
TEST_F(CommandLine, AConfigValueOutOfRangeNamesTheFileAndTheValueAsTyped) {
  io::write_file_atomically(path("range.json"), "{\"drift\": 2.50}");
  EXPECT_EQ(run({"run", "walk", "--config", path("range.json")}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --config " + path("range.json") +
                       ": --drift: value '2.50' is out of range (allowed: [-1, 1])\n");
  io::write_file_atomically(path("exponent.json"), "{\"steps\": 1e3}");
  EXPECT_EQ(run({"run", "walk", "--config", path("exponent.json")}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --config " + path("exponent.json") +
                       ": --steps: value '1e3' is not an integer (allowed: [1, 1000])\n");
}

TEST_F(CommandLine, ARunWritesTablesAndAManifestWithAllOptions) {
  io::write_file_atomically(path("config.json"), "{\"steps\": 5, \"drift\": 0.5, \"seed\": 9}");
  ASSERT_EQ(run({"run", "walk", "--config", path("config.json"), "--drift=1", "--out", path("run")}), kSuccess) << err();
  EXPECT_NE(out().find("data written to"), std::string::npos);
  const std::string manifest = io::read_file(folder_ / "run" / "run.json");
  EXPECT_NE(manifest.find("\"status\": \"complete\""), std::string::npos) << manifest;
  EXPECT_NE(manifest.find("\"seed\": 9"), std::string::npos);
  EXPECT_NE(manifest.find("\"steps\": 5"), std::string::npos);
  EXPECT_NE(manifest.find("\"drift\": 1.0"), std::string::npos);      // command line overrides config
  EXPECT_NE(manifest.find("\"trajectories\": 64"), std::string::npos);  // default recorded
  EXPECT_FALSE(std::filesystem::exists(folder_ / "run" / "chunks"));
  EXPECT_EQ(run({"run", "walk", "--config", path("run/run.json"), "--out", path("replay")}), kSuccess) << err();
  EXPECT_EQ(io::read_file(folder_ / "replay" / "walks.csv"), io::read_file(folder_ / "run" / "walks.csv"));
}

// --out never writes over files that are not a run's: an empty value (the current folder), a
// file, or a non-empty folder without run.json is refused before anything is written. An empty
// folder or a finished run folder (the notebooks' reuse=False reruns) is still accepted.
TEST_F(CommandLine, OutRefusesEmptyTextAFileAndAFolderOfOtherFiles) {
  EXPECT_EQ(run({"run", "walk", "--out", ""}), kUsageError);
  EXPECT_EQ(err().rfind("sgdbias: --out: value ''", 0), 0u) << err();

  io::write_file_atomically(path("notes.txt"), "mine");
  EXPECT_EQ(run({"run", "walk", "--out", path("notes.txt")}), kUsageError);
  EXPECT_EQ(err(), "sgdbias: --out: '" + path("notes.txt") + "' is a file, not a folder\n");

  io::write_file_atomically(path("mine/walks.csv"), "my own table");
  EXPECT_EQ(run({"run", "walk", "--out", path("mine")}), kUsageError);
  EXPECT_NE(err().find("--out: folder '" + path("mine") + "' is not empty and holds no run.json"),
            std::string::npos) << err();
  EXPECT_EQ(io::read_file(folder_ / "mine" / "walks.csv"), "my own table");
  EXPECT_FALSE(std::filesystem::exists(folder_ / "mine" / "run.json"));

  std::filesystem::create_directories(folder_ / "empty");
  EXPECT_EQ(run({"run", "walk", "--out", path("empty")}), kSuccess) << err();
  EXPECT_EQ(run({"run", "walk", "--out", path("empty")}), kSuccess) << err();  // a finished run, run again
}

TEST_F(CommandLine, TablesAreByteIdenticalForOneAndTwoThreads) {
  ASSERT_EQ(run({"run", "walk", "--threads", "1", "--out", path("one")}), kSuccess) << err();
  ASSERT_EQ(run({"run", "walk", "--threads", "2", "--out", path("two")}), kSuccess) << err();
  EXPECT_EQ(io::read_file(folder_ / "one" / "walks.csv"), io::read_file(folder_ / "two" / "walks.csv"));
}

TEST_F(CommandLine, BareOptionsRunTheDefaultExperimentLikeRunName) {
  ASSERT_EQ(run({"--drift", "0.5", "--out", path("bare")}), kSuccess) << err();
  ASSERT_EQ(run({"run", "walk", "--drift", "0.5", "--out", path("named")}), kSuccess) << err();
  EXPECT_EQ(io::read_file(folder_ / "bare" / "walks.csv"), io::read_file(folder_ / "named" / "walks.csv"));
  EXPECT_EQ(run({"--dirft", "0.5"}), kUsageError);
  EXPECT_NE(err().find("--dirft"), std::string::npos) << err();
}

TEST_F(CommandLine, ResumingAnInterruptedRunEqualsAnUninterruptedRun) {
  ASSERT_EQ(run({"run", "walk", "--trajectories", "200", "--out", path("whole")}), kSuccess) << err();
  interrupt_at = 100;
  ASSERT_EQ(run({"run", "walk", "--trajectories", "200", "--out", path("cut")}), kInterrupted);
  EXPECT_NE(err().find("sgdbias resume"), std::string::npos) << err();
  EXPECT_NE(io::read_file(folder_ / "cut" / "run.json").find("\"status\": \"interrupted\""), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(folder_ / "cut" / "walks.csv"));
  EXPECT_EQ(run({"run", "walk", "--trajectories", "300", "--out", path("cut")}), kUsageError);  // other options
  EXPECT_NE(err().find("other options"), std::string::npos) << err();
  interrupt_at = -1;
  toy_interrupt = false;
  ASSERT_EQ(run({"resume", path("cut")}), kSuccess) << err();
  EXPECT_EQ(io::read_file(folder_ / "cut" / "walks.csv"), io::read_file(folder_ / "whole" / "walks.csv"));
  EXPECT_EQ(run({"resume", path("cut")}), kUsageError);  // complete: nothing to resume
}

}  // namespace
}  // namespace sgdbias::cli
