// Decisions in the terminal: the list, a decision then and now, the
// change list.
#include <algorithm>

#include <fmt/format.h>

#include "toolcmp/formats/render.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/base/text.h"
#include "toolcmp/formats/text_table.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

std::string pick_over(const Decision& decision) {
  std::string over;
  for (std::size_t i = 0; i < decision.options.size(); ++i) {
    if (i == decision.pick) continue;
    over += (over.empty() ? "" : ", ") + decision.options[i].name_now.value_or(decision.options[i].name);
  }
  const DecisionOption& pick = decision.picked();
  return pick.name_now.value_or(pick.name) + " over " + over;
}

std::string render_decision_list(const std::vector<Decision>& decisions, const OutputOptions& output) {
  if (decisions.empty()) return "No decisions yet; record one with 'toolcmp decide' or 'toolcmp compare --save'.\n";
  TextTable table(TextTable::Borders::None);
  table.set_header({Cell("ID", Style::Bold), Cell("Title", Style::Bold), Cell("Status", Style::Bold),
                    Cell("Decision", Style::Bold), Cell("Decided", Style::Bold), Cell("Review by", Style::Bold)});
  table.set_align(0, Align::Right);
  table.set_fixed(0);
  table.set_fixed(2);
  table.set_fixed(4);
  table.set_fixed(5);
  for (const Decision& decision : decisions) {
    table.add_row({Cell(std::to_string(decision.id)), Cell(decision.title), Cell(decision_status_name(decision.status)),
                   Cell(pick_over(decision)), Cell(decision.decided_at.substr(0, 10)),
                   optional_cell(decision.review_by, output)});
  }
  return table.render(output);
}

namespace {

// One change as a bullet, wrapped; a flip in bold.
std::string change_lines(const Change& change, const OutputOptions& output) {
  std::string line = sanitize_for_terminal(describe_change(change, output.glyphs().arrow));
  bool flip = change.kind == ChangeKind::VerdictFlip;
  std::string bullet = std::string(output.glyphs().dot) + " ";
  std::string out;
  for (const std::string& wrapped : wrap_text(bullet + line, std::max(20, output.width - 2))) {
    out += "  " + output.paint(wrapped, flip ? Style::Bold : Style::Plain) + "\n";
  }
  return out;
}

}  // namespace

std::string render_changes(const std::vector<Change>& changes, const OutputOptions& output) {
  if (changes.empty()) return "  Nothing has changed.\n";
  // Verdict flips first, under their own heading when anything else changed too.
  std::vector<const Change*> flips, rest;
  for (const Change& change : changes) (change.kind == ChangeKind::VerdictFlip ? flips : rest).push_back(&change);
  bool grouped = !flips.empty() && !rest.empty();
  std::string out;
  auto group = [&](const char* title, const std::vector<const Change*>& members) {
    if (grouped) out += output.paint(fmt::format("  {} ({})", title, members.size()), Style::Bold) + "\n";
    for (const Change* change : members) out += change_lines(*change, output);
  };
  group("Verdict flips", flips);
  group("Everything else", rest);
  return out;
}

namespace {

std::string field_lines(const Decision& decision, const DecisionState& state, const OutputOptions& output) {
  TextTable table(TextTable::Borders::None);
  table.set_fixed(0);
  auto field = [&](const char* label, const std::string& value) {
    table.add_row({Cell(label, Style::Dim), Cell(value)});
  };
  field("Status", decision_status_name(decision.status));
  field("Decided", decision.decided_at.substr(0, 10) + (decision.by ? " by " + *decision.by : ""));
  if (decision.review_by) field("Review by", *decision.review_by + (state.overdue ? " (passed)" : ""));
  field("Decision", pick_over(decision));
  if (state.pick.is_override) field("Override", override_line(state.pick));
  if (!decision.why.empty()) field("Why", decision.why);
  if (decision.superseded_by) {
    field("Superseded by", fmt::format("{}: {}", *decision.superseded_by, decision.superseded_by_title.value_or("")));
  }
  return table.render(output);
}

// "then → now" where they differ, else the one value.
Cell moment_cell(const Cell& then, const std::optional<Cell>& now, const OutputOptions& output) {
  if (!now) return Cell(then.text + " (removed since)", Style::Dim);
  if (then.text == now->text) return now->text;
  return Cell(then.text + " " + output.glyphs().arrow + " " + now->text, Style::Bold);
}

Cell review_cell(const ToolReport* report, const std::string& persona, const OutputOptions& output) {
  if (!report) return Cell("");
  for (const Review& review : report->reviews) {
    if (review.persona == persona) return score_verdict_cell(review, output);
  }
  return Cell("no review", Style::Dim);
}

}  // namespace

