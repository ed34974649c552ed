// A new user's first day: commands that delete or overwrite, the rm
// prompt, standard input, dates, votes and the --json of write commands.
#include <pty.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>

#include "support.h"
#include "toolcmp/cli/cli.h"
#include "toolcmp/base/io.h"

using toolcmp::test::Db;
using toolcmp::test::Result;
using Json = nlohmann::json;

namespace {

Json counts(const Db& db) { return Json::parse(db.ok({"info", "--json"})); }

// Standard input on a real terminal (a pseudo-terminal), whose every read
// first tries to take the database's write lock from another connection:
// what a second writer would meet while rm waits for its answer.
class PromptInput : public toolcmp::FdInBuf {
 public:
  PromptInput(int slave_fd, const std::string& db_path) : FdInBuf(slave_fd), db_path_(db_path) {}
  bool lock_was_free = false;
  int reads = 0;

 protected:
  int_type underflow() override {
    ++reads;
    try {
      toolcmp::test::exec_sql(db_path_, "PRAGMA busy_timeout = 0; BEGIN IMMEDIATE; ROLLBACK;");
      lock_was_free = true;
    } catch (const std::exception&) {
      lock_was_free = false;
    }
    return FdInBuf::underflow();
  }

 private:
  std::string db_path_;
};

struct PromptResult {
  Result result;
  bool lock_was_free = false;  // when rm read the answer
};

PromptResult run_with_terminal_input(const Db& db, const std::vector<std::string>& args, const std::string& typed) {
  int master = -1, slave = -1;
  REQUIRE(::openpty(&master, &slave, nullptr, nullptr, nullptr) == 0);
  REQUIRE(::write(master, typed.data(), typed.size()) == static_cast<ssize_t>(typed.size()));
  PromptInput buffer(slave, db.path());
  std::istream in(&buffer);
  std::vector<std::string> full{"toolcmp", "--db", db.path()};
  full.insert(full.end(), args.begin(), args.end());
  std::vector<const char*> argv;
  for (const std::string& arg : full) argv.push_back(arg.c_str());
  std::ostringstream out, err;
  Result result;
  result.code = toolcmp::run_cli(static_cast<int>(argv.size()), argv.data(), in, out, err);
  result.out = out.str();
  result.err = err.str();
  CHECK(buffer.reads > 0);
  ::close(master);
  ::close(slave);
  return {result, buffer.lock_was_free};
}

}  // namespace

TEST_CASE("rm and persona rm act only on the exact name and ignoring case") {
  Db db;
  db.ok({"add", "Café", "-q"});
  db.ok({"add", "Cafe", "-q"});
  db.ok({"vote", "Cafe", "ship", "-q"});
  db.ok({"rm", "Café", "--yes", "-q"});
  Result again = db.run({"rm", "Café", "--yes"});
  CHECK(again.code == 1);
  CHECK(again.err == "toolcmp: error: no tool is named exactly 'Café'; did you mean 'Cafe'? This command changes or "
                     "removes data, so it takes the full name (any case)\n");
  CHECK(counts(db)["tools"] == 1);
  CHECK(counts(db)["votes"] == 1);
  CHECK(db.run({"rm", "cafe", "--yes", "-q"}).code == 0);  // case alone is forgiven

  CHECK(db.run({"persona", "rm", "build-er"}).code == 1);
  CHECK(counts(db)["personas"] == 4);
  db.ok({"persona", "rm", "builder", "-q"});
  CHECK(counts(db)["personas"] == 3);
}

TEST_CASE("a rename and a named vote need the exact name too and reads stay forgiving") {
  Db db;
  db.ok({"add", "Code Llama 4", "-q"});
  CHECK(db.run({"edit", "codellama4", "--rename", "CL4"}).code == 1);
  CHECK(db.run({"vote", "codellama4", "ship", "--voter", "ana"}).code == 1);
  CHECK(db.run({"vote", "codellama4", "ship", "-q"}).code == 0);  // anonymous: adds, replaces nothing
  CHECK(db.run({"edit", "codellama4", "--vendor", "Meta", "-q"}).code == 0);
  CHECK(db.run({"show", "code-llama-4"}).code == 0);
}

