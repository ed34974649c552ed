// Time in the decision: --max-age and stale reviews, the two dates a
// review carries, and import --at.
#include <catch2/catch.hpp>

#include <fstream>
#include <nlohmann/json.hpp>

#include "support.h"

using toolcmp::test::Db;
using toolcmp::test::Env;
using toolcmp::test::Result;
using Json = nlohmann::json;

namespace {

const Env kNow{{"TOOLCMP_NOW", "2026-12-01T12:00:00Z"}};

Env now_and(const std::string& name, const std::string& value) {
  Env env = kNow;
  env.emplace_back(name, value);
  return env;
}

// The acceptance panel (reviews of 2026-11-01) and a fresh Builder review of Mistral 3B.
void load(const Db& db) {
  db.load_acceptance_panel();
  db.ok({"review", "Mistral 3B", "Builder", "--verdict", "ship", "--score", "88", "--text", "Still fits.", "--at",
         "2026-11-28", "-q"});
}

std::string write(const Db& db, const std::string& name, const std::string& text) {
  std::string path = db.dir().file(name);
  std::ofstream(path) << text;
  return path;
}

}  // namespace

TEST_CASE("max age: older reviews are left out of every figure and marked stale and counted") {
  Db db;
  load(db);
  std::string out = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--brief", "--width", "100", "--max-age", "10d"},
                          "C.UTF-8", kNow);
  CHECK_THAT(out, Catch::Contains("84/100 \u00b7 ship \u00b7 30d \u00b7 stale"));
  CHECK_THAT(out, Catch::Contains("88/100 \u00b7 ship \u00b7 3d\n"));
  CHECK_THAT(out, Catch::Contains("Max age 10d: reviews written before 2026-11-21 are stale and do not count"));
  CHECK_THAT(out, Catch::Contains("Recommendation (provisional): Mistral 3B"));
  CHECK_THAT(out, Catch::Contains("7 stale reviews left out (older than 10d)"));

  Json json = Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--json", "--max-age", "10d"}, "C.UTF-8", kNow));
  CHECK(json["max_age"] == "10d");
  CHECK(json["stale_before"] == "2026-11-21T12:00:00Z");
  CHECK(json["tools"][0]["reviews"][0]["stale"] == true);
  CHECK(json["tools"][1]["reviews"][0]["stale"] == false);
  CHECK(json["tools"][1]["panel"]["ship"] == 1);      // only the fresh review counts
  CHECK(json["tools"][1]["panel"]["mean_score"] == 88.0);
  CHECK(json["tools"][0]["panel"]["ship_pct"].is_null());

  // A month back by the calendar, and from the time given rather than now
  // (--written-before: the panel was recorded after that date, by the clock).
  json = Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--json", "--max-age", "1m", "--written-before",
                            "2026-11-20"}, "C.UTF-8", kNow));
  CHECK(json["stale_before"] == "2026-10-20T23:59:59Z");
  CHECK(json["tools"][0]["reviews"][0]["stale"] == false);
}

TEST_CASE("TOOLCMP_MAX_AGE is the default that --max-age none lifts and rank and list and show honour") {
  Db db;
  load(db);
  Env env = now_and("TOOLCMP_MAX_AGE", "2w");
  Json ranked = Json::parse(db.ok({"rank", "--json"}, "C.UTF-8", env));
  CHECK(ranked["max_age"] == "2w");
  CHECK(ranked["tools"][0]["name"] == "Mistral 3B");
  CHECK(ranked["tools"][0]["panel"]["ship"] == 1);
  CHECK(ranked["tools"][0]["confidence"] == "provisional");
  Json listed = Json::parse(db.ok({"list", "--json", "--max-age", "none"}, "C.UTF-8", env));
  CHECK(listed["max_age"].is_null());
  CHECK(listed["tools"][1]["panel"]["ship"] == 4);
  CHECK_THAT(db.ok({"show", "Code Llama 4", "--width", "80"}, "C.UTF-8", env), Catch::Contains("\u00b7 stale"));
  CHECK_THAT(db.ok({"list", "--width", "80"}, "C.UTF-8", env), Catch::StartsWith("Max age 2w: reviews written before"));
}

