// A panel streamed for export, and what changed since a moment
// (panel_reads.h).
#include <algorithm>
#include <limits>

#include "store/sql.h"
#include "store/stored_values.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

// Reads a row's checked values; a damaged row goes to on_damaged (false:
// leave the row out) or, with no handler, stops the read.
bool read_checked(const DamagedRowHandler& on_damaged, const std::function<void()>& read) {
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

void PanelReads::each_tool(const std::function<void(const Tool&)>& visit) {
  sql::Statement ids(db(), "SELECT id FROM tool ORDER BY name_key");
  ids.stream();
  while (ids.step()) visit(load_tool(ids.integer(0)));
}

void PanelReads::each_review(std::optional<std::int64_t> tool_id, const std::function<void(const Review&)>& visit,
                        const DamagedRowHandler& on_damaged) {
  sql::Statement stmt(db(),
                      "SELECT t.name, p.name, r.score, r.verdict, r.text, r.reviewed_at, r.source, r.id, r.recorded_at, r.author "
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
    review.author = stmt.optional_text(9);
    review.also_from.clear();
    read_sources(review);
    visit(review);
  }
}

namespace {

// Columns read_vote reads, from vote v joined to its tool t.
#define TOOLCMP_VOTE_ROW "SELECT t.name, v.verdict, v.voter, v.cast_at, v.id, v.author FROM vote v JOIN tool t ON t.id = v.tool_id "

// A row of TOOLCMP_VOTE_ROW into vote; throws for a damaged verdict.
void read_vote(const sql::Statement& stmt, Vote& vote) {
  vote.tool = stmt.text(0);
  vote.verdict = stored_required_verdict(stmt, 1, {"vote", stmt.integer(4)});
  vote.voter = stmt.optional_text(2);
  vote.cast_at = stmt.text(3);
  vote.author = stmt.optional_text(5);
}

}  // namespace

void PanelReads::each_vote(std::optional<std::int64_t> tool_id, const std::function<void(const Vote&)>& visit,
                      const DamagedRowHandler& on_damaged) {
  sql::Statement stmt(db(), TOOLCMP_VOTE_ROW "WHERE CAST(?1 AS BIGINT) IS NULL OR v.tool_id = ?1 ORDER BY v.id");
  stmt.stream();
  if (tool_id) stmt.bind(1, *tool_id);
  Vote vote;
  while (stmt.step()) {
    if (read_checked(on_damaged, [&] { read_vote(stmt, vote); })) visit(vote);
  }
}

std::optional<Vote> PanelReads::named_vote(std::int64_t tool_id, const std::string& voter) {
  sql::Statement stmt(db(), TOOLCMP_VOTE_ROW "WHERE v.tool_id = ?1 AND v.voter IS NOT NULL AND v.voter = ?2 COLLATE NOCASE");
  if (!stmt.bind_all(tool_id, voter).step()) return std::nullopt;
  Vote vote;
  read_vote(stmt, vote);
  return vote;
}

#undef TOOLCMP_VOTE_ROW

void PanelReads::each_change(const AuditFilter& filter, const std::function<void(const AuditEntry&)>& visit) {
  sql::Statement stmt(db(), "SELECT id, at, login, author, command, subject, forced, before, after FROM audit "
                            "WHERE (CAST(?1 AS TEXT) IS NULL OR lower(author) = lower(?1)) "
                            "AND (CAST(?2 AS TEXT) IS NULL OR at > ?2) ORDER BY id DESC LIMIT ?3");
  stmt.bind_all(filter.author, filter.since,
                filter.limit ? static_cast<std::int64_t>(filter.limit) : std::numeric_limits<std::int64_t>::max());
  stmt.stream();
  AuditEntry entry;
  while (stmt.step()) {
    entry.id = stmt.integer(0);
    entry.at = stmt.text(1);
    entry.login = stmt.text(2);
    entry.author = stmt.text(3);
    entry.command = stmt.text(4);
    entry.subject = stmt.text(5);
    entry.forced = stmt.integer(6) != 0;
    entry.before = stmt.optional_text(7);
    entry.after = stmt.optional_text(8);
    visit(entry);
  }
}

std::vector<std::string> PanelReads::attribute_keys(const std::vector<std::int64_t>& tool_ids) {
  std::vector<std::string> keys;
  if (tool_ids.empty()) {
    sql::Statement stmt(db(), "SELECT DISTINCT key FROM tool_attribute ORDER BY key");
    while (stmt.step()) keys.push_back(stmt.text(0));
    return keys;
  }
  sql::Statement stmt(db(), "SELECT key FROM tool_attribute WHERE tool_id = ?1");
  for (std::int64_t id : tool_ids) {
    stmt.bind_all(id);
    while (stmt.step()) keys.push_back(stmt.text(0));
    stmt.reset();
  }
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  return keys;
}

std::vector<std::int64_t> PanelReads::tools_changed_since(const std::string& since, const std::optional<std::int64_t>& tool_id) {
  sql::Statement stmt(db(), "SELECT t.id FROM tool t WHERE (CAST(?2 AS BIGINT) IS NULL OR t.id = ?2) AND ("
                            "EXISTS (SELECT 1 FROM review r WHERE r.tool_id = t.id AND r.recorded_at > ?1) OR "
                            "EXISTS (SELECT 1 FROM vote v WHERE v.tool_id = t.id AND v.cast_at > ?1) OR "
                            "t.created_at > ?1) ORDER BY t.name_key");
  stmt.bind(1, since);
  if (tool_id) stmt.bind(2, *tool_id); else stmt.bind_null(2);
  std::vector<std::int64_t> ids;
  while (stmt.step()) ids.push_back(stmt.integer(0));
  return ids;
}

std::vector<std::pair<std::string, std::string>> PanelReads::personas_removed_since(const std::string& since) {
  sql::Statement stmt(db(), "SELECT name, removed_at FROM persona WHERE removed_at > ?1 ORDER BY removed_at, position");
  stmt.bind_all(since);
  std::vector<std::pair<std::string, std::string>> removed;
  while (stmt.step()) removed.emplace_back(stmt.text(0), stmt.text(1));
  return removed;
}

}  // namespace toolcmp
