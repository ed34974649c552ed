#include "store/stored_values.h"

#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

[[noreturn]] void damaged(RowName row, const char* field, const std::string& value) {
  throw DamagedRowError(fmt::format("{} {} has {} {}, which toolcmp never writes: the database was changed "
                                    "outside toolcmp",
                                    row.table, row.id, field, sanitize_for_terminal(value)));
}

std::string shown(const sql::Statement& stmt, int column) {
  switch (stmt.type(column)) {
    case sql::ColumnType::Integer: return std::to_string(stmt.integer(column));
    case sql::ColumnType::Real: return fmt::format("{}", stmt.real(column));
    case sql::ColumnType::Null: return "NULL";
    default: return fmt::format("'{}'", stmt.text(column).substr(0, 40));
  }
}

}  // namespace

// One call for the type and one for the value: list and rank read a
// million of these.
std::optional<Verdict> stored_verdict(const sql::Statement& stmt, int column, RowName row) {
  auto type = stmt.type(column);
  if (type == sql::ColumnType::Null) return std::nullopt;
  if (type == sql::ColumnType::Text) {
    if (auto verdict = verdict_named(stmt.text_view(column))) return verdict;
  }
  damaged(row, "verdict", shown(stmt, column));
}

Verdict stored_required_verdict(const sql::Statement& stmt, int column, RowName row) {
  if (auto verdict = stored_verdict(stmt, column, row)) return *verdict;
  damaged(row, "verdict", "NULL");
}

std::optional<int> stored_score(const sql::Statement& stmt, int column, RowName row) {
  auto type = stmt.type(column);
  if (type == sql::ColumnType::Null) return std::nullopt;
  if (type == sql::ColumnType::Integer) {
    std::int64_t score = stmt.integer(column);
    if (score >= 0 && score <= 100) return static_cast<int>(score);
  }
  damaged(row, "score", shown(stmt, column));
}

std::optional<int> stored_count(const sql::Statement& stmt, int column, RowName row, const char* field) {
  auto type = stmt.type(column);
  if (type == sql::ColumnType::Null) return std::nullopt;
  if (type == sql::ColumnType::Integer) {
    std::int64_t count = stmt.integer(column);
    if (count >= 0 && count <= kMaxStoredCount) return static_cast<int>(count);
  }
  damaged(row, field, shown(stmt, column));
}

double stored_weight(const sql::Statement& stmt, int column, RowName row) {
  auto type = stmt.type(column);
  if (type == sql::ColumnType::Integer || type == sql::ColumnType::Real) {
    double weight = stmt.real(column);
    if (std::isfinite(weight) && weight > 0 && weight <= 1e6) return weight;
  }
  damaged(row, "weight", shown(stmt, column));
}

}  // namespace toolcmp
