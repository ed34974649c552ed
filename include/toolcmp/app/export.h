// export: writing the database's records as JSON Lines or CSV.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "toolcmp/store/panel_reads.h"

namespace toolcmp {


enum class ExportFormat { Jsonl, Csv, Tsv, Markdown };

struct CsvOptions {
  bool for_terminal = false;  // show cells as the tables do (^[, <U+202E>)
  bool keep_formulas = false; // false: guard cells a spreadsheet would run
};

// tools: the tools to write, or none for all. Personas are always all
// written, removed ones too, so that reviews find theirs. for_terminal:
// CSV cannot escape control characters, so on a terminal its cells are
// shown as the tables show them (^[, <U+202E>); JSON escapes its own.
// on_damaged: with it, a review or vote holding a value toolcmp never
// writes is passed to it and left out; without, it stops the export.
void export_records(Store& store, const std::vector<std::int64_t>& tools, ExportFormat format, std::ostream& out,
                    const CsvOptions& csv = {}, const DamagedRowHandler& on_damaged = {});

}  // namespace toolcmp
