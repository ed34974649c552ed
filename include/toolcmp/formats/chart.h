// Charts: what compare, rank and history draw, as plain data made from the
// model (chart.cpp), then drawn with block characters for the terminal
// (render_chart.cpp) or as SVG for a page (render_svg.cpp). One model for
// both, so the page and the terminal never disagree.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "toolcmp/model/model.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/base/terminal.h"

namespace toolcmp {

// One bar: a value out of 100, with an interval drawn as a whisker.
struct ChartBar {
  std::string label;             // a persona, or "Panel ship"
  std::optional<double> value;   // 0-100; none: an empty bar
  std::optional<std::pair<double, double>> whisker;
  Style style = Style::Plain;    // Green ship, Red skip, Yellow split, Dim none
  std::string figure;            // "84 ship", "75% [30–95]": the bar in words, never color alone
};

// A tool's bars: its panel ship %, then one per persona of the panel.
struct ChartGroup {
  std::string title;
  std::vector<ChartBar> bars;
  bool reviewed = true;  // false: no persona has reviewed it; its persona bars are all empty
};

std::vector<ChartGroup> compare_chart(const Comparison& comparison, bool unicode);

// One persona's scores over time, oldest first.
struct SparkPoint {
  std::optional<int> score;
  std::optional<Verdict> verdict;
  std::string at;  // reviewed_at
};
struct Sparkline {
  std::string persona;
  std::vector<SparkPoint> points;
};
// Personas in the order their first review appears.
std::vector<Sparkline> history_sparklines(const std::vector<Review>& reviews);

// The terminal drawings. Block characters under UTF-8, "#" and "-" in
// ASCII; they fit output.width and are colored only when output.color.
std::string render_compare_chart(const Comparison& comparison, const OutputOptions& output);
void render_rank_chart(const std::vector<ToolLine>& lines, const ToolListView& view, const OutputOptions& output,
                       std::ostream& out);
std::string render_history_chart(const std::vector<Review>& reviews, const OutputOptions& output);

// A bar of cells character cells for value out of 100 and its interval:
// solid to the low end, shaded to the value, a line to the high end:
// "███▓▓▓▓▍───  ", "###====---  " in ASCII (no frame, no color).
std::string draw_bar(std::optional<double> value, std::optional<std::pair<double, double>> whisker, int cells,
                     bool unicode);

}  // namespace toolcmp
