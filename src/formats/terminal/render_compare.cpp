// The side-by-side decision table, and its transposed form when the tools
// do not fit side by side.
#include <algorithm>

#include <fmt/format.h>

#include "toolcmp/model/decision_rows.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

// Narrower tool columns than this read badly: transpose instead.
constexpr int kMinToolColumn = 16;

// One label column and one column per tool.
void add_decision_rows(TextTable& table, const Comparison& comparison, const std::vector<const ToolReport*>& tools,
                       const OutputOptions& output, bool brief) {
  auto row = [&](const std::string& label, auto&& make_cell) {
    std::vector<Cell> cells{Cell(label, Style::Dim)};
    for (const ToolReport* report : tools) cells.push_back(make_cell(*report));
    table.add_row(std::move(cells));
  };
  row(decision_table::kPanelVerdict, [&](const ToolReport& r) { return panel_verdict_cell(r.panel, output); });
  row(decision_table::kPanelShip, [&](const ToolReport& r) { return panel_ship_cell(r.panel, output); });
  row(decision_table::kMeanScore, [&](const ToolReport& r) { return mean_score_cell(r.panel, output); });
  row(decision_table::kCommunity, [&](const ToolReport& r) { return community_cell(r.community, output); });
  for (const FieldRow& field : kFieldRows) {
    if (field.in_table) row(field.label, [&](const ToolReport& r) { return optional_cell(r.tool.*field.member, output); });
  }
  for (const std::string& key : attribute_keys(tools)) {
    row(key, [&](const ToolReport& r) {
      const std::string* value = attribute_value(r.tool, key);
      return value ? Cell(*value) : Cell(output.glyphs().missing, Style::Dim);
    });
  }

  table.add_rule();
  table.add_title(decision_table::kScorecard);
  table.add_rule();
  bool first = true;
  for (const Persona& persona : comparison.panel) {
    if (!brief && !first) table.add_blank();
    first = false;
    std::vector<Cell> verdicts{Cell(persona.name, Style::Dim)};
    std::vector<Cell> texts{Cell("")};
    bool any_text = false;
    for (const ToolReport* report : tools) {
      const Review* review = review_by(*report, persona.name);
      verdicts.push_back(review ? score_verdict_cell(*review, output, comparison.rule.now)
                                : Cell("no review", Style::Dim));
      texts.push_back(Cell(review ? review->text : ""));
      any_text = any_text || (review && !review->text.empty());
    }
    table.add_row(std::move(verdicts));
    if (!brief && any_text) table.add_row(std::move(texts));
  }
}

int label_width(const Comparison& comparison, const std::vector<const ToolReport*>& tools) {
  int width = display_width(decision_table::kPanelVerdict);
  for (const Persona& persona : comparison.panel) width = std::max(width, display_width(persona.name));
  for (const std::string& key : attribute_keys(tools)) width = std::max(width, display_width(key));
  return width;
}

// A tool's column heading: its name, and "(pick)" on the recommended one,
// in words so that it shows without colour.
Cell tool_heading(const Comparison& comparison, const ToolReport& report) {
  const std::optional<std::string>& pick = comparison.recommendation.tool;
  return Cell(pick && *pick == report.tool.name ? report.tool.name + " (pick)" : report.tool.name, Style::Bold);
}

std::string side_by_side(const Comparison& comparison, const OutputOptions& output, bool brief) {
  std::vector<const ToolReport*> tools;
  std::vector<Cell> header{Cell("Decision", Style::Bold)};
  for (const ToolReport& report : comparison.tools) {
    tools.push_back(&report);
    header.push_back(tool_heading(comparison, report));
  }
  TextTable table(TextTable::Borders::Columns);
  table.set_header(std::move(header));
  add_decision_rows(table, comparison, tools, output, brief);
  return table.render(output);
}

// One block per tool, all of one width so that they line up.
std::string transposed(const Comparison& comparison, const OutputOptions& output, bool brief) {
  std::vector<TextTable> tables;
  std::vector<int> widths(2, 0);
  for (const ToolReport& report : comparison.tools) {
    TextTable& table = tables.emplace_back(TextTable::Borders::Columns);
    table.set_header({Cell("Decision", Style::Bold), tool_heading(comparison, report)});
    add_decision_rows(table, comparison, {&report}, output, brief);
    std::vector<int> own = table.column_widths(output.width);
    for (std::size_t c = 0; c < own.size() && c < widths.size(); ++c) widths[c] = std::max(widths[c], own[c]);
  }
  widths[1] = std::min(widths[1], std::max(1, output.width - widths[0] - 3));  // " │ " between them
  std::string out;
  for (const TextTable& table : tables) out += (out.empty() ? "" : "\n") + table.render(output, widths);
  return out;
}

}  // namespace

