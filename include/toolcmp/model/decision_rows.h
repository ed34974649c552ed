// The rows of a comparison's Decision table, named once: the terminal
// table, the tool card, the Markdown writer and the page reader all take
// their labels from here, so a page toolcmp writes is a page it reads.
// With them, the look-ups every view of a comparison makes.
#pragma once

#include <string>
#include <vector>

#include "toolcmp/model/model.h"

namespace toolcmp {

namespace decision_table {
inline constexpr const char* kPanelVerdict = "Panel verdict";
inline constexpr const char* kPanelShip = "Panel ship";
inline constexpr const char* kMeanScore = "Mean score";
inline constexpr const char* kCommunity = "Community";
inline constexpr const char* kCommunityVotes = "Community votes";  // exact counts: pages only
inline constexpr const char* kAttributePrefix = "attr.";           // pages: "attr.params"
inline constexpr const char* kScorecard = "Reviewer scorecard";     // the heading over the personas' rows
}  // namespace decision_table

// The tool's text fields as Decision rows, in page order. in_table: the
// terminal table shows the row too (it leaves out the long and rare ones).
struct FieldRow {
  const char* label;
  const char* field;  // the name in kToolTextFields, import and export
  std::optional<std::string> Tool::*member;
  bool in_table;
};
inline constexpr FieldRow kFieldRows[] = {
    {"Pricing", "pricing", &Tool::pricing, true},    {"Entry", "entry", &Tool::entry, true},
    {"Best for", "tagline", &Tool::tagline, true},   {"Category", "category", &Tool::category, true},
    {"Vendor", "vendor", &Tool::vendor, false},      {"License", "license", &Tool::license, true},
    {"URL", "url", &Tool::url, false},               {"Description", "description", &Tool::description, false},
};

// How a page shows a value it does not have.
inline constexpr const char* kMissingDash = "\u2014";

// The persona's current review of the tool, or nullptr.
const Review* review_by(const ToolReport& report, const std::string& persona);
// Every attribute key any of the tools has, sorted.
std::vector<std::string> attribute_keys(const std::vector<const ToolReport*>& tools);
// The tool's value for an attribute, or nullptr.
const std::string* attribute_value(const Tool& tool, const std::string& key);

}  // namespace toolcmp
