// notebooks/README.md's example, built and run by tests/readme_examples: a study's experiment.cpp
// (options, a run writing a table and a verdict, make_<study>_experiment()), run as the program would.
#include <cmath>
#include <filesystem>
#include <iostream>
#include <sstream>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/experiment/publish_table.hpp"

using namespace sgdbias;

struct HalvingOptions {  // GD with step ½ on L(x) = ½x² from x₀ = 1: x_k = 2^−k exactly
  Index steps = 10;
  static std::vector<OptionField<HalvingOptions>> fields() {
    return {integer_option("steps", &HalvingOptions::steps, "gradient steps", Range{1, 1000})};
  }
  std::optional<std::string> validate() const { return std::nullopt; }
};

void run_halving(const HalvingOptions& options, RunContext& context) {
  io::TableWriter table({"step", "x"});
  double x = 1.0;
  for (Index k = 1; k <= options.steps; ++k) table.add_row({k, x -= 0.5 * x});  // x − γL'(x), γ = ½
  publish_table(context, table, "iterates.csv", "GD iterates on x^2/2 with step 1/2");
  const bool exact = x == std::ldexp(1.0, -static_cast<int>(options.steps));
  context.report << "verdict: x_k = 2^-k exactly: " << (exact ? "yes" : "no") << '\n';
}

Experiment make_halving_experiment() {
  return make_experiment<HalvingOptions>("halving", "GD halves x on x^2/2", "halving", &run_halving);
}

int main() {  // the program's main.cpp passes experiment_index() instead of this one-study registry
  const std::string folder = (std::filesystem::current_path() / "halving_run").string();
  std::filesystem::remove_all(folder);
  const std::string_view args[] = {"run", "halving", "--steps", "30", "--out", folder};
  std::ostringstream report;
  const int code = cli::run(args, Registry{{make_halving_experiment()}, "halving"}, report, std::cerr);
  std::cout << report.str() << '\n';
  return code == cli::kSuccess && report.str().find("exactly: yes") != std::string::npos ? 0 : 1;
}
