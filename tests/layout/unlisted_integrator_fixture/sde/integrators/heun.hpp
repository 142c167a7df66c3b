// Fixture of tests/layout (never compiled): an integrator missing from all.hpp's AllIntegrators.
class Heun {
 public:
  static constexpr std::string_view kName = "heun";
};
