// compare --format markdown: the full comparison-page layout as Markdown.
// import --format page reads it back (see page.cpp), so every value is
// escaped to read back the same.
#include <algorithm>

#include <fmt/format.h>

#include "toolcmp/model/decision_rows.h"
#include "toolcmp/formats/page.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

// Stored text is made harmless first: a page may well be printed.
std::string cell(const std::optional<std::string>& value) {
  if (!value || value->empty()) return kMissingDash;
  return markdown_escape(sanitize_for_terminal(*value), true);
}

std::string paragraph(const std::string& text) { return markdown_escape(sanitize_for_terminal(text), false); }

std::string heading_text(const std::string& text) { return markdown_escape(sanitize_for_terminal(text), false); }

std::string panel_ship(const ToolReport& report) {
  const PanelSummary& panel = report.panel;
  if (!panel.ship_pct) return kMissingDash;
  if (panel.basis == ShipBasis::Published) return format_percent(*panel.ship_pct) + " (published)";
  std::string text = format_percent(*panel.ship_pct);
  if (report.tool.published_ship_pct) text += " · published " + format_percent(*report.tool.published_ship_pct);
  return text;
}

std::string score_line(const std::string& tool, const Review& review) {
  std::string line = heading_text(tool) + " · ";
  line += review.score ? fmt::format("{}/100", *review.score) : "no score";
  line += fmt::format(" · {}", review.verdict ? verdict_name(*review.verdict) : "no verdict");
  if (!review.reviewed_at.empty()) line += " · " + review.reviewed_at;
  return line;
}

std::string title(const Comparison& comparison) {
  std::string names;
  for (const ToolReport& report : comparison.tools) names += (names.empty() ? "" : " vs ") + sanitize_for_terminal(report.tool.name);
  std::string out = fmt::format("# {}\n\n", markdown_escape(names, false));
  out += comparison.tools.size() == 1
             ? "Whether to ship with it: the panel's verdicts and scores, pricing and community votes.\n\n"
             : "Which one to ship with: the panel's verdicts and scores, pricing and community votes, side by side.\n\n";
  return out;
}

}  // namespace

// The Decision table's rows, with every row the page reader knows (decision_rows.h).
std::vector<TableRow> decision_table_rows(const Comparison& comparison) {
  OutputOptions plain;  // Unicode, no color
  std::vector<TableRow> rows;
  auto row = [&](const std::string& label, auto&& value) {
    TableRow& added = rows.emplace_back(TableRow{label, {}});
    for (const ToolReport& report : comparison.tools) added.cells.push_back(value(report));
  };
  auto text = [](const std::optional<std::string>& value) {
    return !value || value->empty() ? std::string(kMissingDash) : *value;
  };
  row(decision_table::kPanelVerdict, [&](const ToolReport& r) { return panel_verdict_cell(r.panel, plain).text; });
  row(decision_table::kPanelShip, [](const ToolReport& r) { return panel_ship(r); });
  row(decision_table::kMeanScore, [](const ToolReport& r) {
    return r.panel.mean_score ? format_mean(*r.panel.mean_score) : std::string(kMissingDash);
  });
  row(decision_table::kCommunity, [&](const ToolReport& r) { return community_cell(r.community, plain).text; });
  row(decision_table::kCommunityVotes, [](const ToolReport& r) {  // exact, for import
    return fmt::format("{} ship / {} skip", r.community.ship, r.community.skip);
  });
  for (const FieldRow& field : kFieldRows) {
    row(field.label, [&](const ToolReport& r) { return text(r.tool.*field.member); });
  }
  std::vector<const ToolReport*> tools;
  for (const ToolReport& report : comparison.tools) tools.push_back(&report);
  for (const std::string& key : attribute_keys(tools)) {
    row(decision_table::kAttributePrefix + key, [&](const ToolReport& r) {
      const std::string* value = attribute_value(r.tool, key);
      return value ? *value : std::string(kMissingDash);
    });
  }
  return rows;
}

std::string markdown_decision_table(const Comparison& comparison) {
  std::string out = "| Decision |";
  for (const ToolReport& report : comparison.tools) out += " " + cell(report.tool.name) + " |";
  out += "\n|---|";
  for (std::size_t i = 0; i < comparison.tools.size(); ++i) out += "---|";
  out += "\n";
  for (const TableRow& row : decision_table_rows(comparison)) {
    out += "| " + markdown_escape(row.label, true) + " |";
    for (const std::string& value : row.cells) out += " " + cell(value) + " |";
    out += "\n";
  }
  return out;
}

namespace {

std::string panel_and_scorecard(const Comparison& comparison) {
  std::string out = "\n## Panel\n\n| Persona | Weight | Focus |\n|---|---|---|\n";
  for (const Persona& persona : comparison.panel) {
    out += fmt::format("| {} | {} | {} |\n", cell(persona.name), format_number(persona.weight), cell(persona.focus));
  }
  out += fmt::format("\n## {}\n", decision_table::kScorecard);
  for (const Persona& persona : comparison.panel) {
    out += fmt::format("\n### {}\n", heading_text(persona.name));
    for (const ToolReport& report : comparison.tools) {
      const Review* review = review_by(report, persona.name);
      if (!review) {
        out += fmt::format("\n{} · no review\n", heading_text(report.tool.name));
        continue;
      }
      out += "\n" + score_line(report.tool.name, *review) + "\n";
      if (!review->text.empty()) out += "\n" + paragraph(review->text) + "\n";
    }
  }
  return out;
}

}  // namespace

std::string render_compare_markdown(const Comparison& comparison) {
  const Recommendation& recommendation = comparison.recommendation;
  std::string out = title(comparison) + markdown_decision_table(comparison) + "\n";
  if (!comparison.rule.weights.empty()) out += "Weights: " + heading_text(what_if_list(comparison.rule.weights)) + " (what-if)\n\n";
  out += recommendation.tool && recommendation.confidence
             ? fmt::format("Recommendation ({}): ", confidence_name(*recommendation.confidence))
             : "Recommendation: ";
  out += recommendation.tool ? fmt::format("**{}** — {}", heading_text(*recommendation.tool), paragraph(recommendation.reason))
                             : paragraph(recommendation.reason);
  return out + "\n" + panel_and_scorecard(comparison);
}

}  // namespace toolcmp
