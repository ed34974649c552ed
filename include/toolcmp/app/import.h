// Import: the records a file holds, the readers that turn JSON Lines,
// CSV/TSV and published pages into records, and the Importer that applies
// them to the store. What an import did (ImportSummary) is in model.h.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <variant>
#include <vector>

#include "toolcmp/base/choice.h"
#include "toolcmp/base/error.h"
#include "toolcmp/model/model.h"
#include "toolcmp/store/batch_import.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

// Longest line (JSON Lines) or record (CSV) a file may hold.
inline constexpr std::size_t kMaxRecordBytes = 4 << 20;
// Columns in a CSV or TSV header (a tool's fields and its attributes).
inline constexpr std::size_t kMaxCsvColumns = 1024;

struct PersonaRecord {
  Persona persona;
  std::vector<std::string> fields;  // the fields the record gave, besides name
};

struct ToolRecord {
  Tool tool;
  std::vector<std::string> fields;  // the fields the record gave, besides name
  // Fields a page states only in passing (license, vendor): they fill an
  // empty field and are never a conflict.
  std::vector<std::string> inferred = {};
};

struct ReviewRecord {
  Review review;  // tool and persona are names as given; reviewed_at "" when the record has none
  bool source_given = false;  // else the source is where the record was read (FILE:LINE)
};

struct VoteRecord {
  Vote vote;  // cast_at "" when the record has none
};


struct DecisionRecord {
  Decision decision;  // options' tool_id unset
  std::vector<std::optional<std::string>> tools;  // each option's tool by name, when it had one
  std::optional<std::string> superseded_by;       // a title
};

struct Record {
  std::string where;  // FILE:LINE
  std::variant<PersonaRecord, ToolRecord, ReviewRecord, VoteRecord, DecisionRecord> value;
};

// A record that cannot be read or applied. what() is "FILE:LINE: reason".
class RecordError : public Error {
 public:
  explicit RecordError(const std::string& message) : Error(message) {}
};

enum class ImportFormat { Jsonl, Csv, Tsv, Page };
namespace choices {
inline constexpr Choice<ImportFormat> kImportFormatChoices[] = {
    {"jsonl", ImportFormat::Jsonl}, {"csv", ImportFormat::Csv}, {"tsv", ImportFormat::Tsv}, {"page", ImportFormat::Page}};
}  // namespace choices

const char* format_name(ImportFormat format);
std::optional<ImportFormat> parse_import_format(const std::string& name);
// From a file's first bytes (a JSON object, a CSV or TSV header naming
// toolcmp's columns, a page's rows), else from its name's extension, and
// how it was told ("its first line is a CSV header"). Throws RecordError
// naming the file when neither tells.
struct DetectedFormat {
  ImportFormat format;
  std::string how;
  bool from_name = false;  // the content did not tell; the extension did
};
DetectedFormat detect_format(const std::string& name, std::string_view first_bytes);

// Reads one file's records in order. next() throws RecordError for a bad
// record and can be called again to go on with the ones after it; a
// fatal() reader cannot go on.
class RecordReader {
 public:
  virtual ~RecordReader() = default;
  virtual bool next(Record& record) = 0;
  virtual bool fatal() const { return false; }
};

class ByteSource;
// panel: the active personas' names in panel order (compact pages give
// reviews in that order).
std::unique_ptr<RecordReader> make_reader(ImportFormat format, ByteSource& source,
                                          const std::vector<std::string>& panel);

enum class OnConflict { Error, Skip, Replace };

struct ImportOptions {
  OnConflict on_conflict = OnConflict::Error;
  bool keep_going = false;
  bool dry_run = false;
  std::optional<std::string> at;  // --at: reviewed_at of reviews that give none
};


// A set of 64-bit hashes, open-addressed, for what an import has seen:
// insert() is true when the hash was certainly not there. Past its
// capacity it is full, and every insert() is false (perhaps seen), so a
// caller that trusts true never trusts a wrong answer.
class SeenHashes {
 public:
  explicit SeenHashes(std::size_t capacity) : capacity_(capacity) {}
  bool insert(std::uint64_t hash);

 private:
  std::vector<std::uint64_t> slots_;  // 0: empty
  std::size_t size_ = 0, capacity_;
  bool full_ = false;
};

