// The store's side of batch import and export.
#include <fmt/format.h>

#include "store/backend.h"
#include "store/stored_values.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/store.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

sql::Statement& Store::cached(const char* sql) {
  auto it = statements_.find(std::string_view(sql));
  if (it == statements_.end()) it = statements_.emplace(sql, std::make_unique<sql::Statement>(*db_, sql)).first;
  it->second->reset();
  return *it->second;
}

void Store::trial(const std::function<void()>& body) {
  sql::Transaction tx(*db_);
  body();
}  // tx rolls back

void Store::prepare_for_bulk_write() { db_->prepare_for_bulk_write(); }

std::optional<std::int64_t> Store::id_by_key(NameTable table, const std::string& key) {
  static const char* const kTool = "SELECT id FROM tool WHERE name_key = ?1";
  static const char* const kPersona = "SELECT id FROM persona WHERE name_key = ?1";
  static const char* const kDecision = "SELECT id FROM decision WHERE name_key = ?1";
  sql::Statement& stmt = cached(table == NameTable::Tool ? kTool : table == NameTable::Persona ? kPersona : kDecision);
  if (!stmt.bind_all(key).step()) return std::nullopt;
  return stmt.integer(0);
}

namespace {

// ?1 tool, ?2 persona, ?3 score, ?4 verdict, ?5 text, ?6 reviewed_at, ?7
// source: the review's text is bound in place (the statement is reset
// before the review changes).
void bind_review(sql::Statement& stmt, std::int64_t tool_id, std::int64_t persona_id, const Review& review) {
  stmt.bind(1, tool_id).bind(2, persona_id).bind(3, review.score);
  if (review.verdict) {
    stmt.bind_kept(4, verdict_name(*review.verdict));
  } else {
    stmt.bind_null(4);
  }
  stmt.bind_kept(5, review.text).bind_kept(6, review.reviewed_at);
  if (review.source) {
    stmt.bind_kept(7, *review.source);
  } else {
    stmt.bind_null(7);
  }
}

}  // namespace

sql::Statement& Store::cached_insert(const char* sql) {
  auto it = inserts_.find(std::string_view(sql));
  if (it == inserts_.end()) {
    std::string text = std::string(sql) + db_->returning_id();
    it = inserts_.emplace(sql, std::make_unique<sql::Statement>(*db_, text.c_str())).first;
  }
  it->second->reset();
  return *it->second;
}