std::vector<std::vector<Cell>> then_and_now_rows(const DecisionView& view, const OutputOptions& output) {
  std::vector<std::vector<Cell>> rows;
  std::vector<Cell>& header = rows.emplace_back();
  header.push_back(Cell("Then " + std::string(output.glyphs().arrow) + " now", Style::Bold));
  for (std::size_t i = 0; i < view.moments.size(); ++i) {
    const DecisionOption& option = view.decision.options[i];
    std::string name = option.name_now && *option.name_now != option.name
                           ? option.name + " " + output.glyphs().arrow + " " + *option.name_now
                           : option.name;
    header.push_back(Cell(i == view.decision.pick ? name + " (pick)" : name, Style::Bold));
  }
  auto row = [&](const std::string& label, auto&& make_cell) {
    std::vector<Cell> cells{Cell(label, Style::Dim)};
    for (const ToolMoments& moments : view.moments) {
      std::optional<Cell> now;
      if (moments.now) now = make_cell(*moments.now);
      cells.push_back(moment_cell(make_cell(*moments.then), now, output));
    }
    rows.push_back(std::move(cells));
  };
  row("Panel verdict", [&](const ToolReport& r) { return panel_verdict_cell(r.panel, output); });
  row("Panel ship", [&](const ToolReport& r) { return panel_ship_cell(r.panel, output); });
  row("Mean score", [&](const ToolReport& r) { return mean_score_cell(r.panel, output); });
  row("Community", [&](const ToolReport& r) { return community_cell(r.community, output); });
  std::vector<std::string> personas;
  for (const auto* panel : {&view.now.panel, &view.then.panel}) {
    for (const Persona& persona : *panel) {
      if (std::find(personas.begin(), personas.end(), persona.name) == personas.end()) personas.push_back(persona.name);
    }
  }
  rows.emplace_back();  // a rule
  for (const std::string& persona : personas) {
    row(persona, [&](const ToolReport& r) { return review_cell(&r, persona, output); });
  }
  return rows;
}

namespace {

// Then and now in one table, a column per tool, "then → now" in each cell
// that moved: the figures, then each persona of either panel.
std::string then_and_now(const DecisionView& view, const OutputOptions& output) {
  TextTable table(TextTable::Borders::Columns);
  std::vector<std::vector<Cell>> rows = then_and_now_rows(view, output);
  table.set_header(std::move(rows.front()));
  for (std::size_t i = 1; i < rows.size(); ++i) {
    if (rows[i].empty()) {
      table.add_rule();
    } else {
      table.add_row(std::move(rows[i]));
    }
  }
  return table.render(output);
}

// "Then: Mistral 3B (clear) — panel 4/4 ship (100%) vs 3/4 (75%)", wrapped.
std::string moment_line(const char* label, const Recommendation& recommendation, const OutputOptions& output) {
  std::string text = recommendation.tool
                         ? fmt::format("{}: {} ({}) {} {}", label, *recommendation.tool,
                                       recommendation.confidence ? confidence_name(*recommendation.confidence) : "",
                                       output.glyphs().em_dash, recommendation.reason)
                         : fmt::format("{}: {}", label, recommendation.reason);
  std::string out;
  for (const std::string& line : wrap_text(output.in_glyphs(sanitize_for_terminal(text)), output.width)) out += line + "\n";
  return out;
}

}  // namespace

std::string render_decision_show(const DecisionView& view, const OutputOptions& output) {
  const Decision& decision = view.decision;
  const DecisionState& state = view.state;
  std::string out = output.paint(sanitize_for_terminal(fmt::format("Decision {}: {}", decision.id, decision.title)),
                                 Style::Bold) + "\n";
  out += field_lines(decision, state, output) + "\n";
  out += then_and_now(view, output) + "\n";
  out += moment_line("Then", view.then.recommendation, output);
  out += moment_line("Now", view.now.recommendation, output) + "\n";
  out += output.paint(fmt::format("What changed since {}", decision.decided_at.substr(0, 10)), Style::Bold) + "\n";
  out += render_changes(state.changes, output) + "\n";
  std::string pick = sanitize_for_terminal(pick_line(state.pick, output.glyphs().arrow));
  for (const std::string& line : wrap_text(pick, output.width)) out += output.paint(line, Style::Bold) + "\n";
  if (state.overdue) out += fmt::format("Review-by {} has passed.\n", *decision.review_by);
  if (!state.stale.empty()) {
    std::string list;
    for (const Review& review : state.stale) {
      list += fmt::format("{}{} ({})", list.empty() ? "" : ", ", review.persona, review.reviewed_at.substr(0, 10));
    }
    std::string line = fmt::format("{} behind the pick {} older than the max age: {}",
                                   plural(static_cast<std::int64_t>(state.stale.size()), "review"),
                                   state.stale.size() == 1 ? "is" : "are", list);
    for (const std::string& wrapped : wrap_text(sanitize_for_terminal(line), output.width)) out += wrapped + "\n";
  }
  return out;
}

}  // namespace toolcmp
