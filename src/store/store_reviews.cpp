// Reviews, votes and database-wide counts.
#include <algorithm>

#include <fmt/format.h>


#include "store/backend.h"
#include "store/stored_values.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/store.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

// Columns read by read_review, in this order; the last says whether the
// review has other sources to read (most have none: no statement for them).
constexpr const char* kReviewColumns =
    "r.id, t.name, p.name, p.weight, r.score, r.verdict, r.text, r.reviewed_at, r.source, r.recorded_at, "
    "EXISTS (SELECT 1 FROM review_source s WHERE s.review_id = r.id)";
constexpr int kHasSources = 10;

// Every review row with its tool's and persona's names.
constexpr const char* kReviewsJoined =
    "FROM review r JOIN persona p ON p.id = r.persona_id JOIN tool t ON t.id = r.tool_id";

Review read_review(const sql::Statement& stmt) {
  Review review;
  review.id = stmt.integer(0);
  review.tool = stmt.text(1);
  review.persona = stmt.text(2);
  RowName row{"review", review.id};
  review.persona_weight = stmt.real(3);  // checked when the panel is read
  review.score = stored_score(stmt, 4, row);
  review.verdict = stored_verdict(stmt, 5, row);
  review.text = stmt.text(6);
  review.reviewed_at = stmt.text(7);
  review.source = stmt.optional_text(8);
  review.recorded_at = stmt.text(9);
  return review;
}

}  // namespace

void Store::read_sources(Review& review) {
  sql::Statement& stmt = cached("SELECT source FROM review_source WHERE review_id = ?1 ORDER BY source");
  stmt.bind_all(review.id);
  std::vector<std::string> sources;
  if (review.source) sources.push_back(*review.source);
  while (stmt.step()) sources.push_back(stmt.text(0));
  std::sort(sources.begin(), sources.end());
  sources.erase(std::unique(sources.begin(), sources.end()), sources.end());
  if (sources.empty()) return;
  review.source = sources.front();
  review.also_from.assign(sources.begin() + 1, sources.end());
}

std::vector<Review> Store::read_reviews(sql::Statement& stmt) {
  std::vector<Review> reviews;
  std::vector<bool> more_sources;
  while (stmt.step()) {
    reviews.push_back(read_review(stmt));
    more_sources.push_back(stmt.integer(kHasSources) != 0);
  }
  for (std::size_t i = 0; i < reviews.size(); ++i) {
    if (more_sources[i]) read_sources(reviews[i]);
  }
  return reviews;
}

std::vector<Review> Store::current_reviews(std::int64_t tool_id, const ReviewCut& cut, bool texts) {
  const std::optional<std::string>& as_of = cut.written;
  // The latest review per active persona, found through index review_current.
  // Prepared once per Store, with and without as_of.
  auto sql = [](const char* by, bool with_text) {
    std::string columns = kReviewColumns;
    if (!with_text) columns.replace(columns.find("r.text"), 6, "''");  // long texts left on their pages
    return fmt::format("SELECT {} FROM persona p "
                       "JOIN review r ON r.id = (SELECT id FROM review WHERE tool_id = ?1 AND persona_id = p.id {}"
                       "                         ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1) "
                       "JOIN tool t ON t.id = r.tool_id "
                       "WHERE p.removed_at IS NULL ORDER BY p.position",
                       columns, by);
  };
  const char* kThen = "AND reviewed_at <= ?2 AND (CAST(?3 AS TEXT) IS NULL OR recorded_at <= ?3) ";
  static const std::string kSql[4] = {sql("", true), sql(kThen, true), sql("", false), sql(kThen, false)};
  sql::Statement& stmt = cached(kSql[(as_of ? 1 : 0) + (texts ? 0 : 2)].c_str());
  stmt.bind(1, tool_id);
  if (as_of) stmt.bind(2, *as_of).bind(3, cut.recorded);
  std::vector<Review> reviews = read_reviews(stmt);
  stmt.reset();
  return reviews;
}

std::vector<Review> Store::history(std::int64_t tool_id, std::optional<std::int64_t> persona_id) {
  static const std::string kSql =
      fmt::format("SELECT {} {} WHERE r.tool_id = ?1 AND (CAST(?2 AS BIGINT) IS NULL OR r.persona_id = ?2) "
                  "ORDER BY r.reviewed_at, r.recorded_at, r.id",
                  kReviewColumns, kReviewsJoined);
  sql::Statement& stmt = cached(kSql.c_str());  // publish asks once per tool
  stmt.bind(1, tool_id);
  if (persona_id) stmt.bind(2, *persona_id);
  std::vector<Review> reviews = read_reviews(stmt);
  stmt.reset();
  return reviews;
}

