// Renderers: model in, text out. They never touch the store.
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "toolcmp/model/model.h"
#include "toolcmp/base/terminal.h"
#include "toolcmp/formats/text_table.h"

namespace toolcmp {

// Pieces every view shares.
Style verdict_style(std::optional<Verdict> verdict);  // green ship, red skip, dim none
Cell panel_verdict_cell(const PanelSummary& panel, const OutputOptions& output);  // "Ship · 3 ship / 1 skip"
Cell short_panel_cell(const PanelSummary& panel, const OutputOptions& output);   // "Ship 3/1", for one-line rows
Cell panel_ship_cell(const PanelSummary& panel, const OutputOptions& output);     // "75%"
Cell mean_score_cell(const PanelSummary& panel, const OutputOptions& output);     // "74.5"
Cell community_cell(const CommunitySummary& community, const OutputOptions& output);
// "84/100 · ship"; with now, and the review's age: "84/100 · ship · 3mo",
// and "· stale", dimmed, for a review older than --max-age.
Cell score_verdict_cell(const Review& review, const OutputOptions& output, const std::string& now = "");
Cell optional_cell(const std::optional<std::string>& value, const OutputOptions& output);
// The answer first, above compare's table: "Pick: Mistral 3B (narrow) — adjusted
// mean 81.5 vs 74.5", or "No pick: ...", on one line cut to the width.
std::string pick_summary_line(const Recommendation& recommendation, const OutputOptions& output);
std::string recommendation_line(const Recommendation& recommendation, const OutputOptions& output);
// compare --explain: each tool's figures and the reviews they came from,
// then what would change the pick (the sentence alone: sensitivity_line).
std::string render_explain(const Comparison& comparison, const OutputOptions& output);
std::string sensitivity_line(const Comparison& comparison);
// "Founder=3, Skeptic=0": the --weight overrides as typed back.
std::string what_if_list(const std::vector<WeightOverride>& weights);
// "Weights: Founder=3 (what-if)", or nothing without --weight.
std::string what_if_line(const std::vector<WeightOverride>& weights);
// "As of TIMESTAMP: the reviews and votes recorded by then" with --as-of,
// and "Max age 90d: reviews written before DATE are stale..." with
// --max-age; nothing without them.
std::string as_of_line(const PickRule& rule);

std::string render_compare(const Comparison& comparison, const OutputOptions& output, bool brief);
// The table alone: side by side, or the tools as rows when they do not fit.
std::string render_compare_table(const Comparison& comparison, const OutputOptions& output, bool brief);
// The full comparison-page layout in Markdown; import --format page reads it back.
std::string render_compare_markdown(const Comparison& comparison);
// The Decision table's rows: a label, then one text per tool (stored text
// as stored: each page escapes it its own way).
struct TableRow {
  std::string label;
  std::vector<std::string> cells;
};
std::vector<TableRow> decision_table_rows(const Comparison& comparison);
// Its Decision table alone (a decision record's evidence).
std::string markdown_decision_table(const Comparison& comparison);
std::string render_show(const ToolReport& report, const std::vector<Persona>& panel, const PickRule& rule,
                        const OutputOptions& output);
// list and rank: which columns, and what to say when nothing is listed.
struct ToolListView {
  bool ranked = false;        // a "#" column
  bool updated = false;       // an "Updated" column (list --sort updated)
  std::string empty_message;  // the line printed when there are no tools
  std::vector<RankPlace> places;  // ranked: each line's place and confidence, from rank_places
  PickRule rule;  // --weight, --as-of, --max-age: the JSON reports are loaded by it too
};
// Written straight to out, row by row: any number of tools. The panel is
// short ("Ship 3/1"), and numbers, percents and dates never wrap, so a
// line per tool fits 80 columns where the names allow.
void render_tool_list(const std::vector<ToolLine>& lines, const OutputOptions& output, const ToolListView& view,
                      std::ostream& out);
std::string render_history(const std::vector<Review>& reviews, const OutputOptions& output);
std::string render_votes(const std::vector<Vote>& votes, const OutputOptions& output);
// toolcmp log: newest first, who (and as whom), the command, what it
// changed, and for an edit the fields before and after.
std::string render_log(const std::vector<AuditEntry>& entries, const OutputOptions& output);
std::string render_personas(const std::vector<Persona>& personas, const OutputOptions& output);
std::string render_info(const DatabaseInfo& info, const OutputOptions& output);
// "imported 120000 reviews, 40 tools, 3000 votes in 1.4 s; 2 skipped"
std::string summary_line(const ImportSummary& summary);
// "published 16 files to 'site': 2 written, 14 unchanged, 0 removed".
std::string site_counts_line(const std::string& dir, const SiteCounts& counts);

}  // namespace toolcmp
