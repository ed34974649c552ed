#include "toolcmp/app/decisions.h"

#include <algorithm>

#include <fmt/format.h>

#include "toolcmp/app/loader.h"
#include "toolcmp/base/error.h"
#include "toolcmp/formats/snapshot.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/store/saved_decisions.h"

namespace toolcmp {

Decision make_decision(Store& store, const Comparison& comparison, std::size_t pick, const std::string& title,
                       const std::string& now) {
  Decision decision;
  decision.title = check_name(title, "decision title");
  std::vector<std::vector<std::int64_t>> vote_ids;
  for (const ToolReport& report : comparison.tools) {
    decision.options.push_back({report.tool.name, report.tool.id, report.tool.name});
    vote_ids.push_back(store.panel().vote_ids(report.tool.id, comparison.rule.as_of));
  }
  decision.pick = pick;
  decision.decided_at = now;
  decision.updated_at = now;
  decision.rule_json = rule_to_json(comparison.rule);
  decision.snapshot = snapshot_json(comparison, vote_ids).dump();
  decision.evidence = evidence_of(decision.snapshot);
  return decision;
}

std::int64_t save_decision(Store& store, Decision& decision) {
  auto clash = store.names().find_by_key(NameTable::Decision, name_key(decision.title));
  if (!clash.empty()) {
    throw Error(fmt::format("a decision titled '{}' already exists (id {}); choose another title, or change that one "
                            "with 'toolcmp decision edit'",
                            sanitize_for_terminal(clash.front().name), clash.front().id));
  }
  decision.id = store.decisions().insert_decision(decision);
  return decision.id;
}

Decision resolve_decision(Store& store, const std::string& given, Match match) {
  bool digits = !given.empty() && given.size() < 19 && std::all_of(given.begin(), given.end(), [](char c) {
    return c >= '0' && c <= '9';
  });
  if (digits) {
    if (auto decision = store.decisions().load_decision(std::stoll(given))) return std::move(*decision);
  }
  NamedRow row = resolve_name(store, NameTable::Decision, given, Removed::Exclude, match);
  std::optional<Decision> decision = store.decisions().load_decision(row.id);
  if (!decision) throw Error(fmt::format("no decision with id {}", row.id));
  return std::move(*decision);
}

namespace {

// The pick's current reviews written before max_age ago (or already marked stale).
std::vector<Review> stale_reviews(const ToolReport& pick, const std::optional<std::string>& max_age, const std::string& now) {
  std::optional<std::string> before;
  if (max_age) before = timestamp_before(now, *max_age);
  std::vector<Review> stale;
  for (const Review& review : pick.reviews) {
    if (review.stale || (before && review.reviewed_at < *before)) stale.push_back(review);
  }
  return stale;
}

// What the comparison recommended when it was decided, as named now.
std::optional<std::string> recommended_then(const Decision& decision, const Comparison& then) {
  if (!then.recommendation.tool) return std::nullopt;
  for (std::size_t i = 0; i < decision.options.size() && i < then.tools.size(); ++i) {
    if (then.tools[i].tool.name == *then.recommendation.tool) {
      return decision.options[i].name_now.value_or(decision.options[i].name);
    }
  }
  return then.recommendation.tool;
}

}  // namespace

DecisionView view_decision(Store& store, Decision decision, const std::optional<std::string>& max_age,
                           const std::string& now, bool texts) {
  DecisionView view;
  std::string what = fmt::format("the snapshot of decision {}", decision.id);
  // The whole snapshot when it was loaded (show, export); its figures alone for check.
  view.then = comparison_from_snapshot(texts && !decision.snapshot.empty() ? decision.snapshot : decision.evidence, what);
  if (view.then.tools.size() != decision.options.size()) throw Error(what + " is damaged: it does not hold its tools");
  PickRule rule = rule_from_json(decision.rule_json, fmt::format("the rule of decision {}", decision.id));
  rule.now = now;
  if (rule.max_age) rule.stale_before = timestamp_before(now, *rule.max_age);
  std::vector<std::int64_t> ids;
  for (const DecisionOption& option : decision.options) {
    if (option.tool_id) ids.push_back(*option.tool_id);
  }
  view.now = load_comparison(store, ids, rule, texts);
  std::size_t next = 0;
  const ToolReport* pick_now = nullptr;
  for (std::size_t i = 0; i < decision.options.size(); ++i) {
    const ToolReport* now_report = decision.options[i].tool_id ? &view.now.tools[next++] : nullptr;
    view.moments.push_back({&view.then.tools[i], now_report});
    if (i == decision.pick) pick_now = now_report;
  }
  view.state.changes = tool_changes(view.moments);
  for (Change& change : panel_changes(view.then.panel, view.now.panel)) view.state.changes.push_back(std::move(change));
  sort_changes(view.state.changes);
  const DecisionOption& picked = decision.picked();
  view.state.pick = check_pick(picked.name_now.value_or(picked.name), recommended_then(decision, view.then),
                               view.now.recommendation, view.state.changes);
  if (!pick_now) {  // removed: it can hold nothing, and that is why
    view.state.pick.holds = false;
    for (const Change& change : view.state.changes) {
      if (change.kind == ChangeKind::ToolRemoved && change.tool == picked.name) view.state.pick.because = change;
    }
  }
  if (pick_now) {
    view.state.pick_verdict = pick_now->panel.verdict;
    view.state.stale = stale_reviews(*pick_now, max_age ? max_age : rule.max_age, now);
  }
  view.state.review_by = decision.review_by;
  view.state.overdue = decision.review_by && *decision.review_by < now.substr(0, 10);
  view.decision = std::move(decision);
  return view;
}

std::vector<Change> changes_since(Store& store, const std::string& since, const std::optional<std::int64_t>& tool_id) {
  PickRule then_rule;
  then_rule.as_of = since;
  std::vector<Change> changes;
  for (std::int64_t id : store.panel().tools_changed_since(since, tool_id)) {
    ToolReport now = load_report(store, id);
    std::optional<ToolReport> then;
    if (now.tool.created_at <= since) then = load_report(store, id, then_rule);
    for (Change& change : tool_changes({{then ? &*then : nullptr, &now}})) changes.push_back(std::move(change));
  }
  if (!tool_id) {
    for (auto& [name, at] : store.panel().personas_removed_since(since)) {
      changes.push_back({ChangeKind::PersonaRemoved, "", name, "", "", at.substr(0, 10)});
    }
  }
  sort_changes(changes);
  return changes;
}

}  // namespace toolcmp
