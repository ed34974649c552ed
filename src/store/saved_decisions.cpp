// Decisions kept (decide, compare --save): saved_decisions.h.
#include "toolcmp/store/saved_decisions.h"

#include <fmt/format.h>

#include "store/sql.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {


namespace {

constexpr const char* kDecisionColumns =
    "d.id, d.title, d.status, d.pick_position, d.why, d.decided_by, d.review_by, d.superseded_by, d.decided_at, "
    "d.options, d.updated_at, s.title, d.evidence, d.author";

DecisionStatus stored_status(const sql::Statement& stmt, int column, std::int64_t id) {
  std::string_view text = stmt.text_view(column);
  if (auto status = try_parse_decision_status(text)) return *status;
  throw DamagedRowError(fmt::format("decision {} has status '{}', which toolcmp never writes", id,
                                    sanitize_for_terminal(std::string(text))));
}

Decision read_decision(const sql::Statement& stmt) {
  Decision decision;
  decision.id = stmt.integer(0);
  decision.title = stmt.text(1);
  decision.status = stored_status(stmt, 2, decision.id);
  std::int64_t pick = stmt.integer(3);
  decision.pick = pick < 0 ? 0 : static_cast<std::size_t>(pick);
  decision.why = stmt.text(4);
  decision.by = stmt.optional_text(5);
  decision.review_by = stmt.optional_text(6);
  if (!stmt.is_null(7)) decision.superseded_by = stmt.integer(7);
  decision.decided_at = stmt.text(8);
  decision.rule_json = stmt.text(9);
  decision.updated_at = stmt.text(10);
  decision.superseded_by_title = stmt.optional_text(11);
  decision.evidence = stmt.text(12);
  decision.author = stmt.optional_text(13);
  return decision;
}

}  // namespace

std::int64_t SavedDecisions::insert_decision(const Decision& decision) {
  sql::Statement stmt(db(), (std::string("INSERT INTO decision (title, name_key, loose_key, status, pick_position, "
                                         "why, decided_by, review_by, superseded_by, decided_at, options, snapshot, "
                                         "evidence, updated_at, author) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                                         "CAST(?9 AS BIGINT), ?10, ?11, ?12, ?13, ?14, ?15)") +
                             db().returning_id())
                                .c_str());
  stmt.bind_all(decision.title, name_key(decision.title), loose_key(decision.title),
                std::string(decision_status_name(decision.status)), static_cast<std::int64_t>(decision.pick),
                decision.why, decision.by, decision.review_by);
  if (decision.superseded_by) stmt.bind(9, *decision.superseded_by); else stmt.bind_null(9);
  stmt.bind(10, decision.decided_at).bind(11, decision.rule_json).bind(12, decision.snapshot);
  stmt.bind(13, decision.evidence).bind(14, decision.updated_at).bind(15, decision.author.value_or(store().author()));
  std::int64_t id = db().inserted_id(stmt).value_or(0);
  sql::Statement option(db(), "INSERT INTO decision_tool (decision_id, position, tool_id, name) "
                              "VALUES (?1, ?2, CAST(?3 AS BIGINT), ?4)");
  for (std::size_t i = 0; i < decision.options.size(); ++i) {
    option.bind(1, id).bind(2, static_cast<std::int64_t>(i));
    if (decision.options[i].tool_id) option.bind(3, *decision.options[i].tool_id); else option.bind_null(3);
    option.bind(4, decision.options[i].name).run();
  }
  return id;
}

void SavedDecisions::read_options(Decision& decision) {
  sql::Statement& stmt = cached("SELECT o.name, o.tool_id, t.name FROM decision_tool o LEFT JOIN tool t ON t.id = o.tool_id "
                                "WHERE o.decision_id = ?1 ORDER BY o.position");
  stmt.bind_all(decision.id);
  while (stmt.step()) {
    DecisionOption option;
    option.name = stmt.text(0);
    if (!stmt.is_null(1)) option.tool_id = stmt.integer(1);
    option.name_now = stmt.optional_text(2);
    decision.options.push_back(std::move(option));
  }
  stmt.reset();
  if (decision.pick >= decision.options.size()) {
    throw DamagedRowError(fmt::format("decision {} picks a tool it does not name", decision.id));
  }
}

