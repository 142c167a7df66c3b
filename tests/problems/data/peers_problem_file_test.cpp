// The peers' benchmark problem format: a small written file round-trips, malformed files are
// rejected, and the shared problem (if present beside the repository) is the noiseless 5-sparse
// n = 40, d = 100 problem its generator describes.
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "problems/data/peers_problem_file.hpp"
#include "tests/support/scratch_folder.hpp"

namespace sgdbias::problems {
namespace {

// Each test writes its files into its own scratch folder (removed afterwards).
class PeersProblemFile : public ::testing::Test {
 protected:
  std::string write_file(const std::string& name, const std::string& content) const {
    return scratch_.write(name, content);
  }
  std::string missing_file() const { return scratch_.file("does_not_exist.txt"); }

 private:
  testing::ScratchFolder scratch_{"peers"};
};

TEST_F(PeersProblemFile, ReadsHeaderRowsLabelsAndTeacher) {
  const PeersProblem problem = load_peers_problem(write_file("ok.txt", "2 3 1\n1 2 3\n4 5 6\n2 5\n0 1 0\n"));
  EXPECT_EQ(problem.train.features, (Matrix(2, 3) << 1, 2, 3, 4, 5, 6).finished());
  EXPECT_EQ(problem.train.targets, (Vector(2) << 2, 5).finished());
  EXPECT_EQ(problem.teacher, (Vector(3) << 0, 1, 0).finished());
  EXPECT_EQ(problem.sparsity, 1);
}

TEST_F(PeersProblemFile, RejectsMalformedFiles) {
  EXPECT_THROW(load_peers_problem(write_file("header.txt", "2 x 1\n")), InvalidArgument);
  EXPECT_THROW(load_peers_problem(write_file("short_row.txt", "2 3 1\n1 2\n4 5 6\n2 5\n0 1 0\n")), InvalidArgument);
  EXPECT_THROW(load_peers_problem(write_file("long_row.txt", "2 3 1\n1 2 3 4\n4 5 6\n2 5\n0 1 0\n")),
               InvalidArgument);
  EXPECT_THROW(load_peers_problem(write_file("truncated.txt", "2 3 1\n1 2 3\n4 5 6\n2 5\n")), InvalidArgument);
  EXPECT_THROW(load_peers_problem(missing_file()), InvalidArgument);
}

TEST_F(PeersProblemFile, SharedBenchmarkProblemIsTheNoiselessSparseProblem) {
  const std::string path = SGDBIAS_PEERS_PROBLEM_FILE;
  if (!std::filesystem::exists(path)) GTEST_SKIP() << "no shared problem at " << path;
  const PeersProblem problem = load_peers_problem(path);
  EXPECT_EQ(problem.train.num_samples(), 40);
  EXPECT_EQ(problem.train.num_features(), 100);
  EXPECT_EQ((problem.teacher.array() != 0.0).count(), problem.sparsity);
  // y = Xβ* was written with 17 significant digits: the residual is pure rounding.
  EXPECT_LE((problem.train.features * problem.teacher - problem.train.targets).cwiseAbs().maxCoeff(), 1e-13);
}

}  // namespace
}  // namespace sgdbias::problems
