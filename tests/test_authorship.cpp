// Who wrote what (issue 34): reviews, votes and decisions keep their
// author; changing another author's review or named vote needs --force;
// every write is one row of the audit table that 'log' shows.
#include <catch2/catch.hpp>

#include <pwd.h>
#include <unistd.h>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support.h"

using toolcmp::test::Db;
using toolcmp::test::Env;
using Json = nlohmann::json;

namespace {

const Env kAlice{{"TOOLCMP_AUTHOR", "alice"}, {"TOOLCMP_NOW", "2026-12-01T10:00:00Z"}};
const Env kBob{{"TOOLCMP_AUTHOR", "bob"}, {"TOOLCMP_NOW", "2026-12-02T10:00:00Z"}};

// Alice adds a tool and reviews it; the review's id.
std::int64_t alice_reviews(const Db& db) {
  db.ok({"add", "SmolLM3"}, "C.UTF-8", kAlice);
  db.ok({"review", "SmolLM3", "Builder", "--verdict", "ship", "--score", "80", "--text", "Fast on a laptop."}, "C.UTF-8",
        kAlice);
  return Json::parse(db.ok({"history", "SmolLM3", "--json"}))["reviews"][0]["id"].get<std::int64_t>();
}

Json latest_review(const Db& db) { return Json::parse(db.ok({"history", "SmolLM3", "--json"}))["reviews"].back(); }

}  // namespace

TEST_CASE("a review records who wrote it, and another author may change it only with --force") {
  Db db;
  std::int64_t id = alice_reviews(db);
  CHECK(latest_review(db)["author"] == "alice");
  CHECK_THAT(db.ok({"history", "SmolLM3"}), Catch::Contains("by alice"));

  auto edit = db.run({"review", "edit", std::to_string(id), "--score", "10"}, "C.UTF-8", kBob);
  CHECK(edit.code == 1);
  CHECK_THAT(edit.err, Catch::Contains("was written by alice, and you write as bob") && Catch::Contains("--force"));
  CHECK(latest_review(db)["score"] == 80);
  auto rm = db.run({"review", "rm", std::to_string(id), "--yes"}, "C.UTF-8", kBob);
  CHECK(rm.code == 1);
  CHECK(latest_review(db)["id"] == id);

  // Her own edit needs nothing; bob's with --force goes through and is marked.
  db.ok({"review", "edit", std::to_string(id), "--score", "85"}, "C.UTF-8", kAlice);
  db.ok({"review", "edit", std::to_string(id), "--score", "10", "--force"}, "C.UTF-8", kBob);
  CHECK(latest_review(db)["score"] == 10);
  CHECK(latest_review(db)["author"] == "alice");  // it is still her review, changed by bob
  Json log = Json::parse(db.ok({"log", "--json"}));
  Json forced = log["changes"][0];
  CHECK(forced["command"] == "review edit");
  CHECK(forced["author"] == "bob");
  CHECK(forced["forced"] == true);
  CHECK(forced["before"]["score"] == 85);
  CHECK(forced["after"]["score"] == 10);
  CHECK(forced["at"] == "2026-12-02T10:00:00Z");
  CHECK_FALSE(log["changes"][1]["forced"].get<bool>());
  db.ok({"review", "rm", std::to_string(id), "--yes", "--force"}, "C.UTF-8", kBob);
  Json removed = Json::parse(db.ok({"log", "--json", "--limit", "1"}))["changes"];
  REQUIRE(removed.size() == 1);
  CHECK(removed[0]["command"] == "review rm");
  CHECK(removed[0]["before"]["text"] == "Fast on a laptop.");
  CHECK(removed[0]["after"].is_null());
}

