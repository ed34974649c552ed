// Tools, personas and name look-up. Opening the database is its
// back-end's (backend.h, store_schema.cpp); reviews and votes are in
// store_reviews.cpp.
#include "toolcmp/store/store.h"

#include <iterator>

#include <fmt/format.h>

#include "store/backend.h"
#include "store/stored_values.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/io.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

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

// The tool's columns: its eight text fields named and ordered as
// kToolTextFields (model.h), the one list of them.
constexpr std::size_t kTextFields = std::size(kToolTextFields);

// Each text field's column through pattern ("{0}" its name, "{1}" its
// parameter, numbered from first), joined with ", ".
std::string text_columns(const char* pattern, int first = 0) {
  std::string joined;
  int parameter = first;
  for (const ToolTextField& field : kToolTextFields) {
    if (!joined.empty()) joined += ", ";
    joined += fmt::format(fmt::runtime(pattern), field.name, parameter++);
  }
  return joined;
}

const std::string& tool_columns() {
  static const std::string columns = fmt::format(
      "id, name, {}, created_at, updated_at, published_ship_pct, published_votes_ship, published_votes_skip",
      text_columns("{0}"));
  return columns;
}

Tool read_tool(const sql::Statement& stmt) {
  Tool tool;
  tool.id = stmt.integer(0);
  tool.name = stmt.text(1);
  int column = 2;
  for (const ToolTextField& field : kToolTextFields) tool.*field.member = stmt.optional_text(column++);
  tool.created_at = stmt.text(column);
  tool.updated_at = stmt.text(column + 1);
  tool.published_ship_pct = stmt.optional_real(column + 2);
  RowName row{"tool", tool.id};
  auto ship = stored_count(stmt, column + 3, row, "published_votes_ship");
  auto skip = stored_count(stmt, column + 4, row, "published_votes_skip");
  if (ship && skip) tool.published_votes = VoteTally{*ship, *skip};
  return tool;
}

// Binds the text fields to their parameters, from first on; gives the next.
int bind_text_fields(sql::Statement& stmt, const Tool& tool, int first) {
  for (const ToolTextField& field : kToolTextFields) stmt.bind(first++, tool.*field.member);
  return first;
}

std::optional<int> published_count(const Tool& tool, int VoteTally::*count) {
  if (!tool.published_votes) return std::nullopt;
  return (*tool.published_votes).*count;
}

Persona read_persona(const sql::Statement& stmt) {
  Persona persona;
  persona.id = stmt.integer(0);
  persona.name = stmt.text(1);
  persona.focus = stmt.optional_text(2);
  persona.weight = stored_weight(stmt, 3, {"persona", persona.id});
  persona.removed = !stmt.is_null(4);
  return persona;
}

}  // namespace

void Store::write(const std::function<void()>& body) {
  sql::Transaction tx(*db_);
  body();
  for (auto& [sql, statement] : statements_) statement->reset();  // none may still be reading
  for (auto& [sql, statement] : inserts_) statement->reset();
  if (!in_memory_) backend_->before_commit();
  tx.commit();
  backend_->after_commit();
  interrupt::mark_committed();
}

std::vector<NamedRow> Store::find_by_key(NameTable table, const std::string& key) {
  sql::Statement stmt(*db_, names_sql(table, "WHERE name_key = ?1").c_str());
  return collect_names(stmt.bind_all(key));
}

std::vector<NamedRow> Store::find_by_loose_key(NameTable table, const std::string& loose_key) {
  sql::Statement stmt(*db_, names_sql(table, "WHERE loose_key = ?1").c_str());
  return collect_names(stmt.bind_all(loose_key));
}

std::vector<NamedRow> Store::all_names(NameTable table) {
  sql::Statement stmt(*db_, names_sql(table, "").c_str());
  return collect_names(stmt);
}