TEST_CASE("a bad --max-age or TOOLCMP_MAX_AGE or TOOLCMP_NOW is a usage error naming it") {
  Db db;
  load(db);
  for (const char* bad : {"5x", "0d", "-3d", "10", "d", "1.5y", "99999999d"}) {
    INFO(bad);
    Result r = db.run({"compare", "Code Llama 4", "Mistral 3B", "--max-age", bad});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains(std::string("max age '") + bad + "'"));
  }
  Result env = db.run({"rank"}, "C.UTF-8", {{"TOOLCMP_MAX_AGE", "soon"}});
  CHECK(env.code == 2);
  CHECK_THAT(env.err, Catch::Contains("TOOLCMP_MAX_AGE: max age 'soon'"));
  Result now = db.run({"rank"}, "C.UTF-8", {{"TOOLCMP_NOW", "yesterday"}});
  CHECK(now.code == 2);
  CHECK_THAT(now.err, Catch::Contains("TOOLCMP_NOW 'yesterday'"));
}

TEST_CASE("of two reviews written at the same time the one recorded later is current") {
  Db db;
  db.ok({"add", "Alpha", "-q"});
  db.run({"review", "Alpha", "Builder", "--verdict", "ship", "--score", "80", "--text", "First look.", "--at",
          "2026-11-01", "-q"},
         "C.UTF-8", {{"TOOLCMP_NOW", "2026-11-05T00:00:00Z"}});
  // Imported afterwards (a higher id) but recorded earlier, elsewhere.
  std::string file = write(db, "older.jsonl",
                           R"({"type":"review","tool":"Alpha","persona":"Builder","score":40,"verdict":"skip",)"
                           R"("text":"Copied from an old sheet.","reviewed_at":"2026-11-01","recorded_at":"2026-11-02"})"
                           "\n");
  db.ok({"import", file, "-q"});
  Json shown = Json::parse(db.ok({"show", "Alpha", "--json"}));
  CHECK(shown["tool"]["reviews"][0]["text"] == "First look.");
  CHECK(shown["tool"]["reviews"][0]["recorded_at"] == "2026-11-05T00:00:00Z");
  CHECK(shown["tool"]["reviews"][0]["source"] == "cli");
  Json history = Json::parse(db.ok({"history", "Alpha", "--json"}));
  REQUIRE(history["reviews"].size() == 2);
  CHECK(history["reviews"][0]["text"] == "Copied from an old sheet.");  // oldest first: recorded earlier
}

TEST_CASE("import --at dates the reviews that give no date and leaves dated ones alone") {
  Db db;
  std::string file = write(db, "r.jsonl",
                           R"({"type":"tool","name":"Alpha"})"
                           "\n"
                           R"({"type":"review","tool":"Alpha","persona":"Builder","verdict":"ship","text":"Undated."})"
                           "\n"
                           R"({"type":"review","tool":"Alpha","persona":"Skeptic","verdict":"skip","text":"Dated.",)"
                           R"("reviewed_at":"2026-10-01"})"
                           "\n");
  Result future = db.run({"import", file, "--at", "2030-01-01"}, "C.UTF-8", kNow);  // a future that stays one
  CHECK(future.code == 2);
  CHECK_THAT(future.err, Catch::Contains("--at '2030-01-01' is more than a day in the future"));
  CHECK(db.run({"import", file, "--at", "someday"}).code == 2);
  db.ok({"import", file, "--at", "2026-09-15", "-q"}, "C.UTF-8", kNow);
  Json shown = Json::parse(db.ok({"show", "Alpha", "--json"}));
  CHECK(shown["tool"]["reviews"][0]["reviewed_at"] == "2026-09-15T00:00:00Z");
  CHECK(shown["tool"]["reviews"][0]["recorded_at"] == "2026-12-01T12:00:00Z");
  CHECK(shown["tool"]["reviews"][1]["reviewed_at"] == "2026-10-01T00:00:00Z");
  // Imported again with the same --at: nothing new.
  Result again = db.run({"import", file, "--at", "2026-09-15"});
  CHECK_THAT(again.err, Catch::StartsWith("imported 0 reviews, 0 tools, 0 votes"));
}
