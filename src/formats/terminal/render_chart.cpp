// The charts in the terminal: bars and sparklines of block characters,
// or "#" and "-" in ASCII, fitted to the width.
#include <fmt/format.h>

#include <algorithm>
#include <cmath>

#include "toolcmp/formats/chart.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

std::string repeat(int count, const char* piece) {
  std::string out;
  for (int i = 0; i < count; ++i) out += piece;
  return out;
}

int widest(const std::vector<std::string>& texts) {
  int width = 0;
  for (const std::string& text : texts) width = std::max(width, display_width(sanitize_for_terminal(text)));
  return width;
}

std::string framed(const ChartBar& bar, int cells, const OutputOptions& output) {
  std::string drawn = draw_bar(bar.value, bar.whisker, cells, output.unicode);
  // The fill in the bar's color, the whisker and the rest dimmed.
  std::size_t fill_end = drawn.find(output.unicode ? "\u2500" : "-");
  if (fill_end == std::string::npos) fill_end = drawn.find(' ');
  if (fill_end == std::string::npos) fill_end = drawn.size();
  std::string painted = output.paint(drawn.substr(0, fill_end), bar.style) +
                        output.paint(drawn.substr(fill_end), Style::Dim);
  return output.unicode ? "\u2595" + painted + "\u258f" : "|" + painted + "|";
}

const char* spark_glyph(const SparkPoint& point, bool unicode) {
  static const char* const blocks[] = {"\u2581", "\u2582", "\u2583", "\u2584", "\u2585", "\u2586", "\u2587", "\u2588"};
  static const char* const ascii[] = {"_", ".", "-", "~", "=", "+", "*", "#"};
  if (!point.score) return " ";
  auto level = static_cast<std::size_t>(std::lround(std::clamp(*point.score, 0, 100) / 100.0 * 7));
  return unicode ? blocks[level] : ascii[level];
}

const char* verdict_mark(std::optional<Verdict> verdict, bool unicode) {
  if (!verdict) return unicode ? "\u00b7" : ".";
  if (*verdict == Verdict::Ship) return unicode ? "\u2713" : "+";
  return unicode ? "\u2717" : "x";
}

std::string spark_summary(const Sparkline& line, const OutputOptions& output) {
  const SparkPoint& first = line.points.front();
  const SparkPoint& last = line.points.back();
  auto score = [&](const SparkPoint& p) { return p.score ? std::to_string(*p.score) : output.glyphs().missing; };
  std::string scores = line.points.size() == 1 ? score(last)
                                               : fmt::format("{} {} {}", score(first), output.glyphs().arrow,
                                                             score(last));
  return fmt::format("{} {} {} {} {}", scores, last.verdict ? verdict_name(*last.verdict) : "no verdict",
                     output.glyphs().dot, plural(static_cast<std::int64_t>(line.points.size()), "review") + " since",
                     first.at.substr(0, 10));
}

}  // namespace

std::string draw_bar(std::optional<double> value, std::optional<std::pair<double, double>> whisker, int cells,
                     bool unicode) {
  static const char* const partial[] = {"", "\u258f", "\u258e", "\u258d", "\u258c", "\u258b", "\u258a", "\u2589"};
  double fraction = value ? std::clamp(*value, 0.0, 100.0) / 100.0 : 0.0;
  int used = 0;
  std::string out;
  if (unicode) {
    long eighths = std::lround(fraction * cells * 8);
    used = static_cast<int>(eighths / 8);
    out = repeat(used, "\u2588");
    if (eighths % 8 != 0) {
      out += partial[eighths % 8];
      ++used;
    }
  } else {
    used = static_cast<int>(std::lround(fraction * cells));
    out = repeat(used, "#");
  }
  if (whisker) {
    // Solid up to the interval's low end, shaded from there to the value
    // (its partial last cell kept), a line on to the high end.
    int low = static_cast<int>(std::lround(std::clamp(whisker->first, 0.0, 100.0) / 100.0 * cells));
    int full = unicode ? static_cast<int>(std::lround(fraction * cells * 8) / 8) : used;
    if (low < full) {
      std::string shaded = repeat(low, unicode ? "\u2588" : "#") + repeat(full - low, unicode ? "\u2593" : "=");
      out = shaded + out.substr(static_cast<std::size_t>(full) * (unicode ? 3 : 1));
    }
    int end = static_cast<int>(std::lround(std::clamp(whisker->second, 0.0, 100.0) / 100.0 * cells));
    for (; used < end; ++used) out += unicode ? "\u2500" : "-";
  }
  return out + std::string(static_cast<std::size_t>(std::max(0, cells - used)), ' ');
}

