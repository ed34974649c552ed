// The store's side of batch import (batch_import.h).
#include "toolcmp/store/batch_import.h"

#include <fmt/format.h>

#include "store/sql.h"
#include "store/stored_values.h"
#include "store/tool_rows.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

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

const sql::BulkTable& tool_rows() {
  static const std::string copy = fmt::format(
      "tool (id, name, name_key, loose_key, {}, created_at, updated_at, published_ship_pct, published_votes_ship, "
      "published_votes_skip)",
      text_columns("{0}"));
  static const sql::BulkTable table{copy.c_str(), 0};
  return table;
}
constexpr sql::BulkTable kAttributeRows{"tool_attribute (tool_id, key, value)", 1};
constexpr sql::BulkTable kReviewRows{
    "review (id, tool_id, persona_id, score, verdict, text, reviewed_at, source, recorded_at, author)", 1};
constexpr sql::BulkTable kVoteRows{"vote (tool_id, verdict, voter, cast_at, author)", 1};

sql::Cell cell(const std::optional<std::string>& value) {
  return value ? sql::Cell(*value) : std::nullopt;
}

}  // namespace

std::int64_t BatchImport::max_tool_id() {
  sql::Statement stmt(db(), "SELECT coalesce(max(id), 0) FROM tool");
  stmt.step();
  return stmt.integer(0);
}

std::int64_t BatchImport::max_review_id() {
  sql::Statement stmt(db(), "SELECT coalesce(max(id), 0) FROM review");
  stmt.step();
  return stmt.integer(0);
}

std::int64_t BatchImport::max_vote_id() {
  sql::Statement stmt(db(), "SELECT coalesce(max(id), 0) FROM vote");
  stmt.step();
  return stmt.integer(0);
}

bool BatchImport::load_tool_keys(std::unordered_map<std::string, std::int64_t>& ids, std::size_t limit) {
  sql::Statement count(db(), "SELECT count(*) FROM tool");
  count.step();
  if (static_cast<std::size_t>(count.integer(0)) > limit) return false;
  sql::Statement stmt(db(), "SELECT name_key, id FROM tool");
  stmt.stream();
  while (stmt.step()) ids.emplace(stmt.text(0), stmt.integer(1));
  return true;
}

bool BatchImport::load_tools(std::int64_t below_id, std::size_t limit, std::unordered_map<std::int64_t, Tool>& tools) {
  sql::Statement count(db(), "SELECT count(*) FROM tool WHERE id < ?1");
  count.bind_all(below_id).step();
  if (static_cast<std::size_t>(count.integer(0)) > limit) return false;
  std::string sql = fmt::format("SELECT {} FROM tool WHERE id < ?1", tool_columns());
  sql::Statement stmt(db(), sql.c_str());
  stmt.stream();
  stmt.bind_all(below_id);
  while (stmt.step()) {
    Tool tool = read_tool(stmt);
    std::int64_t id = tool.id;
    tools.insert_or_assign(id, std::move(tool));
  }
  // Each tool's attributes in key order, as load_tool reads them.
  sql::Statement attrs(db(), "SELECT tool_id, key, value FROM tool_attribute WHERE tool_id < ?1 ORDER BY tool_id, key");
  attrs.stream();
  attrs.bind_all(below_id);
  while (attrs.step()) {
    auto tool = tools.find(attrs.integer(0));
    if (tool != tools.end()) tool->second.attributes.emplace_back(attrs.text(1), attrs.text(2));
  }
  return true;
}

bool BatchImport::remote() { return db().remote(); }

std::int64_t BatchImport::add_tool(const Tool& tool, const std::string& now) {
  std::optional<std::int64_t> id = db().reserve_id("tool");
  if (!id) return PanelEdits(store()).insert_tool(tool, now);
  std::string id_text = std::to_string(*id), key = name_key(tool.name), loose = loose_key(tool.name);
  std::optional<std::string> pct, ship, skip;
  if (tool.published_ship_pct) pct = fmt::format("{}", *tool.published_ship_pct);
  if (tool.published_votes) {
    ship = std::to_string(tool.published_votes->ship);
    skip = std::to_string(tool.published_votes->skip);
  }
  std::vector<sql::Cell> cells{id_text, tool.name, key, loose};
  for (const ToolTextField& field : kToolTextFields) cells.push_back(cell(tool.*field.member));
  for (const sql::Cell& more : {sql::Cell(now), sql::Cell(now), cell(pct), cell(ship), cell(skip)}) cells.push_back(more);
  db().append_row(tool_rows(), cells.data(), cells.size());
  for (const auto& [name, value] : tool.attributes) db().append(kAttributeRows, {id_text, name, value});
  return *id;
}

