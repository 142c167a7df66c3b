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

// The message for a bad value in `text`, which must be refused.
std::string refusal(const std::string& text) {
  try {
    parse_csv_matrix(text, "data.csv");
  } catch (const InvalidArgument& error) {
    return error.what();
  }
  ADD_FAILURE() << "accepted: " << text;
  return "";
}

// Spreadsheet programs start a UTF-8 file with a byte-order mark; it used to make the first field
// "not a number", so the first data row was silently taken for a header and dropped.
TEST(CsvText, AByteOrderMarkIsSkippedAndTheFirstRowKept) {
  const Matrix data = parse_csv_matrix("\xEF\xBB\xBF" "1,2\n3,4\n", "bom.csv");
  EXPECT_EQ(data, (Matrix(2, 2) << 1, 2, 3, 4).finished());
  const Matrix with_header = parse_csv_matrix("\xEF\xBB\xBF" "x,y\n3,4\n", "bom.csv");
  EXPECT_EQ(with_header, (Matrix(1, 2) << 3, 4).finished());
}

// A first value beyond the double range was "not a number" and its row a header: the row vanished.
// Overflow is an error naming file, line and column; a subnormal value is a number like any other.
TEST(CsvText, ExtremeFirstValuesAreDataNotAHeader) {
  const Matrix tiny = parse_csv_matrix("1e-310,2\n3,4\n", "tiny.csv");
  ASSERT_EQ(tiny.rows(), 2);
  EXPECT_EQ(tiny(0, 0), 1e-310);
  EXPECT_EQ(refusal("1e400,2\n3,4\n"),
            "load_csv_matrix: data.csv:1: column 1 ('1e400') overflows a double (|x| > 1.8e308)");
  EXPECT_EQ(refusal("1,2\n3,-1e400\n"),
            "load_csv_matrix: data.csv:2: column 2 ('-1e400') overflows a double (|x| > 1.8e308)");
}

// A header is a row of names only; a first row mixing numbers and names is neither, and says so.
TEST(CsvText, AHeaderIsARowWithoutNumbers) {
  EXPECT_EQ(parse_csv_matrix("x1,x2,y\n1,2,3\n", "h.csv").rows(), 1);
  EXPECT_NE(refusal("1.5,label\n1,2\n").find("data.csv:1: the first row mixes numbers and names"), std::string::npos);
  EXPECT_NE(refusal("x,y\n1,2\na,b\n").find("data.csv:3: column 1 ('a') is not a number"), std::string::npos);
}

// Quoted fields (R's write.csv quotes every name) are read; a quote left open is refused by name.
TEST(CsvText, QuotedFieldsAreReadAndAnOpenQuoteIsRefused) {
  const Matrix data = parse_csv_matrix("\"x, first\",\"say \"\"y\"\"\"\n\"1.5\", 2\n", "q.csv");
  EXPECT_EQ(data, (Matrix(1, 2) << 1.5, 2).finished());
  EXPECT_NE(refusal("\"x,y\n1,2\n").find("data.csv:1: column 1 has a quote that is not closed"), std::string::npos);
  EXPECT_NE(refusal("x,\"y\"z\n1,2\n").find("data.csv:1: column 2 has text after its closing quote"),
            std::string::npos);
}

}  // namespace
}  // namespace sgdbias::problems
