#include "toolcmp/model/sensitivity.h"

#include <algorithm>
#include <cmath>

#include "toolcmp/model/compare.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

// The reports reduced to what the pick depends on, weighed again cheaply.
struct Entry {
  std::size_t review;   // index in the report's reviews
  std::size_t persona;  // index in the panel
  std::optional<int> score;
  std::optional<Verdict> verdict;
  double weight;
  double offset;  // the persona's habit (rule.habits)
  double decay;   // --half-life's age weight, which what-if weights multiply
};

struct Compact {
  std::vector<std::vector<Entry>> tools;
  std::vector<RankKey> fixed;  // community and published figures, which weights do not touch
  std::vector<std::optional<double>> published;
};

Compact compact(const std::vector<ToolReport>& reports, const std::vector<Persona>& panel, const Habits& habits) {
  Compact c;
  for (const ToolReport& report : reports) {
    std::vector<Entry> entries;
    for (std::size_t r = 0; r < report.reviews.size(); ++r) {
      const Review& review = report.reviews[r];
      auto it = std::find_if(panel.begin(), panel.end(), [&](const Persona& p) { return p.name == review.persona; });
      if (it == panel.end() || review.stale) continue;  // stale reviews count for nothing, whatever their weight
      entries.push_back({r, static_cast<std::size_t>(it - panel.begin()), review.score, review.verdict,
                         review.persona_weight, habits.offset_of(review.persona), review.age_weight});
    }
    c.tools.push_back(std::move(entries));
    c.fixed.push_back(rank_key(report));
    c.published.push_back(report.tool.published_ship_pct);
  }
  return c;
}

struct Weighed {
  RankKey key;
  int verdicts = 0;
  std::optional<PanelVerdict> verdict;
};

// The figures of tool t with persona p weighed w (p = npos: as they are),
// and with its review `flip` turned the other way.
Weighed weigh(const Compact& c, std::size_t t, std::size_t p, double w, std::optional<std::size_t> flip) {
  PanelTotals totals;
  for (std::size_t i = 0; i < c.tools[t].size(); ++i) {
    const Entry& e = c.tools[t][i];
    std::optional<Verdict> verdict = e.verdict;
    if (flip == i && verdict) verdict = *verdict == Verdict::Ship ? Verdict::Skip : Verdict::Ship;
    totals.add(e.score, verdict, (e.persona == p ? w : e.weight) * e.decay, e.offset);
  }
  Weighed out;
  out.verdicts = totals.ship + totals.skip;
  out.verdict = totals.verdict();
  out.key.panel_ship = totals.ship_pct() ? totals.ship_pct() : c.published[t];
  out.key.mean_score = totals.mean_score();
  out.key.adjusted_mean = totals.adjusted_mean();
  out.key.community_ship = c.fixed[t].community_ship;
  return out;
}

constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// The pick as recommend() makes it: the best eligible tool, none when it
// says skip or the next one ties it. kNone for no pick.
std::size_t pick(const Compact& c, const PickRule& rule, std::size_t p, double w, std::size_t flip_tool = kNone,
                 std::size_t flip_review = kNone) {
  std::vector<Weighed> figures;
  for (std::size_t t = 0; t < c.tools.size(); ++t) {
    figures.push_back(weigh(c, t, p, w, t == flip_tool ? std::optional<std::size_t>(flip_review) : std::nullopt));
  }
  auto eligible = [&](std::size_t t) {
    return !rule.min_verdicts || figures[t].verdicts >= *rule.min_verdicts;
  };
  std::vector<std::size_t> order(c.tools.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (eligible(a) != eligible(b)) return eligible(a);
    return compare_keys(figures[a].key, figures[b].key, rule.method) > 0;
  });
  std::size_t best = order[0], next = order[1];
  if (!eligible(best) || figures[best].verdict == PanelVerdict::Skip) return kNone;
  // A runner-up that cannot win cannot tie the pick either.
  if (eligible(next) && compare_keys(figures[best].key, figures[next].key, rule.method) == 0) return kNone;
  return best;
}

std::optional<WeightTurn> weight_turn(const Compact& c, const std::vector<ToolReport>& reports,
                                      const std::vector<Persona>& panel, const PickRule& rule, std::size_t now) {
  std::optional<WeightTurn> best;
  double best_change = 1e9;
  for (std::size_t p = 0; p < panel.size(); ++p) {
    double current = panel[p].weight;
    // From the current weight outwards, up to 100 and down to 0: tenths
    // first, then the hundredths of the tenth where the pick turned.
    long from = std::lround(current * 100);
    for (long direction : {1L, -1L}) {
      for (long coarse = from; coarse != (direction > 0 ? 10000 : 0);) {
        long next = std::clamp(coarse + 10 * direction, 0L, 10000L);
        if (std::abs(next / 100.0 - current) >= best_change + 0.1) break;
        if (pick(c, rule, p, next / 100.0) == now) {
          coarse = next;
          continue;
        }
        for (long step = coarse + direction;; step += direction) {
          std::size_t turned = pick(c, rule, p, step / 100.0);
          if (turned == now && step != next) continue;
          double change = std::abs(step / 100.0 - current);
          if (change < best_change) {
            best_change = change;
            best = WeightTurn{panel[p].name, step / 100.0, turned == kNone ? "" : reports[turned].tool.name};
          }
          break;
        }
        break;
      }
    }
  }
  return best;
}

std::optional<VerdictTurn> verdict_turn(const Compact& c, const std::vector<ToolReport>& reports,
                                        const PickRule& rule, std::size_t now) {
  std::vector<std::size_t> tools{now};  // the pick's own reviews first
  for (std::size_t t = 0; t < reports.size(); ++t) {
    if (t != now) tools.push_back(t);
  }
  for (std::size_t t : tools) {
    for (std::size_t i = 0; i < c.tools[t].size(); ++i) {
      const Entry& e = c.tools[t][i];
      if (!e.verdict || e.weight <= 0) continue;
      std::size_t turned = pick(c, rule, kNone, 0, t, i);
      if (turned == now) continue;
      return VerdictTurn{reports[t].tool.name, reports[t].reviews.at(e.review).persona,
                         *e.verdict == Verdict::Ship ? Verdict::Skip : Verdict::Ship,
                         turned == kNone ? "" : reports[turned].tool.name};
    }
  }
  return std::nullopt;
}

}  // namespace

Sensitivity sensitivity(const std::vector<ToolReport>& reports, const std::vector<Persona>& panel,
                        const PickRule& rule) {
  Sensitivity result;
  if (reports.size() < 2) return result;
  Compact c = compact(reports, panel, rule.habits);
  std::size_t now = pick(c, rule, kNone, 0);
  if (now == kNone) return result;
  result.weight = weight_turn(c, reports, panel, rule, now);
  result.verdict = verdict_turn(c, reports, rule, now);
  return result;
}

}  // namespace toolcmp
