// Loads what the decision needs from the store and summarizes it.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "toolcmp/model/model.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

// By the rule: its what-if weights (--weight) applied before the figures
// are made, the reviews and votes as they stood at as_of (--as-of), and
// reviews written before stale_before (--max-age) marked stale.
// texts false: the reviews without their texts.
ToolReport load_report(Store& store, std::int64_t tool_id, const PickRule& rule = {}, bool texts = true);
ToolLine tool_line(const ToolReport& report);
// The personas' habits for rule.method AdjustedMean, measured on the
// kHabitWindow most recently added tools as they stood at rule.as_of, from
// the fresh current scores of active personas (rule.stale_before).
inline constexpr std::size_t kHabitWindow = 500;
void measure_habits(Store& store, PickRule& rule);

// list and rank: each tool's report (or a category's), one at a time in
// name order, with its figures but without review texts or attributes.
// by_name false: in any order (rank, which sorts them; on a server the
// reviews then need no sort).
void each_summary_report(Store& store, const std::optional<std::string>& category,
                         const std::function<void(ToolReport)>& visit, const PickRule& rule = {},
                         bool by_name = true);
// The active panel, the tools in the order given, and the recommendation
// by rule (its panel size and habits are filled in here, from the panel
// as weighed).
Comparison load_comparison(Store& store, const std::vector<std::int64_t>& tool_ids, PickRule rule = {},
                           bool texts = true);
// compare --explain: each tool's reviews that no figure uses, and why
// (superseded by a later one, or by a persona removed from the panel):
// the latest kLeftOutListed of them, newest first, and how many in all.
inline constexpr std::size_t kLeftOutListed = 100;
void load_left_out(Store& store, Comparison& comparison);
// The tools' ids in the order typed; a tool named twice is a usage error.
std::vector<std::int64_t> resolve_tools(Store& store, const std::vector<std::string>& names);
// --weight PERSONA=W, each: the persona looked up forgivingly (removed ones
// too), W a number from 0 to 100. Throws UsageError naming the bad one.
std::vector<WeightOverride> resolve_weights(Store& store, const std::vector<std::string>& options);

}  // namespace toolcmp
