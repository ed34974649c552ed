// A tool's page: its card, its current reviews and its history as
// sparklines, as mustache data.
#include <fmt/format.h>

#include <algorithm>

#include "formats/html/html_data.h"
#include "toolcmp/formats/chart.h"
#include "toolcmp/model/decision_rows.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/model/values.h"

namespace toolcmp::html {

namespace {

// The newest this many reviews of a persona are drawn; the summary counts them all.
constexpr std::size_t kPointsShown = 36;

Data row(const std::string& label, const std::string& text, const char* css = "") {
  Data item;
  put(item, "label", std::move(label));
  put(item, "text", std::move(text));
  put(item, "class", std::move(css));
  return item;
}

Data sparklines_data(const std::vector<Review>& history) {
  List lines;
  for (const Sparkline& line : history_sparklines(history)) {
    const std::vector<SparkPoint>& points = line.points;
    List drawn;
    std::size_t first = points.size() > kPointsShown ? points.size() - kPointsShown : 0;
    for (std::size_t i = first; i < points.size(); ++i) {
      const SparkPoint& point = points[i];
      double height = point.score ? std::max(2.0, std::clamp(*point.score, 0, 100) * 0.4) : 2.0;
      Data item;
      put(item, "x", fmt::format("{:.1f}", static_cast<double>(i - first) * 100.0 / kPointsShown));  // percent across
      put(item, "y", fmt::format("{:.1f}", 44 - height));
      put(item, "height", fmt::format("{:.1f}", height));
      put(item, "class", verdict_class(point.verdict));
      put(item, "mark", !point.verdict ? "\u00b7" : *point.verdict == Verdict::Ship ? "\u2713" : "\u2717");
      drawn.push_back(std::move(item));
    }
    auto score = [](const SparkPoint& p) { return p.score ? std::to_string(*p.score) : std::string("no score"); };
    const SparkPoint& last = points.back();
    std::string verdict = last.verdict ? verdict_name(*last.verdict) : "no verdict";
    std::string summary =
        points.size() == 1
            ? fmt::format("1 review: {}, {}, {}", score(last), verdict, last.at.substr(0, 10))
            : fmt::format("{} reviews: {} \u2192 {}, latest {}, since {}", points.size(), score(points.front()),
                          score(last), verdict, points.front().at.substr(0, 10));
    Data item;
    put(item, "persona", line.persona);
    put(item, "label", chart_label(line.persona));
    put(item, "summary", std::move(summary));
    put(item, "points", std::move(drawn));
    lines.push_back(std::move(item));
  }
  return lines.take();
}

}  // namespace

Data tool_data(const ToolReport& report, const std::vector<Persona>& panel, const std::vector<Review>& history,
               const std::string& now) {
  const Tool& tool = report.tool;
  List rows;
  rows.push_back(row(decision_table::kPanelVerdict, panel_verdict_cell(report.panel, kPlain).text, panel_class(report.panel)));
  rows.push_back(row(decision_table::kPanelShip, panel_ship_cell(report.panel, kPlain).text));
  rows.push_back(row(decision_table::kMeanScore, mean_score_cell(report.panel, kPlain).text));
  rows.push_back(row(decision_table::kCommunity, community_cell(report.community, kPlain).text));
  for (const FieldRow& field : kFieldRows) {
    const std::optional<std::string>& value = tool.*field.member;
    if (field.member == &Tool::description || !value || value->empty()) continue;
    Data item = row(field.label, *value);
    if (field.member == &Tool::url) {
      if (auto url = safe_link(value)) put(item, "href", *url);
    }
    rows.push_back(std::move(item));
  }
  for (const auto& [key, value] : tool.attributes) rows.push_back(row(key, value));
  List reviews;
  for (const Persona& persona : panel) {
    const Review* review = review_by(report, persona.name);
    Data item = review_data(review ? review_score_line(*review) : "no review", review, now);
    put(item, "persona", persona.name);
    reviews.push_back(std::move(item));
  }
  Data page;
  put(page, "name", tool.name);
  put(page, "tagline", tool.tagline && !tool.tagline->empty() ? *tool.tagline : "");
  if (tool.description && !tool.description->empty()) {
    Data description;
    put(description, "lines", text_lines(*tool.description));
    put(page, "description", std::move(description));
  }
  put(page, "rows", std::move(rows));
  put(page, "reviews", std::move(reviews));
  put(page, "sparklines", sparklines_data(history));
  return page;
}

}  // namespace toolcmp::html
