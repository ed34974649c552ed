// export: writing the database's records as JSON Lines or CSV.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <vector>

namespace toolcmp {

class Store;

enum class ExportFormat { Jsonl, Csv, Markdown };

// tools: the tools to write, or none for all. Personas are always all
// written, removed ones too, so that reviews find theirs. for_terminal:
// CSV cannot escape control characters, so on a terminal its cells are
// shown as the tables show them (^[, <U+202E>); JSON escapes its own.
void export_records(Store& store, const std::vector<std::int64_t>& tools, ExportFormat format, std::ostream& out,
                    bool for_terminal = false);

}  // namespace toolcmp
