// Fixture of tests/layout (never compiled): a listed integrator.
class EulerMaruyama {
 public:
  static constexpr std::string_view kName = "euler_maruyama";
};