std::optional<std::int64_t> BatchImport::append_review(std::int64_t tool_id, std::int64_t persona_id,
                                                       const Review& review) {
  std::optional<std::int64_t> id = db().reserve_id("review");
  if (!id) return std::nullopt;
  std::string id_text = std::to_string(*id), tool = std::to_string(tool_id), persona = std::to_string(persona_id);
  std::optional<std::string> score;
  if (review.score) score = std::to_string(*review.score);
  sql::Cell verdict;
  if (review.verdict) verdict = verdict_name(*review.verdict);
  db().append(kReviewRows, {id_text, tool, persona, cell(score), verdict, review.text, review.reviewed_at,
                            cell(review.source), review.recorded_at, review.author ? *review.author : store().author()});
  return id;
}

BatchImport::SameText BatchImport::same_text_reviews(std::int64_t tool_id, std::int64_t persona_id, std::string_view text,
                                         std::vector<Review>& rows) {
  // Through index review_current, newest first, so that the first row is
  // the pair's current review (written last, then recorded last, then the
  // highest id); texts compared in SQL, so a long one is never copied out.
  // One look-up for both, where a subquery had sought the current review
  // a second time.
  sql::Statement& stmt = cached(
      "SELECT id, score, verdict, reviewed_at, source, CASE WHEN text = ?3 THEN 1 ELSE 0 END FROM review "
      "WHERE tool_id = ?1 AND persona_id = ?2 "
      "ORDER BY reviewed_at DESC, recorded_at DESC, id DESC");
  stmt.bind(1, tool_id).bind(2, persona_id).bind_kept(3, text);
  SameText found;
  for (bool first = true; stmt.step(); first = false) {
    if (stmt.integer(5) == 0) continue;
    if (found.count == rows.size()) rows.emplace_back();
    Review& row = rows[found.count];
    row.id = stmt.integer(0);
    RowName name{"review", row.id};
    row.score = stored_score(stmt, 1, name);
    row.verdict = stored_verdict(stmt, 2, name);
    row.reviewed_at.assign(stmt.text_view(3));
    assign_optional(row.source, stmt, 4);
    row.also_from.clear();
    if (first) found.current = found.count;
    ++found.count;
  }
  return found;
}

namespace {

// A row of persona_id, id, score, verdict, text, reviewed_at,
// recorded_at, source from column first on.
BatchImport::StoredReviewView stored_review_view(const sql::Statement& stmt, int first) {
  BatchImport::StoredReviewView row;
  row.persona_id = stmt.integer(first);
  row.id = stmt.integer(first + 1);
  RowName name{"review", row.id};
  row.score = stored_score(stmt, first + 2, name);
  row.verdict = stored_verdict(stmt, first + 3, name);
  row.text = stmt.text_view(first + 4);
  row.reviewed_at = stmt.text_view(first + 5);
  row.recorded_at = stmt.text_view(first + 6);
  if (!stmt.is_null(first + 7)) row.source = stmt.text_view(first + 7);
  return row;
}

}  // namespace

bool BatchImport::tool_reviews(std::int64_t tool_id, std::size_t limit,
                               const std::function<void(const StoredReviewView&)>& visit) {
  sql::Statement& stmt = cached("SELECT persona_id, id, score, verdict, text, reviewed_at, recorded_at, source FROM review "
                                "WHERE tool_id = ?1 LIMIT ?2");
  stmt.bind(1, tool_id).bind(2, static_cast<std::int64_t>(limit) + 1);
  std::size_t count = 0;
  while (stmt.step()) {
    if (count++ == limit) {
      stmt.reset();
      return false;
    }
    visit(stored_review_view(stmt, 0));
  }
  return true;
}

