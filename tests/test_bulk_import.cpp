// Import's rows written in bulk (COPY on PostgreSQL, with what the import
// knows of the tools it added standing in for look-ups): every byte kept,
// the same panel as the look-up path gives, and all or nothing. On both
// back-ends, like every test that goes through Db.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include <fmt/format.h>

#include "support.h"

using toolcmp::test::Db;
using toolcmp::test::Result;
using Json = nlohmann::json;

namespace {

std::string write(const Db& db, const std::string& name, const std::string& text) {
  std::string path = db.dir().file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

// What an import leaves, without the times it was run at and the ids it
// gave (on a server they come from blocks reserved ahead, so the gaps
// differ; the order of history, which ids break ties in, is compared).
Json without_import_times(Json json) {
  if (json.is_object()) {
    json.erase("recorded_at");
    json.erase("age");
    json.erase("id");
    for (auto& [key, value] : json.items()) value = without_import_times(value);
  } else if (json.is_array()) {
    for (auto& value : json) value = without_import_times(value);
  }
  return json;
}

Json panel_of(const Db& db) {
  Json panel;
  for (const char* tool : {"Alpha", "Beta"}) {
    panel[tool]["history"] = without_import_times(Json::parse(db.ok({"history", tool, "--json"})));
    panel[tool]["show"] = without_import_times(Json::parse(db.ok({"show", tool, "--json"})));
    panel[tool]["votes"] = Json::parse(db.ok({"vote", "list", tool, "--json"}));
  }
  return panel;
}

const char* const kTools =
    R"({"type":"tool","name":"Alpha","vendor":"A","attributes":{"params":"3B"}})" "\n"
    R"({"type":"tool","name":"Beta","category":"Dev"})" "\n";

// Every rule that needs a look-up, on tools the import adds: equal rows
// twice (both kept), a repeat from another source without a score (merged
// into the current one), a review with nothing to say (kept behind), the
// same text on another tool, a named voter again in other case (the later
// vote wins), a voter with a non-ASCII name twice, and once with its first
// letter in lower case (another voter: names fold ASCII letters only, on
// both back-ends), anonymous votes.
const char* const kRest =
    R"({"type":"review","tool":"Alpha","persona":"Builder","score":70,"verdict":"ship","text":"Solid.","reviewed_at":"2026-11-01","source":"s1"})" "\n"
    R"({"type":"review","tool":"Alpha","persona":"Builder","score":70,"verdict":"ship","text":"Solid.","reviewed_at":"2026-11-01","source":"s1"})" "\n"
    R"({"type":"review","tool":"Alpha","persona":"Skeptic","verdict":"skip","text":"Unproven.","reviewed_at":"2026-11-02","source":"s1"})" "\n"
    R"({"type":"review","tool":"Alpha","persona":"Skeptic","score":35,"text":"Unproven.","reviewed_at":"2026-11-02","source":"s2"})" "\n"
    R"({"type":"review","tool":"Alpha","persona":"Builder","text":"Still thinking.","source":"s3"})" "\n"
    R"({"type":"review","tool":"Alpha","persona":"Founder","score":80,"verdict":"ship","text":"Buy.","reviewed_at":"2026-11-03","source":"s1"})" "\n"
    R"({"type":"review","tool":"Beta","persona":"Builder","score":60,"verdict":"ship","text":"Solid.","reviewed_at":"2026-11-01","source":"s1"})" "\n"
    R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"ana","cast_at":"2026-11-01T09:00:00Z"})" "\n"
    R"({"type":"vote","tool":"Alpha","verdict":"skip","voter":"ANA","cast_at":"2026-11-02T09:00:00Z"})" "\n"
    R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"Éva","cast_at":"2026-11-01T09:00:00Z"})" "\n"
    R"({"type":"vote","tool":"Alpha","verdict":"skip","voter":"Éva","cast_at":"2026-11-03T09:00:00Z"})" "\n"
    R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"éva","cast_at":"2026-11-04T09:00:00Z"})" "\n"
    R"({"type":"vote","tool":"Alpha","verdict":"ship","cast_at":"2026-11-01T10:00:00Z"})" "\n"
    R"({"type":"vote","tool":"Alpha","verdict":"ship","cast_at":"2026-11-01T10:00:00Z"})" "\n"
    R"({"type":"vote","tool":"Beta","verdict":"skip","voter":"bob","cast_at":"2026-11-01T09:00:00Z"})" "\n";

}  // namespace

