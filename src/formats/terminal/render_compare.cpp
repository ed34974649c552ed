// The side-by-side decision table, and the tools as rows when they do not
// fit side by side.
#include <algorithm>
#include <functional>
#include <sstream>

#include <fmt/format.h>

#include "toolcmp/model/decision_rows.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

// Narrower tool columns than this read badly: the tools go in rows instead.
constexpr int kMinToolColumn = 16;
// Tools as rows: a name column narrower than this turns the rows into lines.
constexpr int kMinNameInRow = 8;

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

// Tools as rows, for more tools than fit side by side: the figures, then
// the scorecard, each one line per tool; then each tool's details, and
// (without --brief) its reviews.
Cell short_review_cell(const Review* review, const OutputOptions& output) {
  if (!review) return Cell(output.glyphs().missing, Style::Dim);
  std::string text = fmt::format("{} {}", review->score ? std::to_string(*review->score) : output.glyphs().missing,
                                 review->verdict ? verdict_name(*review->verdict) : "none");
  return Cell(text, review->stale ? Style::Dim : verdict_style(review->verdict));
}

Cell short_community_cell(const CommunitySummary& community, const OutputOptions& output) {
  if (community.votes == 0) return Cell(output.glyphs().missing, Style::Dim);
  return Cell(fmt::format("{} {} {}", community.votes, output.glyphs().dot, format_percent(*community.ship_pct)));
}

// Stored text in bold, wrapped to the width: a tool's name over its lines.
std::string bold_lines(const std::string& text, const OutputOptions& output) {
  std::string out;
  for (const std::string& part : wrap_text(sanitize_for_terminal(text), output.width)) {
    out += output.paint(part, Style::Bold) + "\n";
  }
  return out;
}

// A row per tool, each on one line: the tool column gets what the
// others leave, and names longer than that are cut with "…" (the pick keeps
// its "(pick)"). make_table(fixed): the table with its header, figures
// that never wrap when fixed; too narrow for them, they wrap.
std::string one_line_per_tool(const Comparison& comparison, const OutputOptions& output,
                              const std::function<TextTable(bool fixed)>& make_table,
                              const std::function<std::vector<Cell>(const ToolReport&)>& figures) {
  auto row = [&](const ToolReport& report, int name_width) {
    const std::optional<std::string>& pick = comparison.recommendation.tool;
    bool picked = pick && *pick == report.tool.name;
    const std::string mark = picked ? " (pick)" : "";
    std::string name = fit_line(report.tool.name, name_width > 0 ? std::max(1, name_width - display_width(mark)) : 0,
                                output.unicode);
    std::vector<Cell> cells{Cell(name + mark, picked ? Style::Bold : Style::Plain)};
    for (Cell& cell : figures(report)) cells.push_back(std::move(cell));
    return cells;
  };
  int widest_name = 0;
  for (const ToolReport& report : comparison.tools) widest_name = std::max(widest_name, display_width(row(report, 0)[0].text));
  for (bool fixed : {true, false}) {
    TextTable table = make_table(fixed);
    for (const ToolReport& report : comparison.tools) table.measure_row(row(report, 0));
    std::vector<int> widths = table.column_widths(output.width);
    int total = 2 * static_cast<int>(widths.size() - 1);
    for (int width : widths) total += width;
    if (total > output.width || widths[0] < std::min(widest_name, kMinNameInRow)) continue;
    std::ostringstream out;
    table.write_header(widths, output, out);
    for (const ToolReport& report : comparison.tools) table.write_row(row(report, widths[0]), widths, output, out);
    return out.str();
  }
  // Too narrow for a table: the name on a line, "Heading value" below it.
  std::vector<Cell> header = make_table(false).header();
  std::string out;
  for (const ToolReport& report : comparison.tools) {
    std::vector<Cell> cells = row(report, 0);
    out += bold_lines(cells[0].text, output);
    std::string line;
    for (std::size_t c = 1; c < cells.size() && c < header.size(); ++c) {
      line += (line.empty() ? "" : std::string(" ") + output.glyphs().dot + " ") + header[c].text + " " + cells[c].text;
    }
    for (const std::string& part : wrap_text(line, std::max(1, output.width - 2))) out += "  " + part + "\n";
  }
  return out;
}