TEST_CASE("rm asks before it takes the write lock and nothing waits on the person", "[sqlite]") {
  Db db;
  db.ok({"add", "Old Model", "-q"});
  PromptResult no = run_with_terminal_input(db, {"rm", "Old Model"}, "n\n");
  CHECK(no.result.code == 0);  // an answer, not an error
  CHECK(no.result.err == "Remove 'Old Model' with its 0 reviews and 0 votes? [y/N] Nothing removed.\n");
  CHECK(no.lock_was_free);
  CHECK(counts(db)["tools"] == 1);
  PromptResult yes = run_with_terminal_input(db, {"rm", "Old Model"}, "y\n");
  CHECK(yes.result.code == 0);
  CHECK(yes.lock_was_free);
  CHECK(yes.result.out == "Removed 'Old Model' with its 0 reviews and 0 votes\n");
  CHECK(counts(db)["tools"] == 0);
}

TEST_CASE("rm --json prints what it removed and a script without --yes is refused") {
  Db db;
  db.ok({"add", "Old Model", "-q"});
  Result refused = db.run({"rm", "Old Model"});
  CHECK(refused.code == 2);
  CHECK(refused.err == "toolcmp: error: refusing to remove 'Old Model' with its 0 reviews and 0 votes without --yes\n");
  Json removed = Json::parse(db.ok({"rm", "Old Model", "--yes", "--json"}));
  CHECK(removed == Json::parse(R"({"schema_version":3,"removed":{"type":"tool","name":"Old Model"}})"));
}

TEST_CASE("review --text-file - reads standard input and a closed one is an error") {
  Db db;
  db.ok({"add", "A", "-q"});
  CHECK(db.run_input({"review", "A", "Builder", "--verdict", "ship", "--text-file", "-", "-q"}, "From stdin.\n").code == 0);
  Json history = Json::parse(db.ok({"history", "A", "--json"}));
  CHECK(history["reviews"][0]["text"] == "From stdin.");
  Result closed = db.run_input({"review", "A", "Skeptic", "--verdict", "ship", "--text-file", "-"}, "", true);
  CHECK(closed.code == 1);
  CHECK_THAT(closed.err, Catch::StartsWith("toolcmp: error: cannot read review text in standard input"));
  CHECK(counts(db)["reviews"] == 1);
}

TEST_CASE("a review dated more than a day ahead is refused and a back-dated one says it is not current") {
  Db db;
  db.ok({"add", "X", "-q"});
  Result future = db.run({"review", "X", "Builder", "--verdict", "ship", "--at", "9999-12-31"});
  CHECK(future.code == 2);
  CHECK(future.err == "toolcmp: error: date '9999-12-31T00:00:00Z' is more than a day in the future; give the date "
                      "it was reviewed\n");
  CHECK(counts(db)["reviews"] == 0);
  db.ok({"review", "X", "Builder", "--verdict", "ship", "--at", "2026-11-05", "-q"});
  std::string older = db.ok({"review", "X", "Builder", "--verdict", "skip", "--at", "2026-10-01"});
  CHECK(older == "Recorded in history; the current Builder review of X is from 2026-11-05.\n");
  std::string newer = db.ok({"review", "X", "Builder", "--verdict", "skip", "--at", "2026-11-06"});
  CHECK(newer == "Recorded Builder's review of X: skip\n");
}