TEST_CASE("an import into tools it adds itself ends as one into tools already there") {
  Db whole;
  Json counts = Json::parse(whole.ok({"import", write(whole, "all.jsonl", std::string(kTools) + kRest), "--json"}));
  Db split;
  split.ok({"import", write(split, "tools.jsonl", kTools), "-q"});
  split.ok({"import", write(split, "rest.jsonl", kRest), "-q"});
  CHECK(panel_of(whole) == panel_of(split));

  // And what that is: the facts the rules give, not only the two agreeing.
  CHECK(counts["imported"]["reviews"] == 6);  // the repeat merged; the equal row kept
  Json alpha = Json::parse(whole.ok({"show", "Alpha", "--json"}))["tool"];
  std::map<std::string, Json> current;
  for (const Json& review : alpha["reviews"]) current[review["persona"].get<std::string>()] = review;
  CHECK(current["Skeptic"]["score"] == 35);  // the repeat filled in the score
  CHECK(current["Skeptic"]["verdict"] == "skip");
  CHECK(current["Builder"]["text"] == "Solid.");  // "Still thinking." kept behind it
  Json history = Json::parse(whole.ok({"history", "Alpha", "--json"}));
  CHECK(history["reviews"].size() == 5);
  CHECK(alpha["community"]["skip"] == 2);  // ana's and Éva's later votes
  CHECK(alpha["community"]["ship"] == 3);  // éva's and the two anonymous ones
}

TEST_CASE("rows an import writes in bulk keep every byte: tabs, newlines, backslashes, carriage returns") {
  Db db;
  const std::string text = "a\tb\\c\nd\re \\N end \\. \xC3\xA9";
  std::string file = write(
      db, "odd.jsonl",
      R"({"type":"tool","name":"Odd","vendor":"Back\\slash","description":"one\ntwo\r\nthree \\N","attributes":{"path":"C:\\temp\\new"}})" "\n"
      R"({"type":"review","tool":"Odd","persona":"Builder","score":70,"verdict":"ship","text":"a\tb\\c\nd\re \\N end \\. é","reviewed_at":"2026-11-01","source":"tab\there"})" "\n"
      R"({"type":"vote","tool":"Odd","verdict":"ship","voter":"x\\N"})" "\n");
  db.ok({"import", file, "-q"});
  Json tool = Json::parse(db.ok({"show", "Odd", "--json"}))["tool"];
  CHECK(tool["vendor"] == "Back\\slash");
  CHECK(tool["description"] == "one\ntwo\r\nthree \\N");
  CHECK(tool["attributes"]["path"] == "C:\\temp\\new");
  REQUIRE(tool["reviews"].size() == 1);
  CHECK(tool["reviews"][0]["text"] == text);
  CHECK(tool["reviews"][0]["source"] == "tab\there");
  CHECK(Json::parse(db.ok({"vote", "list", "Odd", "--json"}))["votes"][0]["voter"] == "x\\N");

  // Exported and imported again, into a database of its own: the same file.
  std::string exported = db.dir().file("out.jsonl");
  db.ok({"export", "-o", exported});
  Db copy;
  copy.ok({"import", exported, "-q"});
  std::string again = copy.dir().file("out.jsonl");
  copy.ok({"export", "-o", again});
  CHECK(toolcmp::test::read_file(again) == toolcmp::test::read_file(exported));
}

TEST_CASE("a large import that fails on its last record leaves nothing, though rows went ahead in bulk") {
  Db db;
  // Some 12 MB of reviews: past what is kept before it is sent (8 MB), so
  // on a server part of it is there before the bad record is read.
  std::string file = db.dir().file("big.jsonl");
  {
    std::ofstream out(file, std::ios::binary);
    const std::string filler(1000, 'x');
    for (int t = 0; t < 400; ++t) out << fmt::format(R"({{"type":"tool","name":"T{}"}})", t) << "\n";
    for (int r = 0; r < 12000; ++r) {
      out << fmt::format(R"({{"type":"review","tool":"T{}","persona":"Builder","score":50,"text":"{} {}","reviewed_at":"2026-11-01"}})",
                         r % 400, r, filler)
          << "\n";
    }
    out << R"({"type":"review","tool":"T1","persona":"Nobody","score":50,"text":"x"})" << "\n";
  }
  Result r = db.run({"import", file});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("big.jsonl:12401: no persona named 'Nobody'"));
  Json info = Json::parse(db.ok({"info", "--json"}));
  CHECK(info["tools"] == 0);
  CHECK(info["reviews"] == 0);
  // And the database takes the next write.
  db.ok({"add", "Gamma", "-q"});
  info = Json::parse(db.ok({"info", "--json"}));
  CHECK(info["tools"] == 1);
  CHECK(info["reviews"] == 0);
}

