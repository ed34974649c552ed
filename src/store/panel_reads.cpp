// Reading a panel's tools, personas, reviews and votes (panel_reads.h);
// the streams and change lists are in panel_streams.cpp.
#include "toolcmp/store/panel_reads.h"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "store/sql.h"
#include "store/stored_values.h"
#include "store/tool_rows.h"
#include "toolcmp/model/values.h"

namespace toolcmp {


namespace {

// Columns read by read_review, in this order; the last says whether the
// review has other sources to read (most have none: no statement for them).
constexpr const char* kReviewColumns =
    "r.id, t.name, p.name, p.weight, r.score, r.verdict, r.text, r.reviewed_at, r.source, r.recorded_at, "
    "EXISTS (SELECT 1 FROM review_source s WHERE s.review_id = r.id), r.author";
constexpr int kHasSources = 10;
constexpr int kAuthor = 11;
constexpr int kColumnsRead = 12;  // load_review's own columns come after

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
  review.author = stmt.optional_text(kAuthor);
  return review;
}

// A tool's current review per persona of the panel, in panel order, from
// rows of (persona_id, score, verdict, id, reviewed_at) starting at column
// first; a later row of a persona replaces an earlier one.
class PanelOrder {
 public:
  explicit PanelOrder(std::vector<Persona> panel) : panel_(std::move(panel)), current_(panel_.size()) {
    for (std::size_t i = 0; i < panel_.size(); ++i) seat_[panel_[i].id] = i;
  }
  void add(const std::string& tool, const sql::Statement& row, int first) {
    auto it = seat_.find(row.integer(first));
    if (it == seat_.end()) return;  // a removed persona
    Review& review = current_[it->second].emplace();
    review.tool = tool;
    review.persona = panel_[it->second].name;
    review.persona_weight = panel_[it->second].weight;
    RowName name{"review", row.integer(first + 3)};
    review.score = stored_score(row, first + 1, name);
    review.verdict = stored_verdict(row, first + 2, name);
    review.reviewed_at = row.text(first + 4);
  }
  std::vector<Review> take() {
    std::vector<Review> in_panel_order;
    for (auto& review : current_) {
      if (review) in_panel_order.push_back(std::move(*review));
      review.reset();
    }
    return in_panel_order;
  }

 private:
  std::vector<Persona> panel_;
  std::map<std::int64_t, std::size_t> seat_;  // persona id -> panel position
  std::vector<std::optional<Review>> current_;
};

}  // namespace

Tool PanelReads::load_tool(std::int64_t id) {
  // Prepared once per Store: check and decision show load many tools.
  static const std::string kLoadTool = fmt::format("SELECT {} FROM tool WHERE id = ?1", tool_columns());
  sql::Statement& stmt = cached(kLoadTool.c_str());
  if (!stmt.bind_all(id).step()) throw Error(fmt::format("no tool with id {}", id));
  Tool tool = read_tool(stmt);
  stmt.reset();
  sql::Statement& attrs = cached("SELECT key, value FROM tool_attribute WHERE tool_id = ?1 ORDER BY key");
  attrs.bind_all(id);
  while (attrs.step()) tool.attributes.emplace_back(attrs.text(0), attrs.text(1));
  attrs.reset();
  return tool;
}

std::int64_t PanelReads::count_tools(const std::optional<std::string>& category) {
  sql::Statement stmt(db(), category ? "SELECT count(*) FROM tool WHERE category = ?1 COLLATE NOCASE"
                                     : "SELECT count(*) FROM tool");
  if (category) stmt.bind(1, *category);
  return stmt.step() ? stmt.integer(0) : 0;
}

