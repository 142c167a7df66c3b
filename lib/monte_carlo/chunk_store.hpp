#pragma once
// ChunkStore: finished ensemble chunks on disk, so an interrupted run can be resumed without
// redoing finished work. One file per (tag, chunk), written atomically (io/atomic_file.hpp) the
// moment the chunk is finished; a `fingerprint` file (the run's full configuration) guards
// against resuming with different options, which would silently mix two experiments.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "lib/core/linear_algebra.hpp"

namespace sgdbias {

class ChunkStore {
 public:
  // Opens `folder` (created if missing). Throws InvalidArgument if it holds chunks of a run
  // whose fingerprint differs from `fingerprint`.
  ChunkStore(std::filesystem::path folder, std::string_view fingerprint);
  // The store another process opened in `folder` for the same run (same fingerprint), if this
  // process sees it (a file system both share); nullopt otherwise. Creates nothing.
  static std::optional<ChunkStore> open_existing(const std::filesystem::path& folder, std::string_view fingerprint);

  // The archived chunk, if it was finished before.
  std::optional<std::string> load(std::string_view tag, Index chunk) const;
  // Thread-safe: distinct chunks are distinct files, each written atomically.
  void save(std::string_view tag, Index chunk, std::string_view content) const;
  // Deletes the folder (after the run's tables are written, chunks are no longer needed).
  void remove() const;

  const std::filesystem::path& folder() const { return folder_; }

 private:
  std::filesystem::path chunk_path(std::string_view tag, Index chunk) const;

  explicit ChunkStore(std::filesystem::path folder) : folder_(std::move(folder)) {}

  std::filesystem::path folder_;
};

}  // namespace sgdbias
