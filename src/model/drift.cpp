#include "toolcmp/model/drift.h"

#include <algorithm>
#include <cstdlib>

#include <fmt/format.h>

#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

const Review* find_review(const ToolReport& report, const std::string& persona) {
  for (const Review& review : report.reviews) {
    if (review.persona == persona) return &review;
  }
  return nullptr;
}

std::string verdict_text(const Review& review) { return review.verdict ? verdict_name(*review.verdict) : "no verdict"; }

std::string score_text(const Review& review) {
  return review.score ? fmt::format("{}/100", *review.score) : std::string("no score");
}

std::string date_of(const std::string& timestamp) { return timestamp.substr(0, 10); }

std::string tally(const CommunitySummary& community) {
  return fmt::format("{} ship / {} skip", community.ship, community.skip);
}

Change review_change(const std::string& tool, const Review& then, const Review& now) {
  Change change{ChangeKind::ReviewReplaced, tool, now.persona, score_text(then) + " " + verdict_text(then),
                score_text(now) + " " + verdict_text(now), date_of(now.reviewed_at)};
  if (then.verdict && now.verdict && *then.verdict != *now.verdict) {
    change.kind = ChangeKind::VerdictFlip;
    change.before = verdict_text(then);
    change.after = verdict_text(now);
  } else if (then.score && now.score && std::abs(*then.score - *now.score) >= kScoreMove) {
    change.kind = ChangeKind::ScoreMove;
    change.before = std::to_string(*then.score);
    change.after = std::to_string(*now.score);
  }
  return change;
}

void review_changes(const ToolReport& then, const ToolReport& now, std::vector<Change>& changes) {
  const std::string& tool = now.tool.name;
  for (const Review& review : now.reviews) {
    const Review* before = find_review(then, review.persona);
    if (!before) {
      changes.push_back({ChangeKind::ReviewAdded, tool, review.persona, "",
                         score_text(review) + " " + verdict_text(review), date_of(review.reviewed_at)});
    } else if (before->id != review.id) {
      changes.push_back(review_change(tool, *before, review));
    }
  }
  for (const Review& review : then.reviews) {
    if (!find_review(now, review.persona)) {
      changes.push_back({ChangeKind::ReviewGone, tool, review.persona, score_text(review) + " " + verdict_text(review), "", ""});
    }
  }
  const CommunitySummary &a = then.community, &b = now.community;
  if (!b.published && (a.ship != b.ship || a.skip != b.skip)) {
    changes.push_back({ChangeKind::Votes, tool, "", tally(a), tally(b), ""});
  }
}

}  // namespace

std::vector<Change> tool_changes(const std::vector<ToolMoments>& tools) {
  std::vector<Change> changes;
  for (const ToolMoments& moments : tools) {
    if (moments.then && !moments.now) {
      changes.push_back({ChangeKind::ToolRemoved, moments.then->tool.name, "", "", "", ""});
      continue;
    }
    if (!moments.now) continue;
    if (!moments.then) {
      changes.push_back({ChangeKind::ToolAdded, moments.now->tool.name, "", "", "", date_of(moments.now->tool.created_at)});
      ToolReport nothing;
      review_changes(nothing, *moments.now, changes);
      continue;
    }
    if (moments.then->tool.name != moments.now->tool.name) {
      changes.push_back({ChangeKind::ToolRenamed, moments.now->tool.name, "", moments.then->tool.name,
                         moments.now->tool.name, ""});
    }
    review_changes(*moments.then, *moments.now, changes);
  }
  sort_changes(changes);
  return changes;
}

std::vector<Change> panel_changes(const std::vector<Persona>& then, const std::vector<Persona>& now) {
  std::vector<Change> changes;
  auto find = [](const std::vector<Persona>& panel, const std::string& name) -> const Persona* {
    for (const Persona& persona : panel) {
      if (persona.name == name) return &persona;
    }
    return nullptr;
  };
  for (const Persona& persona : now) {
    const Persona* before = find(then, persona.name);
    if (!before) {
      changes.push_back({ChangeKind::PersonaAdded, "", persona.name, "", format_weight(persona.weight), ""});
    } else if (before->weight != persona.weight) {
      changes.push_back({ChangeKind::PersonaReweighted, "", persona.name, format_weight(before->weight),
                         format_weight(persona.weight), ""});
    }
  }
  for (const Persona& persona : then) {
    if (!find(now, persona.name)) changes.push_back({ChangeKind::PersonaRemoved, "", persona.name, "", "", ""});
  }
  return changes;
}

void sort_changes(std::vector<Change>& changes) {
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return static_cast<int>(a.kind) < static_cast<int>(b.kind); });
}

PickCheck check_pick(const std::string& pick, const std::optional<std::string>& then_pick, const Recommendation& now,
                     const std::vector<Change>& changes) {
  PickCheck check;
  check.pick = pick;
  check.then_pick = then_pick;
  check.is_override = then_pick != pick;
  check.now_pick = now.tool;
  check.confidence = now.confidence;
  check.holds = now.tool == pick || (check.is_override && now.tool == then_pick);
  if (check.holds) return check;
  auto first = [&](auto&& matches) -> std::optional<Change> {
    for (const Change& change : changes) {
      if (matches(change)) return change;
    }
    return std::nullopt;
  };
  auto involved = [&](const Change& c) { return c.tool == pick || (now.tool && c.tool == *now.tool); };
  check.because = first([&](const Change& c) {
    return c.kind == ChangeKind::VerdictFlip &&
           ((c.tool == pick && c.after == "skip") || (now.tool && c.tool == *now.tool && c.after == "ship"));
  });
  if (!check.because) {
    check.because = first([](const Change& c) {
      return c.kind == ChangeKind::PersonaReweighted || c.kind == ChangeKind::PersonaRemoved ||
             c.kind == ChangeKind::PersonaAdded || c.kind == ChangeKind::ToolRemoved;
    });
  }
  if (!check.because) check.because = first([&](const Change& c) { return involved(c) && c.kind != ChangeKind::ToolRenamed; });
  return check;
}