TEST_CASE("removing a tool that holds another author's reviews or votes needs --force") {
  Db db;
  alice_reviews(db);
  db.ok({"vote", "SmolLM3", "skip"}, "C.UTF-8", kAlice);  // anonymous: anyone's, never a reason to refuse
  db.ok({"add", "Mine"}, "C.UTF-8", kBob);
  db.ok({"vote", "Mine", "ship", "--voter", "carol"}, "C.UTF-8", kBob);
  db.ok({"rm", "Mine", "--yes"}, "C.UTF-8", kBob);  // only bob's work: no --force

  auto refused = db.run({"rm", "SmolLM3", "--yes"}, "C.UTF-8", kBob);
  CHECK(refused.code == 1);
  CHECK_THAT(refused.err, Catch::Contains("'SmolLM3' holds reviews or votes written by 'alice', and you write as bob") &&
                              Catch::Contains("--force"));
  CHECK(Json::parse(db.ok({"info", "--json"}))["tools"] == 1);
  db.ok({"rm", "SmolLM3", "--yes"}, "C.UTF-8", kAlice);  // her own: no --force
  CHECK(Json::parse(db.ok({"info", "--json"}))["tools"] == 0);

  alice_reviews(db);
  db.ok({"rm", "SmolLM3", "--yes", "--force"}, "C.UTF-8", kBob);
  Json removal = Json::parse(db.ok({"log", "--json"}))["changes"][0];
  CHECK(removal["command"] == "rm");
  CHECK(removal["author"] == "bob");
  CHECK(removal["forced"] == true);
  CHECK(Json::parse(db.ok({"info", "--json"}))["tools"] == 0);
}

TEST_CASE("a named vote another author cast is replaced or taken back only with --force") {
  Db db;
  alice_reviews(db);
  db.ok({"vote", "SmolLM3", "ship", "--voter", "alice"}, "C.UTF-8", kAlice);
  auto replace = db.run({"vote", "SmolLM3", "skip", "--voter", "Alice"}, "C.UTF-8", kBob);
  CHECK(replace.code == 1);
  CHECK_THAT(replace.err, Catch::Contains("vote of Alice on SmolLM3 was written by alice"));
  CHECK(db.run({"vote", "rm", "SmolLM3", "--voter", "alice"}, "C.UTF-8", kBob).code == 1);
  Json votes = Json::parse(db.ok({"vote", "list", "SmolLM3", "--json"}))["votes"];
  REQUIRE(votes.size() == 1);
  CHECK(votes[0]["verdict"] == "ship");
  CHECK(votes[0]["author"] == "alice");
  // Anonymous votes are anyone's: they add up.
  db.ok({"vote", "SmolLM3", "skip"}, "C.UTF-8", kBob);
  db.ok({"vote", "SmolLM3", "skip", "--voter", "alice", "--force"}, "C.UTF-8", kBob);
  votes = Json::parse(db.ok({"vote", "list", "SmolLM3", "--json"}))["votes"];
  CHECK(votes[0]["author"] == "bob");
  CHECK(Json::parse(db.ok({"log", "--json"}))["changes"][0]["forced"] == true);
}

TEST_CASE("log shows every write newest first, filtered by author and date, as a table or JSON") {
  Db db;
  alice_reviews(db);
  db.ok({"vote", "SmolLM3", "ship"}, "C.UTF-8", kBob);
  db.ok({"add", "Phi-4"}, "C.UTF-8", kBob);
  db.ok({"decide", "Laptop model", "--pick", "SmolLM3", "--over", "Phi-4", "--why", "Reviewed."}, "C.UTF-8", kBob);
  Json all = Json::parse(db.ok({"log", "--json"}))["changes"];
  std::vector<std::string> commands;
  for (const Json& change : all) commands.push_back(change["command"]);
  CHECK(commands == std::vector<std::string>{"decide", "add", "vote", "review", "add"});
  CHECK(all[0]["after"]["author"] == "bob");
  CHECK(Json::parse(db.ok({"log", "--json", "--by", "ALICE"}))["changes"].size() == 2);
  CHECK(Json::parse(db.ok({"log", "--json", "--since", "2026-12-01T12:00:00Z"}))["changes"].size() == 3);
  CHECK(Json::parse(db.ok({"log", "--json", "-n", "1"}))["changes"].size() == 1);
  std::string table = db.ok({"log", "--width", "120"});
  CHECK_THAT(table, Catch::Contains("When") && Catch::Contains("review 1 (SmolLM3 · Builder)") &&
                        Catch::Contains("decision 1 'Laptop model'") && Catch::Contains("added"));
  CHECK(db.run({"log", "--limit", "-1"}).code == 2);
  CHECK(db.run({"log", "--since", "yesterday"}).code == 2);
  // An import is one row, with what it added.
  std::string file = db.dir().path() + "/week.jsonl";
  std::ofstream(file) << R"({"type":"review","tool":"SmolLM3","persona":"Skeptic","verdict":"skip","reviewed_at":"2026-11-30"})"
                      << "\n";
  db.ok({"import", file}, "C.UTF-8", kAlice);
  Json import = Json::parse(db.ok({"log", "--json", "-n", "1"}))["changes"][0];
  CHECK(import["command"] == "import");
  CHECK(import["subject"] == file);
  CHECK(import["after"]["imported"]["reviews"] == 1);
}

