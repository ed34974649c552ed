// The store's side of batch import: many calls inside one Store::write,
// so the statements are prepared once. Tools, personas and new reviews are
// written through panel_edits.h, as the CLI writes them.
#pragma once

#include <cstddef>
#include <cstdint>
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

  // Bigger page cache for the length of an import.
  void prepare_for_bulk_write();
  // Rows added after these have ids above them.
  std::int64_t max_tool_id();
  std::int64_t max_review_id();
  std::int64_t max_vote_id();
  // Every tool's id by name key into ids, when there are at most limit
  // tools (else false, and ids as it was): on a server, an import of tools
  // then looks none up one by one.
  bool load_tool_keys(std::unordered_map<std::string, std::int64_t>& ids, std::size_t limit);
  // Each statement is a round trip (a server): what the import knows
  // saves one.
  bool remote();

  // A new tool with its attributes; its id. Where the back-end writes rows
  // in bulk, its id is reserved and the rows are sent with the next
  // statement (PostgreSQL's COPY); else inserted now.
  std::int64_t add_tool(const Tool& tool, const std::string& now);
  // A new review whose id nobody needs, written in bulk where the back-end
  // can; false where it cannot (the caller inserts it).
  bool append_review(std::int64_t tool_id, std::int64_t persona_id, const Review& review);

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
  // A repeat of review id from another source: fills the score and verdict
  // it lacks (never replaces one) and adds review.source to its sources.
  // Returns whether anything changed.
  bool merge_review(std::int64_t id, const Review& review);
  // source as one more place review id was found (none: it was there).
  bool add_review_source(std::int64_t id, const std::string& source);
  // Named votes: the later cast_at wins. Anonymous votes: a file holding k
  // equal ones (same tool, verdict, cast_at) leaves k in the database, so
  // importing it again adds none. first_new_vote_id is max_vote_id() + 1
  // from before the import started. first: the import knows the tool holds
  // no vote of this voter (a tool it added, a voter it has not seen there;
  // any anonymous vote on such a tool), so the vote is added unread.
  VoteChange import_vote(std::int64_t tool_id, const Vote& vote, std::int64_t first_new_vote_id, bool first = false);
  void set_persona_removed(std::int64_t id, bool removed, const std::string& now);
};

inline BatchImport Store::batch() { return BatchImport(*this); }

}  // namespace toolcmp
