// The `sgdbias` program: hands argv to cli::run with the experiment index (notebooks/).
#include <iostream>
#include <string_view>
#include <vector>

#include "notebooks/cli/command_line.hpp"
#include "notebooks/cli/interrupt_handler.hpp"
#include "notebooks/experiment_index.hpp"

int main(int argc, char** argv) {
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  const sgdbias::cli::Environment environment{sgdbias::cli::install_interrupt_handler(), true};
  return sgdbias::cli::run(args, sgdbias::experiment_index(), std::cout, std::cerr, environment);
}