void PanelReads::each_tool_summary(const std::optional<std::string>& category,
                              const std::function<void(Tool, std::vector<Review>, const VoteTally&)>& visit,
                              const ReviewCut& cut, bool by_name) {
  const std::optional<std::string>& as_of = cut.written;
  bool by_id = !by_name && db().remote();
  // Each tally is a count over index vote_tally (with as_of, over the votes
  // then cast). On a server, every tool's tally comes from one grouped pass
  // over that index instead: two probes per tool took 0.55 s of the
  // server's time for 100,000 tools, the pass 0.33 s (psql, 2026-12-06).
  // With a category the probes stay: its tools may be few.
  const char* cast_then = as_of ? " AND cast_at <= ?2" : "";
  std::string tally =
      db().remote() && !category
          ? fmt::format("coalesce(v.ships, 0), coalesce(v.skips, 0) FROM tool t LEFT JOIN (SELECT tool_id, "
                        "count(*) FILTER (WHERE verdict = 'ship') AS ships, count(*) FILTER (WHERE verdict = 'skip') "
                        "AS skips FROM vote WHERE TRUE{} GROUP BY tool_id) AS v ON v.tool_id = t.id",
                        cast_then)
          : fmt::format("(SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'ship'{0}), "
                        "(SELECT count(*) FROM vote WHERE tool_id = t.id AND verdict = 'skip'{0}) FROM tool t {1}",
                        cast_then, category ? "WHERE category = ?1 COLLATE NOCASE" : "");
  std::string tools_sql =
      fmt::format("SELECT {}, {} ORDER BY {}", tool_columns(), tally, by_id ? "id DESC" : "name_key");
  sql::Statement tools(db(), tools_sql.c_str());
  tools.stream();
  if (category) tools.bind(1, *category);
  if (as_of) tools.bind(2, *as_of);
  if (db().remote()) {
    each_tool_summary_merged(tools, category, visit, cut, by_id);
    return;
  }
  // All of a tool's reviews, oldest first per persona, from index
  // review_current alone; the last of each persona's is its current one.
  sql::Statement reviews(db(), fmt::format("SELECT persona_id, score, verdict, id, reviewed_at FROM review "
                                           "WHERE tool_id = ?1{} ORDER BY persona_id, reviewed_at, recorded_at, id",
                                           as_of ? " AND reviewed_at <= ?2 AND (CAST(?3 AS TEXT) IS NULL OR recorded_at <= ?3)"
                                                 : "").c_str());
  PanelOrder current(personas(false));
  while (tools.step()) {
    Tool tool = read_tool(tools);
    VoteTally tally{static_cast<int>(tools.integer(15)), static_cast<int>(tools.integer(16))};
    reviews.bind(1, tool.id);
    if (as_of) reviews.bind(2, *as_of).bind(3, cut.recorded);
    while (reviews.step()) current.add(tool.name, reviews, 0);
    reviews.reset();
    visit(std::move(tool), current.take(), tally);
  }
}

// On a server, a statement per tool is a round trip per tool: the current
// review of each persona for every tool comes in one more stream, in the
// tools' order, and the two are walked together (a merge join here).
// PostgreSQL's own spelling (DISTINCT ON): this runs on a server only.
void PanelReads::each_tool_summary_merged(sql::Statement& tools, const std::optional<std::string>& category,
                                          const std::function<void(Tool, std::vector<Review>, const VoteTally&)>& visit,
                                          const ReviewCut& cut, bool by_id) {
  const std::optional<std::string>& as_of = cut.written;
  // The current reviews first, in the order of index review_current read
  // backwards (no sort of the whole history), then the few of them put in
  // the tools' order: half the time of one DISTINCT ON in name order. In
  // id order (the tools by id DESC) they need no sort at all: a third.
  const char* written = as_of ? "r.reviewed_at <= ?2 AND (CAST(?3 AS TEXT) IS NULL OR r.recorded_at <= ?3)" : "TRUE";
  const char* in_category = category ? "t.category = ?1 COLLATE NOCASE" : "TRUE";
  std::string current_sql = fmt::format(
      "SELECT DISTINCT ON (r.tool_id, r.persona_id) r.tool_id, r.persona_id, r.score, r.verdict, r.id, r.reviewed_at "
      "FROM review r WHERE {} {} ORDER BY r.tool_id DESC, r.persona_id DESC, r.reviewed_at DESC, r.recorded_at DESC, "
      "r.id DESC",
      written, category && by_id ? "AND r.tool_id IN (SELECT t.id FROM tool t WHERE t.category = ?1 COLLATE NOCASE)" : "");
  std::string sql = by_id ? current_sql
                          : fmt::format("SELECT t.id, c.persona_id, c.score, c.verdict, c.id, c.reviewed_at FROM ({}) "
                                        "AS c JOIN tool t ON t.id = c.tool_id WHERE {} ORDER BY t.name_key, c.persona_id",
                                        current_sql, in_category);
  sql::Statement reviews(db(), sql.c_str());
  reviews.stream();
  if (category) reviews.bind(1, *category);
  if (as_of) reviews.bind(2, *as_of).bind(3, cut.recorded);
  PanelOrder current(personas(false));
  bool more = reviews.step();
  while (tools.step()) {
    Tool tool = read_tool(tools);
    VoteTally tally{static_cast<int>(tools.integer(15)), static_cast<int>(tools.integer(16))};
    for (; more && reviews.integer(0) == tool.id; more = reviews.step()) current.add(tool.name, reviews, 1);
    visit(std::move(tool), current.take(), tally);
  }
}

ToolCounts PanelReads::count_for_tool(std::int64_t id) {
  sql::Statement stmt(db(),
                      "SELECT (SELECT count(*) FROM review WHERE tool_id = ?1), "
                      "(SELECT count(*) FROM vote WHERE tool_id = ?1)");
  stmt.bind_all(id).step();
  return {stmt.integer(0), stmt.integer(1)};
}

std::vector<std::string> PanelReads::other_authors(std::int64_t tool_id, const std::string& author) {
  sql::Statement stmt(db(), "SELECT author FROM review WHERE tool_id = ?1 AND author <> ?2 UNION "
                            "SELECT author FROM vote WHERE tool_id = ?1 AND voter IS NOT NULL AND author <> ?2 "
                            "ORDER BY 1");
  stmt.bind_all(tool_id, author);
  std::vector<std::string> authors;
  while (stmt.step()) authors.push_back(stmt.text(0));
  return authors;
}