// A tool's stored reviews as ToolReviewCache holds them: every row's
// strings in one buffer of the tool's, so that a row costs no allocation
// of its own (a Review each, four strings, had been a third of a
// re-import's time on a server, and most of its memory).
class HeldReviews {
 public:
  struct Row {
    std::int64_t persona_id = 0, id = 0;
    std::optional<int> score;
    std::optional<Verdict> verdict;
    // Where its strings start in bytes_, and their sizes, one after another.
    std::size_t at = 0, text_size = 0, reviewed_size = 0, recorded_size = 0, source_size = 0;
    bool has_source = false;
  };
  void add(const BatchImport::StoredReviewView& row);
  const std::vector<Row>& rows() const { return rows_; }
  std::string_view text(const Row& row) const { return {bytes_.data() + row.at, row.text_size}; }
  std::string_view reviewed_at(const Row& row) const {
    return {bytes_.data() + row.at + row.text_size, row.reviewed_size};
  }
  std::string_view recorded_at(const Row& row) const {
    return {bytes_.data() + row.at + row.text_size + row.reviewed_size, row.recorded_size};
  }
  std::optional<std::string_view> source(const Row& row) const {
    if (!row.has_source) return std::nullopt;
    return std::string_view(bytes_.data() + row.at + row.text_size + row.reviewed_size + row.recorded_size,
                            row.source_size);
  }
  // What it holds, as the cache's bound counts it.
  std::size_t size_in_bytes() const { return bytes_.size() + rows_.size() * sizeof(Row); }
  void clear() {
    bytes_.clear();
    rows_.clear();
  }

 private:
  std::string bytes_;
  std::vector<Row> rows_;
};

// On a server, for the records of tools that were there before an
// import: each tool's reviews, read at its first record and kept whole as
// the import inserts into it, so that a record costs no look-up. A tool
// with more than kMaxPerTool reviews, one the import changes otherwise,
// and one let go to keep within kMaxHeld reviews or kMaxBytes of text is
// looked up record by record from then on (never read twice). Once the
// import has read kReadsBeforeAll tools one at a time, and at least one in
// kShareBeforeAll of the tools there, every tool below its first new id is
// read at once, in one statement, as far as the bounds allow: an import
// that takes many of the tools there (a re-import) reads them in bulk, a
// small one into a large panel never reads what it does not need.
class ToolReviewCache {
 public:
  static constexpr std::size_t kMaxPerTool = 2000, kMaxHeld = 120000, kMaxBytes = 128 << 20;
  static constexpr std::size_t kReadsBeforeAll = 64, kShareBeforeAll = 32;
  // Whether an import that has read this many tools one at a time, of the
  // tools below below_id, reads the rest at once (of reviews or of tools).
  static bool time_to_read_all(std::size_t reads, std::int64_t below_id) {
    return reads >= kReadsBeforeAll && reads * kShareBeforeAll >= static_cast<std::size_t>(below_id - 1);
  }
  // The tool's reviews (tool below below_id), read now unless held;
  // nullptr: look them up.
  const HeldReviews* reviews(BatchImport batch, std::int64_t tool, std::int64_t below_id);
  bool holds(std::int64_t tool) const { return held_.count(tool) != 0; }
  // A review the import inserted, with the id it got.
  void inserted(std::int64_t tool, std::int64_t persona, const Review& review);
  // The import changed one of the tool's reviews in place.
  void changed(std::int64_t tool);

 private:
  void let_go(std::int64_t tool);
  void keep_within_bounds();
  void hold(std::int64_t tool, HeldReviews reviews);
  void read_all(BatchImport batch, std::int64_t below_id);
  std::unordered_map<std::int64_t, HeldReviews> held_;
  std::vector<std::int64_t> order_;  // held tools, oldest first (some perhaps let go since)
  std::size_t next_out_ = 0;         // order_[next_out_] goes first
  std::unordered_set<std::int64_t> looked_up_;
  std::size_t count_ = 0, bytes_ = 0;
  std::size_t reads_ = 0;            // tools read one at a time
  std::int64_t covered_below_ = 0;   // read_all read every tool below this id: one not held has no reviews
};

