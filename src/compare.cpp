#include "toolcmp/compare.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include <fmt/format.h>

#include "toolcmp/values.h"

namespace toolcmp {

std::pair<double, double> wilson_interval(double ship_share, int verdicts) {
  constexpr double z = 1.959963984540054;  // 95%
  double n = verdicts;
  double denominator = 1 + z * z / n;
  double center = (ship_share + z * z / (2 * n)) / denominator;
  double half = z * std::sqrt(ship_share * (1 - ship_share) / n + z * z / (4 * n * n)) / denominator;
  return {std::max(0.0, center - half) * 100, std::min(1.0, center + half) * 100};
}

void PanelTotals::add(const std::optional<int>& score, const std::optional<Verdict>& verdict, double weight) {
  if (weight <= 0) return;  // a what-if weight of 0 leaves the persona out
  if (verdict) {
    bool ship_verdict = *verdict == Verdict::Ship;
    ++(ship_verdict ? ship : skip);
    verdict_weight += weight;
    if (ship_verdict) ship_weight += weight;
  }
  if (score) {
    weighted_scores += weight * *score;
    score_weight += weight;
  }
}

std::optional<double> PanelTotals::ship_pct() const {
  // With every weight 1, ships / verdicts.
  if (ship + skip == 0) return std::nullopt;
  return ship_weight * 100.0 / verdict_weight;
}

std::optional<double> PanelTotals::mean_score() const {
  if (score_weight <= 0) return std::nullopt;
  return round_to_tenth(weighted_scores / score_weight);
}

PanelSummary summarize_panel(const std::vector<Review>& current_reviews) {
  PanelTotals totals;
  for (const Review& review : current_reviews) {
    if (!review.stale) totals.add(review.score, review.verdict, review.persona_weight);
  }
  PanelSummary panel;
  panel.ship = totals.ship;
  panel.skip = totals.skip;
  panel.ship_pct = totals.ship_pct();
  panel.mean_score = totals.mean_score();
  if (panel.ship_pct) {
    panel.basis = ShipBasis::Reviews;
    panel.ship_interval = wilson_interval(*panel.ship_pct / 100, panel.verdicts());
    panel.verdict = panel.ship > panel.skip   ? PanelVerdict::Ship
                    : panel.skip > panel.ship ? PanelVerdict::Skip
                                              : PanelVerdict::Split;
  }
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
  if (report.community.votes == 0 && tool.published_votes) {
    report.community = summarize_votes(*tool.published_votes);
    report.community.published = report.community.votes > 0;
  }
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

void apply_weights(std::vector<Review>& reviews, const std::vector<WeightOverride>& weights) {
  for (Review& review : reviews) {
    for (const WeightOverride& weight : weights) {
      if (review.persona == weight.persona) review.persona_weight = weight.weight;
    }
  }
}

int weigh_panel(std::vector<Persona>& panel, const std::vector<WeightOverride>& weights) {
  int size = 0;
  for (Persona& persona : panel) {
    for (const WeightOverride& weight : weights) {
      if (persona.name == weight.persona) persona.weight = weight.weight;
    }
    if (persona.weight > 0) ++size;
  }
  return size;
}

namespace {

bool reviewed_enough(const ToolReport& report, const DecisionRule& rule) {
  return !rule.min_verdicts || report.panel.verdicts() >= *rule.min_verdicts;
}

std::string ship_figure(const PanelSummary& panel) {
  if (!panel.ship_pct) return "no verdicts";
  return format_percent(*panel.ship_pct) + (panel.basis == ShipBasis::Published ? " published" : " ship");
}

// Why the pick is provisional, or nothing: too few verdicts of its own, or
// the figure that decided missing on the other side.
std::optional<std::string> provisional_reason(const ToolReport& best, const ToolReport& next, DecidedBy decided_by,
                                              const DecisionRule& rule) {
  int needed = std::max(rule.panel_size, rule.min_verdicts.value_or(0));
  if (best.panel.verdicts() < needed) {
    return fmt::format("{} of {} personas reviewed it, {} vs {} {}", best.panel.verdicts(), needed,
                       ship_figure(best.panel), next.tool.name, panel_figure(next.panel, false));
  }
  if (decided_by == DecidedBy::PanelShip && !next.panel.ship_pct) {
    return fmt::format("panel {}; {}'s figures give no panel verdicts", panel_figure(best.panel, true), next.tool.name);
  }
  if (decided_by == DecidedBy::MeanScore && !next.panel.mean_score) {
    return fmt::format("both {}; {}'s figures give no mean score", ship_figure(best.panel), next.tool.name);
  }
  if (decided_by == DecidedBy::CommunityShip && !next.community.ship_pct) {
    return fmt::format("the same panel figures; {} has no community votes", next.tool.name);
  }
  return std::nullopt;
}

// The ship % intervals overlap and the means are within 5 points (or
// neither has one): a lead so few verdicts cannot vouch for.
bool narrow_lead(const PanelSummary& best, const PanelSummary& next) {
  if (!best.ship_interval || !next.ship_interval) return false;
  bool overlap = best.ship_interval->first <= next.ship_interval->second &&
                 next.ship_interval->first <= best.ship_interval->second;
  bool close_means = best.mean_score && next.mean_score ? std::abs(*best.mean_score - *next.mean_score) <= 5
                                                        : !best.mean_score && !next.mean_score;
  return overlap && close_means;
}

// The tools that cannot win for want of verdicts, named after the reason.
std::string not_reviewed_enough(const std::vector<ToolReport>& reports, const DecisionRule& rule) {
  std::string names;
  for (const ToolReport& report : reports) {
    if (reviewed_enough(report, rule)) continue;
    names += fmt::format("{}{} ({} of {})", names.empty() ? "" : ", ", report.tool.name, report.panel.verdicts(),
                         *rule.min_verdicts);
  }
  return names.empty() ? "" : "; not yet reviewed enough: " + names;
}

Recommendation none_ships(const std::vector<ToolReport>& reports, const ToolReport& best, const ToolReport& next) {
  Recommendation recommendation;
  bool both_skip = reports.size() == 2 && next.panel.verdict == PanelVerdict::Skip;
  recommendation.reason =
      both_skip ? fmt::format("neither ships: both panels say skip, {} {} and {} {}", best.tool.name,
                              panel_figure(best.panel, true), next.tool.name, panel_figure(next.panel, true))
                : fmt::format("{}: the best panel, {}'s, says skip ({})",
                              reports.size() == 2 ? "neither ships" : "none of them ships", best.tool.name,
                              panel_figure(best.panel, true));
  return recommendation;
}

// "; 2 stale reviews left out (older than 90d)", or nothing.
std::string stale_note(const std::vector<ToolReport>& reports, const DecisionRule& rule) {
  long stale = 0;
  for (const ToolReport& report : reports) {
    stale += std::count_if(report.reviews.begin(), report.reviews.end(), [](const Review& r) { return r.stale; });
  }
  if (stale == 0) return "";
  return fmt::format("; {} left out (older than {})", plural(stale, "stale review"), rule.max_age.value_or("--max-age"));
}

Recommendation decide(const std::vector<ToolReport>& reports, const DecisionRule& rule) {
  Recommendation recommendation;
  std::vector<std::size_t> order = rank_reports(reports);
  std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return reviewed_enough(reports[i], rule); });
  const ToolReport& best = reports[order[0]];
  const ToolReport& next = reports[order[1]];
  std::string left_out = not_reviewed_enough(reports, rule);
  if (!reviewed_enough(best, rule)) {
    recommendation.reason = fmt::format("none is reviewed enough yet ({} verdicts needed){}", *rule.min_verdicts, left_out);
    recommendation.confidence = Confidence::Provisional;
    return recommendation;
  }
  DecidedBy decided_by = DecidedBy::Nothing;
  compare_reports(best, next, &decided_by);
  std::string reason = reason_between(best, next, decided_by);
  if (best.panel.verdict == PanelVerdict::Skip) return none_ships(reports, best, next);
  if (decided_by == DecidedBy::Nothing) {
    bool any_figure = best.panel.ship_pct || best.panel.mean_score || best.community.ship_pct;
    recommendation.reason = any_figure ? fmt::format("too close to call between {} and {}: {}", best.tool.name,
                                                     next.tool.name, reason)
                                       : "too close to call: no reviews or votes to go on";
    recommendation.reason += left_out;
    recommendation.confidence = Confidence::TooClose;
    return recommendation;
  }
  recommendation.tool = best.tool.name;
  recommendation.confidence = Confidence::Clear;
  if (auto provisional = provisional_reason(best, next, decided_by, rule)) {
    reason = *provisional;
    recommendation.confidence = Confidence::Provisional;
  } else if (reviewed_enough(next, rule) && narrow_lead(best.panel, next.panel)) {
    reason += fmt::format("; ship % intervals {} vs {} overlap", format_interval(*best.panel.ship_interval),
                          format_interval(*next.panel.ship_interval));
    recommendation.confidence = Confidence::Narrow;
  }
  if (reports.size() > 2 && recommendation.confidence != Confidence::Provisional) {
    reason = fmt::format("ahead of {}: {}", next.tool.name, reason);  // a provisional reason names it already
  }
  recommendation.reason = reason + left_out;
  return recommendation;
}

}  // namespace