void BatchImport::reviews_below(std::int64_t below_id,
                                const std::function<bool(std::int64_t, const StoredReviewView&)>& visit) {
  sql::Statement stmt(db(), "SELECT tool_id, persona_id, id, score, verdict, text, reviewed_at, recorded_at, source "
                            "FROM review WHERE tool_id < ?1 ORDER BY tool_id");
  stmt.stream();
  stmt.bind_all(below_id);
  while (stmt.step()) {
    if (!visit(stmt.integer(0), stored_review_view(stmt, 1))) return;
  }
}

bool BatchImport::each_named_vote(std::size_t limit, const std::function<void(std::size_t)>& expect,
                                  const std::function<void(std::int64_t, std::string_view, std::string_view,
                                                           std::string_view)>& visit) {
  sql::Statement count(db(), "SELECT count(*) FROM vote WHERE voter IS NOT NULL");
  count.step();
  auto votes = static_cast<std::size_t>(count.integer(0));
  if (votes > limit) return false;
  expect(votes);
  sql::Statement stmt(db(), "SELECT tool_id, voter, verdict, cast_at FROM vote WHERE voter IS NOT NULL");
  stmt.stream();
  while (stmt.step()) visit(stmt.integer(0), stmt.text_view(1), stmt.text_view(2), stmt.text_view(3));
  return true;
}

bool BatchImport::fill_review(std::int64_t id, const Review& review) {
  std::optional<std::string> verdict;
  if (review.verdict) verdict = verdict_name(*review.verdict);
  sql::Statement& fill = cached(
      "UPDATE review SET score = coalesce(score, ?2), verdict = coalesce(verdict, ?3) "
      "WHERE id = ?1 AND ((score IS NULL AND CAST(?2 AS INTEGER) IS NOT NULL) OR (verdict IS NULL AND CAST(?3 AS TEXT) IS NOT NULL))");
  fill.bind_all(id, review.score, verdict).run();
  return db().changes() > 0;
}

bool BatchImport::add_review_source(std::int64_t id, const std::string& source) {
  sql::Statement& stmt = cached(
      "INSERT INTO review_source (review_id, source) SELECT ?1, ?2 "
      "WHERE NOT EXISTS (SELECT 1 FROM review WHERE id = ?1 AND source IS NOT DISTINCT FROM ?2) "
      "ON CONFLICT DO NOTHING");
  stmt.bind(1, id).bind_kept(2, source).run();
  return db().changes() > 0;
}

VoteChange BatchImport::import_vote(std::int64_t tool_id, const Vote& vote, std::int64_t first_new_vote_id,
                                    Known known) {
  std::string verdict = verdict_name(vote.verdict);
  const std::string& author = vote.author ? *vote.author : store().author();
  if (known == Known::NoVoteBulk &&
      db().append(kVoteRows, {std::to_string(tool_id), verdict, cell(vote.voter), vote.cast_at, author})) {
    return VoteChange::Added;
  }
  if (known != Known::Nothing) {
    PanelEdits(store()).insert_vote(tool_id, verdict, vote.voter, vote.cast_at, author);
    return VoteChange::Added;
  }
  if (!vote.voter) {
    // Through partial index vote_anonymous.
    sql::Statement& count = cached(
        "SELECT count(*) FILTER (WHERE id < ?4), count(*) FILTER (WHERE id >= ?4) FROM vote "
        "WHERE tool_id = ?1 AND voter IS NULL AND cast_at = ?2 AND verdict = ?3");
    count.bind_all(tool_id, vote.cast_at, verdict, first_new_vote_id).step();
    std::int64_t before = count.integer(0), added = count.integer(1);
    if (added + 1 <= before) return VoteChange::Unchanged;
  }
  return PanelEdits(store()).import_named_vote(tool_id, verdict, vote.voter, vote.cast_at, vote.author);
}

void BatchImport::set_persona_removed(std::int64_t id, bool removed, const std::string& now) {
  sql::Statement stmt(db(),
                      "UPDATE persona SET removed_at = CASE WHEN ?2 <> 0 THEN coalesce(removed_at, ?3) END WHERE id = ?1");
  stmt.bind_all(id, removed ? 1 : 0, now).run();
}

}  // namespace toolcmp