std::string render_compare_chart(const Comparison& comparison, const OutputOptions& output) {
  std::vector<ChartGroup> groups = compare_chart(comparison, output.unicode);
  std::vector<std::string> labels, figures;
  for (const ChartGroup& group : groups) {
    for (const ChartBar& bar : group.bars) {
      labels.push_back(bar.label);
      figures.push_back(bar.figure);
    }
  }
  int label_width = std::min(widest(labels), std::max(8, output.width / 4));
  int figure_width = widest(figures);
  int cells = std::clamp(output.width - 2 - label_width - 1 - 2 - 1 - figure_width, 4, 60);
  // The scale: 0, 50 and 100 over the bars' first, middle and last cells.
  std::string scale(static_cast<std::size_t>(2 + label_width + 2 + cells), ' ');
  std::size_t first = static_cast<std::size_t>(2 + label_width + 2);
  scale.replace(first, 1, "0");
  if (cells >= 12) scale.replace(first + static_cast<std::size_t>(cells / 2) - 1, 2, "50");
  scale.replace(first + static_cast<std::size_t>(cells) - 3, 3, "100");
  std::string out = output.paint(scale, Style::Dim) + "\n";
  for (const ChartGroup& group : groups) {
    out += output.paint(fit(group.title, output.width, output.unicode), Style::Bold);
    out.erase(out.find_last_not_of(' ') + 1);
    out += "\n";
    for (const ChartBar& bar : group.bars) {
      out += "  " + fit(bar.label, label_width, output.unicode) + " " + framed(bar, cells, output) + " " +
             output.paint(sanitize_for_terminal(bar.figure), bar.style) + "\n";
    }
  }
  return out;
}

void render_rank_chart(const std::vector<ToolLine>& lines, const ToolListView& view, const OutputOptions& output,
                       std::ostream& out) {
  if (lines.empty()) {
    out << view.empty_message << "\n";
    return;
  }
  std::vector<std::string> names, places;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    names.push_back(lines[i].name);
    places.push_back(view.places.at(i).label);
  }
  int place_width = std::max(1, widest(places));
  int name_width = std::min(std::max(4, widest(names)), std::max(10, output.width / 4));
  // Beside each ship %, the number of verdicts it is of: "100% (4)".
  std::vector<std::string> counts, pcts;
  for (const ToolLine& line : lines) {
    int verdicts = line.panel.ship + line.panel.skip;
    counts.push_back(line.panel.basis == ShipBasis::Reviews ? fmt::format("({})", verdicts) : "");
    pcts.push_back(line.panel.ship_pct ? format_percent(*line.panel.ship_pct) : output.glyphs().missing);
  }
  int count_width = widest(counts);
  int pct_width = std::max(4, widest(pcts));  // "100%", "66.7%"
  auto room = [&](int figure) { return (output.width - place_width - 2 - name_width - 2 - (3 + figure) - 2 - 8) / 2; };
  if (count_width > 0 && room(pct_width + 1 + count_width) < 4) count_width = 0;  // too narrow for the counts
  int ship_figure = pct_width + (count_width > 0 ? 1 + count_width : 0);
  int cells = std::clamp(room(ship_figure), 4, 40);
  // The scale over both bars: 0, 50 and 100 over their first, middle and last cells.
  auto scale = [&](int from) {
    std::string line(static_cast<std::size_t>(cells + 1), ' ');
    line.replace(0, 1, "0");
    if (cells >= 12) line.replace(static_cast<std::size_t>(cells / 2) - 1, 2, "50");
    line.replace(static_cast<std::size_t>(cells) - 3, 3, "100");
    return std::string(static_cast<std::size_t>(from), ' ') + line;
  };
  int ship_start = place_width + 2 + name_width + 2 + 1;
  out << output.paint(fit("#", place_width, output.unicode) + "  " + fit("Tool", name_width, output.unicode) + "  " +
                          fit(cells + 3 + ship_figure >= 23 ? "Panel ship % (verdicts)" : "Ship % (verdicts)",
                              cells + 3 + ship_figure, output.unicode) +
                          "  Mean score",
                      Style::Dim)
      << "\n";
  std::string tick_line = scale(ship_start);
  tick_line.resize(static_cast<std::size_t>(ship_start + cells + 1 + 1 + ship_figure + 2 + 1), ' ');
  tick_line += scale(0);
  tick_line.erase(tick_line.find_last_not_of(' ') + 1);
  out << output.paint(tick_line, Style::Dim) << "\n";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const PanelSummary& panel = lines[i].panel;
    ChartBar ship{"", panel.ship_pct, std::nullopt, Style::Plain, ""};
    ChartBar mean{"", panel.mean_score, std::nullopt, Style::Plain, ""};
    std::string pct = fmt::format("{:>{}}", pcts[i], pct_width);
    if (count_width > 0) pct = fmt::format("{} {:<{}}", pct, counts[i], count_width);
    std::string score = panel.mean_score ? format_mean(*panel.mean_score) : output.glyphs().missing;
    out << fit(places[i], place_width, output.unicode) << "  " << fit(names[i], name_width, output.unicode) << "  "
        << framed(ship, cells, output) << " " << pct << "  " << framed(mean, cells, output)
        << " " << fmt::format("{:>5}", score) << "\n";
  }
}