std::string figures_by_row(const Comparison& comparison, const OutputOptions& output) {
  auto make_table = [](bool fixed) {
    TextTable table(TextTable::Borders::None);
    table.set_header({Cell("Tool", Style::Bold), Cell("Panel", Style::Bold), Cell("Ship", Style::Bold),
                      Cell("Mean", Style::Bold), Cell("Votes", Style::Bold)});
    for (std::size_t c = 1; c < 5 && fixed; ++c) table.set_fixed(c);
    for (std::size_t c = 2; c < 5; ++c) table.set_align(c, Align::Right);
    return table;
  };
  return one_line_per_tool(comparison, output, make_table, [&](const ToolReport& report) {
    return std::vector<Cell>{short_panel_cell(report.panel, output), panel_ship_cell(report.panel, output),
                             mean_score_cell(report.panel, output), short_community_cell(report.community, output)};
  });
}

std::string scorecard_by_row(const Comparison& comparison, const OutputOptions& output) {
  auto make_table = [&](bool fixed) {
    TextTable table(TextTable::Borders::None);
    std::vector<Cell> header{Cell("Tool", Style::Bold)};
    for (const Persona& persona : comparison.panel) header.emplace_back(persona.name, Style::Bold);
    table.set_header(std::move(header));
    for (std::size_t c = 1; c <= comparison.panel.size() && fixed; ++c) table.set_fixed(c);
    return table;
  };
  return output.paint(decision_table::kScorecard, Style::Bold) + "\n" +
         one_line_per_tool(comparison, output, make_table, [&](const ToolReport& report) {
           std::vector<Cell> cells;
           for (const Persona& persona : comparison.panel) {
             cells.push_back(short_review_cell(review_by(report, persona.name), output));
           }
           return cells;
         });
}

// "Pricing: Free · Entry: Free · Category: Chat · params: 3B", wrapped
// under the tool's name; the fields it lacks are left out.
std::string details_by_tool(const Comparison& comparison, const OutputOptions& output) {
  std::string out = output.paint("Details", Style::Bold) + "\n";
  const std::string dot = std::string(" ") + output.glyphs().dot + " ";
  for (const ToolReport& report : comparison.tools) {
    std::string line;
    auto add = [&](const std::string& label, const std::string& value) {
      line += (line.empty() ? "" : dot) + label + ": " + value;
    };
    for (const FieldRow& field : kFieldRows) {
      if (field.in_table && report.tool.*field.member) add(field.label, *(report.tool.*field.member));
    }
    for (const auto& [key, value] : report.tool.attributes) add(key, value);
    out += bold_lines(report.tool.name, output);
    for (const std::string& part : wrap_text(sanitize_for_terminal(line.empty() ? output.glyphs().missing : line),
                                             std::max(1, output.width - 2))) {
      out += "  " + part + "\n";
    }
  }
  return out;
}

std::string reviews_by_tool(const Comparison& comparison, const OutputOptions& output) {
  std::string out;
  for (const ToolReport& report : comparison.tools) {
    std::string texts;
    for (const Persona& persona : comparison.panel) {
      const Review* review = review_by(report, persona.name);
      if (!review || review->text.empty()) continue;
      Cell verdict = score_verdict_cell(*review, output, comparison.rule.now);
      std::string name = sanitize_for_terminal(persona.name);
      if (display_width(name + "  " + verdict.text) + 2 <= output.width) {
        texts += "  " + output.paint(name, Style::Bold) + "  " + output.paint(verdict.text, verdict.style) + "\n";
      } else {
        for (const std::string& part : wrap_text(name + "  " + verdict.text, std::max(1, output.width - 2))) {
          texts += "  " + part + "\n";
        }
      }
      for (const std::string& part : wrap_text(sanitize_for_terminal(review->text), std::max(1, output.width - 4))) {
        texts += part.empty() ? "\n" : "    " + part + "\n";
      }
    }
    if (!texts.empty()) out += "\n" + bold_lines(report.tool.name, output) + texts;
  }
  return out.empty() ? "" : "\n" + output.paint("Reviews", Style::Bold) + "\n" + out.substr(1);
}

std::string by_row(const Comparison& comparison, const OutputOptions& output, bool brief) {
  return figures_by_row(comparison, output) + "\n" + scorecard_by_row(comparison, output) + "\n" +
         details_by_tool(comparison, output) + (brief ? "" : reviews_by_tool(comparison, output));
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
                                                 : by_row(comparison, output, brief);
}

std::string render_compare(const Comparison& comparison, const OutputOptions& output, bool brief) {
  return pick_summary_line(comparison.recommendation, output) + "\n" + render_compare_table(comparison, output, brief) +
         "\n" + as_of_line(comparison.rule) +
         what_if_line(comparison.rule.weights) + recommendation_line(comparison.recommendation, output);
}

}  // namespace toolcmp
