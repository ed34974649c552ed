// Reading a panel: tools, personas, their reviews and votes, as they are
// or as they stood at a moment, one at a time or streamed.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "toolcmp/base/error.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

struct ToolCounts {
  std::int64_t reviews = 0, votes = 0;
};

// One review by id, with its tool's and persona's ids.
struct StoredReview {
  std::int64_t tool_id = 0, persona_id = 0;
  Review review;
};

// The persona's current review of the tool: when it was written, whether
// it has a score or a verdict, and its id.
struct CurrentReview {
  std::string reviewed_at;
  bool has_evidence = false;
  std::int64_t id = 0;
};

// A row holding a value toolcmp never writes throws DamagedRowError, or
// with a handler is passed to it and left out (export --keep-going).
using DamagedRowHandler = std::function<void(const DamagedRowError&)>;

class PanelReads : StoreView {
 public:
  explicit PanelReads(Store& store) : StoreView(store) {}

  // Tools.
  Tool load_tool(std::int64_t id);
  ToolCounts count_for_tool(std::int64_t id);
  // The authors other than author of the tool's reviews and named votes,
  // sorted (rows without an author, and anonymous votes, are anyone's).
  std::vector<std::string> other_authors(std::int64_t tool_id, const std::string& author);
  std::int64_t count_tools(const std::optional<std::string>& category);
  // For list and rank, with memory flat whatever the size: every tool (or
  // a category's) in name order, without attributes, with its current
  // reviews in panel order without text (persona, weight, score, reviewed_at
  // and verdict), and its vote tally. Reviews and votes come from the
  // indexes alone (with as_of, the votes' dates come from the table).
  // by_name false: in any order (on a server, by id, which spares the
  // server a sort of every current review).
  void each_tool_summary(const std::optional<std::string>& category,
                         const std::function<void(Tool, std::vector<Review>, const VoteTally&)>& visit,
                         const ReviewCut& cut = {}, bool by_name = true);
  // The attribute keys of these tools (none: of every tool), sorted.
  std::vector<std::string> attribute_keys(const std::vector<std::int64_t>& tool_ids = {});

  // Personas.
  std::vector<Persona> personas(bool include_removed);
  Persona load_persona(std::int64_t id);
  std::int64_t count_persona_reviews(std::int64_t id);

  // Reviews. as_of (a UTC timestamp): the reviews and votes as they stood
  // then, from the history kept; the statements without it are the ones
  // they were. texts false: the reviews without their texts (check weighs,
  // never prints them).
  std::vector<Review> current_reviews(std::int64_t tool_id, const ReviewCut& cut = {}, bool texts = true);
  std::vector<Review> history(std::int64_t tool_id, std::optional<std::int64_t> persona_id);
  // The habits' window: the current review (by as_of) of every persona,
  // removed ones too, on each of the `tools` most recently added tools,
  // grouped by tool: its tool id, persona id, score and reviewed_at. From
  // index review_current alone.
  void each_window_review(std::size_t tools, const ReviewCut& cut,
                          const std::function<void(std::int64_t tool_id, std::int64_t persona_id,
                                                   std::optional<int> score, const std::string& reviewed_at)>& visit);
  // compare --explain: the tool's latest `limit` reviews written by as_of
  // (none: all), newest first, and in total the number there are.
  std::vector<Review> latest_reviews(std::int64_t tool_id, const ReviewCut& cut, std::size_t limit,
                                     std::int64_t& total);
  std::optional<StoredReview> load_review(std::int64_t id);
  std::optional<CurrentReview> current_review(std::int64_t tool_id, std::int64_t persona_id);
  // Sorts review.source and the review's other sources: source becomes the
  // first, also_from the rest.
  void read_sources(Review& review);

  // Votes.
  VoteTally votes(std::int64_t tool_id, const std::optional<std::string>& as_of = std::nullopt);
  // The ids of the votes a tool's tally counts (cast by as_of).
  std::vector<std::int64_t> vote_ids(std::int64_t tool_id, const std::optional<std::string>& as_of);

  // What changed: changes --since. Tools added, reviewed or voted on after
  // since, in name order; personas removed after since, name and when.
  std::vector<std::int64_t> tools_changed_since(const std::string& since, const std::optional<std::int64_t>& tool_id);
  std::vector<std::pair<std::string, std::string>> personas_removed_since(const std::string& since);

  // A named voter's vote on a tool (ignoring ASCII case), if any.
  std::optional<Vote> named_vote(std::int64_t tool_id, const std::string& voter);

  // The audit table, newest first (toolcmp log).
  void each_change(const AuditFilter& filter, const std::function<void(const AuditEntry&)>& visit);

  // Export, streamed so memory stays flat whatever the size. tool_id
  // absent: every tool. Reviews and votes come in the order they were recorded.
  void each_tool(const std::function<void(const Tool&)>& visit);  // by name, with attributes
  void each_review(std::optional<std::int64_t> tool_id, const std::function<void(const Review&)>& visit,
                   const DamagedRowHandler& on_damaged = {});
  void each_vote(std::optional<std::int64_t> tool_id, const std::function<void(const Vote&)>& visit,
                 const DamagedRowHandler& on_damaged = {});

 private:
  std::vector<Review> read_reviews(sql::Statement& stmt);  // every row of kReviewColumns, with its sources
  // each_tool_summary on a server: tools and current reviews in two streams, walked together.
  void each_tool_summary_merged(sql::Statement& tools, const std::optional<std::string>& category,
                                const std::function<void(Tool, std::vector<Review>, const VoteTally&)>& visit,
                                const ReviewCut& cut, bool by_name);
};

inline PanelReads Store::panel() { return PanelReads(*this); }

}  // namespace toolcmp
