// Values read back from the database are checked as they are read: a file
// edited outside toolcmp can hold a verdict 'maybe' or a score of 2^40,
// and that is a damaged row (exit 3, named), never a usage error or a
// silently truncated number. Private to src/store*.cpp.
#pragma once

#include <cstdint>
#include <optional>

#include "store/sql.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

// Names the row a value came from: "review 17", "vote 4", "persona 2".
struct RowName {
  const char* table;
  std::int64_t id;
};

std::optional<Verdict> stored_verdict(const sql::Statement& stmt, int column, RowName row);
Verdict stored_required_verdict(const sql::Statement& stmt, int column, RowName row);
std::optional<int> stored_score(const sql::Statement& stmt, int column, RowName row);
// A count of votes a page published: 0 to kMaxStoredCount.
inline constexpr std::int64_t kMaxStoredCount = 1000000000;
std::optional<int> stored_count(const sql::Statement& stmt, int column, RowName row, const char* field);
double stored_weight(const sql::Statement& stmt, int column, RowName row);

}  // namespace toolcmp
