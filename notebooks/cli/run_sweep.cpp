#include "notebooks/cli/run_sweep.hpp"

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "notebooks/cli/run_experiment.hpp"
#include "lib/core/errors.hpp"
#include "lib/io/atomic_file.hpp"
#include "lib/io/csv_field.hpp"
#include "notebooks/cluster/job.hpp"

namespace sgdbias::cli {
namespace {

// One point of the sweep: a value per swept option, in sweep order.
using Point = std::vector<std::string>;

std::vector<Point> cartesian_product(const std::vector<detail::Sweep>& sweeps) {
  std::vector<Point> points{{}};
  for (const detail::Sweep& sweep : sweeps) {
    std::vector<Point> next;
    for (const Point& point : points) {
      for (const std::string& value : sweep.values) {
        next.push_back(point);
        next.back().push_back(value);
      }
    }
    points = std::move(next);
  }
  return points;
}

std::string point_folder_name(const std::vector<detail::Sweep>& sweeps, const Point& point) {
  std::string name;
  for (std::size_t i = 0; i < sweeps.size(); ++i) name += (i > 0 ? "+" : "") + sweeps[i].name + "=" + point[i];
  return name;
}

detail::RunRequest point_request(const detail::RunRequest& request, const Point& point,
                                 const std::filesystem::path& folder) {
  detail::RunRequest single = request;
  single.sweeps.clear();
  single.folder = folder;
  for (std::size_t i = 0; i < request.sweeps.size(); ++i) {
    if (request.sweeps[i].name == "seed") {
      single.seed = detail::parse_seed(point[i]);
    } else {  // after the command line's own value, so the sweep's wins
      single.assignments.push_back({request.sweeps[i].name, point[i], "--sweep"});
    }
  }
  return single;
}


// DIR/TABLE.csv for every TABLE.csv of the points: the swept options' columns, then the table's.
void concatenate_tables(const std::vector<detail::Sweep>& sweeps, const std::vector<Point>& points,
                        const std::vector<std::filesystem::path>& folders, const std::filesystem::path& base) {
  std::set<std::string> tables;
  for (const std::filesystem::path& folder : folders) {
    for (const auto& entry : std::filesystem::directory_iterator(folder)) {
      if (entry.path().extension() == ".csv") tables.insert(entry.path().filename().string());
    }
  }
  std::string prefix_header;
  for (const detail::Sweep& sweep : sweeps) prefix_header += io::csv_field(sweep.name) + ",";
  for (const std::string& table : tables) {
    std::string merged, header;
    for (std::size_t p = 0; p < points.size(); ++p) {
      if (!std::filesystem::exists(folders[p] / table)) continue;  // a table only some points write
      // Records, not lines: a quoted text cell may hold a line break (RFC 4180).
      const std::vector<std::string> lines = io::csv_records(io::read_file(folders[p] / table));
      if (lines.empty()) continue;
      require(header.empty() || header == lines.front(), "--sweep", "table ", table,
              " has different columns in ", folders[p].string(), "; it cannot be concatenated");
      if (header.empty()) merged += prefix_header + lines.front() + "\n";
      header = lines.front();
      std::string prefix;
      for (const std::string& value : points[p]) prefix += io::csv_field(value) + ",";  // a value may hold a quote
      for (std::size_t l = 1; l < lines.size(); ++l) merged += prefix + lines[l] + "\n";
    }
    io::write_file_atomically(base / table, merged);
  }
}

}  // namespace

int run_sweep(const Experiment& experiment, const detail::RunRequest& request,
              std::span<const std::string_view> command_line, std::ostream& out, std::ostream& err,
              const Environment& environment) {
  require(request.folder.has_value(), "--sweep", "needs --out DIR (the points go to DIR/OPTION=VALUE/)");
  const std::filesystem::path& base = *request.folder;
  require(!std::filesystem::exists(base / "run.json"), "--sweep", "'", base.string(),
          "' is a single run's folder; choose a new folder for the sweep");
  std::set<std::string> names;
  for (const detail::Sweep& sweep : request.sweeps) {
    require(names.insert(sweep.name).second, "--sweep", sweep.name, " is swept twice");
  }
  const std::vector<Point> points = cartesian_product(request.sweeps);
  // The index first: a folder holding sweep.csv is a sweep's folder, which the same command may
  // resume (parse_out_folder accepts it for a sweep).
  std::vector<std::filesystem::path> folders;
  std::string index;
  for (const detail::Sweep& sweep : request.sweeps) index += io::csv_field(sweep.name) + ",";
  index += "folder\n";
  for (const Point& point : points) {
    const std::string name = point_folder_name(request.sweeps, point);
    folders.push_back(base / name);
    for (const std::string& value : point) index += io::csv_field(value) + ",";
    index += io::csv_field(name) + "\n";
  }
  // Every point's options are checked before the first point runs: a bad value fails at once.
  for (const Point& point : points) experiment.configure(point_request(request, point, base).assignments);
  // In an MPI job only rank 0 writes (cluster/job.hpp); the other ranks run the points with it.
  const bool writes = environment.job == nullptr || environment.job->rank() == 0;
  if (writes) {
    std::filesystem::create_directories(base);
    io::write_file_atomically(base / "sweep.csv", index);
  }
  for (std::size_t p = 0; p < points.size(); ++p) {
    out << "== sweep point " << p + 1 << "/" << points.size() << ": " << folders[p].filename().string() << " ==\n";
    const int code = run_experiment(experiment, point_request(request, points[p], folders[p]), command_line, out,
                                    err, environment);
    if (code != kSuccess) return code;
  }
  if (!writes) return kSuccess;
  concatenate_tables(request.sweeps, points, folders, base);
  out << "sweep of " << points.size() << " runs written to " << base.string()
      << "/ (sweep.csv, and every table concatenated with the swept options as first columns)\n";
  return kSuccess;
}

}  // namespace sgdbias::cli
