#include "toolcmp/compare.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include <fmt/format.h>

#include "toolcmp/values.h"

namespace toolcmp {

PanelSummary summarize_panel(const std::vector<Review>& current_reviews) {
  PanelSummary panel;
  double weighted = 0, weights = 0;
  for (const Review& review : current_reviews) {
    if (review.verdict == Verdict::Ship) ++panel.ship;
    if (review.verdict == Verdict::Skip) ++panel.skip;
    if (review.score) {
      weighted += review.persona_weight * *review.score;
      weights += review.persona_weight;
    }
  }
  if (panel.ship + panel.skip > 0) {
    panel.ship_pct = panel.ship * 100.0 / (panel.ship + panel.skip);
    panel.basis = ShipBasis::Reviews;
    panel.verdict = panel.ship > panel.skip   ? PanelVerdict::Ship
                    : panel.skip > panel.ship ? PanelVerdict::Skip
                                              : PanelVerdict::Split;
  }
  if (weights > 0) panel.mean_score = round_to_tenth(weighted / weights);
  return panel;
}

CommunitySummary summarize_votes(const VoteTally& tally) {
  CommunitySummary community;
  community.ship = tally.ship;
  community.skip = tally.skip;
  community.votes = tally.ship + tally.skip;
  if (community.votes > 0) community.ship_pct = tally.ship * 100.0 / community.votes;
  return community;
}

ToolReport make_report(Tool tool, std::vector<Review> current_reviews, const VoteTally& tally) {
  ToolReport report;
  report.panel = summarize_panel(current_reviews);
  if (!report.panel.ship_pct && tool.published_ship_pct) {
    report.panel.ship_pct = tool.published_ship_pct;
    report.panel.basis = ShipBasis::Published;
  }
  report.community = summarize_votes(tally);
  report.tool = std::move(tool);
  report.reviews = std::move(current_reviews);
  return report;
}

namespace {

int compare_figure(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return static_cast<int>(a.has_value()) - b.has_value();
  return *a < *b ? -1 : *a > *b ? 1 : 0;
}

std::string panel_figure(const PanelSummary& panel, bool with_word) {
  if (!panel.ship_pct) return "no verdicts";
  if (panel.basis == ShipBasis::Published) return format_percent(*panel.ship_pct) + " published";
  return fmt::format("{}/{}{} ({})", panel.ship, panel.ship + panel.skip, with_word ? " ship" : "",
                     format_percent(*panel.ship_pct));
}

std::string optional_figure(const std::optional<double>& value, bool percent) {
  if (!value) return "none";
  return percent ? format_percent(*value) : format_mean(*value);
}

std::string reason_between(const ToolReport& best, const ToolReport& next, DecidedBy decided_by) {
  std::string reason = fmt::format("panel {} vs {}", panel_figure(best.panel, true), panel_figure(next.panel, false));
  if (best.panel.mean_score || next.panel.mean_score) {
    reason += fmt::format(", mean {} vs {}", optional_figure(best.panel.mean_score, false),
                          optional_figure(next.panel.mean_score, false));
  }
  if (decided_by == DecidedBy::CommunityShip || decided_by == DecidedBy::Nothing) {
    if (best.community.ship_pct || next.community.ship_pct) {
      reason += fmt::format(", community {} vs {} ship", optional_figure(best.community.ship_pct, true),
                            optional_figure(next.community.ship_pct, true));
    }
  }
  return reason;
}

}  // namespace

RankKey rank_key(const ToolReport& report) {
  return {report.panel.ship_pct, report.panel.mean_score, report.community.ship_pct};
}

RankKey rank_key(const ToolLine& line) {
  return {line.panel.ship_pct, line.panel.mean_score, line.community.ship_pct};
}

int compare_reports(const ToolReport& a, const ToolReport& b, DecidedBy* decided_by) {
  return compare_keys(rank_key(a), rank_key(b), decided_by);
}

int compare_keys(const RankKey& a, const RankKey& b, DecidedBy* decided_by) {
  const std::pair<DecidedBy, int> steps[] = {
      {DecidedBy::PanelShip, compare_figure(a.panel_ship, b.panel_ship)},
      {DecidedBy::MeanScore, compare_figure(a.mean_score, b.mean_score)},
      {DecidedBy::CommunityShip, compare_figure(a.community_ship, b.community_ship)},
  };
  for (const auto& [by, order] : steps) {
    if (order != 0) {
      if (decided_by) *decided_by = by;
      return order;
    }
  }
  if (decided_by) *decided_by = DecidedBy::Nothing;
  return 0;
}

std::vector<std::size_t> rank_reports(const std::vector<ToolReport>& reports) {
  std::vector<std::size_t> order(reports.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return compare_reports(reports[a], reports[b]) > 0;
  });
  return order;
}

Recommendation recommend(const std::vector<ToolReport>& reports) {
  Recommendation recommendation;
  if (reports.size() < 2) return recommendation;
  std::vector<std::size_t> order = rank_reports(reports);
  const ToolReport& best = reports[order[0]];
  const ToolReport& next = reports[order[1]];
  DecidedBy decided_by = DecidedBy::Nothing;
  compare_reports(best, next, &decided_by);
  std::string reason = reason_between(best, next, decided_by);
  if (best.panel.verdict == PanelVerdict::Skip) {
    bool both_skip = reports.size() == 2 && next.panel.verdict == PanelVerdict::Skip;
    recommendation.reason =
        both_skip ? fmt::format("neither ships: both panels say skip, {} {} and {} {}", best.tool.name,
                                panel_figure(best.panel, true), next.tool.name, panel_figure(next.panel, true))
                  : fmt::format("{}: the best panel, {}'s, says skip ({})",
                                reports.size() == 2 ? "neither ships" : "none of them ships", best.tool.name,
                                panel_figure(best.panel, true));
    return recommendation;
  }
  if (decided_by == DecidedBy::Nothing) {
    bool any_figure = best.panel.ship_pct || best.panel.mean_score || best.community.ship_pct;
    recommendation.reason = any_figure ? fmt::format("too close to call between {} and {}: {}", best.tool.name,
                                                     next.tool.name, reason)
                                       : "too close to call: no reviews or votes to go on";
    return recommendation;
  }
  if (reports.size() > 2) reason = fmt::format("ahead of {}: {}", next.tool.name, reason);
  recommendation.tool = best.tool.name;
  recommendation.reason = reason;
  return recommendation;
}

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

LineRanking::LineRanking(std::size_t limit, bool reverse) : limit_(limit) {
  before_ = [reverse](const ToolLine& a, const ToolLine& b) {
    int order = compare_keys(rank_key(a), rank_key(b));
    return reverse ? order < 0 : order > 0;
  };
}

void LineRanking::offer(ToolLine line) {
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
  if (limit_ == 0) sort_lines(lines_, before_);  // with a limit they are kept in order
  return std::move(lines_);
}

}  // namespace toolcmp