TEST_CASE("review --at takes RFC 3339 offsets and fractions and says why a date is refused") {
  Db db;
  db.ok({"add", "X", "-q"});
  db.ok({"review", "X", "Builder", "--verdict", "ship", "--at", "2026-11-05T01:30:00.250+02:00", "-q"});
  Json history = Json::parse(db.ok({"history", "X", "--json"}));
  CHECK(history["reviews"][0]["reviewed_at"] == "2026-11-04T23:30:00Z");
  CHECK_THAT(db.run({"review", "X", "Builder", "--verdict", "ship", "--at", "2026-02-30"}).err,
             Catch::Contains("is out of range"));
  CHECK_THAT(db.run({"review", "X", "Builder", "--verdict", "ship", "--at", "2026-11-05T10:00+2"}).err,
             Catch::Contains("has an offset that is not Z or +HH:MM"));
}

TEST_CASE("voters match ignoring case and voting again says it replaced the vote") {
  Db db;
  db.ok({"add", "X", "-q"});
  CHECK(db.ok({"vote", "X", "ship", "--voter", "Ana"}) == "Voted ship on X\n");
  CHECK(db.ok({"vote", "X", "skip", "--voter", "ana"}) == "Voted skip on X, replacing ana's earlier vote\n");
  CHECK(db.ok({"vote", "X", "skip", "--voter", "ANA"}) == "Voted skip on X (ANA had voted skip already)\n");
  CHECK(counts(db)["votes"] == 1);
}

TEST_CASE("persona add and edit and rm print the persona with --json and its reviews' count is said in words") {
  Db db;
  Json added = Json::parse(db.ok({"persona", "add", "Ops", "--focus", "Runs it at 3am", "--weight", "2", "--json"}));
  CHECK(added == Json::parse(
                     R"({"schema_version":3,"persona":{"name":"Ops","focus":"Runs it at 3am","weight":2.0,"removed":false}})"));
  Json edited = Json::parse(db.ok({"persona", "edit", "ops", "--weight", "3", "--json"}));
  CHECK(edited["persona"]["weight"] == 3.0);
  db.ok({"add", "X", "-q"});
  db.ok({"review", "X", "Ops", "--verdict", "ship", "-q"});
  CHECK(db.ok({"persona", "rm", "Ops"}) == "Removed persona Ops from the panel; its 1 review stays in history\n");
  CHECK_THAT(db.ok({"persona", "list", "--all"}), Catch::Contains("Ops (removed)"));
  CHECK_THAT(db.ok({"persona", "list"}), !Catch::Contains("Ops"));
  Result removed = db.run({"review", "X", "Ops", "--verdict", "ship"});
  CHECK(removed.code == 1);
  CHECK(removed.err == "toolcmp: error: persona 'Ops' was removed from the panel; restore it with 'toolcmp persona "
                       "add Ops' to review with it\n");
}

TEST_CASE("errors from the command line are in toolcmp's own words") {
  using toolcmp::test::run;
  Result typo = run({"list", "--jsno"});
  CHECK(typo.code == 2);
  CHECK(typo.err == "toolcmp: error: unknown option '--jsno'; did you mean '--json'?\n");
  Result beside_required = run({"review", "A", "Builder", "--verdikt", "ship"});
  CHECK(beside_required.err == "toolcmp: error: unknown option '--verdikt'; did you mean '--verdict'?\n");
  Result limit = run({"rank", "--limit", "0"});
  CHECK(limit.code == 2);
  CHECK_THAT(limit.err, Catch::StartsWith("toolcmp: error: --limit: '0' is not a whole number from 1 to"));
  Result both = run({"review", "A", "B", "--verdict", "ship", "--text", "a", "--text-file", "b"});
  CHECK_THAT(both.err, Catch::StartsWith("toolcmp: error: --text and --text-file cannot be used together\n"));
  CHECK_THAT(run({"compare", "A"}).err, Catch::StartsWith("toolcmp: error: TOOL needs at least 2 values, not 1\n"));
  CHECK_THAT(run({"list", "--sort", "bogus"}).err,
             Catch::StartsWith("toolcmp: error: --sort: 'bogus' is not one of name, ship, score, updated\n"));
  Result empty_db = run({"--db=", "--quiet", "add", "Foo"});
  CHECK(empty_db.code == 2);
  CHECK(empty_db.err == "toolcmp: error: --db= names no file; give --db a file name\n");
}

