// Anchors the static library so it always has one object file (problems are mostly templates or
// added per folder); also lets a program ask which library version it linked.
namespace sgdbias::problems {
const char* library_version() { return SGDBIAS_VERSION; }
}  // namespace sgdbias::problems
