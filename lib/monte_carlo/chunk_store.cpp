#include "lib/monte_carlo/chunk_store.hpp"

#include <fstream>
#include <system_error>
#include <utility>

#include "lib/core/errors.hpp"
#include "lib/io/atomic_file.hpp"

namespace sgdbias {

ChunkStore::ChunkStore(std::filesystem::path folder, std::string_view fingerprint)
    : folder_(std::move(folder)) {
  const std::filesystem::path fingerprint_path = folder_ / "fingerprint";
  if (std::filesystem::exists(fingerprint_path)) {
    require(io::read_file(fingerprint_path) == fingerprint, "resume",
            "the unfinished run in ", folder_.parent_path(),
            " was started with other options or seed; resume it with the same options (see its "
            "run.json) or choose another --out");
  } else {
    io::write_file_atomically(fingerprint_path, fingerprint);
  }
}

std::optional<ChunkStore> ChunkStore::open_existing(const std::filesystem::path& folder,
                                                   std::string_view fingerprint) {
  std::error_code error;
  const std::filesystem::path fingerprint_path = folder / "fingerprint";
  if (!std::filesystem::exists(fingerprint_path, error) || io::read_file(fingerprint_path) != fingerprint) {
    return std::nullopt;
  }
  return ChunkStore(folder);
}

std::filesystem::path ChunkStore::chunk_path(std::string_view tag, Index chunk) const {
  return folder_ / (std::string(tag) + "-" + std::to_string(chunk) + ".chunk");
}

std::optional<std::string> ChunkStore::load(std::string_view tag, Index chunk) const {
  const std::filesystem::path path = chunk_path(tag, chunk);
  if (!std::filesystem::exists(path)) return std::nullopt;
  return io::read_file(path);
}

void ChunkStore::save(std::string_view tag, Index chunk, std::string_view content) const {
  io::write_file_atomically(chunk_path(tag, chunk), content);
}

void ChunkStore::remove() const {
  std::error_code ignored;
  std::filesystem::remove_all(folder_, ignored);
}

}  // namespace sgdbias