std::optional<Decision> SavedDecisions::load_decision(std::int64_t id, bool with_snapshot) {
  sql::Statement stmt(db(), fmt::format("SELECT {}, d.snapshot FROM decision d LEFT JOIN decision s ON s.id = "
                                        "d.superseded_by WHERE d.id = ?1",
                                        kDecisionColumns)
                                .c_str());
  if (!stmt.bind_all(id).step()) return std::nullopt;
  Decision decision = read_decision(stmt);
  if (with_snapshot) decision.snapshot = stmt.text(14);
  read_options(decision);
  return decision;
}

void SavedDecisions::each_decision(const std::optional<DecisionStatus>& status, const std::optional<std::int64_t>& tool_id,
                          bool with_snapshot, const std::function<void(Decision)>& visit) {
  sql::Statement stmt(db(), fmt::format("SELECT {}, CASE WHEN ?3 <> 0 THEN d.snapshot END FROM decision d "
                                        "LEFT JOIN decision s ON s.id = d.superseded_by "
                                        "WHERE (CAST(?1 AS TEXT) IS NULL OR d.status = ?1) AND (CAST(?2 AS BIGINT) IS NULL OR "
                                        "EXISTS (SELECT 1 FROM decision_tool o WHERE o.decision_id = d.id AND o.tool_id = ?2)) "
                                        "ORDER BY d.decided_at, d.id",
                                        kDecisionColumns)
                                .c_str());
  if (status) stmt.bind(1, std::string(decision_status_name(*status))); else stmt.bind_null(1);
  if (tool_id) stmt.bind(2, *tool_id); else stmt.bind_null(2);
  stmt.bind(3, with_snapshot ? 1 : 0);
  stmt.stream();
  while (stmt.step()) {
    Decision decision = read_decision(stmt);
    if (with_snapshot) decision.snapshot = stmt.text(14);
    read_options(decision);
    visit(std::move(decision));
  }
}

void SavedDecisions::update_decision(const Decision& decision) {
  sql::Statement stmt(db(), "UPDATE decision SET title = ?2, name_key = ?3, loose_key = ?4, status = ?5, why = ?6, "
                            "decided_by = ?7, review_by = ?8, superseded_by = CAST(?9 AS BIGINT), updated_at = ?10 "
                            "WHERE id = ?1");
  stmt.bind_all(decision.id, decision.title, name_key(decision.title), loose_key(decision.title),
                std::string(decision_status_name(decision.status)), decision.why, decision.by, decision.review_by);
  if (decision.superseded_by) stmt.bind(9, *decision.superseded_by); else stmt.bind_null(9);
  stmt.bind(10, decision.updated_at).run();
}

std::int64_t SavedDecisions::count_decisions(DecisionStatus status) {
  sql::Statement stmt(db(), "SELECT count(*) FROM decision WHERE status = ?1");
  stmt.bind_all(std::string(decision_status_name(status))).step();
  return stmt.integer(0);
}

void SavedDecisions::delete_decision(std::int64_t id) {
  sql::Statement stmt(db(), "DELETE FROM decision WHERE id = ?1");
  stmt.bind_all(id).run();
}

std::vector<std::string> SavedDecisions::decisions_naming(std::int64_t tool_id) {
  sql::Statement stmt(db(), "SELECT DISTINCT d.title FROM decision_tool o JOIN decision d ON d.id = o.decision_id "
                            "WHERE o.tool_id = ?1 ORDER BY d.title");
  stmt.bind_all(tool_id);
  std::vector<std::string> titles;
  while (stmt.step()) titles.push_back(stmt.text(0));
  return titles;
}

}  // namespace toolcmp