void Store::each_loose_key(NameTable table, bool include_removed,
                           const std::function<void(std::int64_t, std::string_view)>& visit) {
  // A scan of the covering index tool_loose_key: the id and key without
  // reading the tool rows and their long texts.
  sql::Statement stmt(*db_, table == NameTable::Tool       ? "SELECT id, loose_key FROM tool INDEXED BY tool_loose_key"
                            : table == NameTable::Decision ? "SELECT id, loose_key FROM decision INDEXED BY decision_loose_key"
                                : "SELECT id, loose_key FROM persona WHERE ?1 <> 0 OR removed_at IS NULL ORDER BY position");
  if (table == NameTable::Persona) stmt.bind(1, include_removed ? 1 : 0);
  while (stmt.step()) visit(stmt.integer(0), stmt.text_view(1));
}

std::string Store::name_of(NameTable table, std::int64_t id) {
  sql::Statement stmt(*db_, table == NameTable::Tool       ? "SELECT name FROM tool WHERE id = ?1"
                            : table == NameTable::Decision ? "SELECT title FROM decision WHERE id = ?1"
                                                           : "SELECT name FROM persona WHERE id = ?1");
  if (!stmt.bind_all(id).step()) throw Error(fmt::format("no {} with id {}", table_name(table), id));
  return stmt.text(0);
}

std::vector<std::string> Store::categories() {
  sql::Statement stmt(*db_, "SELECT DISTINCT category FROM tool WHERE category IS NOT NULL ORDER BY category");
  std::vector<std::string> result;
  while (stmt.step()) result.push_back(stmt.text(0));
  return result;
}

void Store::each_tool_name(const std::string& key_prefix, const std::function<void(const std::string&)>& visit) {
  // The keys that start with the prefix are those from it up to, not
  // including, the prefix with its last byte raised by one (bytes compare
  // as in memcmp).
  std::string end = key_prefix;
  while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
  if (!end.empty()) end.back() = static_cast<char>(end.back() + 1);
  sql::Statement stmt(*db_, end.empty() ? "SELECT name FROM tool WHERE name_key >= ?1 ORDER BY name_key"
                                        : "SELECT name FROM tool WHERE name_key >= ?1 AND name_key < ?2 ORDER BY name_key");
  stmt.bind(1, key_prefix);
  if (!end.empty()) stmt.bind(2, end);
  while (stmt.step()) visit(stmt.text(0));
}

Tool Store::load_tool(std::int64_t id) {
  // Prepared once per Store: check and decision show load many tools.
  static const std::string kLoadTool = fmt::format("SELECT {} FROM tool WHERE id = ?1", tool_columns());
  sql::Statement& stmt = cached(kLoadTool.c_str());
  if (!stmt.bind_all(id).step()) throw Error(fmt::format("no tool with id {}", id));
  Tool tool = read_tool(stmt);
  stmt.reset();
  sql::Statement& attrs = cached("SELECT key, value FROM tool_attribute WHERE tool_id = ?1 ORDER BY key");
  attrs.bind_all(id);
  while (attrs.step()) tool.attributes.emplace_back(attrs.text(0), attrs.text(1));
  attrs.reset();
  return tool;
}

std::int64_t Store::count_tools(const std::optional<std::string>& category) {
  sql::Statement stmt(*db_, category ? "SELECT count(*) FROM tool WHERE category = ?1 COLLATE NOCASE"
                                     : "SELECT count(*) FROM tool");
  if (category) stmt.bind(1, *category);
  return stmt.step() ? stmt.integer(0) : 0;
}

