#include "notebooks/experiment/publish_table.hpp"

#include <utility>

namespace sgdbias {

void publish_table(RunContext& context, const io::TableWriter& table, const std::string& file,
                   std::string description) {
  table.write(context.folder / file);
  context.manifest.tables.push_back({file, std::move(description), table.columns()});
}

}  // namespace sgdbias