TEST_CASE("help is a command and a bare toolcmp prints help on stderr and fails") {
  using toolcmp::test::run;
  Result bare = run({});
  CHECK(bare.code == 2);
  CHECK(bare.out.empty());
  CHECK_THAT(bare.err, Catch::Contains("Usage: toolcmp"));
  Result help = run({"help", "persona", "add"});
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("Usage: toolcmp persona add"));
  CHECK_THAT(help.out, Catch::Contains("toolcmp persona add Operator"));
  CHECK_THAT(help.out, Catch::Contains("Global options (--db, --author, --json"));
  CHECK_THAT(run({"persona", "rm", "--help"}).out, Catch::Contains("toolcmp persona rm Operator"));
}

TEST_CASE("a number out of range in JSON Lines is an error with FILE:LINE and not a zero") {
  Db db;
  std::string file = db.dir().file("big.jsonl");
  for (const char* line : {R"({"type":"tool","name":"A","published_ship_pct":1e309})",
                           R"({"type":"persona","name":"Ops","weight":1e999})"}) {
    std::ofstream(file) << line << "\n";
    Result r = db.run({"import", file});
    CHECK(r.code == 1);
    CHECK(r.err == "toolcmp: error: " + file + ":1: a number is out of range (beyond what a double holds)\n");
  }
  CHECK(counts(db)["tools"] == 0);
}

// Tool X with two reviews by the Builder, "First." (2026-11-01) and
// "Second." (2026-11-02): their ids, oldest first, as history gives them.
static std::pair<std::string, std::string> two_builder_reviews(Db& db) {
  db.ok({"add", "X", "-q"});
  db.ok({"review", "X", "Builder", "--verdict", "ship", "--score", "70", "--text", "First.", "--at", "2026-11-01", "-q"});
  db.ok({"review", "X", "Builder", "--verdict", "skip", "--score", "40", "--text", "Second.", "--at", "2026-11-02", "-q"});
  Json history = Json::parse(db.ok({"history", "X", "--json"}));
  return {std::to_string(history["reviews"][0]["id"].get<long>()), std::to_string(history["reviews"][1]["id"].get<long>())};
}

TEST_CASE("review edit and review rm change one review by the id history shows") {
  Db db;
  std::string second = two_builder_reviews(db).second;
  CHECK(db.ok({"review", "edit", second, "--score", "45"}) == "Updated review " + second +
                                                                     " (Builder's of X, 2026-11-02)\n");
  Json show = Json::parse(db.ok({"show", "X", "--json"}));
  CHECK(show["tool"]["reviews"][0]["score"] == 45);
  CHECK(show["tool"]["reviews"][0]["text"] == "Second.");
  CHECK(db.run({"review", "edit", second}).code == 2);  // nothing to change
  CHECK(db.run({"review", "rm", second}).code == 2);    // a script must say --yes
  db.ok({"review", "rm", second, "--yes", "-q"});
  show = Json::parse(db.ok({"show", "X", "--json"}));
  CHECK(show["tool"]["reviews"][0]["text"] == "First.");  // the earlier one is current again
  Result gone = db.run({"review", "rm", second, "--yes"});
  CHECK(gone.code == 1);
  CHECK(gone.err == "toolcmp: error: no review has id " + second +
                        "; 'toolcmp history TOOL' shows the ids\n");
  CHECK(db.run({"review", "X"}).err == "toolcmp: error: review needs a TOOL and a PERSONA\n");
  CHECK(db.run({"review", "X", "Skeptic"}).err == "toolcmp: error: --verdict is required (ship or skip)\n");
}