TEST_CASE("a file imported again changes nothing, and a file that changes some of it changes just that") {
  Db db;
  std::string file = write(db, "all.jsonl", std::string(kTools) + kRest);
  db.ok({"import", file, "-q"});
  Json before = panel_of(db);
  // On a server the tools' reviews are read once each and the named votes
  // once in all: every record here is answered from what was read.
  Json again = Json::parse(db.ok({"import", file, "--json"}));
  CHECK(again["imported"] == Json::parse(R"({"reviews":0,"tools":0,"votes":0,"personas":0,"decisions":0})"));
  CHECK(again["updated"] == 0);
  CHECK(again["unchanged"] == 17);  // 2 tools and 15 records
  CHECK(panel_of(db) == before);

  std::string changes = write(
      db, "changes.jsonl",
      R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"Ana","cast_at":"2026-11-05T09:00:00Z"})" "\n"
      R"({"type":"vote","tool":"Beta","verdict":"ship","voter":"BOB","cast_at":"2026-10-01T09:00:00Z"})" "\n"
      R"({"type":"review","tool":"Alpha","persona":"Founder","score":80,"verdict":"ship","text":"Buy.","reviewed_at":"2026-11-03","source":"s9"})" "\n"
      R"({"type":"review","tool":"Alpha","persona":"Futurist","score":90,"verdict":"ship","text":"Next year's pick.","reviewed_at":"2026-11-04","source":"s1"})" "\n"
      R"({"type":"review","tool":"Alpha","persona":"Futurist","score":90,"verdict":"ship","text":"Next year's pick.","reviewed_at":"2026-11-04","source":"s1"})" "\n");
  Json changed = Json::parse(db.ok({"import", changes, "--json"}));
  CHECK(changed["imported"]["reviews"] == 2);  // the same row twice in one file: two rows
  CHECK(changed["imported"]["votes"] == 0);
  CHECK(changed["updated"] == 2);    // ana's later vote; the review found again from s9
  CHECK(changed["unchanged"] == 1);  // bob's older vote
  Json alpha = Json::parse(db.ok({"show", "Alpha", "--json"}))["tool"];
  CHECK(alpha["community"]["ship"] == 4);
  CHECK(alpha["community"]["skip"] == 1);
  for (const Json& review : alpha["reviews"]) {
    if (review["persona"] == "Founder") CHECK(review["also_from"] == Json::array({"s9"}));
  }
  CHECK(Json::parse(db.ok({"vote", "list", "Beta", "--json"}))["votes"][0]["verdict"] == "skip");
  // And once more: nothing.
  Json third = Json::parse(db.ok({"import", changes, "--json"}));
  CHECK(third["updated"] == 0);
  CHECK(third["unchanged"] == 5);
}

TEST_CASE("many named votes imported again are answered as one at a time would answer them") {
  // On a server an import reads every named vote at once, at the first
  // named vote, and answers the rest from what it read; in an SQLite file
  // each is looked up. The same rules must come out of both, past many
  // votes: 200 voters on Alpha, then a file whose first 100 votes change
  // nothing and whose last five do what the rules say.
  Db db;
  std::string votes;
  for (int i = 0; i < 200; ++i) {
    votes += fmt::format(R"({{"type":"vote","tool":"Alpha","verdict":"{}","voter":"voter{}","cast_at":"2026-11-01T09:00:00Z"}})"
                         "\n",
                         i % 3 == 0 ? "skip" : "ship", i);
  }
  votes += R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"Éva","cast_at":"2026-11-01T09:00:00Z"})" "\n";
  std::string file = write(db, "votes.jsonl", std::string(kTools) + votes);
  db.ok({"import", file, "-q"});
  Json again = Json::parse(db.ok({"import", file, "--json"}));
  CHECK(again["imported"]["votes"] == 0);
  CHECK(again["updated"] == 0);
  CHECK(again["unchanged"] == 203);  // 2 tools and 201 votes

  std::string changes;
  for (int i = 0; i < 100; ++i) {
    changes += fmt::format(R"({{"type":"vote","tool":"Alpha","verdict":"{}","voter":"VOTER{}","cast_at":"2026-11-02T09:00:00Z"}})"
                           "\n",
                           i % 3 == 0 ? "skip" : "ship", i);
  }
  changes +=
      R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"Voter0","cast_at":"2026-11-03T09:00:00Z"})" "\n"   // later, other verdict: replaces
      R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"voter3","cast_at":"2026-10-01T09:00:00Z"})" "\n"   // earlier: kept as it was
      R"({"type":"vote","tool":"Alpha","verdict":"skip","voter":"éva","cast_at":"2026-11-03T09:00:00Z"})" "\n"      // another voter: non-ASCII letters do not fold
      R"({"type":"vote","tool":"Alpha","verdict":"skip","voter":"newcomer","cast_at":"2026-11-03T09:00:00Z"})" "\n"
      R"({"type":"vote","tool":"Beta","verdict":"skip","voter":"voter1","cast_at":"2026-11-03T09:00:00Z"})" "\n";  // another tool
  Json changed = Json::parse(db.ok({"import", write(db, "changes.jsonl", changes), "--json"}));
  CHECK(changed["imported"]["votes"] == 3);
  CHECK(changed["updated"] == 1);
  CHECK(changed["unchanged"] == 101);
  Json alpha = Json::parse(db.ok({"vote", "list", "Alpha", "--json"}))["votes"];
  CHECK(alpha.size() == 203);
  int skips = 0;
  for (const Json& vote : alpha) skips += vote["verdict"] == "skip" ? 1 : 0;
  CHECK(skips == 67 - 1 + 2);  // every third of 200 skipped; voter0 now ships; éva and newcomer skip
}

