#include "reports.h"

#include "toolcmp/compare.h"

namespace toolcmp {

ToolReport load_report(Store& store, std::int64_t tool_id) {
  return make_report(store.load_tool(tool_id), store.current_reviews(tool_id), store.votes(tool_id));
}

std::vector<ToolReport> load_reports(Store& store, const std::optional<std::string>& category) {
  std::vector<Tool> tools = store.load_tools(category);
  auto reviews = store.all_current_reviews();
  auto votes = store.all_votes();
  std::vector<ToolReport> reports;
  reports.reserve(tools.size());
  for (Tool& tool : tools) {
    std::int64_t id = tool.id;
    reports.push_back(make_report(std::move(tool), std::move(reviews[id]), votes[id]));
  }
  return reports;
}

Comparison load_comparison(Store& store, const std::vector<std::int64_t>& tool_ids) {
  Comparison comparison;
  comparison.panel = store.personas(false);
  for (std::int64_t id : tool_ids) comparison.tools.push_back(load_report(store, id));
  comparison.recommendation = recommend(comparison.tools);
  return comparison;
}

}  // namespace toolcmp
