// The store against real SQLite files in a temporary directory, and (those
// not tagged [sqlite]) against a PostgreSQL schema on the suite's second half.
#include <sys/stat.h>

#include <fstream>

#include <catch2/catch.hpp>

#include "support.h"
#include "toolcmp/base/error.h"
#include "toolcmp/app/names.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_edits.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/store/schema.h"

using namespace toolcmp;
using toolcmp::test::TempDir;

namespace {

std::int64_t add_tool(Store& store, const std::string& name) {
  Tool tool;
  tool.name = name;
  std::int64_t id = 0;
  store.write([&] { id = store.edits().insert_tool(tool, "2026-11-01T00:00:00Z"); });
  return id;
}

// A vote as the vote command casts it: the voter's vote read first.
VoteChange cast(Store& store, std::int64_t tool, Verdict verdict, const std::optional<std::string>& voter) {
  std::optional<Vote> before = voter ? store.panel().named_vote(tool, *voter) : std::nullopt;
  return store.edits().cast_vote(tool, verdict, voter, "t", before);
}

Review make_review(int score, Verdict verdict, const std::string& at, const std::string& text = "") {
  Review review;
  review.score = score;
  review.verdict = verdict;
  review.reviewed_at = at;
  review.text = text;
  return review;
}

}  // namespace

TEST_CASE("a new database has the four default personas in panel order") {
  test::Db db;
  Store store(db.path(), Store::Access::Write);
  std::vector<std::string> names;
  for (const Persona& p : store.panel().personas(false)) names.push_back(p.name);
  CHECK(names == std::vector<std::string>{"Builder", "Skeptic", "Futurist", "Founder"});
  CHECK(store.info().schema == kSchemaVersion);
}