TEST_CASE("an author comes from --author, else TOOLCMP_AUTHOR, and is checked as a name") {
  Db db;
  db.ok({"add", "SmolLM3"});
  db.ok({"--author", "Carol", "review", "SmolLM3", "Builder", "--verdict", "ship"});
  CHECK(latest_review(db)["author"] == "Carol");
  auto bad = db.run({"--author", "\x1b[31m", "vote", "SmolLM3", "ship"});
  CHECK(bad.code == 2);
  CHECK(bad.err.find('\x1b') == std::string::npos);
  // An author with what a terminal would act on is shown without it.
  std::string file = db.dir().path() + "/evil.jsonl";
  std::ofstream(file) << R"({"type":"review","tool":"SmolLM3","persona":"Founder","verdict":"skip","reviewed_at":"2026-11-30","author":"eve\u001b]0;pwned\u0007"})"
                      << "\n";
  db.run({"import", file});
  for (const char* command : {"history", "log"}) {
    std::string shown = db.run({command, command == std::string("history") ? "SmolLM3" : "--width=200"}).out;
    CHECK(shown.find('\x1b') == std::string::npos);
    CHECK(shown.find('\x07') == std::string::npos);
  }
}

TEST_CASE("export and import carry authors, and a review from a file without one is the importer's") {
  Db a, b;
  alice_reviews(a);
  a.ok({"vote", "SmolLM3", "ship", "--voter", "ana"}, "C.UTF-8", kBob);
  std::string file = a.dir().path() + "/all.jsonl";
  std::ofstream(file) << a.ok({"export", "--format", "jsonl"});
  b.ok({"import", file}, "C.UTF-8", {{"TOOLCMP_AUTHOR", "importer"}});
  CHECK(latest_review(b)["author"] == "alice");
  CHECK(Json::parse(b.ok({"vote", "list", "SmolLM3", "--json"}))["votes"][0]["author"] == "bob");
  CHECK(a.ok({"export", "--format", "jsonl"}) == b.ok({"export", "--format", "jsonl"}));
  std::string bare = b.dir().path() + "/bare.jsonl";
  std::ofstream(bare) << R"({"type":"review","tool":"SmolLM3","persona":"Skeptic","verdict":"skip","reviewed_at":"2026-11-30"})"
                      << "\n";
  b.ok({"import", bare}, "C.UTF-8", {{"TOOLCMP_AUTHOR", "importer"}});
  Json reviews = Json::parse(b.ok({"history", "SmolLM3", "--json"}))["reviews"];
  CHECK(reviews[0]["persona"] == "Skeptic");
  CHECK(reviews[0]["author"] == "importer");
}

TEST_CASE("without --author or TOOLCMP_AUTHOR the author is the OS user on SQLite", "[sqlite]") {
  Db db;
  const Env nobody{{"TOOLCMP_AUTHOR", ""}};
  db.ok({"add", "SmolLM3"}, "C.UTF-8", nobody);
  db.ok({"review", "SmolLM3", "Builder", "--verdict", "ship"}, "C.UTF-8", nobody);
  struct passwd* user = ::getpwuid(::geteuid());
  REQUIRE(user);
  CHECK(latest_review(db)["author"] == user->pw_name);
  Json change = Json::parse(db.ok({"log", "--json", "-n", "1"}))["changes"][0];
  CHECK(change["login"] == user->pw_name);
  CHECK(change["author"] == user->pw_name);
}