void Store::each_tool_summary(const std::optional<std::string>& category,
                              const std::function<void(Tool, std::vector<Review>, const VoteTally&)>& visit,
                              const ReviewCut& cut) {
  const std::optional<std::string>& as_of = cut.written;
  // Each tally is a count over index vote_tally (with as_of, over the votes then cast).
  const char* cast_then = as_of ? " AND cast_at <= ?2" : "";
  std::string tools_sql = fmt::format(
      "SELECT {}, (SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'ship'{}), "
      "(SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'skip'{}) FROM tool t {} ORDER BY name_key",
      tool_columns(), cast_then, cast_then, category ? "WHERE category = ?1 COLLATE NOCASE" : "");
  sql::Statement tools(*db_, tools_sql.c_str());
  tools.stream();
  if (category) tools.bind(1, *category);
  if (as_of) tools.bind(2, *as_of);
  // All of a tool's reviews, oldest first per persona, from index
  // review_current alone; the last of each persona's is its current one.
  sql::Statement reviews(*db_, fmt::format("SELECT persona_id, score, verdict, id, reviewed_at FROM review "
                                           "WHERE tool_id = ?1{} ORDER BY persona_id, reviewed_at, recorded_at, id",
                                           as_of ? " AND reviewed_at <= ?2 AND (CAST(?3 AS TEXT) IS NULL OR recorded_at <= ?3)"
                                                 : "").c_str());
  const std::vector<Persona> panel = personas(false);
  std::map<std::int64_t, std::size_t> seat;  // persona id -> panel position
  for (std::size_t i = 0; i < panel.size(); ++i) seat[panel[i].id] = i;
  std::vector<std::optional<Review>> current(panel.size());
  while (tools.step()) {
    Tool tool = read_tool(tools);
    VoteTally tally{static_cast<int>(tools.integer(15)), static_cast<int>(tools.integer(16))};
    std::fill(current.begin(), current.end(), std::nullopt);
    reviews.bind(1, tool.id);
    if (as_of) reviews.bind(2, *as_of).bind(3, cut.recorded);
    while (reviews.step()) {
      auto it = seat.find(reviews.integer(0));
      if (it == seat.end()) continue;  // a removed persona
      Review& review = current[it->second].emplace();
      review.tool = tool.name;
      review.persona = panel[it->second].name;
      review.persona_weight = panel[it->second].weight;
      RowName row{"review", reviews.integer(3)};
      review.score = stored_score(reviews, 1, row);
      review.verdict = stored_verdict(reviews, 2, row);
      review.reviewed_at = reviews.text(4);
    }
    reviews.reset();
    std::vector<Review> in_panel_order;
    for (auto& review : current) {
      if (review) in_panel_order.push_back(std::move(*review));
    }
    visit(std::move(tool), std::move(in_panel_order), tally);
  }
}

void Store::write_attributes(std::int64_t tool_id, const Attributes& attributes, bool replace) {
  if (replace) cached("DELETE FROM tool_attribute WHERE tool_id = ?1").bind_all(tool_id).run();
  sql::Statement& insert = cached("INSERT INTO tool_attribute (tool_id, key, value) VALUES (?1, ?2, ?3)");
  for (const auto& [key, value] : attributes) insert.bind_all(tool_id, key, value).run();
}

std::int64_t Store::insert_tool(const Tool& tool, const std::string& now) {
  constexpr int kNow = 4 + static_cast<int>(kTextFields);
  static const std::string kInsert = fmt::format(
      "INSERT INTO tool (name, name_key, loose_key, {}, created_at, updated_at, published_ship_pct, "
      "published_votes_ship, published_votes_skip) VALUES (?1, ?2, ?3, {}, ?{}, ?{}, ?{}, ?{}, ?{})",
      text_columns("{0}"), text_columns("?{1}", 4), kNow, kNow, kNow + 1, kNow + 2, kNow + 3);
  sql::Statement& stmt = cached((kInsert + db_->returning_id()).c_str());
  stmt.bind(1, tool.name).bind(2, name_key(tool.name)).bind(3, loose_key(tool.name));
  int next = bind_text_fields(stmt, tool, 4);
  stmt.bind(next, now)
      .bind(next + 1, tool.published_ship_pct)
      .bind(next + 2, published_count(tool, &VoteTally::ship))
      .bind(next + 3, published_count(tool, &VoteTally::skip));
  std::int64_t id = db_->inserted_id(stmt).value_or(0);
  write_attributes(id, tool.attributes, false);
  return id;
}

