// Finding tools, personas and decisions by name (name_index.h).
#include "toolcmp/store/name_index.h"

#include <fmt/format.h>

#include "store/sql.h"
#include "toolcmp/base/error.h"

namespace toolcmp {

namespace {

const char* table_name(NameTable table) {
  switch (table) {
    case NameTable::Tool: return "tool";
    case NameTable::Persona: return "persona";
    case NameTable::Decision: return "decision";
  }
  return "";
}

std::vector<NamedRow> collect_names(sql::Statement& stmt) {
  std::vector<NamedRow> rows;
  while (stmt.step()) rows.push_back({stmt.integer(0), stmt.text(1), stmt.integer(2) != 0});
  return rows;
}

// The same four look-ups for each named table; the table name is ours,
// never the user's, and every value is bound.
std::string names_sql(NameTable table, const char* where) {
  const char* removed = table == NameTable::Persona ? "removed_at IS NOT NULL" : "0";
  return fmt::format("SELECT id, {}, {} FROM {} {} ORDER BY {}", table == NameTable::Decision ? "title" : "name",
                     removed, table_name(table), where, table == NameTable::Persona ? "position" : "name_key");
}

}  // namespace

std::vector<NamedRow> NameIndex::find_by_key(NameTable table, const std::string& key) {
  sql::Statement stmt(db(), names_sql(table, "WHERE name_key = ?1").c_str());
  return collect_names(stmt.bind_all(key));
}

std::vector<NamedRow> NameIndex::find_by_loose_key(NameTable table, const std::string& loose_key) {
  sql::Statement stmt(db(), names_sql(table, "WHERE loose_key = ?1").c_str());
  return collect_names(stmt.bind_all(loose_key));
}

std::vector<NamedRow> NameIndex::all_names(NameTable table) {
  sql::Statement stmt(db(), names_sql(table, "").c_str());
  return collect_names(stmt);
}

void NameIndex::each_loose_key(NameTable table, bool include_removed,
                           const std::function<void(std::int64_t, std::string_view)>& visit) {
  // A scan of the covering index tool_loose_key: the id and key without
  // reading the tool rows and their long texts.
  sql::Statement stmt(db(), table == NameTable::Tool       ? "SELECT id, loose_key FROM tool INDEXED BY tool_loose_key"
                            : table == NameTable::Decision ? "SELECT id, loose_key FROM decision INDEXED BY decision_loose_key"
                                : "SELECT id, loose_key FROM persona WHERE ?1 <> 0 OR removed_at IS NULL ORDER BY position");
  if (table == NameTable::Persona) stmt.bind(1, include_removed ? 1 : 0);
  while (stmt.step()) visit(stmt.integer(0), stmt.text_view(1));
}

std::string NameIndex::name_of(NameTable table, std::int64_t id) {
  sql::Statement stmt(db(), table == NameTable::Tool       ? "SELECT name FROM tool WHERE id = ?1"
                            : table == NameTable::Decision ? "SELECT title FROM decision WHERE id = ?1"
                                                           : "SELECT name FROM persona WHERE id = ?1");
  if (!stmt.bind_all(id).step()) throw Error(fmt::format("no {} with id {}", table_name(table), id));
  return stmt.text(0);
}

std::optional<std::int64_t> NameIndex::id_by_key(NameTable table, const std::string& key) {
  static const char* const kTool = "SELECT id FROM tool WHERE name_key = ?1";
  static const char* const kPersona = "SELECT id FROM persona WHERE name_key = ?1";
  static const char* const kDecision = "SELECT id FROM decision WHERE name_key = ?1";
  sql::Statement& stmt = cached(table == NameTable::Tool ? kTool : table == NameTable::Persona ? kPersona : kDecision);
  if (!stmt.bind_all(key).step()) return std::nullopt;
  return stmt.integer(0);
}

std::vector<std::string> NameIndex::categories() {
  sql::Statement stmt(db(), "SELECT DISTINCT category FROM tool WHERE category IS NOT NULL ORDER BY category");
  std::vector<std::string> result;
  while (stmt.step()) result.push_back(stmt.text(0));
  return result;
}

void NameIndex::each_tool_name(const std::string& key_prefix, const std::function<void(const std::string&)>& visit) {
  // The keys that start with the prefix are those from it up to, not
  // including, the prefix with its last byte raised by one (bytes compare
  // as in memcmp).
  std::string end = key_prefix;
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(end.back() + 1);
  sql::Statement stmt(db(), end.empty() ? "SELECT name FROM tool WHERE name_key >= ?1 ORDER BY name_key"
                                        : "SELECT name FROM tool WHERE name_key >= ?1 AND name_key < ?2 ORDER BY name_key");
  stmt.bind(1, key_prefix);
  if (!end.empty()) stmt.bind(2, end);
  while (stmt.step()) visit(stmt.text(0));
}

}  // namespace toolcmp