std::string render_history_chart(const std::vector<Review>& reviews, const OutputOptions& output) {
  if (reviews.empty()) return "No reviews yet.\n";
  std::vector<Sparkline> lines = history_sparklines(reviews);
  std::vector<std::string> personas, summaries;
  std::size_t longest = 0;
  for (const Sparkline& line : lines) {
    personas.push_back(line.persona);
    summaries.push_back(spark_summary(line, output));
    longest = std::max(longest, line.points.size());
  }
  int label_width = std::min(widest(personas), std::max(8, output.width / 4));
  // The summary follows the line where it fits, else it gets a line of its own.
  int summary_width = widest(summaries);
  bool beside = output.width - label_width - 4 - summary_width >= std::min<int>(8, static_cast<int>(longest));
  int room = std::max(4, output.width - label_width - 2 - (beside ? 2 + summary_width : 0));
  auto cells = static_cast<int>(std::min<std::size_t>(longest, static_cast<std::size_t>(room)));
  std::string indent(static_cast<std::size_t>(label_width) + 2, ' ');
  std::string out;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const std::vector<SparkPoint>& points = lines[i].points;
    // The newest that fit; a "…" says older ones are left out.
    std::size_t shown = std::min(points.size(), static_cast<std::size_t>(cells));
    bool cut = shown < points.size();
    if (cut) --shown;
    std::string spark = cut ? (output.unicode ? "\u2026" : "<") : "", marks = cut ? " " : "";
    for (std::size_t p = points.size() - shown; p < points.size(); ++p) {
      spark += output.paint(spark_glyph(points[p], output.unicode), verdict_style(points[p].verdict));
      marks += output.paint(verdict_mark(points[p].verdict, output.unicode), verdict_style(points[p].verdict));
    }
    std::string pad(static_cast<std::size_t>(cells - static_cast<int>(shown) - (cut ? 1 : 0)), ' ');
    out += output.paint(fit(lines[i].persona, label_width, output.unicode), Style::Bold) + "  " + spark;
    if (beside) out += pad + "  " + sanitize_for_terminal(summaries[i]);
    out += "\n" + indent + marks + "\n";
    if (!beside) {
      std::string summary = fit(summaries[i], std::max(1, output.width - label_width - 2), output.unicode);
      out += indent + summary.erase(summary.find_last_not_of(' ') + 1) + "\n";
    }
  }
  return out;
}

}  // namespace toolcmp
