// Decisions kept, in text, JSON and Markdown: model in, text out.
#pragma once

#include <string>
#include <vector>

#include "toolcmp/model/drift.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/model/model.h"
#include "toolcmp/base/terminal.h"
#include "toolcmp/formats/text_table.h"

namespace toolcmp {

// "Code Llama 4 over Mistral 3B, SmolLM3"
std::string pick_over(const Decision& decision);
std::string render_decision_list(const std::vector<Decision>& decisions, const OutputOptions& output);
std::string render_decision_show(const DecisionView& view, const OutputOptions& output);
// decision show's table: the header, then a row per figure and persona
// ("then → now" in each cell that moved); an empty row is a rule.
std::vector<std::vector<Cell>> then_and_now_rows(const DecisionView& view, const OutputOptions& output);
// "No changes since ..." or one line per change, most important first.
std::string render_changes(const std::vector<Change>& changes, const OutputOptions& output);
// The MADR layout: title, status, date, deciders, context, options,
// outcome with the why, the evidence as it was, and (with_changes) what
// changed since.
std::string render_decision_markdown(const DecisionView& view, bool with_changes);

Json decision_json(const Decision& decision);  // without the snapshot
Json decision_list_json(const std::vector<Decision>& decisions);
// decision show --json: the decision, then (the snapshot as stored), now
// (compare --json), the changes and the pick.
Json decision_show_json(const DecisionView& view);
Json change_json(const Change& change);
Json changes_json(const std::string& since, const std::vector<Change>& changes);
// export and import: the decision whole, snapshot included.
Json decision_record_json(const Decision& decision);
// check --json: each decision's checks (what names it, the pick then and
// now, each gate), then the whole: ok, the gates asked for, the decisions
// and how many proposed ones were left out.
Json check_result_json(const DecisionView& view, const std::vector<GateResult>& results);
Json check_json(bool ok, const std::vector<Gate>& gates, Json decisions, std::int64_t proposed_not_checked);

}  // namespace toolcmp
