// The store's side of batch import: many calls inside one Store::write,
// so the statements are prepared once. Tools, personas and new reviews are
// written through panel_edits.h, as the CLI writes them.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "toolcmp/store/panel_edits.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

class BatchImport : StoreView {
 public:
  explicit BatchImport(Store& store) : StoreView(store) {}

  // Rows added after these have ids above them.
  std::int64_t max_tool_id();
  std::int64_t max_review_id();
  std::int64_t max_vote_id();
  // Every tool's id by name key into ids, when there are at most limit
  // tools (else false, and ids as it was): on a server, an import of tools
  // then looks none up one by one.
  bool load_tool_keys(std::unordered_map<std::string, std::int64_t>& ids, std::size_t limit);
  // Every tool with an id below below_id, with its attributes, into tools,
  // when there are at most limit of them (else false, and nothing read):
  // two statements, where load_tool is two for each tool.
  bool load_tools(std::int64_t below_id, std::size_t limit, std::unordered_map<std::int64_t, Tool>& tools);
  // Each statement is a round trip (a server): what the import knows
  // saves one.
  bool remote();

  // A new tool with its attributes; its id. Where the back-end writes rows
  // in bulk, its id is reserved and the rows are sent with the next
  // statement (PostgreSQL's COPY); else inserted now.
  std::int64_t add_tool(const Tool& tool, const std::string& now);
  // A new review written in bulk where the back-end can: its id is
  // reserved and the row sent with the next statement, for a tool whose
  // later records the import matches without reading it back. nullopt
  // where it cannot (the caller inserts it).
  std::optional<std::int64_t> append_review(std::int64_t tool_id, std::int64_t persona_id, const Review& review);

  // The persona's reviews of the tool with this text, in no set order, into
  // rows (id, score, verdict, reviewed_at and first source: read_sources
  // reads the rest; rows' buffers are reused, and only the first count
  // are set), and which of them, if any, is the pair's current review.
  struct SameText {
    std::size_t count = 0;
    std::optional<std::size_t> current;
  };
  SameText same_text_reviews(std::int64_t tool_id, std::int64_t persona_id, std::string_view text,
                             std::vector<Review>& rows);
  // A repeat of review id: fills the score and verdict it lacks (never
  // replaces one). Returns whether a row changed: none also when the
  // server's row security hides the review from this role.
  bool fill_review(std::int64_t id, const Review& review);
  // A stored review as tool_reviews and reviews_below give it: its
  // persona's id with the review's id, score, verdict, text, reviewed_at,
  // recorded_at and first source, the strings viewing the row read (valid
  // during the visit only), so that nothing is copied that is not kept.
  struct StoredReviewView {
    std::int64_t persona_id = 0, id = 0;
    std::optional<int> score;
    std::optional<Verdict> verdict;
    std::string_view text, reviewed_at, recorded_at;
    std::optional<std::string_view> source;
  };
  // Every review of a tool, at most limit (else false, having visited
  // limit of them). On a server an import reads a tool's reviews once
  // instead of one look-up per record.
  bool tool_reviews(std::int64_t tool_id, std::size_t limit, const std::function<void(const StoredReviewView&)>& visit);
  // The same for every tool with an id below below_id, one statement, in
  // tool order: visit(tool id, row) until it returns false.
  void reviews_below(std::int64_t below_id, const std::function<bool(std::int64_t, const StoredReviewView&)>& visit);
  // Every named vote, at most limit (else false): expect(how many), then
  // visit(tool id, voter, verdict, cast_at) for each.
  bool each_named_vote(std::size_t limit, const std::function<void(std::size_t)>& expect,
                       const std::function<void(std::int64_t, std::string_view, std::string_view, std::string_view)>& visit);
  // source as one more place review id was found (none: it was there).
  bool add_review_source(std::int64_t id, const std::string& source);
  // Named votes: the later cast_at wins. Anonymous votes: a file holding k
  // equal ones (same tool, verdict, cast_at) leaves k in the database, so
  // importing it again adds none. first_new_vote_id is max_vote_id() + 1
  // from before the import started. known: what the import knows of the
  // voter's vote on the tool.
  enum class Known {
    Nothing,     // look
    NoVote,      // there is none: the vote is added unread
    NoVoteBulk,  // none, and the tool is one the import added: added in bulk where the back-end can
  };
  VoteChange import_vote(std::int64_t tool_id, const Vote& vote, std::int64_t first_new_vote_id,
                         Known known = Known::Nothing);
  void set_persona_removed(std::int64_t id, bool removed, const std::string& now);
};

inline BatchImport Store::batch() { return BatchImport(*this); }

}  // namespace toolcmp
