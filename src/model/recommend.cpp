// The recommendation: the first of the ranking, how sure it is, and why.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "toolcmp/model/compare.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

// A lead of this many standard errors is clear; below the second, with a
// full panel, narrow; the rest provisional. Chosen with
// bench/decision-quality, where clear picks are right at least 95% of
// the time in every scenario.
constexpr double kClearLead = 2.0, kNarrowLead = 1.0;

std::string panel_figure(const PanelSummary& panel, bool with_word) {
  if (!panel.ship_pct) return "no verdicts";
  if (panel.basis == ShipBasis::Published) return format_percent(*panel.ship_pct) + " published";
  // Weights other than 1 make the share differ from the count: say so.
  bool weighted = round_to_tenth(*panel.ship_pct) != round_to_tenth(panel.ship * 100.0 / panel.verdicts());
  return fmt::format("{}/{}{} ({}{})", panel.ship, panel.ship + panel.skip, with_word ? " ship" : "",
                     format_percent(*panel.ship_pct), weighted ? " weighted" : "");
}

std::string optional_figure(const std::optional<double>& value, bool percent) {
  if (!value) return "none";
  return percent ? format_percent(*value) : format_mean(*value);
}

std::string ship_figure(const PanelSummary& panel) {
  if (!panel.ship_pct) return "no verdicts";
  return format_percent(*panel.ship_pct) + (panel.basis == ShipBasis::Published ? " published" : " ship");
}