std::string describe_change(const Change& c, const char* arrow) {
  std::string on = c.at.empty() ? "" : " on " + c.at;
  switch (c.kind) {
    case ChangeKind::VerdictFlip: return fmt::format("{} turned {} on {}{}", c.persona, c.after, c.tool, on);
    case ChangeKind::ScoreMove: return fmt::format("{}'s score for {} moved {} {} {}{}", c.persona, c.tool, c.before, arrow, c.after, on);
    case ChangeKind::ReviewAdded: return fmt::format("{} reviewed {}: {}{}", c.persona, c.tool, c.after, on);
    case ChangeKind::ReviewReplaced:
      return fmt::format("{} reviewed {} again: {} {} {}{}", c.persona, c.tool, c.before, arrow, c.after, on);
    case ChangeKind::ReviewGone: return fmt::format("{}'s review of {} ({}) no longer counts", c.persona, c.tool, c.before);
    case ChangeKind::Votes: return fmt::format("community votes on {}: {} {} {}", c.tool, c.before, arrow, c.after);
    case ChangeKind::PersonaAdded: return fmt::format("{} joined the panel (weight {})", c.persona, c.after);
    case ChangeKind::PersonaRemoved: return fmt::format("{} left the panel{}", c.persona, on);
    case ChangeKind::PersonaReweighted: return fmt::format("{} now weighs {} (was {})", c.persona, c.after, c.before);
    case ChangeKind::ToolAdded: return fmt::format("{} was added{}", c.tool, on);
    case ChangeKind::ToolRenamed: return fmt::format("{} was renamed {}", c.before, c.after);
    case ChangeKind::ToolRemoved: return fmt::format("{} was removed", c.tool);
  }
  return "";
}

std::string override_line(const PickCheck& check) {
  if (!check.is_override) return "";
  return check.then_pick ? fmt::format("{} was chosen over the recommendation, {}", check.pick, *check.then_pick)
                         : fmt::format("{} was chosen when the comparison recommended none of them", check.pick);
}

std::string pick_line(const PickCheck& check, const char* arrow) {
  const char* confidence = check.confidence ? confidence_name(*check.confidence) : "no confidence";
  if (check.holds && check.is_override) {
    if (check.now_pick == check.pick) {
      return fmt::format("The pick still holds ({}, {}): chosen over the recommendation, it is now the recommendation",
                         check.pick, confidence);
    }
    return check.then_pick
               ? fmt::format("The pick still holds: {} was chosen over the recommendation, {} ({}), which has not changed",
                             check.pick, *check.then_pick, confidence)
               : fmt::format("The pick still holds: {} was chosen when nothing was recommended, and nothing is yet",
                             check.pick);
  }
  if (check.holds) return fmt::format("The pick still holds ({}, {})", check.pick, confidence);
  std::string now = check.now_pick ? fmt::format("now {} ({})", *check.now_pick, check.confidence ? confidence : "")
                                   : std::string("now nothing is recommended");
  std::string since = check.because ? ", since " + describe_change(*check.because, arrow) : "";
  std::string was = !check.is_override ? ""
                    : check.then_pick ? fmt::format(" (chosen over the recommendation, {})", *check.then_pick)
                                      : std::string(" (chosen when nothing was recommended)");
  return fmt::format("The pick{} no longer holds: {}{}", was, now, since);
}

const char* gate_name(Gate gate) { return choices::name_of(kGateWords, gate); }

std::optional<Gate> try_parse_gate(std::string_view text) { return choices::value_of(kGateWords, text); }

namespace {

GateResult run_gate(const DecisionState& state, Gate gate) {
  GateResult result{gate, false, ""};
  const PickCheck& pick = state.pick;
  switch (gate) {
    case Gate::Changed:
      result.failed = !pick.holds;
      result.detail = pick_line(pick, "->");
      break;
    case Gate::Flipped: {
      auto flips = std::count_if(state.changes.begin(), state.changes.end(),
                                 [](const Change& c) { return c.kind == ChangeKind::VerdictFlip; });
      result.failed = flips > 0;
      if (flips > 0) result.detail = fmt::format("{} ({} in all)", describe_change(state.changes.front(), "->"), plural(flips, "flip"));
      break;
    }
    case Gate::Narrow:
    case Gate::Provisional: {
      Confidence wanted = gate == Gate::Narrow ? Confidence::Narrow : Confidence::Provisional;
      result.failed = pick.confidence == wanted;
      result.detail = fmt::format("the pick is {} now", gate_name(gate));
      break;
    }
    case Gate::Stale:
      result.failed = !state.stale.empty();
      result.detail = fmt::format("{} behind {} older than the max age", plural(static_cast<std::int64_t>(state.stale.size()), "review"), pick.pick);
      break;
    case Gate::Overdue:
      result.failed = state.overdue;
      result.detail = fmt::format("review-by {} has passed", state.review_by.value_or(""));
      break;
    case Gate::Skip:
      result.failed = state.pick_verdict == PanelVerdict::Skip;
      result.detail = fmt::format("the panel's verdict on {} is skip", pick.pick);
      break;
  }
  return result;
}

}  // namespace

std::vector<GateResult> run_gates(const DecisionState& state, const std::vector<Gate>& gates) {
  std::vector<GateResult> results;
  for (Gate gate : gates) results.push_back(run_gate(state, gate));
  return results;
}

}  // namespace toolcmp