void Store::each_window_review(std::size_t tools, const ReviewCut& cut,
                               const std::function<void(std::int64_t, std::int64_t, std::optional<int>,
                                                        const std::string&)>& visit) {
  // Oldest first per tool and persona: the last of each group is current.
  sql::Statement stmt(*db_, "SELECT tool_id, persona_id, score, reviewed_at, id FROM review "
                            "WHERE tool_id >= coalesce((SELECT id FROM tool ORDER BY id DESC LIMIT 1 OFFSET ?1), 0) "
                            "AND (CAST(?2 AS TEXT) IS NULL OR reviewed_at <= ?2) "
                            "AND (CAST(?3 AS TEXT) IS NULL OR recorded_at <= ?3) "
                            "ORDER BY tool_id, persona_id, reviewed_at, recorded_at, id");
  stmt.stream();
  stmt.bind(1, static_cast<std::int64_t>(tools) - 1).bind(2, cut.written).bind(3, cut.recorded);
  std::optional<std::int64_t> tool, persona;
  std::optional<int> score;
  std::string reviewed_at;
  auto flush = [&] {
    if (tool) visit(*tool, *persona, score, reviewed_at);
  };
  while (stmt.step()) {
    std::int64_t this_tool = stmt.integer(0), this_persona = stmt.integer(1);
    if (tool && (*tool != this_tool || *persona != this_persona)) flush();
    tool = this_tool;
    persona = this_persona;
    score = stored_score(stmt, 2, RowName{"review", stmt.integer(4)});
    reviewed_at = stmt.text(3);
  }
  flush();
}

std::vector<Review> Store::latest_reviews(std::int64_t tool_id, const ReviewCut& cut, std::size_t limit,
                                          std::int64_t& total) {
  // Written by cut.written (?2) and recorded by cut.recorded (?N).
  auto then = [](int recorded) {
    return fmt::format("(CAST(?2 AS TEXT) IS NULL OR r.reviewed_at <= ?2) AND (CAST(?{0} AS TEXT) IS NULL OR "
                       "r.recorded_at <= ?{0})",
                       recorded);
  };
  sql::Statement count(*db_, fmt::format("SELECT count(*) FROM review r WHERE r.tool_id = ?1 AND {}", then(3)).c_str());
  count.bind(1, tool_id).bind(2, cut.written).bind(3, cut.recorded);
  count.step();
  total = count.integer(0);
  sql::Statement stmt(*db_, fmt::format("SELECT {} {} WHERE r.tool_id = ?1 AND {} "
                                        "ORDER BY r.reviewed_at DESC, r.recorded_at DESC, r.id DESC LIMIT ?3",
                                        kReviewColumns, kReviewsJoined, then(4)).c_str());
  stmt.bind(1, tool_id).bind(2, cut.written).bind(3, static_cast<std::int64_t>(limit)).bind(4, cut.recorded);
  return read_reviews(stmt);
}

Store::VoteChange Store::cast_vote(std::int64_t tool_id, Verdict verdict, const std::optional<std::string>& voter,
                                   const std::string& now) {
  return write_vote(tool_id, verdict_name(verdict), voter, now, false);
}

// The one place a vote is written. A named voter has one vote per tool:
// from the CLI a new one replaces it (and says Unchanged when the verdict
// is the same), from an import only one cast later with another verdict
// does (a later import's vote wins, an older one changes nothing).
Store::VoteChange Store::write_vote(std::int64_t tool_id, const std::string& verdict,
                                    const std::optional<std::string>& voter, const std::string& cast_at,
                                    bool only_if_later) {
  if (voter) {
    sql::Statement& existing = cached("SELECT id, verdict, cast_at FROM vote WHERE tool_id = ?1 AND voter = ?2 COLLATE NOCASE");
    if (existing.bind_all(tool_id, *voter).step()) {
      std::int64_t id = existing.integer(0);
      bool same = existing.text(1) == verdict;
      if (only_if_later && (same || existing.text(2) > cast_at)) return VoteChange::Unchanged;
      cached("UPDATE vote SET verdict = ?2, cast_at = ?3 WHERE id = ?1").bind_all(id, verdict, cast_at).run();
      return same ? VoteChange::Unchanged : VoteChange::Replaced;
    }
  }
  cached("INSERT INTO vote (tool_id, verdict, voter, cast_at) VALUES (?1, ?2, ?3, ?4)")
      .bind_all(tool_id, verdict, voter, cast_at)
      .run();
  return VoteChange::Added;
}

