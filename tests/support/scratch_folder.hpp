#pragma once
// A folder path under the system's temporary directory for one test: nothing is there when the
// object is made (the test or the code under test creates it), and it is removed with the object.
// Named after a prefix, the running test and the process, so tests run in parallel (ctest -j
// starts one process per test) never share one.
#include <filesystem>
#include <fstream>
#include <string>
#include <string_view>

#include <gtest/gtest.h>
#include <unistd.h>

namespace sgdbias::testing {

class ScratchFolder {
 public:
  explicit ScratchFolder(std::string_view prefix) : path_(std::filesystem::temp_directory_path() / name(prefix)) {
    std::filesystem::remove_all(path_);
  }
  ~ScratchFolder() {
    std::error_code ignored;  // never throw from a destructor; a leftover folder is harmless
    std::filesystem::remove_all(path_, ignored);
  }
  ScratchFolder(const ScratchFolder&) = delete;
  ScratchFolder& operator=(const ScratchFolder&) = delete;

  const std::filesystem::path& path() const { return path_; }
  // The path of `name` in the folder (the file need not exist).
  std::string file(const std::string& name) const { return (path_ / name).string(); }
  // Writes `content` to `name` in the folder (creating the folder) and returns the file's path.
  std::string write(const std::string& name, const std::string& content) const {
    std::filesystem::create_directories(path_);
    std::ofstream(path_ / name) << content;
    return file(name);
  }

 private:
  static std::string name(std::string_view prefix) {
    const ::testing::TestInfo* test = ::testing::UnitTest::GetInstance()->current_test_info();
    return std::string("sgdbias-") + std::string(prefix) + "-" + (test != nullptr ? test->name() : "none") + "-" +
           std::to_string(::getpid());
  }

  std::filesystem::path path_;
};

}  // namespace sgdbias::testing
