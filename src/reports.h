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

}  // namespace toolcmp
