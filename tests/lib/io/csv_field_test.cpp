// csv_field and csv_records (RFC 4180): a field is quoted exactly when it holds a comma, a double
// quote or a line break, and splitting CSV text into records keeps line breaks inside quotes.
#include "lib/io/csv_field.hpp"

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "lib/io/table_writer.hpp"

namespace sgdbias::io {
namespace {

TEST(CsvField, QuotesOnlyFieldsWithACommaQuoteOrLineBreak) {
  EXPECT_EQ(csv_field("sgd"), "sgd");
  EXPECT_EQ(csv_field(" spaced, "), "\" spaced, \"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(csv_field("cr\r"), "\"cr\r\"");
  EXPECT_EQ(csv_field(""), "");
}

TEST(CsvField, RecordsSplitAtLineBreaksOutsideQuotesOnly) {
  EXPECT_EQ(csv_records("a,b\n1,2\r\n"), (std::vector<std::string>{"a,b", "1,2"}));
  EXPECT_EQ(csv_records("a\n\"x\ny\",\"\"\"\"\nlast"), (std::vector<std::string>{"a", "\"x\ny\",\"\"\"\"", "last"}));
  // A TableWriter table with a multi-line cell has one record per row plus the header.
  TableWriter table({"text", "row"});
  table.add_row({std::string("one\ntwo \"and\"\r\nthree"), std::int64_t{0}});
  table.add_row({std::string("plain"), std::int64_t{1}});
  const std::vector<std::string> records = csv_records(table.to_csv());
  ASSERT_EQ(records.size(), 3u);
  EXPECT_EQ(records[1], csv_field("one\ntwo \"and\"\r\nthree") + ",0");
  EXPECT_EQ(records[2], "plain,1");
}

}  // namespace
}  // namespace sgdbias::io