TEST_CASE("a re-import past what is held of a tool's reviews is answered as one at a time would answer it") {
  // On a server a re-import reads its first tools' reviews one at a time,
  // then every tool's at once, and holds at most 2,000 reviews of a tool:
  // Big (2,001) is read at once and let go, Mid (1,999) is held until the
  // import adds two more. Each is then looked up, with the same answers.
  Db db;
  std::string tools, reviews;
  for (int t = 0; t < 100; ++t) {
    tools += fmt::format(R"({{"type":"tool","name":"T{}"}})" "\n", t);
    for (const char* persona : {"Builder", "Skeptic", "Futurist"}) {
      reviews += fmt::format(
          R"({{"type":"review","tool":"T{}","persona":"{}","score":{},"verdict":"ship","text":"{} on T{}.","reviewed_at":"2026-11-01","source":"s1"}})" "\n",
          t, persona, 40 + t % 50, persona, t);
    }
  }
  for (const auto& [tool, count] : {std::pair<const char*, int>{"Mid", 1999}, {"Big", 2001}}) {
    tools += fmt::format(R"({{"type":"tool","name":"{}"}})" "\n", tool);
    for (int r = 0; r < count; ++r) {
      reviews += fmt::format(
          R"({{"type":"review","tool":"{}","persona":"Builder","score":{},"text":"Take {} of {}.","reviewed_at":"2026-10-{:02}","source":"s1"}})" "\n",
          tool, r % 101, r, tool, 1 + r % 28);
    }
  }
  std::string file = write(db, "panel.jsonl", tools + reviews);
  db.ok({"import", file, "-q"});
  std::string before = db.ok({"export", "--format", "jsonl"});

  Json again = Json::parse(db.ok({"import", file, "--json"}));
  CHECK(again["imported"]["reviews"] == 0);
  CHECK(again["updated"] == 0);
  CHECK(again["unchanged"] == 102 + 300 + 1999 + 2001);
  CHECK(db.ok({"export", "--format", "jsonl"}) == before);

  std::string changes = write(
      db, "changes.jsonl",
      // Found again from another source: updated, on a held tool and on each looked-up one.
      R"({"type":"review","tool":"T70","persona":"Skeptic","score":60,"verdict":"ship","text":"Skeptic on T70.","reviewed_at":"2026-11-01","source":"s2"})" "\n"
      R"({"type":"review","tool":"Big","persona":"Builder","score":7,"text":"Take 7 of Big.","reviewed_at":"2026-10-08","source":"s2"})" "\n"
      // New: Mid past 2,000, then its old reviews and the new ones again.
      R"({"type":"review","tool":"Mid","persona":"Skeptic","score":50,"verdict":"skip","text":"One more.","reviewed_at":"2026-11-02","source":"s2"})" "\n"
      R"({"type":"review","tool":"Mid","persona":"Skeptic","score":55,"verdict":"skip","text":"And another.","reviewed_at":"2026-11-03","source":"s2"})" "\n"
      R"({"type":"review","tool":"Mid","persona":"Builder","score":3,"text":"Take 3 of Mid.","reviewed_at":"2026-10-04","source":"s1"})" "\n"
      R"({"type":"review","tool":"Mid","persona":"Skeptic","score":50,"verdict":"skip","text":"One more.","reviewed_at":"2026-11-02","source":"s2"})" "\n"
      // A score where the stored review has none is no match: a new review.
      R"({"type":"review","tool":"Big","persona":"Builder","score":99,"text":"Take 8 of Big.","reviewed_at":"2026-10-09","source":"s1"})" "\n");
  Json changed = Json::parse(db.ok({"import", changes, "--json"}));
  CHECK(changed["imported"]["reviews"] == 4);  // two on Mid, the dated repeat of one of them, the other score on Big
  CHECK(changed["updated"] == 2);              // T70's and Big's found again from s2
  CHECK(changed["unchanged"] == 1);            // Mid's take 3
  Json third = Json::parse(db.ok({"import", changes, "--json"}));
  CHECK(third["imported"]["reviews"] == 0);
  CHECK(third["updated"] == 0);
  CHECK(third["unchanged"] == 7);
  CHECK(Json::parse(db.ok({"history", "Mid", "--json"}))["reviews"].size() == 1999 + 3);
}