std::string pick_summary_line(const Recommendation& recommendation, const OutputOptions& output) {
  // The reason's first clause: "adjusted mean 81.5 vs 74.5" of "adjusted
  // mean 81.5 vs 74.5, panel 4/4 ship (100%) vs 3/4 (75%); ...".
  std::string_view reason = recommendation.reason;
  reason = reason.substr(0, std::min(reason.find(", "), reason.find("; ")));
  std::string head = recommendation.tool
                         ? fmt::format("Pick: {}{}", *recommendation.tool,
                                       recommendation.confidence
                                           ? fmt::format(" ({})", confidence_name(*recommendation.confidence))
                                           : "")
                         : "No pick";
  head = sanitize_for_terminal(output.in_glyphs(head));  // as shown: the lengths below are of the shown text
  std::string line = head + sanitize_for_terminal(output.in_glyphs(
                                (recommendation.tool ? " " + std::string(output.glyphs().em_dash) + " " : ": ") +
                                std::string(reason)));
  if (display_width(line) > output.width) {
    // Cut at a word with "…" ("..." in ASCII); a width too narrow for the
    // pick's name cuts inside it.
    const std::string ellipsis = output.unicode ? "\u2026" : "...";
    int room = output.width - display_width(ellipsis);
    std::size_t keep = line.size();
    while (keep != std::string::npos && keep > head.size() && display_width(line.substr(0, keep)) > room) {
      keep = line.find_last_of(' ', keep - 1);
    }
    if (keep == std::string::npos || keep <= head.size()) {
      line = fit(line, output.width, output.unicode);
      line.erase(line.find_last_not_of(' ') + 1);
    } else {
      line = line.substr(0, keep) + ellipsis;
    }
  }
  std::size_t bold = std::min(head.size(), line.size());
  return output.paint(line.substr(0, bold), Style::Bold) + line.substr(bold) + "\n";
}

std::string recommendation_line(const Recommendation& recommendation, const OutputOptions& output) {
  std::string text = recommendation.tool ? fmt::format("{} {} {}", *recommendation.tool, output.glyphs().em_dash,
                                                       recommendation.reason)
                                         : recommendation.reason;
  std::string label = recommendation.confidence && recommendation.tool
                          ? fmt::format("Recommendation ({}):", confidence_name(*recommendation.confidence))
                          : "Recommendation:";
  // The label and the tool's name are bold.
  std::size_t bold_part = label.size();
  if (recommendation.tool) bold_part += 1 + output.in_glyphs(sanitize_for_terminal(*recommendation.tool)).size();
  std::string out;
  bool first = true;
  for (const std::string& line : wrap_text(output.in_glyphs(sanitize_for_terminal(label + " " + text)), output.width)) {
    std::size_t bold = first ? std::min(bold_part, line.size()) : 0;  // a narrow width may wrap the label itself
    out += output.paint(line.substr(0, bold), Style::Bold) + line.substr(bold) + "\n";
    first = false;
  }
  return out;
}

std::string what_if_list(const std::vector<WeightOverride>& weights) {
  std::string list;
  for (const WeightOverride& weight : weights) {
    list += fmt::format("{}{}={}", list.empty() ? "" : ", ", weight.persona, format_weight(weight.weight));
  }
  return list;
}

std::string what_if_line(const std::vector<WeightOverride>& weights) {
  if (weights.empty()) return "";
  return sanitize_for_terminal("Weights: " + what_if_list(weights) + " (what-if)") + "\n";
}

std::string as_of_line(const PickRule& rule) {
  std::string out;
  if (rule.as_of) {
    out += "As of " + *rule.as_of +
           (rule.written_only ? ": reviews written by then, whenever recorded\n" : ": what was written and recorded by then\n");
  }
  if (rule.half_life) {
    out += fmt::format("Half-life {}: a review weighs half as much every {}\n", *rule.half_life, *rule.half_life);
  }
  if (rule.max_age) {
    out += fmt::format("Max age {}: reviews written before {} are stale and do not count\n", *rule.max_age,
                       rule.stale_before->substr(0, 10));
  }
  return out;
}

std::string render_compare_table(const Comparison& comparison, const OutputOptions& output, bool brief) {
  std::vector<const ToolReport*> tools;
  for (const ToolReport& report : comparison.tools) tools.push_back(&report);
  int count = static_cast<int>(tools.size());
  int per_tool = (output.width - label_width(comparison, tools) - 3 * count) / std::max(count, 1);
  return per_tool >= kMinToolColumn || count < 2 ? side_by_side(comparison, output, brief)
                                                 : transposed(comparison, output, brief);
}

std::string render_compare(const Comparison& comparison, const OutputOptions& output, bool brief) {
  return pick_summary_line(comparison.recommendation, output) + "\n" + render_compare_table(comparison, output, brief) +
         "\n" + as_of_line(comparison.rule) +
         what_if_line(comparison.rule.weights) + recommendation_line(comparison.recommendation, output);
}

}  // namespace toolcmp
