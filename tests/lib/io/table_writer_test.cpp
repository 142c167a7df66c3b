// TableWriter: tidy CSV whose numbers read back to the same bits, RFC 4180 quoting, row checks.
#include "lib/io/table_writer.hpp"

#include <cmath>
#include <cstdlib>
#include <limits>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"

namespace sgdbias::io {
namespace {

TEST(TableWriter, DoublesReadBackToTheSameBits) {
  for (double value : {0.1, 1.0 / 3.0, -2.5e-300, 6.02214076e23, std::numeric_limits<double>::denorm_min(),
                       std::numeric_limits<double>::max()}) {
    EXPECT_EQ(std::strtod(format_double(value).c_str(), nullptr), value) << format_double(value);
  }
  EXPECT_EQ(format_double(0.1), "0.1");
  EXPECT_EQ(format_double(std::numeric_limits<double>::quiet_NaN()), "nan");
  EXPECT_EQ(format_double(-std::numeric_limits<double>::infinity()), "-inf");
}

TEST(TableWriter, WritesAHeaderAndOneLinePerRowWithQuotedText) {
  TableWriter table({"method", "trajectory", "test_loss"});
  table.add_row({std::string("sgd"), std::int64_t{3}, 0.25});
  table.add_row({std::string("a, \"b\""), std::int64_t{-1}, 1e-20});
  EXPECT_EQ(table.to_csv(), "method,trajectory,test_loss\nsgd,3,0.25\n\"a, \"\"b\"\"\",-1,1e-20\n");
  EXPECT_EQ(table.rows(), 2u);
}

TEST(TableWriter, RejectsRowsOfTheWrongWidth) {
  TableWriter table({"a", "b"});
  EXPECT_THROW(table.add_row({1.0}), InvalidArgument);
  EXPECT_THROW(TableWriter({}), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::io