TEST_CASE("review rm TOOL PERSONA removes the current review and history shows the ids") {
  Db db;
  auto [first, second] = two_builder_reviews(db);
  std::string shown = db.ok({"history", "X"});
  CHECK_THAT(shown, Catch::Contains("#" + first + "  Builder") && Catch::Contains("#" + second + "  Builder"));
  CHECK(db.ok({"review", "rm", "x", "builder", "--yes"}) == "Removed review " + second + " (Builder's of X, 2026-11-02)\n");
  CHECK(Json::parse(db.ok({"show", "X", "--json"}))["tool"]["reviews"][0]["text"] == "First.");
  CHECK(db.ok({"review", "rm", "X", "Builder", "--yes"}) == "Removed review " + first + " (Builder's of X, 2026-11-01)\n");
  Result none = db.run({"review", "rm", "X", "Builder", "--yes"});
  CHECK(none.code == 1);
  CHECK(none.err == "toolcmp: error: Builder has no review of X\n");
  Result word = db.run({"review", "rm", "Builder", "--yes"});
  CHECK(word.code == 2);
  CHECK_THAT(word.err, Catch::Contains("'Builder' is not a review id") && Catch::Contains("-- rm PERSONA"));
}

TEST_CASE("a tool or persona named like a command is never taken for one") {
  Db db;
  for (const char* name : {"list", "info", "rm"}) db.ok({"add", name, "-q"});
  db.ok({"persona", "add", "rm", "-q"});
  // 'vote list' was 'toolcmp list' once: now it is vote's own list, which needs a TOOL.
  Result bare = db.run({"vote", "list"});
  CHECK(bare.code == 2);
  CHECK(bare.out.empty());
  CHECK_THAT(bare.err, Catch::Contains("TOOL is required") && Catch::Contains("'toolcmp vote [OPTIONS] -- list ...'"));
  const toolcmp::test::Env clock{{"TOOLCMP_NOW", "2026-11-02T09:30:00Z"}};
  CHECK(db.ok({"vote", "--voter", "ana", "--", "list", "ship"}, "C.UTF-8", clock) == "Voted ship on list\n");
  Result doubt = db.run({"vote", "list", "skip"});  // a list of the votes on skip, which is no tool: say so
  CHECK(doubt.code == 1);
  CHECK_THAT(doubt.err, Catch::Contains("no tool named 'skip'") &&
                            Catch::Contains("to vote on a tool named list: 'toolcmp vote -- list skip'"));
  CHECK(db.ok({"vote", "-q", "--", "list", "skip"}, "C.UTF-8", clock).empty());
  CHECK(db.ok({"vote", "list", "list"}) == "Voter        Vote  Cast              By\n"
                                           "ana          ship  2026-11-02 09:30  tester\n"
                                           "(anonymous)  skip  2026-11-02 09:30  tester\n");
  Json votes = Json::parse(db.ok({"vote", "list", "list", "--json"}));
  CHECK(votes["tool"] == "list");
  CHECK(votes["votes"].size() == 2);
  CHECK(votes["votes"][0]["voter"] == "ana");
  CHECK(votes["votes"][1]["voter"].is_null());
  CHECK(votes["votes"][1]["verdict"] == "skip");
  // 'review info ...' is a review of the tool named info, never 'toolcmp info'.
  CHECK(db.ok({"review", "info", "Builder", "--verdict", "ship"}) == "Recorded Builder's review of info: ship\n");
  // A persona named rm, after the tool: a review, not 'review rm'.
  CHECK(db.ok({"review", "info", "rm", "--verdict", "skip"}) == "Recorded rm's review of info: skip\n");
  // A tool named rm goes after '--', the options before it.
  CHECK(db.ok({"review", "--verdict", "ship", "--", "rm", "Builder"}) == "Recorded Builder's review of rm: ship\n");
  Result late = db.run({"review", "--", "rm", "Builder", "--verdict", "ship"});
  CHECK(late.code == 2);
  CHECK_THAT(late.err, Catch::Contains("Everything after '--' is a name: put the options before it."));
  CHECK(counts(db)["reviews"] == 3);
  CHECK(counts(db)["votes"] == 2);
}