std::optional<Store::StoredReview> Store::load_review(std::int64_t id) {
  sql::Statement stmt(*db_, fmt::format(
      "SELECT {}, r.tool_id, r.persona_id FROM review r JOIN persona p ON p.id = r.persona_id "
      "JOIN tool t ON t.id = r.tool_id WHERE r.id = ?1", kReviewColumns).c_str());
  if (!stmt.bind_all(id).step()) return std::nullopt;
  StoredReview stored;
  stored.review = read_review(stmt);
  stored.tool_id = stmt.integer(kHasSources + 1);
  stored.persona_id = stmt.integer(kHasSources + 2);
  read_sources(stored.review);
  return stored;
}

void Store::update_review(std::int64_t id, const Review& review) {
  std::optional<std::string> verdict;
  if (review.verdict) verdict = verdict_name(*review.verdict);
  sql::Statement stmt(*db_, "UPDATE review SET score = ?2, verdict = ?3, text = ?4, reviewed_at = ?5 WHERE id = ?1");
  stmt.bind_all(id, review.score, verdict, review.text, review.reviewed_at).run();
}

void Store::delete_review(std::int64_t id) {
  sql::Statement stmt(*db_, "DELETE FROM review WHERE id = ?1");
  stmt.bind_all(id).run();
}

bool Store::remove_vote(std::int64_t tool_id, const std::optional<std::string>& voter) {
  if (voter) {
    sql::Statement stmt(*db_, "DELETE FROM vote WHERE tool_id = ?1 AND voter = ?2 COLLATE NOCASE");
    stmt.bind_all(tool_id, *voter).run();
  } else {
    sql::Statement stmt(*db_,
                        "DELETE FROM vote WHERE id = (SELECT max(id) FROM vote WHERE tool_id = ?1 AND voter IS NULL)");
    stmt.bind_all(tool_id).run();
  }
  return db_->changes() > 0;
}

std::optional<Store::CurrentReview> Store::current_review(std::int64_t tool_id, std::int64_t persona_id) {
  sql::Statement& stmt = cached("SELECT reviewed_at, score IS NOT NULL OR verdict IS NOT NULL, id FROM review "
                                "WHERE tool_id = ?1 AND persona_id = ?2 "
                                "ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1");
  std::optional<CurrentReview> found;
  if (stmt.bind_all(tool_id, persona_id).step()) found = CurrentReview{stmt.text(0), stmt.integer(1) != 0, stmt.integer(2)};
  stmt.reset();
  return found;
}

VoteTally Store::votes(std::int64_t tool_id, const std::optional<std::string>& as_of) {
  sql::Statement& stmt = cached(as_of ? "SELECT count(*) FILTER (WHERE verdict = 'ship'), count(*) FILTER (WHERE verdict = "
                                        "'skip') FROM vote WHERE tool_id = ?1 AND cast_at <= ?2"
                                      : "SELECT count(*) FILTER (WHERE verdict = 'ship'), count(*) FILTER (WHERE verdict = "
                                        "'skip') FROM vote WHERE tool_id = ?1");
  stmt.bind(1, tool_id);
  if (as_of) stmt.bind(2, *as_of);
  stmt.step();
  VoteTally tally{static_cast<int>(stmt.integer(0)), static_cast<int>(stmt.integer(1))};
  stmt.reset();
  return tally;
}

DatabaseInfo Store::info() {
  sql::Statement stmt(*db_, db_->schema_version_sql());
  DatabaseInfo info;
  info.schema = stmt.step() ? static_cast<int>(stmt.integer(0)) : 0;
  sql::Statement counts(*db_,
                        "SELECT (SELECT count(*) FROM tool), (SELECT count(*) FROM persona WHERE removed_at IS NULL), "
                        "(SELECT count(*) FROM review), (SELECT count(*) FROM vote), (SELECT count(*) FROM decision)");
  counts.step();
  info.path = path_;
  info.exists = !in_memory_;
  info.backend = backend_->describe();
  info.tools = counts.integer(0);
  info.personas = counts.integer(1);
  info.reviews = counts.integer(2);
  info.votes = counts.integer(3);
  info.decisions = counts.integer(4);
  return info;
}

}  // namespace toolcmp
