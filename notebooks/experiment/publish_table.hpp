#pragma once
// publish_table: the one way an experiment emits a table: written as context.folder/file and
// announced in the run's manifest (run.json: file, description, columns), so no table is written
// without its description or described without being written.
#include <string>

#include "notebooks/experiment/experiment.hpp"
#include "lib/io/table_writer.hpp"

namespace sgdbias {

void publish_table(RunContext& context, const io::TableWriter& table, const std::string& file,
                   std::string description);

}  // namespace sgdbias
