// The store: every SQL statement toolcmp runs lives behind this class.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "toolcmp/base/error.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

namespace sql {
class Connection;
class Database;
class Statement;
}  // namespace sql
class Backend;

inline constexpr int kSchemaVersion = 5;
inline constexpr std::int32_t kApplicationId = 0x54434D50;  // "TCMP"

// --db and TOOLCMP_DB name a PostgreSQL database with a postgresql:// or
// postgres:// URI or a libpq key=value string (service=toolcmp); anything
// else is an SQLite file.
bool is_postgres_target(const std::string& db);
// db as toolcmp shows it in every message: a password replaced by ***.
std::string shown_connection(const std::string& db);
bool connection_has_password(const std::string& db);

enum class NameTable { Tool, Persona, Decision };

struct NamedRow {
  std::int64_t id = 0;
  std::string name;
  bool removed = false;  // personas only
};

struct ToolCounts {
  std::int64_t reviews = 0, votes = 0;
};

class Store {
 public:
  enum class Access { Read, Write, Trial, Peek };

  // Read never creates or changes the file: a missing database opens as an
  // empty one in memory. Write creates it (directory 0700, file 0600).
  // Trial is for writes that will be rolled back (import --dry-run): it
  // opens an existing file for writing but never creates one. Peek is for
  // shell completion: an existing file, read-only, never migrated.
  // create_directories: a Write may make missing parent directories (only
  // for the default location; a --db whose directory is missing is an error).
  Store(const std::string& path, Access access, bool create_directories = false);
  ~Store();
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;


  // For a command that must have read something (check, a CI gate): throws
  // when the database this Store reads does not exist (Error, exit 1) or
  // holds no toolcmp data at all (a 0-byte file, a PostgreSQL database
  // without toolcmp's schema: NotOursError, exit 3). what: "check".
  void require_database(const std::string& what) const;

  // Runs body inside one BEGIN IMMEDIATE transaction: all of it or none.
  void write(const std::function<void()>& body);
  // Runs body inside a transaction and always rolls it back.
  void trial(const std::function<void()>& body);

  // Name look-up, from strict to forgiving; see names.h.
  std::vector<NamedRow> find_by_key(NameTable table, const std::string& key);
  std::vector<NamedRow> find_by_loose_key(NameTable table, const std::string& loose_key);
  std::vector<NamedRow> all_names(NameTable table);
  // Every row's loose key: tools in loose-key order, read from index
  // tool_loose_key alone (no row is read); personas in panel order.
  void each_loose_key(NameTable table, bool include_removed,
                      const std::function<void(std::int64_t, std::string_view)>& visit);
  std::string name_of(NameTable table, std::int64_t id);
  std::vector<std::string> categories();  // distinct, sorted
  // Tool names whose key starts with key_prefix, in key order, straight
  // from index tool_names: shell completion on a large database.
  void each_tool_name(const std::string& key_prefix, const std::function<void(const std::string&)>& visit);

  // Tools.
  Tool load_tool(std::int64_t id);
  std::int64_t insert_tool(const Tool& tool, const std::string& now);
  void update_tool(const Tool& tool, const std::string& now);
  void delete_tool(std::int64_t id);
  ToolCounts count_for_tool(std::int64_t id);

  // Personas.
  std::vector<Persona> personas(bool include_removed);
  Persona load_persona(std::int64_t id);
  std::int64_t insert_persona(const Persona& persona);
  void update_persona(const Persona& persona);
  void revive_persona(const Persona& persona);
  void remove_persona(std::int64_t id, const std::string& now);
  std::int64_t count_persona_reviews(std::int64_t id);

  // Reviews and votes.
  // Returns the new review's id.
  std::int64_t insert_review(std::int64_t tool_id, std::int64_t persona_id, const Review& review);
  // as_of (a UTC timestamp): the reviews and votes as they stood then, from
  // the history kept; the statements without it are the ones they were.
  // texts false: the reviews without their texts (check weighs, never prints them).
  std::vector<Review> current_reviews(std::int64_t tool_id, const ReviewCut& cut = {}, bool texts = true);
  std::int64_t count_tools(const std::optional<std::string>& category);
  // For list and rank, with memory flat whatever the size: every tool (or
  // a category's) in name order, without attributes, with its current
  // reviews in panel order without text (persona, weight, score, reviewed_at
  // and verdict), and its vote tally. Reviews and votes come from the
  // indexes alone (with as_of, the votes' dates come from the table).
  void each_tool_summary(const std::optional<std::string>& category,
                         const std::function<void(Tool, std::vector<Review>, const VoteTally&)>& visit,
                         const ReviewCut& cut = {});
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
  enum class VoteChange { Added, Replaced, Unchanged };
  // A named voter (matched ignoring ASCII case) has one vote per tool:
  // voting again replaces it. Anonymous votes add up.
  VoteChange cast_vote(std::int64_t tool_id, Verdict verdict, const std::optional<std::string>& voter,
                       const std::string& now);
  // One review by id, with its tool's and persona's ids; edit and remove it.
  struct StoredReview {
    std::int64_t tool_id = 0, persona_id = 0;
    Review review;
  };
  std::optional<StoredReview> load_review(std::int64_t id);
  void update_review(std::int64_t id, const Review& review);
  void delete_review(std::int64_t id);
  // A named voter's vote (ignoring ASCII case), or without a voter the
  // latest anonymous vote; false when there is none.
  bool remove_vote(std::int64_t tool_id, const std::optional<std::string>& voter);
  // The persona's current review of the tool, if any: when it was written,
  // whether it has a score or a verdict, and its id.
  struct CurrentReview {
    std::string reviewed_at;
    bool has_evidence = false;
    std::int64_t id = 0;
  };
  std::optional<CurrentReview> current_review(std::int64_t tool_id, std::int64_t persona_id);
  VoteTally votes(std::int64_t tool_id, const std::optional<std::string>& as_of = std::nullopt);