TEST_CASE("vote rm takes back a named vote or the latest anonymous one") {
  Db db;
  db.ok({"add", "X", "-q"});
  db.ok({"vote", "X", "ship", "--voter", "Ana", "-q"});
  db.ok({"vote", "X", "skip", "-q"});
  db.ok({"vote", "X", "skip", "-q"});
  CHECK(db.ok({"vote", "rm", "X", "--voter", "ana"}) == "Removed ana's vote on X\n");
  CHECK(db.ok({"vote", "rm", "X"}) == "Removed the latest anonymous vote on X\n");
  CHECK(counts(db)["votes"] == 1);
  CHECK(db.run({"vote", "rm", "X", "--voter", "ana"}).err == "toolcmp: error: ana has no vote on X\n");
}

TEST_CASE("add notes a name that differs from another only loosely and edit without changes says so") {
  Db db;
  db.ok({"add", "SmolLM3", "-q"});
  Result near = db.run({"add", "Smol-LM3"});
  CHECK(near.code == 0);
  CHECK(near.err == "toolcmp: note: 'Smol-LM3' differs from 'SmolLM3' only in case, accents, spaces or punctuation; "
                    "commands given either name loosely will ask for the full name\n");
  CHECK(db.ok({"edit", "SmolLM3"}) == "Nothing changed: SmolLM3 already has these values\n");
  CHECK(db.ok({"edit", "SmolLM3", "--vendor", "HF"}) == "Updated SmolLM3\n");
  CHECK(db.ok({"edit", "SmolLM3", "--vendor", "HF"}) == "Nothing changed: SmolLM3 already has these values\n");
}

TEST_CASE("zero-width and tag characters are stripped from names and voters") {
  Db db;
  db.ok({"add", "a\xE2\x80\x8Bna", "-q"});  // U+200B between a and n
  CHECK(db.ok({"show", "ana", "--json"}).find("\"name\": \"ana\"") != std::string::npos);
  db.ok({"vote", "ana", "ship", "--voter", "b\xC2\xAD" "ob", "-q"});  // a soft hyphen
  db.ok({"vote", "ana", "skip", "--voter", "bob", "-q"});
  CHECK(counts(db)["votes"] == 1);
}

TEST_CASE("import --dry-run leaves an empty or older database file exactly as it was", "[sqlite]") {
  Db db;
  std::string file = db.dir().file("one.jsonl");
  std::ofstream(file) << R"({"type":"tool","name":"A"})" << "\n";
  { std::ofstream(db.path()); }  // an empty file
  CHECK(db.run({"import", file, "--dry-run"}).code == 0);
  CHECK(toolcmp::test::read_file(db.path()).empty());
  CHECK_FALSE(toolcmp::test::file_exists(db.path() + "-wal"));
  toolcmp::test::exec_sql(db.path(), toolcmp::test::read_file(std::string(TOOLCMP_SOURCE_DIR) + "/src/store/schema/v2.sql"));
  std::string before = toolcmp::test::read_file(db.path());
  Result r = db.run({"import", file, "--dry-run"});
  CHECK(r.code == 0);
  CHECK_THAT(r.err, Catch::StartsWith("would import 0 reviews, 1 tool"));
  CHECK(toolcmp::test::read_file(db.path()) == before);
}

TEST_CASE("an unknown name of any length gets its answer at once") {
  Db db;
  db.ok({"add", "SmolLM3", "-q"});
  Result huge = db.run({"show", std::string(20000, 'x')});
  CHECK(huge.code == 1);
  CHECK_THAT(huge.err, Catch::StartsWith("toolcmp: error: no tool named '"));
  CHECK_THAT(db.run({"show", "smolm3"}).err, Catch::Contains("did you mean 'SmolLM3'?"));
}
