// The store's side of batch import and export.
#include <fmt/format.h>

#include "sqlite.h"
#include "stored_values.h"
#include "toolcmp/error.h"
#include "toolcmp/store.h"
#include "toolcmp/values.h"

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

std::optional<std::int64_t> Store::add_review_once(std::int64_t tool_id, std::int64_t persona_id, const Review& review, bool match_time,
                            std::int64_t first_new_id) {
  // The look-ups go through index review_current: (tool_id, persona_id, reviewed_at).
  static const char* const kAnyTime =
      "INSERT INTO review (tool_id, persona_id, score, verdict, text, reviewed_at, source, recorded_at) "
      "SELECT ?1, ?2, CAST(?3 AS INTEGER), CAST(?4 AS TEXT), ?5, ?6, CAST(?7 AS TEXT), ?9 WHERE NOT EXISTS ("
      "  SELECT 1 FROM review WHERE tool_id = ?1 AND persona_id = ?2 "
      "  AND text = ?5 AND score IS NOT DISTINCT FROM ?3 AND verdict IS NOT DISTINCT FROM ?4)";
  static const char* const kSameTime =
      "INSERT INTO review (tool_id, persona_id, score, verdict, text, reviewed_at, source, recorded_at) "
      "SELECT ?1, ?2, CAST(?3 AS INTEGER), CAST(?4 AS TEXT), ?5, ?6, CAST(?7 AS TEXT), ?9 WHERE ("
      "  SELECT count(*) FILTER (WHERE id < ?8) - count(*) FILTER (WHERE id >= ?8) FROM review "
      "  WHERE tool_id = ?1 AND persona_id = ?2 AND reviewed_at = ?6 "
      "  AND text = ?5 AND score IS NOT DISTINCT FROM ?3 AND verdict IS NOT DISTINCT FROM ?4) <= 0";
  sql::Statement& stmt = cached((std::string(match_time ? kSameTime : kAnyTime) + db_->returning_id()).c_str());
  std::optional<std::string> verdict;
  if (review.verdict) verdict = verdict_name(*review.verdict);
  stmt.bind_all(tool_id, persona_id, review.score, verdict, review.text, review.reviewed_at, review.source);
  stmt.bind(8, first_new_id);
  stmt.bind(9, review.recorded_at);
  return db_->inserted_id(stmt);
}

std::optional<std::int64_t> Store::equal_review_id(std::int64_t tool_id, std::int64_t persona_id, const Review& review,
                                                   bool match_time) {
  sql::Statement& stmt = cached(
      "SELECT id FROM review WHERE tool_id = ?1 AND persona_id = ?2 AND text = ?5 AND score IS NOT DISTINCT FROM ?3 "
      "AND verdict IS NOT DISTINCT FROM ?4 AND (?7 = 0 OR reviewed_at = ?6) ORDER BY id LIMIT 1");
  std::optional<std::string> verdict;
  if (review.verdict) verdict = verdict_name(*review.verdict);
  stmt.bind_all(tool_id, persona_id, review.score, verdict, review.text, review.reviewed_at, match_time ? 1 : 0);
  if (!stmt.step()) return std::nullopt;
  return stmt.integer(0);
}

std::int64_t Store::max_review_id() {
  sql::Statement stmt(*db_, "SELECT coalesce(max(id), 0) FROM review");
  stmt.step();
  return stmt.integer(0);
}

std::optional<Review> Store::current_review_with_text(std::int64_t tool_id, std::int64_t persona_id,
                                                     const std::string& text) {
  // The text is compared in SQL: a long one is never copied out.
  sql::Statement& stmt = cached(
      "SELECT id, score, verdict, reviewed_at, source, text = ?3 FROM review WHERE tool_id = ?1 AND persona_id = ?2 "
      "ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1");
  if (!stmt.bind_all(tool_id, persona_id, text).step() || stmt.integer(5) == 0) return std::nullopt;
  Review review;
  review.id = stmt.integer(0);
  RowName row{"review", review.id};
  review.score = stored_score(stmt, 1, row);
  review.verdict = stored_verdict(stmt, 2, row);
  review.text = text;
  review.reviewed_at = stmt.text(3);
  review.source = stmt.optional_text(4);
  return review;
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
  sql::Statement& source = cached(
      "INSERT INTO review_source (review_id, source) SELECT ?1, ?2 "
      "WHERE NOT EXISTS (SELECT 1 FROM review WHERE id = ?1 AND source IS NOT DISTINCT FROM ?2) "
      "ON CONFLICT DO NOTHING");
  source.bind_all(id, *review.source).run();
  return changed || db_->changes() > 0;
}

void Store::insert_review(std::int64_t tool_id, std::int64_t persona_id, const Review& review) {
  sql::Statement& stmt = cached(
      "INSERT INTO review (tool_id, persona_id, score, verdict, text, reviewed_at, source, recorded_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)");
  std::optional<std::string> verdict;
  if (review.verdict) verdict = verdict_name(*review.verdict);
  stmt.bind_all(tool_id, persona_id, review.score, verdict, review.text, review.reviewed_at, review.source,
                review.recorded_at)
      .run();
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
  } else {
    sql::Statement& existing = cached("SELECT verdict, cast_at, id FROM vote WHERE tool_id = ?1 AND voter = ?2 COLLATE NOCASE");
    if (existing.bind_all(tool_id, vote.voter).step()) {
      std::string old_verdict = existing.text(0), old_cast_at = existing.text(1);
      std::int64_t id = existing.integer(2);
      if (old_verdict == verdict || old_cast_at > vote.cast_at) {
        return VoteChange::Unchanged;  // the database holds this vote or a later one
      }
      sql::Statement& update = cached("UPDATE vote SET verdict = ?2, cast_at = ?3 WHERE id = ?1");
      update.bind_all(id, verdict, vote.cast_at).run();
      return VoteChange::Replaced;
    }
  }
  sql::Statement& insert = cached("INSERT INTO vote (tool_id, verdict, voter, cast_at) VALUES (?1, ?2, ?3, ?4)");
  insert.bind_all(tool_id, verdict, vote.voter, vote.cast_at).run();
  return VoteChange::Added;
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
