// The loader: models (ToolReport, Comparison, list summaries) read from the
// store, between the store below and compare and the renderers above.
#include "loader.h"

#include "toolcmp/compare.h"

namespace toolcmp {

ToolReport load_report(Store& store, std::int64_t tool_id) {
  return make_report(store.load_tool(tool_id), store.current_reviews(tool_id), store.votes(tool_id));
}

ToolLine tool_line(const ToolReport& report) {
  return {report.tool.id, report.tool.name, report.tool.category, report.tool.updated_at, report.panel,
          report.community};
}

void each_summary_report(Store& store, const std::optional<std::string>& category,
                         const std::function<void(ToolReport)>& visit) {
  store.each_tool_summary(category, [&](Tool tool, std::vector<Review> reviews, const VoteTally& tally) {
    visit(make_report(std::move(tool), std::move(reviews), tally));
  });
}

Comparison load_comparison(Store& store, const std::vector<std::int64_t>& tool_ids) {
  Comparison comparison;
  comparison.panel = store.personas(false);
  for (std::int64_t id : tool_ids) comparison.tools.push_back(load_report(store, id));
  comparison.recommendation = recommend(comparison.tools);
  return comparison;
}

}  // namespace toolcmp
