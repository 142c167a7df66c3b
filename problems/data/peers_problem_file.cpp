#include "problems/data/peers_problem_file.hpp"

#include <fstream>
#include <sstream>

#include "lib/core/errors.hpp"

namespace sgdbias::problems {
namespace {

constexpr std::string_view kWhere = "load_peers_problem";

// Reads exactly `count` numbers from the next line into `out`.
template <class Out>
void read_line_values(std::istream& file, const std::string& path, int line_number, Index count, Out&& out) {
  std::string line;
  require(static_cast<bool>(std::getline(file, line)), kWhere, path, ":", line_number, ": unexpected end of file");
  std::istringstream values(line);
  for (Index k = 0; k < count; ++k) {
    double value = 0.0;
    require(static_cast<bool>(values >> value), kWhere, path, ":", line_number, ": expected ", count,
            " numbers, could read only ", k);
    out(k, value);
  }
  std::string extra;
  require(!(values >> extra), kWhere, path, ":", line_number, ": more than ", count, " values");
}

}  // namespace

PeersProblem load_peers_problem(const std::string& path) {
  std::ifstream file(path);
  require(file.good(), kWhere, "cannot open '", path, "'");
  Index n = 0, d = 0, s = 0;
  std::string header;
  require(static_cast<bool>(std::getline(file, header)), kWhere, path, ": empty file");
  std::istringstream header_values(header);
  require(static_cast<bool>(header_values >> n >> d >> s) && n >= 1 && d >= 1 && s >= 0, kWhere, path,
          ":1: header must be \"n d s\" with n, d >= 1, got '", header, "'");
  PeersProblem problem{Dataset{Matrix(n, d), Vector(n)}, Vector(d), s};
  int line_number = 2;
  for (Index i = 0; i < n; ++i, ++line_number)
    read_line_values(file, path, line_number, d, [&](Index j, double v) { problem.train.features(i, j) = v; });
  read_line_values(file, path, line_number++, n, [&](Index i, double v) { problem.train.targets[i] = v; });
  read_line_values(file, path, line_number, d, [&](Index j, double v) { problem.teacher[j] = v; });
  validate_dataset(problem.train, kWhere);
  require(problem.teacher.allFinite(), kWhere, path, ": teacher β* contains NaN or infinite entries");
  return problem;
}

}  // namespace sgdbias::problems
