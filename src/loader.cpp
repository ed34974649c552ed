// The loader: models (ToolReport, Comparison, list summaries) read from the
// store, between the store below and compare and the renderers above.
#include "loader.h"

#include <algorithm>

#include <fmt/format.h>

#include "toolcmp/compare.h"
#include "toolcmp/error.h"
#include "toolcmp/names.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

ToolReport load_report(Store& store, std::int64_t tool_id, const std::vector<WeightOverride>& weights,
                       const std::optional<std::string>& as_of) {
  std::vector<Review> reviews = store.current_reviews(tool_id, as_of);
  apply_weights(reviews, weights);
  return make_report(store.load_tool(tool_id), std::move(reviews), store.votes(tool_id, as_of));
}

ToolLine tool_line(const ToolReport& report) {
  return {report.tool.id, report.tool.name, report.tool.category, report.tool.updated_at, report.panel,
          report.community};
}

void each_summary_report(Store& store, const std::optional<std::string>& category,
                         const std::function<void(ToolReport)>& visit, const std::vector<WeightOverride>& weights,
                         const std::optional<std::string>& as_of) {
  store.each_tool_summary(
      category,
      [&](Tool tool, std::vector<Review> reviews, const VoteTally& tally) {
        apply_weights(reviews, weights);
        visit(make_report(std::move(tool), std::move(reviews), tally));
      },
      as_of);
}

Comparison load_comparison(Store& store, const std::vector<std::int64_t>& tool_ids, DecisionRule rule) {
  Comparison comparison;
  comparison.panel = store.personas(false);
  rule.panel_size = weigh_panel(comparison.panel, rule.weights);
  for (std::int64_t id : tool_ids) comparison.tools.push_back(load_report(store, id, rule.weights, rule.as_of));
  comparison.recommendation = recommend(comparison.tools, rule);
  comparison.rule = std::move(rule);
  return comparison;
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

}  // namespace toolcmp
