// CSV loading: round trip of X and y, header and comments, and every malformed input rejected
// with the file, line and column.
#include <string>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "problems/data/csv_dataset.hpp"
#include "tests/support/scratch_folder.hpp"

namespace sgdbias::problems {
namespace {

// Each test writes its files into its own scratch folder (removed afterwards).
class CsvDataset : public ::testing::Test {
 protected:
  std::string write_file(const std::string& name, const std::string& content) const {
    return scratch_.write(name, content);
  }
  std::string missing_file() const { return scratch_.file("does_not_exist.csv"); }

 private:
  testing::ScratchFolder scratch_{"csv"};
};

TEST_F(CsvDataset, LoadsFeaturesAndTargetsWithHeaderAndComments) {
  const std::string x = write_file("x.csv", "a,b,c\n# comment\n1, 2.5, -3\n4,5e-1,6\n");
  const std::string y = write_file("y.csv", "0.5\n-1.25\n");
  const Dataset data = load_csv_dataset(x, y);
  const Matrix expected = (Matrix(2, 3) << 1, 2.5, -3, 4, 0.5, 6).finished();
  EXPECT_EQ(data.features, expected);
  EXPECT_EQ(data.targets, (Vector(2) << 0.5, -1.25).finished());
  const Dataset row_targets = load_csv_dataset(x, write_file("y_row.csv", "0.5,-1.25\n"));
  EXPECT_EQ(row_targets.targets, data.targets);
}

TEST_F(CsvDataset, SingleFileUsesTheLastColumnAsLabels) {
  const Dataset data = load_csv_dataset(write_file("xy.csv", "1,2,3\n4,5,6\n"));
  EXPECT_EQ(data.features, (Matrix(2, 2) << 1, 2, 4, 5).finished());
  EXPECT_EQ(data.targets, (Vector(2) << 3, 6).finished());
}

TEST_F(CsvDataset, RejectsMalformedFilesWithFileLineAndColumn) {
  const std::string y2 = write_file("y2.csv", "1\n2\n");
  EXPECT_THROW(load_csv_matrix(missing_file()), InvalidArgument);
  EXPECT_THROW(load_csv_matrix(write_file("empty.csv", "# nothing\n")), InvalidArgument);
  EXPECT_THROW(load_csv_matrix(write_file("ragged.csv", "1,2\n3\n")), InvalidArgument);
  EXPECT_THROW(load_csv_matrix(write_file("blank_field.csv", "1,,2\n")), InvalidArgument);
  try {
    load_csv_matrix(write_file("nan.csv", "1,2\n3,nan\n"));
    FAIL() << "expected InvalidArgument";
  } catch (const InvalidArgument& error) {
    EXPECT_NE(std::string(error.what()).find("nan.csv:2: column 2"), std::string::npos) << error.what();
  }
  EXPECT_THROW(load_csv_matrix(write_file("word.csv", "1,2\n3,x\n")), InvalidArgument);
  EXPECT_THROW(load_csv_dataset(write_file("x3.csv", "1\n2\n3\n"), y2), InvalidArgument);  // 3 rows, 2 labels
  EXPECT_THROW(load_csv_dataset(write_file("one_column.csv", "1\n2\n")), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::problems
