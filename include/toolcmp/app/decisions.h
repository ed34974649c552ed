// Decisions between the store and the model: made from a comparison, found
// by id or title, and looked at again against the panel as it is now.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "toolcmp/model/drift.h"
#include "toolcmp/model/model.h"
#include "toolcmp/app/names.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

// A decision to record: the comparison as it stands (its snapshot, with
// the votes each tally counted), options[pick] picked.
Decision make_decision(Store& store, const Comparison& comparison, std::size_t pick, const std::string& title,
                       const std::string& now);
// Inserts it, refusing a title another decision has (ignoring case).
std::int64_t save_decision(Store& store, Decision& decision);

// By id ("12"), then by title as forgivingly as a tool's name (Match::Exact
// for what removes or overwrites). Throws Error with did-you-mean.
Decision resolve_decision(Store& store, const std::string& given, Match match = Match::Forgiving);

// max_age (--max-age, else the decision's own): which of the pick's
// reviews are stale. now: today's timestamp. texts false: the reviews now
// without their texts, and then from the decision's evidence (check);
// else then from its snapshot when it was loaded.
DecisionView view_decision(Store& store, Decision decision, const std::optional<std::string>& max_age,
                           const std::string& now, bool texts = true);

// changes --since: every tool added, reviewed or voted on after since (or
// one tool), then against now, and the personas removed since.
std::vector<Change> changes_since(Store& store, const std::string& since, const std::optional<std::int64_t>& tool_id);

}  // namespace toolcmp
