// The figures of a panel and the one rule that orders tools by them.
#include "toolcmp/model/compare.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <optional>

#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

constexpr double kZ95 = 1.959963984540054;  // a 95% interval is this many standard errors either side

}  // namespace

std::pair<double, double> wilson_interval(double ship_share, double verdicts) {
  constexpr double z = kZ95;
  double n = verdicts;
  double denominator = 1 + z * z / n;
  double center = (ship_share + z * z / (2 * n)) / denominator;
  double half = z * std::sqrt(ship_share * (1 - ship_share) / n + z * z / (4 * n * n)) / denominator;
  return {std::max(0.0, center - half) * 100, std::min(1.0, center + half) * 100};
}

void PanelTotals::add(const std::optional<int>& score, const std::optional<Verdict>& verdict, double weight,
                      double offset, double age_years) {
  if (weight <= 0) return;  // a what-if weight of 0 leaves the persona out
  if (verdict) {
    bool ship_verdict = *verdict == Verdict::Ship;
    ++(ship_verdict ? ship : skip);
    verdict_weight += weight;
    verdict_weight_sq += weight * weight;
    if (ship_verdict) ship_weight += weight;
  }
  if (score) {
    ++scored;
    weighted_scores += weight * *score;
    weighted_adjusted += weight * (*score - offset);
    score_weight += weight;
    score_weight_sq += weight * weight;
    weighted_age += weight * age_years;
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

std::optional<double> PanelTotals::adjusted_mean() const {
  if (score_weight <= 0) return std::nullopt;
  return round_to_tenth(std::clamp(weighted_adjusted / score_weight, 0.0, 100.0));
}

double PanelTotals::verdict_neff() const {
  return verdict_weight_sq > 0 ? verdict_weight * verdict_weight / verdict_weight_sq : 0;
}

double PanelTotals::score_neff() const { return score_weight_sq > 0 ? score_weight * score_weight / score_weight_sq : 0; }

std::optional<PanelVerdict> PanelTotals::verdict() const {
  std::optional<double> pct = ship_pct();
  if (!pct) return std::nullopt;
  double shown = round_to_tenth(*pct);
  return shown > 50 ? PanelVerdict::Ship : shown < 50 ? PanelVerdict::Skip : PanelVerdict::Split;
}

PanelSummary summarize_panel(const std::vector<Review>& current_reviews, const Habits& habits) {
  PanelTotals totals;
  for (const Review& review : current_reviews) {
    if (!review.stale) {
      double age = habits.now.empty() ? 0 : years_between(review.reviewed_at, habits.now);
      totals.add(review.score, review.verdict, review.persona_weight * review.age_weight,
                 habits.offset_of(review.persona), age);
    }
  }
  PanelSummary panel;
  panel.ship = totals.ship;
  panel.skip = totals.skip;
  panel.ship_pct = totals.ship_pct();
  panel.mean_score = totals.mean_score();
  panel.adjusted_mean = totals.adjusted_mean();
  panel.score_neff = totals.score_neff();
  panel.scored = totals.scored;
  panel.score_age = totals.score_weight > 0 ? totals.weighted_age / totals.score_weight : 0;
  if (panel.ship_pct) {
    panel.basis = ShipBasis::Reviews;
    panel.ship_interval = wilson_interval(*panel.ship_pct / 100, totals.verdict_neff());
    panel.verdict = totals.verdict();
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

ToolReport make_report(Tool tool, std::vector<Review> current_reviews, const VoteTally& tally, const Habits& habits) {
  ToolReport report;
  report.panel = summarize_panel(current_reviews, habits);
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

Habits measure_habits(const std::vector<WindowScore>& scores) {
  Habits habits;
  if (scores.empty()) return habits;
  double total = 0;
  std::map<std::string, std::pair<int, double>> by_persona;  // scores, their sum
  for (const WindowScore& s : scores) {
    total += s.score;
    auto& [count, sum] = by_persona[s.persona];
    ++count;
    sum += s.score;
  }
  double panel_mean = total / static_cast<double>(scores.size());
  for (const auto& [persona, figures] : by_persona) {
    double offset = (figures.second - panel_mean * figures.first) / (figures.first + kHabitShrink);
    habits.personas.push_back({persona, figures.first, offset});
  }
  // The pooled spread: each tool's adjusted scores around their own mean.
  double squares = kNoisePrior * kNoisePrior * kNoisePriorWeight, freedom = kNoisePriorWeight;
  for (std::size_t from = 0; from < scores.size();) {
    std::size_t to = from;
    double sum = 0;
    for (; to < scores.size() && scores[to].tool_id == scores[from].tool_id; ++to) {
      sum += scores[to].score - habits.offset_of(scores[to].persona);
    }
    double mean = sum / static_cast<double>(to - from);
    for (std::size_t i = from; i < to; ++i) {
      double away = scores[i].score - habits.offset_of(scores[i].persona) - mean;
      squares += away * away;
    }
    freedom += static_cast<double>(to - from - 1);
    ++habits.tools;
    from = to;
  }
  habits.noise = std::sqrt(squares / freedom);
  return habits;
}

double adjusted_variance(const PanelSummary& panel, const Habits& habits) {
  if (panel.score_neff <= 0) return 0;
  return habits.noise * habits.noise / panel.score_neff + kDriftPerYear * kDriftPerYear * panel.score_age;
}

std::optional<std::pair<double, double>> deciding_interval(const PanelSummary& panel, const PickRule& rule) {
  if (rule.method == Method::ShipFirst) {
    if (panel.ship_interval) return panel.ship_interval;
    if (panel.ship_pct) return std::make_pair(*panel.ship_pct, *panel.ship_pct);  // a published figure
    return std::nullopt;
  }
  if (!panel.adjusted_mean) return std::nullopt;
  double half = kZ95 * std::sqrt(adjusted_variance(panel, rule.habits));
  return std::make_pair(*panel.adjusted_mean - half, *panel.adjusted_mean + half);
}

const char* method_name(Method method) { return choices::name_of(kMethodWords, method); }

std::optional<Method> method_from_name(const std::string& name) { return choices::value_of(kMethodWords, name); }

namespace {

// At the precision shown: a tenth.
int compare_figure(const std::optional<double>& a, const std::optional<double>& b) {
  if (!a || !b) return static_cast<int>(a.has_value()) - b.has_value();
  double x = round_to_tenth(*a), y = round_to_tenth(*b);
  return x < y ? -1 : x > y ? 1 : 0;
}

}  // namespace

RankKey rank_key(const ToolReport& report) {
  return {report.panel.ship_pct, report.panel.mean_score, report.community.ship_pct, report.panel.adjusted_mean};
}

RankKey rank_key(const ToolLine& line) {
  return {line.panel.ship_pct, line.panel.mean_score, line.community.ship_pct, line.panel.adjusted_mean};
}

int compare_reports(const ToolReport& a, const ToolReport& b, Method method, DecidedBy* decided_by) {
  return compare_keys(rank_key(a), rank_key(b), method, decided_by);
}

int compare_keys(const RankKey& a, const RankKey& b, Method method, DecidedBy* decided_by) {
  std::pair<DecidedBy, int> steps[] = {
      {DecidedBy::AdjustedMean, compare_figure(a.adjusted_mean, b.adjusted_mean)},
      {DecidedBy::PanelShip, compare_figure(a.panel_ship, b.panel_ship)},
      {DecidedBy::CommunityShip, compare_figure(a.community_ship, b.community_ship)},
  };
  if (method == Method::ShipFirst) {
    steps[0] = {DecidedBy::PanelShip, compare_figure(a.panel_ship, b.panel_ship)};
    steps[1] = {DecidedBy::MeanScore, compare_figure(a.mean_score, b.mean_score)};
  }
  for (const auto& [by, order] : steps) {
    if (order != 0) {
      if (decided_by) *decided_by = by;
      return order;
    }
  }
  if (decided_by) *decided_by = DecidedBy::Nothing;
  return 0;
}

std::vector<std::size_t> rank_reports(const std::vector<ToolReport>& reports, Method method) {
  std::vector<std::size_t> order(reports.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return compare_reports(reports[a], reports[b], method) > 0;
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

}  // namespace toolcmp
