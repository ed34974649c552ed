// Editing a panel's tools, personas, reviews and votes (panel_edits.h).
#include "toolcmp/store/panel_edits.h"

#include <iterator>

#include <fmt/format.h>

#include "store/sql.h"
#include "store/tool_rows.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

constexpr std::size_t kTextFields = std::size(kToolTextFields);

std::optional<int> published_count(const Tool& tool, int VoteTally::*count) {
  if (!tool.published_votes) return std::nullopt;
  return (*tool.published_votes).*count;
}

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

void PanelEdits::write_attributes(std::int64_t tool_id, const Attributes& attributes, bool replace) {
  if (replace) cached("DELETE FROM tool_attribute WHERE tool_id = ?1").bind_all(tool_id).run();
  sql::Statement& insert = cached("INSERT INTO tool_attribute (tool_id, key, value) VALUES (?1, ?2, ?3)");
  for (const auto& [key, value] : attributes) insert.bind_all(tool_id, key, value).run();
}

std::int64_t PanelEdits::insert_tool(const Tool& tool, const std::string& now) {
  constexpr int kNow = 4 + static_cast<int>(kTextFields);
  static const std::string kInsert = fmt::format(
      "INSERT INTO tool (name, name_key, loose_key, {}, created_at, updated_at, published_ship_pct, "
      "published_votes_ship, published_votes_skip) VALUES (?1, ?2, ?3, {}, ?{}, ?{}, ?{}, ?{}, ?{})",
      text_columns("{0}"), text_columns("?{1}", 4), kNow, kNow, kNow + 1, kNow + 2, kNow + 3);
  sql::Statement& stmt = cached((kInsert + db().returning_id()).c_str());
  stmt.bind(1, tool.name).bind(2, name_key(tool.name)).bind(3, loose_key(tool.name));
  int next = bind_text_fields(stmt, tool, 4);
  stmt.bind(next, now)
      .bind(next + 1, tool.published_ship_pct)
      .bind(next + 2, published_count(tool, &VoteTally::ship))
      .bind(next + 3, published_count(tool, &VoteTally::skip));
  std::int64_t id = db().inserted_id(stmt).value_or(0);
  write_attributes(id, tool.attributes, false);
  return id;
}