std::vector<Persona> PanelReads::personas(bool include_removed) {
  sql::Statement& stmt = cached("SELECT id, name, focus, weight, removed_at FROM persona "
                                "WHERE ?1 <> 0 OR removed_at IS NULL ORDER BY position");
  stmt.bind_all(include_removed ? 1 : 0);
  std::vector<Persona> result;
  while (stmt.step()) result.push_back(read_persona(stmt));
  stmt.reset();
  return result;
}

Persona PanelReads::load_persona(std::int64_t id) {
  sql::Statement stmt(db(), "SELECT id, name, focus, weight, removed_at FROM persona WHERE id = ?1");
  if (!stmt.bind_all(id).step()) throw Error(fmt::format("no persona with id {}", id));
  return read_persona(stmt);
}

std::int64_t PanelReads::count_persona_reviews(std::int64_t id) {
  sql::Statement stmt(db(), "SELECT count(*) FROM review WHERE persona_id = ?1");
  stmt.bind_all(id).step();
  return stmt.integer(0);
}

void PanelReads::read_sources(Review& review) {
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

std::vector<Review> PanelReads::read_reviews(sql::Statement& stmt) {
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

std::vector<Review> PanelReads::current_reviews(std::int64_t tool_id, const ReviewCut& cut, bool texts) {
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

std::vector<Review> PanelReads::history(std::int64_t tool_id, std::optional<std::int64_t> persona_id) {
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

void PanelReads::each_window_review(std::size_t tools, const ReviewCut& cut,
                               const std::function<void(std::int64_t, std::int64_t, std::optional<int>,
                                                        const std::string&)>& visit) {
  // Oldest first per tool and persona: the last of each group is current.
  sql::Statement stmt(db(), "SELECT tool_id, persona_id, score, reviewed_at, id FROM review "
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

std::vector<Review> PanelReads::latest_reviews(std::int64_t tool_id, const ReviewCut& cut, std::size_t limit,
                                          std::int64_t& total) {
  // Written by cut.written (?2) and recorded by cut.recorded (?N).
  auto then = [](int recorded) {
    return fmt::format("(CAST(?2 AS TEXT) IS NULL OR r.reviewed_at <= ?2) AND (CAST(?{0} AS TEXT) IS NULL OR "
                       "r.recorded_at <= ?{0})",
                       recorded);
  };
  sql::Statement count(db(), fmt::format("SELECT count(*) FROM review r WHERE r.tool_id = ?1 AND {}", then(3)).c_str());
  count.bind(1, tool_id).bind(2, cut.written).bind(3, cut.recorded);
  count.step();
  total = count.integer(0);
  sql::Statement stmt(db(), fmt::format("SELECT {} {} WHERE r.tool_id = ?1 AND {} "
                                        "ORDER BY r.reviewed_at DESC, r.recorded_at DESC, r.id DESC LIMIT ?3",
                                        kReviewColumns, kReviewsJoined, then(4)).c_str());
  stmt.bind(1, tool_id).bind(2, cut.written).bind(3, static_cast<std::int64_t>(limit)).bind(4, cut.recorded);
  return read_reviews(stmt);
}

std::optional<StoredReview> PanelReads::load_review(std::int64_t id) {
  sql::Statement stmt(db(), fmt::format(
      "SELECT {}, r.tool_id, r.persona_id FROM review r JOIN persona p ON p.id = r.persona_id "
      "JOIN tool t ON t.id = r.tool_id WHERE r.id = ?1", kReviewColumns).c_str());
  if (!stmt.bind_all(id).step()) return std::nullopt;
  StoredReview stored;
  stored.review = read_review(stmt);
  stored.tool_id = stmt.integer(kColumnsRead);
  stored.persona_id = stmt.integer(kColumnsRead + 1);
  read_sources(stored.review);
  return stored;
}

std::optional<CurrentReview> PanelReads::current_review(std::int64_t tool_id, std::int64_t persona_id) {
  sql::Statement& stmt = cached("SELECT reviewed_at, score IS NOT NULL OR verdict IS NOT NULL, id FROM review "
                                "WHERE tool_id = ?1 AND persona_id = ?2 "
                                "ORDER BY reviewed_at DESC, recorded_at DESC, id DESC LIMIT 1");
  std::optional<CurrentReview> found;
  if (stmt.bind_all(tool_id, persona_id).step()) found = CurrentReview{stmt.text(0), stmt.integer(1) != 0, stmt.integer(2)};
  stmt.reset();
  return found;
}

VoteTally PanelReads::votes(std::int64_t tool_id, const std::optional<std::string>& as_of) {
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

std::vector<std::int64_t> PanelReads::vote_ids(std::int64_t tool_id, const std::optional<std::string>& as_of) {
  sql::Statement& stmt = cached("SELECT id FROM vote WHERE tool_id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR cast_at <= ?2) "
                                "ORDER BY id");
  stmt.bind(1, tool_id).bind(2, as_of);
  std::vector<std::int64_t> ids;
  while (stmt.step()) ids.push_back(stmt.integer(0));
  stmt.reset();
  return ids;
}

}  // namespace toolcmp
