// What each page's template is given: a comparison, a tool, a decision and
// an index row, as mustache data. Text goes in as stored: the templates
// escape every value (render_html.cpp).
#include <fmt/format.h>

#include <algorithm>

#include "formats/html/html_data.h"
#include "toolcmp/formats/chart.h"
#include "toolcmp/model/decision_rows.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/model/values.h"

namespace toolcmp::html {

namespace {

std::string missing_or(const std::optional<std::string>& value) {
  return value && !value->empty() ? *value : std::string(kMissingDash);
}

const char* style_class(Style style) {
  switch (style) {
    case Style::Green: return "ship";
    case Style::Red: return "skip";
    case Style::Yellow: return "split";
    default: return "none";
  }
}

std::string number(double value) { return fmt::format("{:.1f}", value); }

// A chart as SVG that is never scaled: across in percent of its width, a
// row of 36 px per bar, the label and the figure above the bar, so that its
// text keeps its size on a phone. spoken: the chart in words, every number
// in it, for a screen reader (aria-label) and a tooltip (title).
constexpr int kBarRow = 36;

Data bar_data(const std::string& label, const ChartBar& bar, int y) {
  Data item;
  put(item, "label", chart_label(label));
  put(item, "text_y", std::to_string(y + 13));
  put(item, "y", std::to_string(y + 19));
  if (bar.value && *bar.value > 0) put(item, "fill", number(std::clamp(*bar.value, 0.0, 100.0)));
  if (bar.whisker) {
    Data whisker;
    put(whisker, "low", number(std::clamp(bar.whisker->first, 0.0, 100.0)));
    put(whisker, "high", number(std::clamp(bar.whisker->second, 0.0, 100.0)));
    put(whisker, "mid", std::to_string(y + 24));
    put(item, "whisker", std::move(whisker));
  }
  put(item, "class", style_class(bar.style));
  put(item, "figure", bar.figure);
  return item;
}

Data chart_data(const std::string& title, const std::vector<std::pair<std::string, const ChartBar*>>& bars) {
  List drawn;
  std::string spoken = title.empty() ? "" : title + ": ";
  int y = 0;
  for (const auto& [label, bar] : bars) {
    drawn.push_back(bar_data(label, *bar, y));
    spoken += fmt::format("{}{} {}", y == 0 ? "" : "; ", label, bar->figure);
    y += kBarRow;
  }
  Data chart;
  if (!title.empty()) put(chart, "title", title);
  put(chart, "spoken", std::move(spoken));
  put(chart, "height", std::to_string(y));
  put(chart, "bars", std::move(drawn));
  return chart;
}

// compare's chart: a figure per tool, its panel ship % and each persona's
// score; a tool no persona has reviewed gets its ship % alone (a published
// figure, or none), not a row of empty bars.
Data charts_data(const std::vector<ChartGroup>& groups) {
  List charts;
  for (const ChartGroup& group : groups) {
    std::vector<std::pair<std::string, const ChartBar*>> bars;
    for (const ChartBar& bar : group.bars) {
      if (group.reviewed || bars.empty()) bars.emplace_back(bar.label, &bar);
    }
    Data chart = chart_data(group.title, bars);
    if (!group.reviewed) {
      put(chart, "spoken", chart.get("spoken")->string_value() + "; no reviews yet");
      put(chart, "note", "No reviews yet.");
    }
    charts.push_back(std::move(chart));
  }
  return charts.take();
}

// The answer's own chart: each tool's panel ship % with its interval.
Data answer_chart_data(const std::vector<ChartGroup>& groups) {
  std::vector<std::pair<std::string, const ChartBar*>> ships;
  for (const ChartGroup& group : groups) {
    if (!group.bars.empty()) ships.emplace_back(group.title, &group.bars.front());
  }
  List charts;
  charts.push_back(chart_data("", ships));
  Data answer_charts;
  put(answer_charts, "charts", std::move(charts));
  return answer_charts;
}

}  // namespace

std::string review_score_line(const Review& review) {
  std::string line = review.score ? fmt::format("{}/100", *review.score) : "no score";
  return line + fmt::format(" · {}", review.verdict ? verdict_name(*review.verdict) : "no verdict");
}

namespace {

// A review longer than this shows its head, the rest behind <details>.
constexpr std::size_t kExcerptOver = 400;
constexpr std::size_t kExcerpt = 240;

// Where a long review's head ends: after the last word that fits in
// kExcerpt bytes (never inside a code point). The text is written once:
// the head in <summary>, the rest (from the space or line break at the
// cut) in the body, shown inline with it when open.
std::size_t head_end(const std::string& text) {
  std::size_t cut = text.find_last_of(" \n", kExcerpt);
  if (cut == std::string::npos || cut < kExcerpt / 2) {
    cut = kExcerpt;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  }
  return cut;
}

}  // namespace

Data review_data(const std::string& line, const Review* review, const std::string& now) {
  Data item;
  put(item, "line", std::move(line));
  put(item, "class", verdict_class(review ? review->verdict : std::nullopt));
  if (review && !review->reviewed_at.empty()) {
    // How old, in words; the exact time on hover, and for import (hidden).
    Data date;
    std::string age = now.empty() ? "" : format_age(review->reviewed_at, now);
    put(date, "iso", review->reviewed_at);
    put(date, "exact", review->reviewed_at.substr(0, 10));
    put(date, "age", age.empty() ? review->reviewed_at.substr(0, 10) : age == "today" ? age : age + " ago");
    put(item, "date", std::move(date));
  }
  if (review && !review->text.empty()) {
    put(item, "has_text", std::move(true));
    if (review->text.size() > kExcerptOver) {
      std::size_t cut = head_end(review->text);
      Data head, tail;
      put(head, "lines", text_lines(review->text.substr(0, cut)));
      put(tail, "lines", text_lines(review->text.substr(cut)));
      put(item, "head", std::move(head));
      put(item, "tail", std::move(tail));
    } else {
      put(item, "lines", text_lines(review->text));
    }
  }
  return item;
}

namespace {

Data card_data(const ToolReport& report, const PageLinks& links) {
  const Tool& tool = report.tool;
  Data card;
  put(card, "name", tool.name);
  if (links.tool_page) {
    if (auto page = links.tool_page(tool)) put(card, "page", links.root + *page);
  }
  put(card, "category", missing_or(tool.category));
  put(card, "tagline", missing_or(tool.tagline));
  put(card, "ship", panel_ship_cell(report.panel, kPlain).text);
  put(card, "verdict", panel_verdict_cell(report.panel, kPlain).text);
  put(card, "class", panel_class(report.panel));
  put(card, "community", community_cell(report.community, kPlain).text);
  put(card, "entry", missing_or(tool.entry));
  if (tool.description && !tool.description->empty()) {
    Data description;
    put(description, "lines", text_lines(*tool.description));
    put(card, "description", std::move(description));
  }
  if (auto url = safe_link(tool.url)) put(card, "url", *url);
  return card;
}

}  // namespace

std::string chart_label(const std::string& label) {
  auto next = [&](std::size_t at) {  // the start of the code point after the one at at
    for (++at; at < label.size() && (static_cast<unsigned char>(label[at]) & 0xC0) == 0x80;) ++at;
    return at;
  };
  std::size_t cut = 0, end = 0;
  for (int count = 0; end < label.size() && count < 20; ++count) {
    if (count == 19) cut = end;
    end = next(end);
  }
  return end < label.size() ? label.substr(0, cut) + "\u2026" : label;
}

Data text_lines(const std::string& text) {
  List lines;
  std::size_t start = 0;
  do {
    std::size_t end = std::min(text.find('\n', start), text.size());
    Data line;
    put(line, "br", start > 0);
    put(line, "part", text.substr(start, end - start));
    lines.push_back(std::move(line));
    start = end + 1;
  } while (start <= text.size());
  return lines.take();
}

const char* verdict_class(std::optional<Verdict> verdict) {
  if (!verdict) return "none";
  return verdict_name(*verdict);
}

const char* panel_class(const PanelSummary& panel) {
  return panel.verdict ? panel_verdict_name(*panel.verdict) : "none";
}

Data crumb(const std::string& label, const std::string& href, bool current) {
  Data item;
  put(item, "label", std::move(label));
  if (!href.empty()) put(item, "href", std::move(href));
  put(item, "current", std::move(current));
  return item;
}

std::string compare_heading(const Comparison& comparison) {
  std::string names;
  for (const ToolReport& report : comparison.tools) names += (names.empty() ? "" : " vs ") + report.tool.name;
  return names;
}

namespace {

// The Decision table, the Panel verdict row colored by verdict (and said in words).
Data decision_rows_data(const Comparison& comparison) {
  List rows;
  for (const TableRow& row : decision_table_rows(comparison)) {
    List cells;
    for (std::size_t i = 0; i < row.cells.size(); ++i) {
      Data cell;
      put(cell, "lines", text_lines(row.cells[i]));
      put(cell, "class", row.label == decision_table::kPanelVerdict ? panel_class(comparison.tools[i].panel) : "");
      cells.push_back(std::move(cell));
    }
    Data item;
    // What import needs and a person does not: the exact vote counts, and
    // the "attr." of an attribute's key, in the page but not shown.
    std::string_view prefix = decision_table::kAttributePrefix;
    bool attribute = row.label.rfind(prefix, 0) == 0;
    if (attribute) put(item, "prefix", std::string(prefix));
    put(item, "label", attribute ? row.label.substr(prefix.size()) : row.label);
    if (row.label == decision_table::kCommunityVotes) put(item, "machine", true);
    put(item, "cells", std::move(cells));
    rows.push_back(std::move(item));
  }
  return rows.take();
}

}  // namespace

namespace {

// The answer first: the pick, how sure, and why in one sentence.
Data answer_data(const Recommendation& pick) {
  Data answer;
  put(answer, "pick", pick.tool ? "Pick: " + *pick.tool : std::string("No pick"));
  const char* confidence = pick.confidence ? confidence_name(*pick.confidence) : nullptr;
  if (!pick.tool && pick.reason.rfind("too close", 0) == 0) confidence = "too close";
  if (confidence) {
    put(answer, "confidence", confidence);
    std::string pill = confidence;
    std::replace(pill.begin(), pill.end(), ' ', '-');
    put(answer, "pill", "pill-" + pill);
  }
  put(answer, "reason", pick.reason);
  return answer;
}

}  // namespace

std::string pick_summary(const Comparison& comparison) {
  std::string line = pick_summary_line(comparison.recommendation, kPlain);
  return line.substr(0, line.find_last_not_of('\n') + 1);
}

Data compare_data(const Comparison& comparison, const PageLinks& links) {
  Data page;
  put(page, "heading", compare_heading(comparison));
  put(page, "question", comparison.tools.size() == 1
                           ? "Whether to ship with it: the panel's verdicts and scores, pricing and community votes."
                           : "Which one to ship with: the panel's verdicts and scores, pricing and community votes, "
                             "side by side.");
  List cards, panel, scorecard, notes;
  const Recommendation& pick = comparison.recommendation;
  for (const ToolReport& report : comparison.tools) {
    Data card = card_data(report, links);
    if (pick.tool && *pick.tool == report.tool.name) put(card, "picked", true);
    cards.push_back(std::move(card));
  }
  put(page, "answer", answer_data(pick));
  for (const Persona& persona : comparison.panel) {
    Data item;
    put(item, "name", persona.name);
    put(item, "weight", format_number(persona.weight));
    put(item, "focus", missing_or(persona.focus));
    panel.push_back(std::move(item));
    List reviews;
    for (const ToolReport& report : comparison.tools) {
      const Review* review = review_by(report, persona.name);
      reviews.push_back(review_data(report.tool.name + " · " + (review ? review_score_line(*review) : "no review"), review,
                                    comparison.rule.now));
    }
    Data card;
    put(card, "persona", persona.name);
    put(card, "reviews", std::move(reviews));
    scorecard.push_back(std::move(card));
  }
  for (std::string line : {as_of_line(comparison.rule), what_if_line(comparison.rule.weights)}) {
    if (!line.empty()) notes.push_back(Data(line.substr(0, line.find_last_not_of('\n') + 1)));
  }
  if (comparison.sensitivity) notes.push_back(Data(sensitivity_line(comparison)));
  std::string recommendation = recommendation_line(comparison.recommendation, kPlain);
  std::replace(recommendation.begin(), recommendation.end(), '\n', ' ');
  put(page, "recommendation", recommendation.substr(0, recommendation.find_last_not_of(' ') + 1));
  put(page, "notes", std::move(notes));
  put(page, "cards", std::move(cards));
  put(page, "rows", decision_rows_data(comparison));
  put(page, "panel", std::move(panel));
  put(page, "scorecard", std::move(scorecard));
  std::vector<ChartGroup> groups = compare_chart(comparison, true);
  put(page, "charts", charts_data(groups));
  put(page, "answer_charts", answer_chart_data(groups));
  return page;
}

Data index_group_data(const IndexLink& category, Method method) {
  Data data;
  put(data, "id", category.href.substr(category.href.rfind('#') + 1));
  put(data, "category", category.text);
  put(data, "count", category.note);
  put(data, "figure_heading", method == Method::ShipFirst ? "Ship % (95%)" : "Adjusted mean (95%)");
  put(data, "rows", kRowsMark);
  return data;
}

Data index_row_data(const IndexRow& row, Method method) {
  const ToolLine& line = row.line;
  const PanelSummary& panel = line.panel;
  Data item;
  const RankPlace& place = row.place;
  put(item, "place", place.rank_upper == 0 || place.rank_upper >= place.rank_lower
                         ? place.label
                         : fmt::format("{}-{}", place.rank_upper, place.rank_lower));
  put(item, "name", line.name);
  if (row.page) put(item, "page", *row.page);
  put(item, "verdict", short_panel_cell(panel, kPlain).text);
  put(item, "class", panel_class(panel));
  put(item, "ship", panel_ship_cell(panel, kPlain).text);
  put(item, "reviews", std::to_string(panel.verdicts()));
  put(item, "lead", place.confidence ? (*place.confidence == Confidence::TooClose ? "tie" : confidence_name(*place.confidence))
                                     : std::string(kMissingDash));
  // The deciding figure, drawn in the row: a bar to it and a whisker over its interval.
  std::optional<double> figure = method == Method::ShipFirst ? panel.ship_pct : panel.adjusted_mean;
  put(item, "figure", figure ? (method == Method::ShipFirst ? format_percent(*figure) : format_mean(*figure))
                             : std::string(kMissingDash));
  if (figure) put(item, "fill", number(std::clamp(*figure, 0.0, 100.0)));
  if (place.interval) {
    Data whisker;
    double low = std::clamp(place.interval->first, 0.0, 100.0), high = std::clamp(place.interval->second, 0.0, 100.0);
    put(whisker, "low", number(low));
    put(whisker, "span", number(std::max(0.0, high - low)));
    put(whisker, "words", fmt::format("{}\u2013{}", format_mean(low), format_mean(high)));
    put(item, "whisker", std::move(whisker));
  }
  const CommunitySummary& community = line.community;
  put(item, "community", community.votes == 0 ? std::string(kMissingDash)
                                             : fmt::format("{} · {} ship{}", community.votes,
                                                           format_percent(*community.ship_pct),
                                                           community.published ? " (published)" : ""));
  return item;
}

}  // namespace toolcmp::html
