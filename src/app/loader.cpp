// The loader: models (ToolReport, Comparison, list summaries) read from the
// store, between the store below and compare and the renderers above.
#include "toolcmp/app/loader.h"

#include <algorithm>
#include <cmath>
#include <map>

#include <fmt/format.h>

#include "toolcmp/model/compare.h"
#include "toolcmp/base/error.h"
#include "toolcmp/app/names.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

// Stale past --max-age; weighed by age with --half-life.
void mark_stale(std::vector<Review>& reviews, const PickRule& rule) {
  if (rule.stale_before) {
    for (Review& review : reviews) review.stale = review.reviewed_at < *rule.stale_before;
  }
  if (!rule.half_life) return;
  double half_life = years_between(timestamp_before(rule.now, *rule.half_life), rule.now);
  for (Review& review : reviews) {
    review.age_weight = half_life > 0 ? std::pow(0.5, years_between(review.reviewed_at, rule.now) / half_life) : 1;
  }
}

}  // namespace

ToolReport load_report(Store& store, std::int64_t tool_id, const PickRule& rule, bool texts) {
  std::vector<Review> reviews = store.panel().current_reviews(tool_id, rule.cut(), texts);
  apply_weights(reviews, rule.weights);
  mark_stale(reviews, rule);
  return make_report(store.panel().load_tool(tool_id), std::move(reviews), store.panel().votes(tool_id, rule.as_of), rule.habits);
}

void measure_habits(Store& store, PickRule& rule) {
  rule.habits = {};
  if (rule.method != Method::AdjustedMean) return;
  std::map<std::int64_t, std::string> active;
  for (const Persona& persona : store.panel().personas(false)) active[persona.id] = persona.name;
  std::vector<WindowScore> scores;
  store.panel().each_window_review(kHabitWindow, rule.cut(),
                           [&](std::int64_t tool_id, std::int64_t persona_id, std::optional<int> score,
                               const std::string& reviewed_at) {
                             auto persona = active.find(persona_id);
                             if (!score || persona == active.end()) return;
                             if (rule.stale_before && reviewed_at < *rule.stale_before) return;
                             scores.push_back({tool_id, persona->second, *score});
                           });
  rule.habits = toolcmp::measure_habits(scores);
  rule.habits.now = rule.now;
}

ToolLine tool_line(const ToolReport& report) {
  return {report.tool.id,     report.tool.name, report.tool.category,        report.tool.updated_at,
          report.panel,       report.community, name_key(report.tool.name)};
}

void each_summary_report(Store& store, const std::optional<std::string>& category,
                         const std::function<void(ToolReport)>& visit, const PickRule& rule, bool by_name) {
  store.panel().each_tool_summary(
      category,
      [&](Tool tool, std::vector<Review> reviews, const VoteTally& tally) {
        apply_weights(reviews, rule.weights);
        mark_stale(reviews, rule);
        visit(make_report(std::move(tool), std::move(reviews), tally, rule.habits));
      },
      rule.cut(), by_name);
}

Comparison load_comparison(Store& store, const std::vector<std::int64_t>& tool_ids, PickRule rule, bool texts) {
  Comparison comparison;
  comparison.panel = store.panel().personas(false);
  rule.panel_size = weigh_panel(comparison.panel, rule.weights);
  measure_habits(store, rule);
  for (std::int64_t id : tool_ids) comparison.tools.push_back(load_report(store, id, rule, texts));
  comparison.recommendation = recommend(comparison.tools, rule);
  comparison.rule = std::move(rule);
  return comparison;
}

void load_left_out(Store& store, Comparison& comparison) {
  for (ToolReport& report : comparison.tools) {
    std::int64_t total = 0;
    // The current reviews are among the latest; a history of any length
    // costs the same.
    std::size_t limit = kLeftOutListed + report.reviews.size();
    std::vector<Review> latest = store.panel().latest_reviews(report.tool.id, comparison.rule.cut(), limit, total);
    for (Review& review : latest) {
      bool current = std::any_of(report.reviews.begin(), report.reviews.end(),
                                 [&](const Review& r) { return r.id == review.id; });
      if (current) continue;
      bool active = std::any_of(comparison.panel.begin(), comparison.panel.end(),
                                [&](const Persona& p) { return p.name == review.persona; });
      if (report.left_out.size() < kLeftOutListed) {
        report.left_out.push_back(
            {std::move(review), active ? LeftOutReason::Superseded : LeftOutReason::RemovedPersona});
      }
    }
    report.left_out_total = total - static_cast<std::int64_t>(report.reviews.size());
  }
}

std::vector<WeightOverride> resolve_weights(Store& store, const std::vector<std::string>& options) {
  std::vector<WeightOverride> weights;
  for (const std::string& option : options) {
    auto equals = option.rfind('=');
    if (equals == std::string::npos || equals == 0) {
      throw UsageError(fmt::format("--weight '{}' is not PERSONA=WEIGHT, e.g. Founder=3", sanitize_for_terminal(option)));
    }
    std::optional<double> weight = try_parse_number(std::string_view(option).substr(equals + 1), 0, 100);
    if (!weight) {
      throw UsageError(fmt::format("--weight '{}': the weight is not a number from 0 to 100", sanitize_for_terminal(option)));
    }
    NamedRow persona = resolve_name(store, NameTable::Persona, option.substr(0, equals), Removed::Include);
    weights.erase(std::remove_if(weights.begin(), weights.end(),
                                 [&](const WeightOverride& w) { return w.persona == persona.name; }),
                  weights.end());  // the last one given counts
    weights.push_back({persona.name, *weight});
  }
  return weights;
}

// The tools' ids in the order typed; a tool named twice is a usage error.
std::vector<std::int64_t> resolve_tools(Store& store, const std::vector<std::string>& names) {
  std::vector<std::int64_t> ids;
  for (const std::string& name : names) {
    NamedRow tool = resolve_name(store, NameTable::Tool, name);
    if (std::find(ids.begin(), ids.end(), tool.id) != ids.end()) {
      throw UsageError(fmt::format("'{}' is named twice; compare needs different tools", sanitize_for_terminal(tool.name)));
    }
    ids.push_back(tool.id);
  }
  return ids;
}

}  // namespace toolcmp
