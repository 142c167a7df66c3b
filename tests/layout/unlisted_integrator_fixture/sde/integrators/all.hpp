// Fixture of tests/layout (never compiled): AllIntegrators forgets Heun (heun.hpp), so
// scripts/check_integrator_list.py must fail on this folder.
using AllIntegrators = TypeList<EulerMaruyama>;