std::string reason_between(const ToolReport& best, const ToolReport& next, DecidedBy decided_by, Method method) {
  std::string reason;
  if (method == Method::AdjustedMean && (best.panel.adjusted_mean || next.panel.adjusted_mean)) {
    reason = fmt::format("adjusted mean {} vs {}, ", optional_figure(best.panel.adjusted_mean, false),
                         optional_figure(next.panel.adjusted_mean, false));
  }
  reason += fmt::format("panel {} vs {}", panel_figure(best.panel, true), panel_figure(next.panel, false));
  bool same_means = method == Method::AdjustedMean && best.panel.mean_score == best.panel.adjusted_mean &&
                    next.panel.mean_score == next.panel.adjusted_mean;
  if ((best.panel.mean_score || next.panel.mean_score) && !same_means) {
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

bool below(const std::optional<double>& a, const std::optional<double>& b) {
  return a && b && round_to_tenth(*a) < round_to_tenth(*b);
}

// A shown figure that points the other way: then the pick is never clear.
std::string despite(const PanelSummary& best, const PanelSummary& next, DecidedBy decided_by) {
  bool ship_shown = best.basis == ShipBasis::Reviews && next.basis == ShipBasis::Reviews;
  if (decided_by != DecidedBy::PanelShip && ship_shown && below(best.ship_pct, next.ship_pct)) {
    return "a lower ship %";
  }
  if (decided_by != DecidedBy::MeanScore && below(best.mean_score, next.mean_score)) return "a lower mean score";
  return "";
}

// The ship % intervals overlap and the means are within 5 points (or
// neither has one): a lead so few verdicts cannot vouch for (ship-first).
bool narrow_lead(const PanelSummary& best, const PanelSummary& next) {
  if (!best.ship_interval || !next.ship_interval) return false;
  bool overlap = best.ship_interval->first <= next.ship_interval->second &&
                 next.ship_interval->first <= best.ship_interval->second;
  bool close_means = best.mean_score && next.mean_score ? std::abs(*best.mean_score - *next.mean_score) <= 5
                                                        : !best.mean_score && !next.mean_score;
  return overlap && close_means;
}

const char* decided_figure(DecidedBy decided_by) {
  switch (decided_by) {
    case DecidedBy::AdjustedMean: return "adjusted mean";
    case DecidedBy::PanelShip: return "ship %";
    case DecidedBy::MeanScore: return "mean score";
    default: return "community ship %";
  }
}

}  // namespace

// Long: one ladder of cases, in the order they are tried.
Confidence lead_confidence(const PanelSummary& best, const PanelSummary& next, bool next_has_community,
                           DecidedBy decided_by, const PickRule& rule, std::string* why,
                           std::optional<double>* lead_se) {
  std::string text;
  Confidence confidence = Confidence::Clear;
  int needed = std::max(rule.panel_size, rule.min_verdicts.value_or(0));
  bool adjusted = decided_by == DecidedBy::AdjustedMean;
  int evidence = adjusted ? best.scored : best.verdicts();
  bool missing = (adjusted && !next.adjusted_mean) || (decided_by == DecidedBy::PanelShip && !next.ship_pct) ||
                 (decided_by == DecidedBy::MeanScore && !next.mean_score) ||
                 (decided_by == DecidedBy::CommunityShip && !next_has_community);
  if (missing) {
    confidence = Confidence::Provisional;
  } else if (adjusted) {
    double se = std::sqrt(adjusted_variance(best, rule.habits) + adjusted_variance(next, rule.habits));
    double lead = (*best.adjusted_mean - *next.adjusted_mean) / se;
    if (lead_se) *lead_se = lead;
    text = fmt::format("a lead of {:.1f} standard errors", lead);
    confidence = lead >= kClearLead    ? Confidence::Clear
                 : evidence < needed   ? Confidence::Provisional
                 : lead >= kNarrowLead ? Confidence::Narrow
                                       : Confidence::Provisional;
    if (lead < kNarrowLead) text += " (less than one)";
  } else if (rule.method == Method::AdjustedMean) {
    confidence = Confidence::Provisional;  // no scores on either side to measure a lead by
  } else if (evidence < needed) {
    confidence = Confidence::Provisional;
  } else if (narrow_lead(best, next)) {
    text = fmt::format("ship % intervals {} vs {} overlap", format_interval(*best.ship_interval),
                       format_interval(*next.ship_interval));
    confidence = Confidence::Narrow;
  }
  std::string against = despite(best, next, decided_by);
  if (!against.empty()) {
    text += fmt::format("{}it wins on the {} despite {}", text.empty() ? "" : "; ", decided_figure(decided_by), against);
    if (confidence == Confidence::Clear) confidence = Confidence::Narrow;
  }
  if (why) *why = text;
  return confidence;
}

namespace {

bool reviewed_enough(const ToolReport& report, const PickRule& rule) {
  return !rule.min_verdicts || report.panel.verdicts() >= *rule.min_verdicts;
}

// Why the pick is provisional for want of evidence, or nothing: too few
// reviews of its own, or the figure that decided missing on the other side.
std::optional<std::string> thin_reason(const ToolReport& best, const ToolReport& next, DecidedBy decided_by,
                                       const PickRule& rule) {
  int needed = std::max(rule.panel_size, rule.min_verdicts.value_or(0));
  bool adjusted = decided_by == DecidedBy::AdjustedMean;
  if (adjusted && best.panel.scored < needed) {
    return fmt::format("{} of {} personas scored it, adjusted mean {} vs {} {}", best.panel.scored, needed,
                       format_mean(*best.panel.adjusted_mean), next.tool.name,
                       optional_figure(next.panel.adjusted_mean, false));
  }
  if (!adjusted && best.panel.verdicts() < needed) {
    return fmt::format("{} of {} personas gave it a verdict, {} vs {} {}", best.panel.verdicts(), needed,
                       ship_figure(best.panel), next.tool.name, panel_figure(next.panel, false));
  }
  if (adjusted && !next.panel.adjusted_mean) {
    return fmt::format("adjusted mean {}; {}'s figures give no scores", format_mean(*best.panel.adjusted_mean),
                       next.tool.name);
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

// The tools that cannot win for want of verdicts, named after the reason.
std::string not_reviewed_enough(const std::vector<ToolReport>& reports, const PickRule& rule) {
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
std::string stale_note(const std::vector<ToolReport>& reports, const PickRule& rule) {
  long stale = 0;
  for (const ToolReport& report : reports) {
    stale += std::count_if(report.reviews.begin(), report.reviews.end(), [](const Review& r) { return r.stale; });
  }
  if (stale == 0) return "";
  return fmt::format("; {} left out (older than {})", plural(stale, "stale review"), rule.max_age.value_or("--max-age"));
}

Recommendation too_close(const ToolReport& best, const ToolReport& next, const std::string& reason) {
  Recommendation recommendation;
  bool any_figure = best.panel.ship_pct || best.panel.mean_score || best.community.ship_pct;
  recommendation.reason = any_figure ? fmt::format("too close to call between {} and {}: {}", best.tool.name,
                                                   next.tool.name, reason)
                                     : "too close to call: no reviews or votes to go on";
  recommendation.confidence = Confidence::TooClose;
  return recommendation;
}

// Long: the cases of a pick, each with its own reason.
Recommendation pick_best(const std::vector<ToolReport>& reports, const PickRule& rule) {
  Recommendation recommendation;
  std::vector<std::size_t> order = rank_reports(reports, rule.method);
  std::stable_partition(order.begin(), order.end(), [&](std::size_t i) { return reviewed_enough(reports[i], rule); });
  const ToolReport& best = reports[order[0]];
  const ToolReport& next = reports[order[1]];
  std::string left_out = not_reviewed_enough(reports, rule);
  if (!reviewed_enough(best, rule)) {
    recommendation.reason = fmt::format("none is reviewed enough yet ({} verdicts needed){}", *rule.min_verdicts, left_out);
    recommendation.confidence = Confidence::Provisional;
    return recommendation;
  }
  if (best.panel.verdict == PanelVerdict::Skip) return none_ships(reports, best, next);
  DecidedBy decided_by = DecidedBy::Nothing;
  int order_between = compare_reports(best, next, rule.method, &decided_by);
  std::string reason = reason_between(best, next, decided_by, rule.method);
  if (!reviewed_enough(next, rule) && order_between <= 0) {
    // The runner-up cannot win: it neither ties nor beats the pick.
    recommendation.tool = best.tool.name;
    recommendation.confidence = Confidence::Provisional;
    recommendation.reason = fmt::format("the only one reviewed enough ({} verdicts needed): {}{}", *rule.min_verdicts,
                                        reason, left_out);
    return recommendation;
  }
  if (decided_by == DecidedBy::Nothing) {
    recommendation = too_close(best, next, reason);
    recommendation.reason += left_out;
    return recommendation;
  }
  recommendation.tool = best.tool.name;
  std::string why;
  recommendation.confidence = lead_confidence(best.panel, next.panel, next.community.ship_pct.has_value(), decided_by,
                                              rule, &why, &recommendation.lead_se);
  std::optional<std::string> thin = thin_reason(best, next, decided_by, rule);
  if (recommendation.confidence == Confidence::Provisional && thin) {
    reason = *thin;
  } else if (reports.size() > 2) {
    reason = fmt::format("ahead of {}: {}", next.tool.name, reason);
  }
  if (!why.empty()) reason += "; " + why;
  recommendation.reason = reason + left_out;
  return recommendation;
}

}  // namespace

Recommendation recommend(const std::vector<ToolReport>& reports, const PickRule& rule) {
  if (reports.size() < 2) return {};
  Recommendation recommendation = pick_best(reports, rule);
  recommendation.reason += stale_note(reports, rule);
  return recommendation;
}

}  // namespace toolcmp
