#include "lib/io/atomic_file.hpp"

#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>

#include "lib/core/errors.hpp"

namespace sgdbias::io {
namespace {

std::filesystem::path temporary_path_for(const std::filesystem::path& path) {
  // Unique per process and call, so concurrent writers (threads) never share a temporary.
  static std::atomic<unsigned long> counter{0};
  std::string name(".");
  name.append(path.filename().string());
  name.append(".tmp-");
  name.append(std::to_string(::getpid()));
  name.push_back('-');
  name.append(std::to_string(counter.fetch_add(1)));
  return path.parent_path() / name;
}

}  // namespace

void write_file_atomically(const std::filesystem::path& path, std::string_view content) {
  constexpr std::string_view kWhere = "write_file_atomically";
  std::error_code error;
  if (!path.parent_path().empty()) std::filesystem::create_directories(path.parent_path(), error);
  if (error) {
    throw IoFailure(kWhere, describe("cannot create folder ", path.parent_path(), ": ",
                                           error.message()));
  }
  const std::filesystem::path temporary = temporary_path_for(path);
  std::FILE* file = std::fopen(temporary.c_str(), "wb");
  if (file == nullptr) {
    throw IoFailure(kWhere, describe("cannot write ", temporary, ": ", std::strerror(errno)));
  }
  const bool written = std::fwrite(content.data(), 1, content.size(), file) == content.size();
  const bool flushed = std::fflush(file) == 0 && ::fsync(::fileno(file)) == 0;
  const bool closed = std::fclose(file) == 0;
  if (!written || !flushed || !closed) {
    std::filesystem::remove(temporary, error);
    throw IoFailure(kWhere, describe("writing ", temporary, " failed (disk full?)"));
  }
  std::filesystem::rename(temporary, path, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw IoFailure(kWhere, describe("cannot rename onto ", path, ": ", error.message()));
  }
}

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InvalidArgument("read_file", describe("cannot read ", path));
  std::ostringstream content;
  content << in.rdbuf();
  return content.str();
}

}  // namespace sgdbias::io
