// Fixture of tests/layout: a library header that includes the program (must be refused).
#include "notebooks/cli/command_line.hpp"
