// decision export --format markdown: a decision record in the MADR layout,
// to keep next to a team's ADRs.
#include <fmt/format.h>

#include "toolcmp/formats/page.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

std::string md(const std::string& text) { return markdown_escape(sanitize_for_terminal(text), false); }
std::string md_cell(const std::string& text) { return markdown_escape(sanitize_for_terminal(text), true); }

std::string name_list(const Decision& decision) {
  std::string out;
  for (std::size_t i = 0; i < decision.options.size(); ++i) {
    const char* joint = i == 0 ? "" : i + 1 == decision.options.size() ? " and " : ", ";
    out += joint + md(decision.options[i].name);
  }
  return out;
}

std::string recommendation_text(const Recommendation& recommendation) {
  if (!recommendation.tool) return md(recommendation.reason);
  return fmt::format("{} ({}): {}", md(*recommendation.tool),
                     recommendation.confidence ? confidence_name(*recommendation.confidence) : "", md(recommendation.reason));
}

// Each persona's score and verdict per tool, as they were.
std::string scorecard(const Comparison& comparison) {
  std::string out = "| Persona | Weight |";
  for (const ToolReport& report : comparison.tools) out += " " + md_cell(report.tool.name) + " |";
  out += "\n|---|---|";
  for (std::size_t i = 0; i < comparison.tools.size(); ++i) out += "---|";
  out += "\n";
  for (const Persona& persona : comparison.panel) {
    out += fmt::format("| {} | {} |", md_cell(persona.name), format_weight(persona.weight));
    for (const ToolReport& report : comparison.tools) {
      const Review* found = nullptr;
      for (const Review& review : report.reviews) found = review.persona == persona.name ? &review : found;
      std::string score = found && found->score ? fmt::format("{}/100", *found->score) : "—";
      out += found ? fmt::format(" {} · {} |", score, found->verdict ? verdict_name(*found->verdict) : "no verdict")
                   : " no review |";
    }
    out += "\n";
  }
  return out;
}

}  // namespace

std::string render_decision_markdown(const DecisionView& view, bool with_changes) {
  const Decision& decision = view.decision;
  std::string date = decision.decided_at.substr(0, 10);
  std::string out = fmt::format("# {}\n\n", md(decision.title));
  out += fmt::format("* Status: {}\n* Date: {}\n", decision_status_name(decision.status), date);
  if (decision.by) out += fmt::format("* Deciders: {}\n", md(*decision.by));
  if (decision.review_by) out += fmt::format("* Review by: {}\n", *decision.review_by);
  if (decision.superseded_by_title) out += fmt::format("* Superseded by: {}\n", md(*decision.superseded_by_title));
  out += "\n## Context and Problem Statement\n\n";
  out += fmt::format("Which of {} to ship with. Each was reviewed by the panel ({}) and voted on by the community; "
                     "the evidence below is as it stood on {}.\n",
                     name_list(decision), plural(static_cast<std::int64_t>(view.then.panel.size()), "persona"), date);
  out += "\n## Considered Options\n\n";
  for (const DecisionOption& option : decision.options) out += "* " + md(option.name) + "\n";
  out += "\n## Decision Outcome\n\n";
  std::string why = decision.why.empty() ? "no reason was recorded" : md(decision.why);
  out += fmt::format("Chosen option: \"{}\", because {}\n\n", md(decision.picked().name), why);
  out += "toolcmp recommended " + recommendation_text(view.then.recommendation) + "\n";
  if (view.state.pick.is_override) out += "\n" + md(override_line(view.state.pick)) + ".\n";
  if (!view.then.rule.weights.empty()) out += "\nWeights: " + md(what_if_list(view.then.rule.weights)) + " (what-if)\n";
  out += fmt::format("\n### Evidence as of {}\n\n", date);
  out += markdown_decision_table(view.then) + "\n" + scorecard(view.then);
  if (with_changes) {
    out += fmt::format("\n## What changed since {}\n\n", date);
    if (view.state.changes.empty()) out += "Nothing has changed.\n";
    for (const Change& change : view.state.changes) out += "* " + md(describe_change(change)) + "\n";
    out += "\n" + md(pick_line(view.state.pick)) + ".\n";
    if (view.state.overdue) out += fmt::format("\nThe review-by date, {}, has passed.\n", *decision.review_by);
  }
  return out;
}

}  // namespace toolcmp
