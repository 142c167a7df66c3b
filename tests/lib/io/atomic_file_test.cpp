// write_file_atomically: complete content or nothing, no temporaries left, clear errors.
#include "lib/io/atomic_file.hpp"

#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "lib/core/errors.hpp"
#include "tests/support/scratch_folder.hpp"

namespace sgdbias::io {
namespace {

class AtomicFile : public ::testing::Test {
 protected:
  testing::ScratchFolder scratch_{"atomic-file"};
  const std::filesystem::path folder_ = scratch_.path();
};

TEST_F(AtomicFile, CreatesFoldersAndReplacesOldContentCompletely) {
  const std::filesystem::path path = folder_ / "nested" / "table.csv";
  write_file_atomically(path, std::string(100000, 'a'));
  write_file_atomically(path, "short\n");
  EXPECT_EQ(read_file(path), "short\n");
}

TEST_F(AtomicFile, LeavesNoTemporaryFilesBehind) {
  for (int i = 0; i < 5; ++i) write_file_atomically(folder_ / "run.json", std::to_string(i));
  int entries = 0;
  for ([[maybe_unused]] const auto& entry : std::filesystem::directory_iterator(folder_)) ++entries;
  EXPECT_EQ(entries, 1);
}

// A write that fails is an I/O failure (the program's exit 1), not a caller's bad argument (exit 2).
TEST_F(AtomicFile, UnwritableTargetsRaiseIoFailureNamingThePath) {
  std::filesystem::create_directories(folder_);
  write_file_atomically(folder_ / "file", "x");
  try {
    write_file_atomically(folder_ / "file" / "below", "y");  // a file is not a folder
    FAIL() << "expected IoFailure";
  } catch (const IoFailure& error) {
    EXPECT_NE(std::string(error.what()).find("file"), std::string::npos) << error.what();
  }
  EXPECT_THROW(write_file_atomically("/proc/sgdbias-unwritable/run.json", "z"), IoFailure);  // even for root
  EXPECT_THROW(read_file(folder_ / "missing"), InvalidArgument);
}

}  // namespace
}  // namespace sgdbias::io