std::int64_t Store::insert_review(std::int64_t tool_id, std::int64_t persona_id, const Review& review) {
  sql::Statement& stmt = cached_insert(
      "INSERT INTO review (tool_id, persona_id, score, verdict, text, reviewed_at, source, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  bind_review(stmt, tool_id, persona_id, review);
  stmt.bind_kept(8, review.recorded_at);
  return db_->inserted_id(stmt).value_or(0);
}

std::int64_t Store::max_review_id() {
  sql::Statement stmt(*db_, "SELECT coalesce(max(id), 0) FROM review");
  stmt.step();
  return stmt.integer(0);
}

namespace {

void assign_optional(std::optional<std::string>& into, const sql::Statement& stmt, int column) {
  if (stmt.is_null(column)) {
    into.reset();
  } else if (into) {
    into->assign(stmt.text_view(column));
  } else {
    into.emplace(stmt.text_view(column));
  }
}

}  // namespace

Store::SameText Store::same_text_reviews(std::int64_t tool_id, std::int64_t persona_id, std::string_view text,
                                         std::vector<Review>& rows) {
  // Through index review_current, texts compared in SQL: a long one is
  // never copied out. In index order, not by id: sorting them cost more
  // than the look-up. The pair's current review (latest written, then
  // recorded) is one look-up, made once.
  sql::Statement& stmt = cached(
      "SELECT r.id, r.score, r.verdict, r.reviewed_at, r.source, (SELECT c.id FROM review c WHERE c.tool_id = ?1 "
      "AND c.persona_id = ?2 ORDER BY c.reviewed_at DESC, c.recorded_at DESC, c.id DESC LIMIT 1) AS current_id "
      "FROM review r WHERE r.tool_id = ?1 AND r.persona_id = ?2 AND r.text = ?3");
  stmt.bind(1, tool_id).bind(2, persona_id).bind_kept(3, text);
  SameText found;
  while (stmt.step()) {
    if (found.count == rows.size()) rows.emplace_back();
    Review& row = rows[found.count];
    row.id = stmt.integer(0);
    RowName name{"review", row.id};
    row.score = stored_score(stmt, 1, name);
    row.verdict = stored_verdict(stmt, 2, name);
    row.reviewed_at.assign(stmt.text_view(3));
    assign_optional(row.source, stmt, 4);
    row.also_from.clear();
    if (row.id == stmt.integer(5)) found.current = found.count;
    ++found.count;
  }
  return found;
}

bool Store::merge_review(std::int64_t id, const Review& review) {
  std::optional<std::string> verdict;
  if (review.verdict) verdict = verdict_name(*review.verdict);
  sql::Statement& fill = cached(
      "UPDATE review SET score = coalesce(score, ?2), verdict = coalesce(verdict, ?3) "
      "WHERE id = ?1 AND ((score IS NULL AND CAST(?2 AS INTEGER) IS NOT NULL) OR (verdict IS NULL AND CAST(?3 AS TEXT) IS NOT NULL))");
  fill.bind_all(id, review.score, verdict).run();
  bool changed = db_->changes() > 0;
  if (!review.source) return changed;
  return add_review_source(id, *review.source) || changed;
}

bool Store::add_review_source(std::int64_t id, const std::string& source) {
  sql::Statement& stmt = cached(
      "INSERT INTO review_source (review_id, source) SELECT ?1, ?2 "
      "WHERE NOT EXISTS (SELECT 1 FROM review WHERE id = ?1 AND source IS NOT DISTINCT FROM ?2) "
      "ON CONFLICT DO NOTHING");
  stmt.bind(1, id).bind_kept(2, source).run();
  return db_->changes() > 0;
}

std::int64_t Store::max_tool_id() {
  sql::Statement stmt(*db_, "SELECT coalesce(max(id), 0) FROM tool");
  stmt.step();
  return stmt.integer(0);
}

std::int64_t Store::max_vote_id() {
  sql::Statement stmt(*db_, "SELECT coalesce(max(id), 0) FROM vote");
  stmt.step();
  return stmt.integer(0);
}

Store::VoteChange Store::import_vote(std::int64_t tool_id, const Vote& vote, std::int64_t first_new_vote_id) {
  std::string verdict = verdict_name(vote.verdict);
  if (!vote.voter) {
    // Through partial index vote_anonymous.
    sql::Statement& count = cached(
        "SELECT count(*) FILTER (WHERE id < ?4), count(*) FILTER (WHERE id >= ?4) FROM vote "
        "WHERE tool_id = ?1 AND voter IS NULL AND cast_at = ?2 AND verdict = ?3");
    count.bind_all(tool_id, vote.cast_at, verdict, first_new_vote_id).step();
    std::int64_t before = count.integer(0), added = count.integer(1);
    if (added + 1 <= before) return VoteChange::Unchanged;
  }
  return write_vote(tool_id, verdict, vote.voter, vote.cast_at, true);
}

void Store::set_persona_removed(std::int64_t id, bool removed, const std::string& now) {
  sql::Statement stmt(*db_,
                      "UPDATE persona SET removed_at = CASE WHEN ?2 <> 0 THEN coalesce(removed_at, ?3) END WHERE id = ?1");
  stmt.bind_all(id, removed ? 1 : 0, now).run();
}

namespace {

// Reads a row's checked values; a damaged row goes to on_damaged (false:
// leave the row out) or, with no handler, stops the read.
bool read_checked(const Store::DamagedRowHandler& on_damaged, const std::function<void()>& read) {
  try {
    read();
    return true;
  } catch (const DamagedRowError& error) {
    if (!on_damaged) throw;
    on_damaged(error);
    return false;
  }
}

}  // namespace

void Store::each_tool(const std::function<void(const Tool&)>& visit) {
  sql::Statement ids(*db_, "SELECT id FROM tool ORDER BY name_key");
  ids.stream();
  while (ids.step()) visit(load_tool(ids.integer(0)));
}

void Store::each_review(std::optional<std::int64_t> tool_id, const std::function<void(const Review&)>& visit,
                        const DamagedRowHandler& on_damaged) {
  sql::Statement stmt(*db_,
                      "SELECT t.name, p.name, r.score, r.verdict, r.text, r.reviewed_at, r.source, r.id, r.recorded_at "
                      "FROM review r JOIN tool t ON t.id = r.tool_id JOIN persona p ON p.id = r.persona_id "
                      "WHERE CAST(?1 AS BIGINT) IS NULL OR r.tool_id = ?1 ORDER BY r.id");
  stmt.stream();
  if (tool_id) stmt.bind(1, *tool_id);
  Review review;
  while (stmt.step()) {
    review.tool = stmt.text(0);
    review.persona = stmt.text(1);
    RowName row{"review", stmt.integer(7)};
    if (!read_checked(on_damaged, [&] {
          review.score = stored_score(stmt, 2, row);
          review.verdict = stored_verdict(stmt, 3, row);
        })) {
      continue;
    }
    review.text = stmt.text(4);
    review.reviewed_at = stmt.text(5);
    review.source = stmt.optional_text(6);
    review.id = stmt.integer(7);
    review.recorded_at = stmt.text(8);
    review.also_from.clear();
    read_sources(review);
    visit(review);
  }
}

void Store::each_vote(std::optional<std::int64_t> tool_id, const std::function<void(const Vote&)>& visit,
                      const DamagedRowHandler& on_damaged) {
  sql::Statement stmt(*db_,
                      "SELECT t.name, v.verdict, v.voter, v.cast_at, v.id FROM vote v JOIN tool t ON t.id = v.tool_id "
                      "WHERE CAST(?1 AS BIGINT) IS NULL OR v.tool_id = ?1 ORDER BY v.id");
  stmt.stream();
  if (tool_id) stmt.bind(1, *tool_id);
  Vote vote;
  while (stmt.step()) {
    vote.tool = stmt.text(0);
    if (!read_checked(on_damaged, [&] { vote.verdict = stored_required_verdict(stmt, 1, {"vote", stmt.integer(4)}); })) {
      continue;
    }
    vote.voter = stmt.optional_text(2);
    vote.cast_at = stmt.text(3);
    visit(vote);
  }
}

std::vector<std::string> Store::attribute_keys(const std::vector<std::int64_t>& tool_ids) {
  std::vector<std::string> keys;
  if (tool_ids.empty()) {
    sql::Statement stmt(*db_, "SELECT DISTINCT key FROM tool_attribute ORDER BY key");
    while (stmt.step()) keys.push_back(stmt.text(0));
    return keys;
  }
  sql::Statement stmt(*db_, "SELECT key FROM tool_attribute WHERE tool_id = ?1");
  for (std::int64_t id : tool_ids) {
    stmt.bind_all(id);
    while (stmt.step()) keys.push_back(stmt.text(0));
    stmt.reset();
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

}  // namespace toolcmp