void PanelEdits::update_tool(const Tool& tool, const std::string& now) {
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

void PanelEdits::delete_tool(std::int64_t id) {
  sql::Statement stmt(db(), "DELETE FROM tool WHERE id = ?1");
  stmt.bind_all(id).run();
}

std::int64_t PanelEdits::insert_persona(const Persona& persona) {
  sql::Statement stmt(db(), (std::string("INSERT INTO persona (name, name_key, loose_key, focus, weight, position) "
                                         "VALUES (?1, ?2, ?3, ?4, ?5, (SELECT coalesce(max(position), 0) + 1 FROM persona))") +
                             db().returning_id())
                                .c_str());
  stmt.bind_all(persona.name, name_key(persona.name), loose_key(persona.name), persona.focus, persona.weight);
  return db().inserted_id(stmt).value_or(0);
}

void PanelEdits::update_persona(const Persona& persona) {
  sql::Statement stmt(db(),
                      "UPDATE persona SET name = ?2, name_key = ?3, loose_key = ?4, focus = ?5, weight = ?6 "
                      "WHERE id = ?1");
  stmt.bind_all(persona.id, persona.name, name_key(persona.name), loose_key(persona.name), persona.focus,
                persona.weight)
      .run();
}

void PanelEdits::revive_persona(const Persona& persona) {
  update_persona(persona);
  sql::Statement stmt(db(),
                      "UPDATE persona SET removed_at = NULL, "
                      "position = (SELECT coalesce(max(position), 0) + 1 FROM persona) WHERE id = ?1");
  stmt.bind_all(persona.id).run();
}

void PanelEdits::remove_persona(std::int64_t id, const std::string& now) {
  sql::Statement stmt(db(), "UPDATE persona SET removed_at = ?2 WHERE id = ?1");
  stmt.bind_all(id, now).run();
}

std::int64_t PanelEdits::insert_review(std::int64_t tool_id, std::int64_t persona_id, const Review& review) {
  sql::Statement& stmt = cached_insert(
      "INSERT INTO review (tool_id, persona_id, score, verdict, text, reviewed_at, source, recorded_at, author) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)");
  bind_review(stmt, tool_id, persona_id, review);
  stmt.bind_kept(8, review.recorded_at).bind_kept(9, review.author ? *review.author : store().author());
  return db().inserted_id(stmt).value_or(0);
}

void PanelEdits::update_review(std::int64_t id, const Review& review) {
  std::optional<std::string> verdict;
  if (review.verdict) verdict = verdict_name(*review.verdict);
  sql::Statement stmt(db(), "UPDATE review SET score = ?2, verdict = ?3, text = ?4, reviewed_at = ?5 WHERE id = ?1");
  stmt.bind_all(id, review.score, verdict, review.text, review.reviewed_at).run();
}

bool PanelEdits::delete_review(std::int64_t id) {
  sql::Statement stmt(db(), "DELETE FROM review WHERE id = ?1");
  stmt.bind_all(id).run();
  return db().changes() > 0;
}

VoteChange PanelEdits::cast_vote(std::int64_t tool_id, Verdict verdict, const std::optional<std::string>& voter,
                                   const std::string& now, const std::optional<Vote>& before) {
  if (!voter || !before) {
    insert_vote(tool_id, verdict_name(verdict), voter, now, store().author());
    return VoteChange::Added;
  }
  cached("UPDATE vote SET verdict = ?3, cast_at = ?4, author = ?5 "
         "WHERE tool_id = ?1 AND voter IS NOT NULL AND voter = ?2 COLLATE NOCASE")
      .bind_all(tool_id, *voter, std::string(verdict_name(verdict)), now, store().author())
      .run();
  return before->verdict == verdict ? VoteChange::Unchanged : VoteChange::Replaced;
}

void PanelEdits::lock_named_vote(std::int64_t tool_id, std::string_view voter) {
  // FNV-1a over the tool's id and the folded voter.
  std::uint64_t key = 14695981039346656037u;
  auto mix = [&](unsigned char c) { key = (key ^ c) * 1099511628211u; };
  for (char c : std::to_string(tool_id)) mix(static_cast<unsigned char>(c));
  mix(0x1f);
  for (char c : ascii_lower(voter)) mix(static_cast<unsigned char>(c));
  db().lock_key(key);
}

// A vote from an import. A named voter has one vote per tool, and only
// one cast later with another verdict changes it (a later import's vote
// wins, an older one changes nothing).
VoteChange PanelEdits::import_named_vote(std::int64_t tool_id, const std::string& verdict,
                                         const std::optional<std::string>& voter, const std::string& cast_at,
                                         const std::optional<std::string>& author) {
  const std::string& by = author ? *author : store().author();
  if (voter) {
    // "voter IS NOT NULL" (true of any row that matches) lets SQLite find
    // the voter in the (tool_id, voter) index and read only that row; with
    // tool_id alone it took vote_tally and read every vote of the tool
    // (the same re-import 0.89-0.94x, farm-bench). The same wherever a
    // named vote is looked up.
    sql::Statement& existing = cached(
        "SELECT id, verdict, cast_at FROM vote WHERE tool_id = ?1 AND voter IS NOT NULL AND voter = ?2 COLLATE NOCASE");
    if (existing.bind_all(tool_id, *voter).step()) {
      if (existing.text(1) == verdict || existing.text(2) > cast_at) return VoteChange::Unchanged;
      cached("UPDATE vote SET verdict = ?2, cast_at = ?3, author = ?4 WHERE id = ?1")
          .bind_all(existing.integer(0), verdict, cast_at, by)
          .run();
      return VoteChange::Replaced;
    }
  }
  insert_vote(tool_id, verdict, voter, cast_at, by);
  return VoteChange::Added;
}

void PanelEdits::insert_vote(std::int64_t tool_id, const std::string& verdict, const std::optional<std::string>& voter,
                             const std::string& cast_at, const std::string& author) {
  cached("INSERT INTO vote (tool_id, verdict, voter, cast_at, author) VALUES (?1, ?2, ?3, ?4, ?5)")
      .bind_all(tool_id, verdict, voter, cast_at, author)
      .run();
}

bool PanelEdits::remove_vote(std::int64_t tool_id, const std::optional<std::string>& voter) {
  if (voter) {
    sql::Statement stmt(db(), "DELETE FROM vote WHERE tool_id = ?1 AND voter IS NOT NULL AND voter = ?2 COLLATE NOCASE");
    stmt.bind_all(tool_id, *voter).run();
  } else {
    sql::Statement stmt(db(),
                        "DELETE FROM vote WHERE id = (SELECT max(id) FROM vote WHERE tool_id = ?1 AND voter IS NULL)");
    stmt.bind_all(tool_id).run();
  }
  return db().changes() > 0;
}

void PanelEdits::record_change(const AuditEntry& entry) {
  cached("INSERT INTO audit (at, login, author, command, subject, forced, before, after) "
         "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")
      .bind_all(now_utc(), store().login(), store().author(), entry.command, entry.subject,
                static_cast<std::int64_t>(entry.forced ? 1 : 0), entry.before, entry.after)
      .run();
}

}  // namespace toolcmp
