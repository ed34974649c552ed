// The chart model: which bars and sparklines compare and history draw.
#include <fmt/format.h>

#include <algorithm>

#include "toolcmp/formats/chart.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

Style panel_style(const PanelSummary& panel) {
  if (!panel.verdict) return Style::Dim;
  static const Style styles[] = {Style::Green, Style::Red, Style::Yellow};
  return styles[static_cast<std::size_t>(*panel.verdict)];
}

ChartBar panel_bar(const PanelSummary& panel, bool unicode) {
  ChartBar bar{"Panel ship", panel.ship_pct, panel.ship_interval, panel_style(panel), ""};
  if (!panel.ship_pct) {
    bar.figure = "no verdicts";
    return bar;
  }
  bar.figure = format_percent(*panel.ship_pct);
  if (panel.ship_interval) {
    const auto& [low, high] = *panel.ship_interval;
    bar.figure += unicode ? " " + format_interval(*panel.ship_interval) : fmt::format(" [{:.0f}-{:.0f}]", low, high);
  }
  if (panel.basis == ShipBasis::Published) bar.figure += " published";
  return bar;
}

ChartBar persona_bar(const Persona& persona, const ToolReport& report, bool unicode) {
  ChartBar bar{persona.name, std::nullopt, std::nullopt, Style::Dim, "no review"};
  for (const Review& review : report.reviews) {
    if (review.persona != persona.name) continue;
    if (review.score) bar.value = *review.score;
    std::string score = review.score ? std::to_string(*review.score) : (unicode ? "\u2014" : "n/a");
    bar.figure = fmt::format("{} {}", score, review.verdict ? verdict_name(*review.verdict) : "no verdict");
    bar.style = verdict_style(review.verdict);
    if (review.stale) {
      bar.figure += " stale";
      bar.style = Style::Dim;
    }
  }
  return bar;
}

}  // namespace

std::vector<ChartGroup> compare_chart(const Comparison& comparison, bool unicode) {
  std::vector<ChartGroup> groups;
  for (const ToolReport& report : comparison.tools) {
    ChartGroup group{report.tool.name, {panel_bar(report.panel, unicode)}, !report.reviews.empty()};
    for (const Persona& persona : comparison.panel) group.bars.push_back(persona_bar(persona, report, unicode));
    groups.push_back(std::move(group));
  }
  return groups;
}

std::vector<Sparkline> history_sparklines(const std::vector<Review>& reviews) {
  std::vector<Sparkline> lines;
  for (const Review& review : reviews) {
    auto it = std::find_if(lines.begin(), lines.end(),
                           [&](const Sparkline& line) { return line.persona == review.persona; });
    if (it == lines.end()) it = lines.insert(lines.end(), Sparkline{review.persona, {}});
    it->points.push_back(SparkPoint{review.score, review.verdict, review.reviewed_at});
  }
  return lines;
}

}  // namespace toolcmp
