// Fixture of tests/layout: the program header that lib/core/reaches_up.hpp wrongly includes.