// Applies records to the store, inside the caller's transaction. Records
// are checked against what the database and the import so far hold;
// apply() throws RecordError for one it cannot take, having written
// nothing of it.
class Importer {
 public:
  Importer(Store& store, const ImportOptions& options);
  void apply(const Record& record);
  // After the last record: links each decision to the one that superseded
  // it, wherever in the import that one came.
  void finish();
  const ImportCounts& counts() const { return counts_; }
  const std::vector<std::string>& changes() const { return changes_; }

 private:
  void apply_persona(const PersonaRecord& record, const std::string& where);
  void apply_tool(const ToolRecord& record, const std::string& where);
  void apply_review(const ReviewRecord& record, const std::string& where);
  void apply_vote(const VoteRecord& record, const std::string& where);
  void apply_decision(const DecisionRecord& record, const std::string& where);
  void change_status(const Decision& old, DecisionStatus status, const std::string& where);
  void refuse_supersede_cycles();
  bool merge_repeat(const Review& review, Review& current, bool dated);
  void refuse_another_authors(std::int64_t id);
  bool first_of_new_tool(std::int64_t tool, std::int64_t persona);
  bool nothing_to_match(std::int64_t tool, std::int64_t persona, const std::string& text);
  bool first_vote(std::int64_t tool, const std::optional<std::string>& voter);
  BatchImport::SameText same_text(std::int64_t tool, std::int64_t persona, const std::string& text);
  Tool known_tool(std::int64_t id);
  VoteChange import_vote(std::int64_t tool, const Vote& vote);
  std::optional<std::int64_t> stored_id(NameTable table, const std::string& key);
  void add_review(std::int64_t tool, std::int64_t persona, Review& review);
  void keep_behind_evidence(std::int64_t tool, std::int64_t persona, Review& review, bool dated);
  void refuse_ahead(const char* key, const std::string& at) const;
  bool merge_into(const Review& current, const Review& review);
  bool add_sources(std::int64_t id, const Review& review);
  std::int64_t id_of(NameTable table, const std::string& name, const std::string& where);
  std::int64_t id_by_key(NameTable table, const std::string& name, const std::string& where);

  Store& store_;
  ImportOptions options_;
  ImportCounts counts_;
  std::string started_at_;  // reviewed_at and cast_at of records without one
  std::string a_day_ahead_;  // a record dated later is refused, as the CLI refuses it
  std::int64_t first_new_vote_id_ = 0;
  std::int64_t first_new_review_id_ = 0;
  std::int64_t first_new_tool_id_ = 0;
  std::vector<std::uint64_t> new_tools_;  // by tool id - first_new_tool_id_: the personas that reviewed it so far
  // On a server (each look-up a round trip): every tool's key is in
  // tool_ids_, and what the import wrote to the tools it added is known
  // by hash, so a review or vote of such a tool that matches nothing is
  // written with no look-up.
  bool remote_ = false;
  bool tool_keys_complete_ = false;
  SeenHashes texts_{2000000}, voters_{2000000};  // at most 32 MiB each
  // On a server, for records of tools that were there before: their
  // reviews, and every named vote by tool and folded voter (votes_ state),
  // read at the first named vote and kept up to date. A record that
  // changes nothing then costs no round trip.
  ToolReviewCache stored_reviews_;
  // On a server, once ToolReviewCache::time_to_read_all says so of the
  // tools read one at a time (two round trips each): all of them at once,
  // each taken from here once (a tool's second record reads it again).
  std::unordered_map<std::int64_t, Tool> held_tools_;
  std::size_t tool_reads_ = 0;
  bool tools_read_all_ = false;
  struct KnownVote {
    std::string verdict, cast_at;
  };
  enum class VotesKnown { NotRead, All, Not } votes_ = VotesKnown::NotRead;
  std::unordered_map<std::string, KnownVote> known_votes_;
  int suggestions_left_ = 20;  // did-you-mean for the first unknown names only
  std::unordered_map<std::string, std::int64_t> tool_ids_, persona_ids_;  // by name key
  std::unordered_map<std::string, std::int64_t> tool_names_, persona_names_;  // by the name as given: no key to make
  Review review_;             // the review being applied: its buffers are kept
  std::vector<Review> rows_;  // the stored reviews with its text, likewise
  struct PendingLink {
    std::int64_t decision;
    std::string successor, where;
  };
  std::vector<PendingLink> successors_;
  std::vector<std::string> changes_;
};

}  // namespace toolcmp
