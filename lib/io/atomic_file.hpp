#pragma once
// Atomic file writes: the content goes to a temporary file in the same folder, is flushed, and
// is renamed over the target (rename(2) is atomic within a file system). A crash or Ctrl-C
// therefore leaves either the old file or the complete new one, never a truncated table that
// looks complete. A stale temporary (".<name>.tmp-<pid>-<n>") is the only possible leftover.
#include <filesystem>
#include <string_view>

#include "lib/core/io_failure.hpp"

namespace sgdbias::io {

// Writes `content` to `path` atomically, creating parent folders. Throws IoFailure naming the
// path and the system error when the folder or file cannot be written.
void write_file_atomically(const std::filesystem::path& path, std::string_view content);

// Reads a whole file; throws InvalidArgument naming the path if it cannot be read.
std::string read_file(const std::filesystem::path& path);

}  // namespace sgdbias::io
