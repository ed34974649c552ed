// Loads what the decision needs from the store and summarizes it.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "toolcmp/model.h"
#include "toolcmp/store.h"

namespace toolcmp {

ToolReport load_report(Store& store, std::int64_t tool_id);
std::vector<ToolReport> load_reports(Store& store, const std::optional<std::string>& category);
// The active panel, the tools in the order given, and the recommendation.
Comparison load_comparison(Store& store, const std::vector<std::int64_t>& tool_ids);

}  // namespace toolcmp
