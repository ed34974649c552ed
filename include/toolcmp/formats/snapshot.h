// A decision's snapshot: the comparison as compare --json gave it, with the
// ids of the reviews and votes it counted, and read back into the model so
// that it can be shown as it was whatever has changed since.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "toolcmp/formats/json.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

// compare --json of the comparison, each review with its "id" and each
// tool with "vote_ids": the votes its tally counted (vote_ids[i] for
// comparison.tools[i]).
Json snapshot_json(const Comparison& comparison, const std::vector<std::vector<std::int64_t>>& vote_ids);

// The figures alone: each tool's name, panel and community figures and
// its reviews' ids, personas, scores, verdicts and dates; the
// recommendation, the rule and the panel's weights. A tenth of the
// snapshot, and all that check needs (snapshot: JSON that snapshot_json
// made or comparison_from_snapshot accepted).
std::string evidence_of(const std::string& snapshot);

// The comparison a snapshot (or its evidence) holds: panel, tools with their figures and
// reviews, recommendation and rule. Throws Error naming what is missing or
// malformed (`what` says whose snapshot it is).
Comparison comparison_from_snapshot(const std::string& text, const std::string& what);

// A decision's rule ({"weights": {...}, "min_verdicts": N, "max_age": "90d"})
// from the comparison it was made on, and back.
std::string rule_to_json(const PickRule& rule);
PickRule rule_from_json(const std::string& text, const std::string& what);

}  // namespace toolcmp
