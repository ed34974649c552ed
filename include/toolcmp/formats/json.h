// JSON for scripts: one object per command, "schema_version" first, keys in a
// fixed order, null for an absent value (never a missing key).
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "toolcmp/model/model.h"

namespace toolcmp {

using Json = nlohmann::ordered_json;

// 2: panel ship_pct is the persona-weighted share of ship verdicts (the
// same as before while every weight is 1).
inline constexpr int kJsonSchemaVersion = 3;

Json review_json(const Review& review);
Json tool_json(const ToolReport& report);
Json persona_json(const Persona& persona);

Json compare_json(const Comparison& comparison);
Json show_json(const ToolReport& report);
// list and rank: {"schema_version":N, "tools":[TOOL...]}, written one tool
// at a time so that memory stays flat, in the very text dump_json would
// give the whole object.
class ToolListJson {
 public:
  // rule (rank, list): its what_if_weights, as_of, max_age and stale_before come before the tools.
  explicit ToolListJson(std::ostream& out, const PickRule* rule = nullptr);
  // place: rank's "place" ("2=") and "confidence", after the tool's keys.
  void add(const ToolReport& report, const RankPlace* place = nullptr);
  void finish();

 private:
  std::ostream& out_;
  std::string tail_;  // what follows the array's elements
  bool empty_ = true;
};
Json history_json(const std::string& tool, const std::vector<Review>& reviews);
// vote list: a tool's votes, oldest first.
Json votes_json(const std::string& tool, const std::vector<Vote>& votes);
// toolcmp log --json: {"changes": [...]}, before and after as objects.
Json log_json(const std::vector<AuditEntry>& entries);
Json personas_json(const std::vector<Persona>& personas);
Json info_json(const DatabaseInfo& info);
// After rm and persona rm: {"schema_version":N, "removed":{"type":..., "name":...}}
Json removed_json(const std::string& type, const std::string& name);

// Import and export records: {"type": ..., then the fields by their
// --json names}.
Json persona_record_json(const Persona& persona);
Json tool_record_json(const Tool& tool);
Json review_record_json(const Review& review);
Json vote_record_json(const Vote& vote);

// What import and publish did (json_writes.cpp, with removed_json).
Json import_summary_json(const ImportSummary& summary);
// publish --json: {"dir", "files", "written", "unchanged", "removed"}.
Json site_counts_json(const std::string& dir, const SiteCounts& counts);
// An object holding schema_version, as every --json output begins.
Json versioned_json();

// Parses text as one JSON value whose arrays and objects nest at most
// max_depth deep (nlohmann's parser with a depth guard: a hostile file
// cannot make it build a deep tree). Text must be valid UTF-8.
enum class JsonStatus { Ok, Invalid, TooDeep, OutOfRange };
JsonStatus parse_json_bounded(std::string_view text, int max_depth, Json& out);

// Pretty-printed with a final newline; invalid UTF-8 is replaced, never thrown.
std::string dump_json(const Json& json);
// One line, for JSON Lines.
std::string dump_json_line(const Json& json);

}  // namespace toolcmp