void Store::update_tool(const Tool& tool, const std::string& now) {
  constexpr int kNow = 5 + static_cast<int>(kTextFields);
  static const std::string kUpdate = fmt::format(
      "UPDATE tool SET name = ?2, name_key = ?3, loose_key = ?4, {}, updated_at = ?{}, published_ship_pct = ?{}, "
      "published_votes_ship = ?{}, published_votes_skip = ?{} WHERE id = ?1",
      text_columns("{0} = ?{1}", 5), kNow, kNow + 1, kNow + 2, kNow + 3);
  sql::Statement& stmt = cached(kUpdate.c_str());
  stmt.bind(1, tool.id).bind(2, tool.name).bind(3, name_key(tool.name)).bind(4, loose_key(tool.name));
  int next = bind_text_fields(stmt, tool, 5);
  stmt.bind(next, now)
      .bind(next + 1, tool.published_ship_pct)
      .bind(next + 2, published_count(tool, &VoteTally::ship))
      .bind(next + 3, published_count(tool, &VoteTally::skip))
      .run();
  write_attributes(tool.id, tool.attributes, true);
}

void Store::delete_tool(std::int64_t id) {
  sql::Statement stmt(*db_, "DELETE FROM tool WHERE id = ?1");
  stmt.bind_all(id).run();
}

ToolCounts Store::count_for_tool(std::int64_t id) {
  sql::Statement stmt(*db_,
                      "SELECT (SELECT count(*) FROM review WHERE tool_id = ?1), "
                      "(SELECT count(*) FROM vote WHERE tool_id = ?1)");
  stmt.bind_all(id).step();
  return {stmt.integer(0), stmt.integer(1)};
}

std::vector<Persona> Store::personas(bool include_removed) {
  sql::Statement& stmt = cached("SELECT id, name, focus, weight, removed_at FROM persona "
                                "WHERE ?1 <> 0 OR removed_at IS NULL ORDER BY position");
  stmt.bind_all(include_removed ? 1 : 0);
  std::vector<Persona> result;
  while (stmt.step()) result.push_back(read_persona(stmt));
  stmt.reset();
  return result;
}

Persona Store::load_persona(std::int64_t id) {
  sql::Statement stmt(*db_, "SELECT id, name, focus, weight, removed_at FROM persona WHERE id = ?1");
  if (!stmt.bind_all(id).step()) throw Error(fmt::format("no persona with id {}", id));
  return read_persona(stmt);
}

std::int64_t Store::insert_persona(const Persona& persona) {
  sql::Statement stmt(*db_, (std::string("INSERT INTO persona (name, name_key, loose_key, focus, weight, position) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), 0) + 1 FROM persona))") +
                             db_->returning_id())
                                .c_str());
  stmt.bind_all(persona.name, name_key(persona.name), loose_key(persona.name), persona.focus, persona.weight);
  return db_->inserted_id(stmt).value_or(0);
}

void Store::update_persona(const Persona& persona) {
  sql::Statement stmt(*db_,
                      "UPDATE persona SET name = ?2, name_key = ?3, loose_key = ?4, focus = ?5, weight = ?6 "
                      "WHERE id = ?1");
  stmt.bind_all(persona.id, persona.name, name_key(persona.name), loose_key(persona.name), persona.focus,
                persona.weight)
      .run();
}

void Store::revive_persona(const Persona& persona) {
  update_persona(persona);
  sql::Statement stmt(*db_,
                      "UPDATE persona SET removed_at = NULL, "
                      "position = (SELECT coalesce(max(position), 0) + 1 FROM persona) WHERE id = ?1");
  stmt.bind_all(persona.id).run();
}

void Store::remove_persona(std::int64_t id, const std::string& now) {
  sql::Statement stmt(*db_, "UPDATE persona SET removed_at = ?2 WHERE id = ?1");
  stmt.bind_all(id, now).run();
}

std::int64_t Store::count_persona_reviews(std::int64_t id) {
  sql::Statement stmt(*db_, "SELECT count(*) FROM review WHERE persona_id = ?1");
  stmt.bind_all(id).step();
  return stmt.integer(0);
}

}  // namespace toolcmp