TEST_CASE("writing creates the directory 0700 and the file 0600", "[sqlite]") {
  TempDir dir;
  std::string path = dir.file("nested/deeper/t.db");
  {
    Store store(path, Store::Access::Write, true);
    store.write([] {});  // a file nothing commits to is taken back
  }
  struct stat st {};
  REQUIRE(::stat(path.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0600);
  REQUIRE(::stat(dir.file("nested/deeper").c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
}

TEST_CASE("reading a missing database creates nothing and reads as empty", "[sqlite]") {
  TempDir dir;
  std::string path = dir.file("missing/none.db");
  Store store(path, Store::Access::Read);
  CHECK(store.info().tools == 0);
  CHECK(store.panel().personas(false).size() == 4);
  CHECK_FALSE(store.info().exists);
  CHECK_FALSE(toolcmp::test::file_exists(path));
  CHECK_FALSE(toolcmp::test::file_exists(dir.file("missing")));
}

TEST_CASE("a file that is not a toolcmp database is refused and left as it was", "[sqlite]") {
  TempDir dir;
  std::string text = dir.file("notes.txt");
  std::ofstream(text) << "just some notes, not a database at all, but long enough to have a header of sorts\n";
  CHECK_THROWS_WITH(Store(text, Store::Access::Write), Catch::Contains("not a toolcmp database"));
  CHECK(toolcmp::test::read_file(text).rfind("just some notes", 0) == 0);
}

TEST_CASE("the current review is the latest and history keeps every one") {
  test::Db db;
  Store store(db.path(), Store::Access::Write);
  std::int64_t tool = add_tool(store, "SmolLM3");
  std::int64_t builder = resolve_name(store, NameTable::Persona, "builder").id;
  store.write([&] {
    store.edits().insert_review(tool, builder, make_review(60, Verdict::Skip, "2026-11-02T00:00:00Z", "second"));
    store.edits().insert_review(tool, builder, make_review(90, Verdict::Ship, "2026-11-01T00:00:00Z", "first"));
  });
  auto current = store.panel().current_reviews(tool);
  REQUIRE(current.size() == 1);
  CHECK(current[0].text == "second");
  int visits = 0;
  store.panel().each_tool_summary(std::nullopt, [&](const Tool& t, const std::vector<Review>& reviews, const VoteTally&) {
    ++visits;
    CHECK(t.id == tool);
    REQUIRE(reviews.size() == 1);
    CHECK(reviews[0].score == 60);  // the summary agrees on which review is current
    CHECK(reviews[0].text.empty());
  });
  CHECK(visits == 1);
  auto history = store.panel().history(tool, std::nullopt);
  REQUIRE(history.size() == 2);
  CHECK(history[0].text == "first");
  CHECK(history[1].text == "second");
}

TEST_CASE("tool summaries: name order, a category, current reviews in panel order, tallies") {
  test::Db db;
  Store store(db.path(), Store::Access::Write);
  std::int64_t zeta = add_tool(store, "zeta");
  std::int64_t alpha = add_tool(store, "Alpha");
  std::int64_t builder = resolve_name(store, NameTable::Persona, "builder").id;
  std::int64_t founder = resolve_name(store, NameTable::Persona, "founder").id;
  std::int64_t skeptic = resolve_name(store, NameTable::Persona, "skeptic").id;
  store.write([&] {
    store.edits().insert_review(alpha, founder, make_review(70, Verdict::Ship, "2026-11-01T00:00:00Z"));
    store.edits().insert_review(alpha, builder, make_review(10, Verdict::Skip, "2026-11-01T00:00:00Z"));
    store.edits().insert_review(alpha, builder, make_review(20, Verdict::Ship, "2026-11-01T00:00:00Z"));  // same time: later id wins
    store.edits().insert_review(alpha, skeptic, make_review(50, Verdict::Skip, "2026-11-01T00:00:00Z"));
    store.edits().remove_persona(skeptic, "2026-11-02T00:00:00Z");
    cast(store, alpha, Verdict::Ship, std::string("ana"));
    cast(store, alpha, Verdict::Skip, std::nullopt);
    cast(store, zeta, Verdict::Skip, std::nullopt);
    Tool tool = store.panel().load_tool(zeta);
    tool.category = "Code Models";
    store.edits().update_tool(tool, "t");
  });
  std::vector<std::string> names;
  store.panel().each_tool_summary(std::nullopt, [&](const Tool& tool, const std::vector<Review>& reviews, const VoteTally& tally) {
    names.push_back(tool.name);
    if (tool.id != alpha) return;
    REQUIRE(reviews.size() == 2);
    CHECK(reviews[0].persona == "Builder");
    CHECK(reviews[0].score == 20);
    CHECK(reviews[0].verdict == Verdict::Ship);
    CHECK(reviews[1].persona == "Founder");
    CHECK(tally.ship == 1);
    CHECK(tally.skip == 1);
  });
  CHECK(names == std::vector<std::string>{"Alpha", "zeta"});
  names.clear();
  store.panel().each_tool_summary(std::string("code models"), [&](const Tool& tool, const std::vector<Review>&,
                                                          const VoteTally& tally) {
    names.push_back(tool.name);
    CHECK(tally.skip == 1);
  });
  CHECK(names == std::vector<std::string>{"zeta"});
}

TEST_CASE("named votes replace each other and anonymous votes add up") {
  test::Db db;
  Store store(db.path(), Store::Access::Write);
  std::int64_t tool = add_tool(store, "SmolVLM2");
  store.write([&] {
    CHECK(cast(store, tool, Verdict::Ship, std::string("ana")) == VoteChange::Added);
    CHECK(cast(store, tool, Verdict::Skip, std::string("ANA")) == VoteChange::Replaced);
    CHECK(cast(store, tool, Verdict::Skip, std::string("ana")) == VoteChange::Unchanged);
    cast(store, tool, Verdict::Ship, std::nullopt);
    cast(store, tool, Verdict::Ship, std::nullopt);
  });
  VoteTally tally = store.panel().votes(tool);
  CHECK(tally.ship == 2);
  CHECK(tally.skip == 1);
}

TEST_CASE("a write that throws leaves nothing behind") {
  test::Db db;
  Store store(db.path(), Store::Access::Write);
  CHECK_THROWS(store.write([&] {
    Tool tool;
    tool.name = "Half";
    store.edits().insert_tool(tool, "t");
    throw Error("stop");
  }));
  CHECK(store.info().tools == 0);
}

TEST_CASE("removing a tool removes its reviews and votes") {
  test::Db db;
  Store store(db.path(), Store::Access::Write);
  std::int64_t tool = add_tool(store, "Gone");
  store.write([&] {
    store.edits().insert_review(tool, 1, make_review(50, Verdict::Ship, "t"));
    cast(store, tool, Verdict::Ship, std::nullopt);
  });
  CHECK(store.panel().count_for_tool(tool).reviews == 1);
  store.write([&] { store.edits().delete_tool(tool); });
  DatabaseInfo info = store.info();
  CHECK(info.tools == 0);
  CHECK(info.reviews == 0);
  CHECK(info.votes == 0);
}

TEST_CASE("tool names resolve exactly, ignoring case, then ignoring punctuation") {
  test::Db db;
  Store store(db.path(), Store::Access::Write);
  std::int64_t llama = add_tool(store, "Code Llama 4");
  add_tool(store, "Mistral 3B");
  CHECK(resolve_name(store, NameTable::Tool, "Code Llama 4").id == llama);
  CHECK(resolve_name(store, NameTable::Tool, "code llama 4").id == llama);
  CHECK(resolve_name(store, NameTable::Tool, "code-llama-4").id == llama);
  CHECK(resolve_name(store, NameTable::Tool, "codellama4").id == llama);
  CHECK_THROWS_WITH(resolve_name(store, NameTable::Tool, "Code Lama 4"),
                    "no tool named 'Code Lama 4'; did you mean 'Code Llama 4'?");
}

TEST_CASE("a loose name that matches two tools asks for the full name") {
  test::Db db;
  Store store(db.path(), Store::Access::Write);
  add_tool(store, "GPT-4o");
  add_tool(store, "GPT 4o");
  CHECK_THROWS_WITH(resolve_name(store, NameTable::Tool, "gpt4o"), Catch::Contains("could be 'GPT 4o' or 'GPT-4o'"));
}

TEST_CASE("the schema read from schema.sql's text is the one SQLite keeps", "[sqlite]") {
  toolcmp::Schema from_text = toolcmp::current_schema();
  toolcmp::Schema from_sqlite = toolcmp::schema_as_made(toolcmp::kSchemaVersion, toolcmp::kSchemaVersion);
  CHECK(from_text.size() == from_sqlite.size());
  CHECK(from_text == from_sqlite);
  // A database made at every earlier version and migrated differs only in
  // the text of the tables ALTER TABLE changed, never in what it holds.
  for (int made_at = 1; made_at < toolcmp::kSchemaVersion; ++made_at) {
    toolcmp::Schema migrated = toolcmp::schema_as_made(made_at, toolcmp::kSchemaVersion);
    REQUIRE(migrated.size() == from_sqlite.size());
    for (const auto& [key, sql] : migrated) CHECK(from_sqlite.count(key) == 1);
  }
}

TEST_CASE("src/store/schema/migrated.txt holds each earlier version's schema once migrated", "[sqlite]") {
  std::string expected;
  for (int made_at = 1; made_at < toolcmp::kSchemaVersion; ++made_at) {
    expected += "-- made at " + std::to_string(made_at) + "\n" +
                toolcmp::serialize_schema(toolcmp::schema_as_made(made_at, toolcmp::kSchemaVersion));
  }
  std::string path = std::string(TOOLCMP_SOURCE_DIR) + "/src/store/schema/migrated.txt";
  const char* update = std::getenv("TOOLCMP_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") std::ofstream(path, std::ios::binary) << expected;
  INFO("rerun with TOOLCMP_UPDATE_GOLDEN=1 after adding a migration, and review the diff");
  CHECK(toolcmp::test::read_file(path) == expected);
  CHECK(std::string(toolcmp::kMigratedSchemas) == expected);  // as compiled in
}

TEST_CASE("SQL compares without comments and with one space for each run of white space", "[sqlite]") {
  using toolcmp::normalize_sql;
  CHECK(normalize_sql("CREATE TABLE t (  -- a note\n  a INT,\n\t b /* old */ TEXT\n)") ==
        "CREATE TABLE t ( a INT, b TEXT )");
  CHECK(normalize_sql("CHECK (v IN ('ship  --x', \"a  b\"))") == "CHECK (v IN ('ship  --x', \"a  b\"))");
  CHECK(normalize_sql("x -- to the end") == "x");
  CHECK(normalize_sql("'unterminated  text") == "'unterminated  text");
}

TEST_CASE("a database file made for a write that commits nothing is taken back with its directories", "[sqlite]") {
  TempDir dir;
  std::string path = dir.file("made/here/t.db");
  {
    Store store(path, Store::Access::Write, true);
    REQUIRE(toolcmp::test::file_exists(path));
  }
  CHECK_FALSE(toolcmp::test::file_exists(path));
  CHECK_FALSE(toolcmp::test::file_exists(path + "-wal"));
  CHECK_FALSE(toolcmp::test::file_exists(dir.file("made")));
  // A file that existed before is never taken away, even empty.
  std::string empty = dir.file("empty.db");
  toolcmp::test::exec_sql(empty, "");
  REQUIRE(toolcmp::test::file_exists(empty));
  { Store store(empty, Store::Access::Write); }
  CHECK(toolcmp::test::file_exists(empty));
}
