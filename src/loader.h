// Loads what the decision needs from the store and summarizes it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "toolcmp/model.h"
#include "toolcmp/store.h"

namespace toolcmp {

ToolReport load_report(Store& store, std::int64_t tool_id);
ToolLine tool_line(const ToolReport& report);

// list and rank: each tool's report (or a category's), one at a time in
// name order, with its figures but without review texts or attributes.
void each_summary_report(Store& store, const std::optional<std::string>& category,
                         const std::function<void(ToolReport)>& visit);
// The active panel, the tools in the order given, and the recommendation.
Comparison load_comparison(Store& store, const std::vector<std::int64_t>& tool_ids);

}  // namespace toolcmp