Recommendation recommend(const std::vector<ToolReport>& reports, const DecisionRule& rule) {
  if (reports.size() < 2) return {};
  Recommendation recommendation = decide(reports, rule);
  recommendation.reason += stale_note(reports, rule);
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

LineRanking::LineRanking(std::size_t limit, bool reverse, std::optional<int> min_verdicts) : limit_(limit) {
  before_ = [reverse, min_verdicts](const ToolLine& a, const ToolLine& b) {
    int order = 0;
    if (min_verdicts) order = int(a.panel.verdicts() >= *min_verdicts) - int(b.panel.verdicts() >= *min_verdicts);
    if (order == 0) order = compare_keys(rank_key(a), rank_key(b));
    return reverse ? order < 0 : order > 0;
  };
}

std::vector<std::string> place_labels(const std::vector<RankKey>& keys) {
  std::vector<std::string> labels(keys.size());
  for (std::size_t i = 0; i < keys.size(); ++i) {
    bool tied_below = i + 1 < keys.size() && compare_keys(keys[i], keys[i + 1]) == 0;
    labels[i] = i > 0 && compare_keys(keys[i - 1], keys[i]) == 0 ? labels[i - 1] : std::to_string(i + 1) + (tied_below ? "=" : "");
  }
  return labels;
}

std::vector<RankPlace> rank_places(const std::vector<ToolLine>& lines, const DecisionRule& rule) {
  int needed = std::max(rule.panel_size, rule.min_verdicts.value_or(0));
  std::vector<RankPlace> places(lines.size());
  std::vector<RankKey> keys(lines.size());
  std::transform(lines.begin(), lines.end(), keys.begin(), [](const ToolLine& line) { return rank_key(line); });
  std::vector<std::string> labels = place_labels(keys);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    bool tied_above = i > 0 && compare_keys(keys[i - 1], keys[i]) == 0;
    bool tied_below = i + 1 < lines.size() && compare_keys(keys[i], keys[i + 1]) == 0;
    places[i].label = std::move(labels[i]);
    const PanelSummary& panel = lines[i].panel;
    if (tied_above || tied_below) {
      places[i].confidence = Confidence::TooClose;
    } else if (panel.verdicts() < needed) {
      places[i].confidence = Confidence::Provisional;
    } else if (i + 1 < lines.size()) {
      DecidedBy decided_by = DecidedBy::Nothing;
      compare_keys(rank_key(lines[i]), rank_key(lines[i + 1]), &decided_by);
      const PanelSummary& next = lines[i + 1].panel;
      bool missing = (decided_by == DecidedBy::PanelShip && !next.ship_pct) ||
                     (decided_by == DecidedBy::MeanScore && !next.mean_score) ||
                     (decided_by == DecidedBy::CommunityShip && !lines[i + 1].community.ship_pct);
      places[i].confidence = missing                    ? Confidence::Provisional
                             : narrow_lead(panel, next) ? Confidence::Narrow
                                                        : Confidence::Clear;
    }
  }
  return places;
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
