// rank's order and places: many lines, kept small, ordered by the rule.
#include <algorithm>
#include <numeric>

#include "toolcmp/model/compare.h"

namespace toolcmp {

// A stable sort without a second copy of the lines (there may be a line
// for every tool): an order of indexes is sorted, then applied in place,
// one cycle of the permutation at a time.
void sort_lines(std::vector<ToolLine>& lines, const LineOrder& before) {
  std::vector<std::size_t> order(lines.size());  // order[i]: the line that belongs at i
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return before(lines[a], lines[b]); });
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    ToolLine held = std::move(lines[start]);
    std::size_t at = start;
    while (order[at] != start) {
      std::size_t from = order[at];
      lines[at] = std::move(lines[from]);
      order[at] = at;
      at = from;
    }
    lines[at] = std::move(held);
    order[at] = at;
  }
}

namespace {

// A line without the deciding figure sits below every one with it.
constexpr double kNoFigure = -1;

std::pair<double, double> bounds_of(const std::optional<std::pair<double, double>>& interval) {
  return interval ? *interval : std::make_pair(kNoFigure, kNoFigure);
}

}  // namespace

void RankBounds::add(const std::optional<std::pair<double, double>>& interval) {
  auto [low, high] = bounds_of(interval);
  lows.push_back(low);
  highs.push_back(high);
}

void RankBounds::sort() {
  std::sort(lows.begin(), lows.end());
  std::sort(highs.begin(), highs.end());
}

LineRanking::LineRanking(std::size_t limit, bool reverse, const PickRule& rule) : rule_(rule), limit_(limit) {
  Method method = rule.method;
  std::optional<int> min_verdicts = rule.min_verdicts;
  before_ = [reverse, method, min_verdicts](const ToolLine& a, const ToolLine& b) {
    int order = 0;
    if (min_verdicts) order = int(a.panel.verdicts() >= *min_verdicts) - int(b.panel.verdicts() >= *min_verdicts);
    if (order == 0) order = compare_keys(rank_key(a), rank_key(b), method);
    // Lines no figure separates stay in name order, in whatever order they came.
    if (order == 0) return a.key < b.key;
    return reverse ? order < 0 : order > 0;
  };
}

std::vector<std::string> place_labels(const std::vector<RankKey>& keys, Method method) {
  std::vector<std::string> labels(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    bool tied_below = i + 1 < keys.size() && compare_keys(keys[i], keys[i + 1], method) == 0;
    labels[i] = i > 0 && compare_keys(keys[i - 1], keys[i], method) == 0 ? labels[i - 1]
                                                                          : std::to_string(i + 1) + (tied_below ? "=" : "");
  }
  return labels;
}

RankPlace place_between(const ToolLine* above, const ToolLine& line, const ToolLine* below, std::size_t position,
                        const std::string& above_label, const PickRule& rule, const RankBounds& bounds) {
  // A line that cannot win (--min-verdicts) never shares a place with one that can.
  auto eligible = [&](const ToolLine& l) { return !rule.min_verdicts || l.panel.verdicts() >= *rule.min_verdicts; };
  RankKey key = rank_key(line);
  auto tied = [&](const ToolLine* other) {
    return other && eligible(*other) == eligible(line) && compare_keys(rank_key(*other), key, rule.method) == 0;
  };
  bool tied_above = tied(above), tied_below = tied(below);
  RankPlace place;
  place.label = tied_above ? above_label : std::to_string(position) + (tied_below ? "=" : "");
  const PanelSummary& panel = line.panel;
  // Best place: 1 + the tools surely above; worst: the tools that may be.
  place.interval = deciding_interval(panel, rule);
  auto [low, high] = bounds_of(place.interval);
  place.rank_upper = 1 + static_cast<int>(bounds.lows.end() - std::upper_bound(bounds.lows.begin(), bounds.lows.end(), high));
  place.rank_lower = static_cast<int>(bounds.highs.end() - std::lower_bound(bounds.highs.begin(), bounds.highs.end(), low));
  int needed = std::max(rule.panel_size, rule.min_verdicts.value_or(0));
  int evidence = rule.method == Method::AdjustedMean ? panel.scored : panel.verdicts();
  if (tied_above || tied_below) {
    place.confidence = Confidence::TooClose;
  } else if (below) {
    DecidedBy decided_by = DecidedBy::Nothing;
    compare_keys(key, rank_key(*below), rule.method, &decided_by);
    place.confidence = lead_confidence(panel, below->panel, below->community.ship_pct.has_value(), decided_by, rule);
  } else if (evidence < needed) {
    place.confidence = Confidence::Provisional;
  }
  return place;
}

std::vector<RankPlace> rank_places(const std::vector<ToolLine>& lines, const PickRule& rule,
                                   const RankBounds* bounds) {
  RankBounds own;
  if (!bounds) {
    for (const ToolLine& line : lines) own.add(deciding_interval(line.panel, rule));
    own.sort();
    bounds = &own;
  }
  std::vector<RankPlace> places;
  places.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    places.push_back(place_between(i > 0 ? &lines[i - 1] : nullptr, lines[i], i + 1 < lines.size() ? &lines[i + 1] : nullptr,
                                   i + 1, i > 0 ? places[i - 1].label : std::string(), rule, *bounds));
  }
  return places;
}

void LineRanking::offer(ToolLine line) {
  bounds_.add(deciding_interval(line.panel, rule_));
  if (limit_ == 0) {
    lines_.push_back(std::move(line));
    return;
  }
  auto at = std::upper_bound(lines_.begin(), lines_.end(), line, before_);
  if (lines_.size() == limit_ && at == lines_.end()) return;
  lines_.insert(at, std::move(line));
  if (lines_.size() > limit_) lines_.pop_back();
}

std::vector<ToolLine> LineRanking::take() {
  bounds_.sort();
  if (limit_ == 0) sort_lines(lines_, before_);  // with a limit they are kept in order
  return std::move(lines_);
}

}  // namespace toolcmp