  DatabaseInfo info();

  // Batch import (store_batch.cpp): many calls inside one write(), so the
  // statements are prepared once.
  std::optional<std::int64_t> id_by_key(NameTable table, const std::string& key);
  std::int64_t max_review_id();
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
  // Sorts review.source and the review's other sources: source becomes the
  // first, also_from the rest.
  void read_sources(Review& review);
  // A repeat of review id from another source: fills the score and verdict
  // it lacks (never replaces one) and adds review.source to its sources.
  // Returns whether anything changed.
  bool merge_review(std::int64_t id, const Review& review);
  // source as one more place review id was found (none: it was there).
  bool add_review_source(std::int64_t id, const std::string& source);
  // Named votes: the later cast_at wins. Anonymous votes: a file holding k
  // equal ones (same tool, verdict, cast_at) leaves k in the database, so
  // importing it again adds none. first_new_vote_id is max_vote_id() + 1
  // from before the import started.
  VoteChange import_vote(std::int64_t tool_id, const Vote& vote, std::int64_t first_new_vote_id);
  std::int64_t max_vote_id();
  std::int64_t max_tool_id();  // tools added after this have ids above it
  void set_persona_removed(std::int64_t id, bool removed, const std::string& now);
  // Bigger page cache for the length of an import.
  void prepare_for_bulk_write();

  // Export, streamed so memory stays flat whatever the size. tool_id
  // absent: every tool. Reviews come in the order they were recorded.
  void each_tool(const std::function<void(const Tool&)>& visit);  // by name, with attributes
  // A row holding a value toolcmp never writes throws DamagedRowError, or
  // with a handler is passed to it and left out (export --keep-going).
  using DamagedRowHandler = std::function<void(const DamagedRowError&)>;
  void each_review(std::optional<std::int64_t> tool_id, const std::function<void(const Review&)>& visit,
                   const DamagedRowHandler& on_damaged = {});
  void each_vote(std::optional<std::int64_t> tool_id, const std::function<void(const Vote&)>& visit,
                 const DamagedRowHandler& on_damaged = {});
  // Decisions (store_decisions.cpp). A decision's options come with it,
  // each with its tool's name today; its snapshot only when asked for.
  std::int64_t insert_decision(const Decision& decision);
  std::optional<Decision> load_decision(std::int64_t id, bool with_snapshot = true);
  // In the order decided, filtered by status and by a tool they weighed; streamed.
  void each_decision(const std::optional<DecisionStatus>& status, const std::optional<std::int64_t>& tool_id,
                     bool with_snapshot, const std::function<void(Decision)>& visit);
  void update_decision(const Decision& decision);  // title, status, why, by, review-by, superseded-by, updated_at
  void delete_decision(std::int64_t id);
  std::int64_t count_decisions(DecisionStatus status);
  std::vector<std::string> decisions_naming(std::int64_t tool_id);  // titles, for rm's question
  // The ids of the votes a tool's tally counts (cast by as_of).
  std::vector<std::int64_t> vote_ids(std::int64_t tool_id, const std::optional<std::string>& as_of);
  // changes --since: tools added, reviewed or voted on after since, in name order.
  std::vector<std::int64_t> tools_changed_since(const std::string& since, const std::optional<std::int64_t>& tool_id);
  // Personas removed after since: name and when.
  std::vector<std::pair<std::string, std::string>> personas_removed_since(const std::string& since);

  // The attribute keys of these tools (none: of every tool), sorted.
  std::vector<std::string> attribute_keys(const std::vector<std::int64_t>& tool_ids = {});

 private:
  sql::Statement& cached(const char* sql);
  sql::Statement& cached_insert(const char* sql);  // sql + returning_id(), for inserted_id
  std::vector<Review> read_reviews(sql::Statement& stmt);  // every row of kReviewColumns, with its sources
  void read_options(Decision& decision);
  VoteChange write_vote(std::int64_t tool_id, const std::string& verdict, const std::optional<std::string>& voter,
                        const std::string& cast_at, bool only_if_later);  // store_reviews.cpp
  void write_attributes(std::int64_t tool_id, const Attributes& attributes, bool replace);  // prepared once per Store, reset before each use

  std::string path_;  // as messages show it (a password hidden)
  // The back-end (backend.h): before db_, so that the connection closes first.
  std::unique_ptr<Backend> backend_;
  bool in_memory_ = false;  // nothing to read: an empty database in memory
  std::unique_ptr<sql::Connection> db_;
  // Prepared once per Store, keyed by the SQL text itself: the same
  // statement written in two places shares one entry, and no caller can
  // miss the cache by passing a copy.
  std::map<std::string, std::unique_ptr<sql::Statement>, std::less<>> statements_;
  // INSERTs with the back-end's RETURNING id added, keyed the same way;
  // reset and finalized wherever statements_ is (a live one keeps SQLite
  // from closing the connection).
  std::map<std::string, std::unique_ptr<sql::Statement>, std::less<>> inserts_;
};

}  // namespace toolcmp
