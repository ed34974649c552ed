// import and export through run_cli: formats, one transaction, idempotence,
// conflicts, hostile input and round trips.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <fstream>

#include "support.h"
#include "toolcmp/store/store.h"

using toolcmp::test::Db;
using toolcmp::test::Result;
using Json = nlohmann::json;

using toolcmp::test::compare_without_sources;

namespace {

std::string write(const Db& db, const std::string& name, const std::string& text) {
  std::string path = db.dir().file(name);
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

std::string fixture(const std::string& name) { return std::string(TOOLCMP_SOURCE_DIR) + "/tests/data/" + name; }

Json info(const Db& db) { return Json::parse(db.ok({"info", "--json"})); }

Json summary(const Db& db, std::vector<std::string> args) {
  args.insert(args.begin(), "import");
  args.push_back("--json");
  Result r = db.run(args);
  INFO(r.err);
  return Json::parse(r.out);
}


const char* const kTwoTools =
    R"({"type":"tool","name":"Alpha","category":"Dev","published_ship_pct":50})"
    "\n"
    R"({"type":"tool","name":"Beta","vendor":"B Inc","attributes":{"params":"3B"}})"
    "\n"
    R"({"type":"review","tool":"Alpha","persona":"Builder","score":70,"verdict":"ship","text":"Good.","reviewed_at":"2026-11-01"})"
    "\n"
    R"({"type":"review","tool":"beta","persona":"skeptic","score":40,"verdict":"skip","text":"Meh.","reviewed_at":"2026-11-01"})"
    "\n"
    R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"ana"})"
    "\n";

}  // namespace

TEST_CASE("a JSON Lines import adds tools, reviews and votes, and again adds nothing") {
  Db db;
  std::string file = write(db, "panel.jsonl", kTwoTools);
  Result first = db.run({"import", file});
  REQUIRE(first.code == 0);
  CHECK_THAT(first.err, Catch::Matches("imported 2 reviews, 2 tools, 1 vote in [0-9.]+ s\n"));
  CHECK(first.out.empty());
  Json counts = info(db);
  CHECK(counts["tools"] == 2);
  CHECK(counts["reviews"] == 2);
  CHECK(counts["votes"] == 1);

  Json again = summary(db, {file});
  CHECK(again["imported"] == Json::parse(R"({"reviews":0,"tools":0,"votes":0,"personas":0,"decisions":0})"));
  CHECK(again["unchanged"] == 5);
  CHECK(info(db)["reviews"] == 2);

  Json show = Json::parse(db.ok({"show", "Alpha", "--json"}));
  CHECK(show["tool"]["reviews"][0]["source"] == file + ":3");
  CHECK(show["tool"]["published_ship_pct"] == 50.0);
}

TEST_CASE("one bad record and nothing is written, and the error says file, line and value") {
  Db db;
  db.ok({"add", "Existing", "-q"});
  std::string file = write(db, "bad.jsonl",
                           std::string(kTwoTools) +
                               R"({"type":"review","tool":"Alpha","persona":"Builder","score":101,"verdict":"ship"})" + "\n");
  Result r = db.run({"import", file});
  CHECK(r.code == 1);
  CHECK(r.err == "toolcmp: error: " + file + ":6: score '101' is not a whole number from 0 to 100\n");
  CHECK(info(db)["tools"] == 1);
  CHECK(info(db)["reviews"] == 0);
}

TEST_CASE("with --keep-going, import writes the good records, reports each bad one and exits 1") {
  Db db;
  std::string file = write(db, "mixed.jsonl",
                           std::string(kTwoTools) + "not json\n" +
                               R"({"type":"review","tool":"Gamma","persona":"Builder","text":"x"})" + "\n" +
                               R"({"type":"reveiw"})" + "\n");
  Result r = db.run({"import", file, "--keep-going"});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains(file + ":6: not valid JSON; each line must be one JSON object"));
  CHECK_THAT(r.err, Catch::Contains(file + ":7: no tool named 'Gamma' in the database or earlier in the import"));
  CHECK_THAT(r.err, Catch::Contains(file + ":8: type 'reveiw' is not persona, tool, review, vote or decision; did you mean 'review'?"));
  CHECK_THAT(r.err, Catch::Contains("imported 2 reviews, 2 tools, 1 vote in"));
  CHECK_THAT(r.err, Catch::Contains("; 3 failed"));
  CHECK_THAT(r.err, Catch::EndsWith("toolcmp: error: 3 records could not be imported; the others were\n"));
  CHECK(info(db)["reviews"] == 2);
}

TEST_CASE("import --dry-run checks everything and writes nothing, not even a new file") {
  Db db;
  std::string file = write(db, "panel.jsonl", kTwoTools);
  Json result = summary(db, {file, "--dry-run"});
  CHECK(result["dry_run"] == true);
  CHECK(result["imported"]["reviews"] == 2);
  CHECK_FALSE(toolcmp::test::file_exists(db.path()));
  db.ok({"add", "Other", "-q"});
  std::string before = toolcmp::test::read_file(db.path());
  Result r = db.run({"import", file, "--dry-run"});
  CHECK(r.code == 0);
  CHECK_THAT(r.err, Catch::Contains("would import 2 reviews, 2 tools, 1 vote in"));
  CHECK_THAT(r.err, Catch::Contains("(dry run: nothing written)"));
  CHECK(toolcmp::test::read_file(db.path()) == before);
}

TEST_CASE("import --on-conflict decides what happens to a tool whose fields differ") {
  Db db;
  db.ok({"add", "Alpha", "--category", "Old", "--vendor", "A Co", "-q"});
  std::string file = write(db, "t.jsonl", R"({"type":"tool","name":"alpha","category":"New","entry":"Free"})" "\n");
  Result r = db.run({"import", file});
  CHECK(r.code == 1);
  CHECK(r.err == "toolcmp: error: " + file +
                     ":1: tool 'Alpha' already exists with a different category ('Old' in the database, 'New' here); "
                     "use --on-conflict skip or replace\n");
  Json skipped = summary(db, {file, "--on-conflict", "skip"});
  CHECK(skipped["skipped"] == 1);
  CHECK(skipped["updated"] == 1);  // the entry it lacked was filled in
  CHECK(Json::parse(db.ok({"show", "Alpha", "--json"}))["tool"]["category"] == "Old");
  CHECK(Json::parse(db.ok({"show", "Alpha", "--json"}))["tool"]["entry"] == "Free");
  Json replaced = summary(db, {file, "--on-conflict", "replace"});
  CHECK(replaced["imported"]["tools"] == 0);
  CHECK(replaced["updated"] == 1);
  Json tool = Json::parse(db.ok({"show", "Alpha", "--json"}))["tool"];
  CHECK(tool["category"] == "New");
  CHECK(tool["entry"] == "Free");
  CHECK(tool["vendor"] == "A Co");  // fields the record does not give stay
  CHECK(tool["name"] == "Alpha");
  // Filling in a field the database lacks is no conflict.
  std::string more = write(db, "more.jsonl", R"({"type":"tool","name":"Alpha","license":"MIT"})" "\n");
  CHECK(summary(db, {more})["updated"] == 1);
  CHECK(summary(db, {more})["unchanged"] == 1);
}

TEST_CASE("a persona with reviews is a conflict when a record changes it, one without simply takes it") {
  Db db;
  std::string file = write(db, "p.jsonl", R"({"type":"persona","name":"Builder","weight":3})" "\n");
  CHECK(summary(db, {file})["updated"] == 1);  // nobody has reviewed as Builder yet
  db.ok({"add", "Alpha", "-q"});
  db.ok({"review", "Alpha", "Builder", "--verdict", "ship", "-q"});
  std::string again = write(db, "q.jsonl", R"({"type":"persona","name":"builder","weight":2})" "\n");
  Result r = db.run({"import", again});
  CHECK(r.code == 1);
  CHECK(r.err == "toolcmp: error: " + again +
                     ":1: persona 'Builder' already exists with a different weight (3 in the database, 2 here); "
                     "use --on-conflict skip or replace\n");
  CHECK(summary(db, {again, "--on-conflict", "skip"})["skipped"] == 1);
  CHECK(summary(db, {again, "--on-conflict", "replace"})["updated"] == 1);
  CHECK(Json::parse(db.ok({"persona", "list", "--json"}))["personas"][0]["weight"] == 2.0);
}

TEST_CASE("unknown personas get did-you-mean, and tools must be defined before their reviews") {
  Db db;
  std::string file = write(db, "r.jsonl",
                           R"({"type":"review","tool":"Alpha","persona":"Builder","text":"x"})" "\n"
                           R"({"type":"tool","name":"Alpha"})" "\n");
  CHECK_THAT(db.run({"import", file}).err, Catch::Contains(file + ":1: no tool named 'Alpha'"));
  std::string personas = write(db, "p.jsonl",
                               R"({"type":"tool","name":"Alpha"})" "\n"
                               R"({"type":"review","tool":"Alpha","persona":"Skeptik","text":"x"})" "\n");
  CHECK(db.run({"import", personas}).err ==
        "toolcmp: error: " + personas + ":2: no persona named 'Skeptik'; did you mean 'Skeptic'?\n");
  std::string added = write(db, "q.jsonl",
                            R"({"type":"persona","name":"Security","focus":"Threats","weight":2})" "\n"
                            R"({"type":"tool","name":"Alpha"})" "\n"
                            R"({"type":"review","tool":"Alpha","persona":"Security","score":90,"verdict":"ship"})" "\n");
  db.ok({"import", added, "-q"});
  CHECK(Json::parse(db.ok({"persona", "list", "--json"}))["personas"][4]["weight"] == 2.0);
}

TEST_CASE("records are checked field by field") {
  Db db;
  auto error = [&](const std::string& line) {
    std::string file = write(db, "x.jsonl", line + "\n");
    Result r = db.run({"import", file});
    CHECK(r.code == 1);
    return r.err.substr(r.err.find(".jsonl:1: ") + 10);
  };
  CHECK(error(R"({"type":"tool","name":"A","vendr":"x"})") == "tool record has no field 'vendr'; did you mean 'vendor'?\n");
  CHECK(error(R"({"type":"tool","name":"   "})") == "tool name '   ' needs at least one letter or digit\n");
  CHECK(error(R"({"type":"tool","name":"A","published_ship_pct":140})") ==
        "published_ship_pct '140' is not a number from 0 to 100\n");
  CHECK(error(R"({"type":"tool","name":"A","attributes":{"bad key":"x"}})") ==
        "attribute key 'bad key' must be 1-64 letters, digits, '_', '-' or '.'\n");
  CHECK(error(R"({"type":"vote","tool":"A","verdict":"ship"})") ==
        "an anonymous vote needs cast_at (or a voter), so that importing it again does not count it twice\n");
  CHECK(error(R"({"type":"review","tool":"A","persona":"Builder","score":"80"})") == "score must be a number, not string\n");
  CHECK(error(R"({"type":"review","tool":"A","persona":"Builder","reviewed_at":"yesterday","text":"x"})") ==
        "date 'yesterday' is not a date; give YYYY-MM-DD or an RFC 3339 time such as 2026-11-05T14:30:00+02:00\n");
  // Its name, not its start, said JSON Lines, so the error says so too.
  CHECK(error("[1,2]") == "expected an object, not array\n(read as jsonl because its name ends in .jsonl and its "
                          "start is none of the others; if it is not, give --format before it)\n");
}

TEST_CASE("hostile input gets a clear error, never a crash") {
  Db db;
  auto import_error = [&](const std::string& text) {
    std::string file = write(db, "h.jsonl", text);
    Result r = db.run({"import", file});
    CHECK(r.code == 1);
    CHECK(info(db)["tools"] == 0);
    return r.err;
  };
  CHECK_THAT(import_error("{\"type\":\"tool\",\"name\":\"A\xff\"}\n"), Catch::Contains("h.jsonl:1: line is not valid UTF-8"));
  CHECK_THAT(import_error(std::string("{\"type\":\"tool\",\"name\":\"A\0B\"}\n", 29)),
             Catch::Contains("h.jsonl:1: line contains a NUL byte"));
  CHECK_THAT(import_error(R"({"type":"tool","name":"A"})" "\n" + std::string(10 << 20, 'x') + "\n"), Catch::Contains("h.jsonl:2: line is longer than 4 MiB"));
  CHECK_THAT(import_error(std::string(100000, '[') + std::string(100000, ']') + "\n"),
             Catch::Contains("h.jsonl:1: JSON is nested more than 16 deep"));
  CHECK_THAT(import_error(R"({"type":"tool","name":"A"})" "\n" R"({"type":"tool","na)"),
             Catch::Contains("h.jsonl:2: the last line is cut short (the file ends in the middle of a record)"));
  std::string escapes = write(db, "e.jsonl", "{\"type\":\"tool\",\"name\":\"Evil\",\"tagline\":\"\\u001b]0;owned\\u0007 \\u202e\"}\n");
  db.ok({"import", escapes, "-q"});
  std::string shown = db.ok({"show", "Evil"});
  CHECK(shown.find('\x1b') == std::string::npos);
  CHECK_THAT(shown, Catch::Contains("^[]0;owned^G <U+202E>"));
}

TEST_CASE("CSV follows RFC 4180: quotes, commas, newlines and a byte order mark") {
  Db db;
  std::string file = write(db, "tools.csv",
                           "\xEF\xBB\xBFname,vendor,description,attr.params,published_ship_pct\r\n"
                           "\"Alpha, the first\",\"A \"\"Quoted\"\" Co\",\"line one\nline two\",3B,75\r\n"
                           "Beta,,,,\r\n");
  db.ok({"import", file, "-q"});
  Json alpha = Json::parse(db.ok({"show", "Alpha, the first", "--json"}))["tool"];
  CHECK(alpha["vendor"] == "A \"Quoted\" Co");
  CHECK(alpha["description"] == "line one\nline two");
  CHECK(alpha["attributes"]["params"] == "3B");
  CHECK(alpha["published_ship_pct"] == 75.0);
  CHECK(Json::parse(db.ok({"show", "Beta", "--json"}))["tool"]["vendor"].is_null());

  std::string reviews = write(db, "reviews.tsv",
                              "tool\tpersona\tscore\tverdict\ttext\n"
                              "Beta\tBuilder\t81\tship\t\"tabs\tand \"\"quotes\"\"\"\n");
  db.ok({"import", reviews, "-q"});
  Json beta = Json::parse(db.ok({"show", "Beta", "--json"}))["tool"];
  CHECK(beta["reviews"][0]["score"] == 81);
  CHECK(beta["reviews"][0]["text"] == "tabs\tand \"quotes\"");

  std::string typed = write(db, "typed.csv",
                            "type,name,tool,verdict,voter\n"
                            "tool,Gamma,,,\n"
                            "vote,,Gamma,skip,bo\n");
  db.ok({"import", typed, "-q"});
  CHECK(Json::parse(db.ok({"show", "Gamma", "--json"}))["tool"]["community"]["skip"] == 1);

  std::string broken = write(db, "broken.csv", "name,vendor\nDelta,\"never closed\n");
  Result r = db.run({"import", broken});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("broken.csv:2: a quoted field starting on this row never ends"));
  std::string ragged = write(db, "ragged.csv", "name,vendor\nDelta,x,y\n");
  CHECK_THAT(db.run({"import", ragged}).err, Catch::Contains("ragged.csv:2: row has 3 fields; the header has 2"));
}

TEST_CASE("anonymous votes import once, however many times the file is imported") {
  Db db;
  std::string file = write(db, "votes.jsonl",
                           R"({"type":"tool","name":"Alpha"})" "\n"
                           R"({"type":"vote","tool":"Alpha","verdict":"ship","cast_at":"2026-11-01T10:00:00Z"})" "\n"
                           R"({"type":"vote","tool":"Alpha","verdict":"ship","cast_at":"2026-11-01T10:00:00Z"})" "\n"
                           R"({"type":"vote","tool":"Alpha","verdict":"skip","voter":"ana","cast_at":"2026-11-01"})" "\n");
  db.ok({"import", file, "-q"});
  db.ok({"import", file, "-q"});
  Json community = Json::parse(db.ok({"show", "Alpha", "--json"}))["tool"]["community"];
  CHECK(community["ship"] == 2);
  CHECK(community["skip"] == 1);
  // A later vote by the same voter replaces the earlier one; an older one does not.
  std::string later = write(db, "later.jsonl",
                            R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"ana","cast_at":"2026-11-02"})" "\n"
                            R"({"type":"vote","tool":"Alpha","verdict":"skip","voter":"ana","cast_at":"2026-10-01"})" "\n");
  db.ok({"import", later, "-q"});
  CHECK(Json::parse(db.ok({"show", "Alpha", "--json"}))["tool"]["community"]["ship"] == 3);
}

TEST_CASE("export as JSON Lines then import into an empty database gives the same compare --json") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"persona", "add", "Security", "--focus", "Threat model", "--weight", "2", "-q"});
  db.ok({"review", "Mistral 3B", "Security", "--verdict", "skip", "--score", "30", "--text", "Signed weights?", "-q"});
  db.ok({"review", "Mistral 3B", "Builder", "--verdict", "ship", "--score", "90", "--text", "Even better now.", "-q"});
  db.ok({"vote", "Mistral 3B", "ship", "--voter", "ana", "-q"});
  db.ok({"vote", "Code Llama 4", "skip", "-q"});
  db.ok({"persona", "rm", "Futurist", "-q"});
  std::string file = db.dir().file("all.jsonl");
  db.ok({"export", "-o", file});

  Db copy;
  copy.ok({"import", file, "-q"});
  for (const char* command : {"compare", "history"}) {
    std::vector<std::string> args{command, "Code Llama 4"};
    if (std::string(command) == "compare") args.push_back("Mistral 3B");
    args.push_back("--json");
    CHECK(copy.ok(args) == db.ok(args));
  }
  CHECK(copy.ok({"persona", "list", "--json"}) == db.ok({"persona", "list", "--json"}));

  // CSV carries the same records; a review without a source gets FILE:LINE.
  std::string csv = db.dir().file("all.csv");
  db.ok({"export", "-o", csv});
  Db from_csv;
  from_csv.ok({"import", csv, "-q"});
  CHECK(compare_without_sources(from_csv, {"Code Llama 4", "Mistral 3B"}) ==
        compare_without_sources(db, {"Code Llama 4", "Mistral 3B"}));
}

TEST_CASE("published pages import, and a published ship % is marked as such") {
  Db db;
  db.ok({"import", fixture("page_compact.txt"), "-q"});
  Json json = Json::parse(db.ok({"compare", "Pocket Coder 2", "Lens Mini", "--json"}));
  CHECK(json["tools"][0]["panel"]["ship_pct"] == 75.0);
  CHECK(json["tools"][0]["panel"]["basis"] == "published");
  CHECK(json["tools"][0]["panel"]["verdict"].is_null());
  CHECK(json["tools"][0]["reviews"][0]["source"] == fixture("page_compact.txt") + ":25");
  CHECK(json["recommendation"]["tool"] == "Pocket Coder 2");
  CHECK_THAT(db.ok({"compare", "Pocket Coder 2", "Lens Mini", "--width", "100"}), Catch::Contains("75% (published)"));

  // The full page of the same tools quotes the same reviews with their
  // scores and verdicts: it fills them in (8 reviews) and adds the pricing (2 tools).
  Result full = db.run({"import", fixture("page_full.txt")});
  REQUIRE(full.code == 0);
  CHECK_THAT(full.err, Catch::StartsWith("imported 0 reviews, 0 tools, 0 votes in"));
  CHECK_THAT(full.err, Catch::EndsWith("; 10 updated\n"));
  json = Json::parse(db.ok({"compare", "Pocket Coder 2", "Lens Mini", "--json"}));
  CHECK(json["tools"][0]["panel"]["basis"] == "reviews");
  CHECK(json["tools"][0]["panel"]["mean_score"] == 70.0);
  CHECK(json["tools"][0]["pricing"] == "Free (MIT weights)");
  Json history = Json::parse(db.ok({"history", "Lens Mini", "--json"}));
  REQUIRE(history["reviews"].size() == 4);  // one review each, found on two pages
  CHECK(history["reviews"][0]["also_from"].size() == 1);
  // Importing them again, in any layout, adds nothing.
  Json again = summary(db, {fixture("page_full_dense.txt"), fixture("page_compact_spaced.txt")});
  CHECK(again["imported"]["reviews"] == 0);

  // The other order gives the same panel: a compact page's unscored copy
  // of a review never erases the scored one.
  Db other;
  other.ok({"import", fixture("page_full.txt"), "-q"});
  other.ok({"import", fixture("page_compact.txt"), "-q"});
  Json a = Json::parse(db.ok({"compare", "Pocket Coder 2", "Lens Mini", "--json"}));
  Json b = Json::parse(other.ok({"compare", "Pocket Coder 2", "Lens Mini", "--json"}));
  for (std::size_t t = 0; t < 2; ++t) {
    CHECK(a["tools"][t]["panel"] == b["tools"][t]["panel"]);
    for (Json& review : b["tools"][t]["reviews"]) CHECK(!review["score"].is_null());
  }
}

TEST_CASE("history rows that differ only in id survive an export and import and count once each") {
  Db db;
  db.ok({"add", "X", "-q"});
  for (int i = 0; i < 3; ++i) {
    db.ok({"review", "X", "Builder", "--verdict", "ship", "--score", "70", "--text", "Same.", "--at",
           "2026-11-01T10:00:00Z", "-q"});
  }
  std::string file = db.dir().file("all.jsonl");
  db.ok({"export", "-o", file});
  Db copy;
  Json first = summary(copy, {file});
  CHECK(first["imported"]["reviews"] == 3);
  CHECK(first["imported"]["tools"] == 1);
  Json again = summary(copy, {file});
  CHECK(again["imported"]["reviews"] == 0);
  CHECK(again["unchanged"] == 8);  // 4 personas, 1 tool, 3 reviews
}

TEST_CASE("a JSON array is named for what it is and empty input imports nothing") {
  Db db;
  std::string array = write(db, "a.json", R"([{"type":"tool","name":"A"}])" "\n");
  Result r = db.run({"import", array});
  CHECK(r.code == 1);
  CHECK(r.err == "toolcmp: error: " + array + ": this looks like a JSON array; toolcmp reads JSON Lines, one object "
                     "per line: jq -c '.[]' FILE | toolcmp import\n");
  std::string empty = write(db, "empty.csv", "");
  Result e = db.run({"import", empty});
  CHECK(e.code == 0);
  CHECK_THAT(e.err, Catch::StartsWith("imported 0 reviews, 0 tools, 0 votes"));
}

TEST_CASE("with --keep-going, a page's bad review does not stop the rest of the page") {
  Db db;
  std::string page = toolcmp::test::read_file(fixture("page_full.txt"));
  page.replace(page.find("\nSkeptic\n"), 9, "\nSkeptik\n");
  std::string file = db.dir().file("typo.txt");
  std::ofstream(file) << page;
  Result r = db.run({"import", file, "--keep-going"});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("no persona named 'Skeptik'; did you mean 'Skeptic'?"));
  CHECK_THAT(r.err, Catch::Contains("imported 6 reviews, 2 tools, 0 votes in"));
  CHECK_THAT(r.err, Catch::Contains("; 2 failed"));
}

TEST_CASE("compare --format markdown is a page that imports back to the same compare --json") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"edit", "Mistral 3B", "--description", "Line one | with a pipe.\n\nA *second* paragraph.", "-q"});
  // At the golden file's time: what the reviews' ages decide stays put.
  std::string page = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--format", "markdown"}, "C.UTF-8", toolcmp::test::kGoldenNow);
  toolcmp::test::check_golden("compare_markdown.md", page);
  std::string file = db.dir().file("page.md");
  std::ofstream(file) << page;
  Db copy;
  copy.ok({"import", file, "-q"});
  CHECK(compare_without_sources(copy, {"Code Llama 4", "Mistral 3B"}) ==
        compare_without_sources(db, {"Code Llama 4", "Mistral 3B"}));
}

TEST_CASE("a Markdown page carries custom personas and weights and community votes and imports back the same") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"persona", "add", "Ops", "--focus", "Can we run it at 3am?", "--weight", "2", "-q"});
  db.ok({"persona", "edit", "Founder", "--weight", "0.5", "-q"});
  db.ok({"review", "Mistral 3B", "Ops", "--verdict", "skip", "--score", "40", "--text", "Pager-heavy.", "-q"});
  db.ok({"vote", "Mistral 3B", "ship", "--voter", "ana", "-q"});
  db.ok({"vote", "Mistral 3B", "ship", "-q"});
  db.ok({"vote", "Code Llama 4", "skip", "-q"});
  std::string page = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--format", "markdown"});
  std::string file = db.dir().file("page.md");
  std::ofstream(file) << page;
  Db copy;
  Json first = summary(copy, {file});
  CHECK(first["imported"]["personas"] == 1);  // Ops; the default panel takes the page's weights
  CHECK(first["imported"]["votes"] == 0);     // a page's community figure is published, not votes cast here
  Json copied = compare_without_sources(copy, {"Code Llama 4", "Mistral 3B"});
  Json original = compare_without_sources(db, {"Code Llama 4", "Mistral 3B"});
  for (Json& tool : copied["tools"]) {
    CHECK(tool["community"]["basis"] == "published");
    tool["community"]["basis"] = "votes";
    tool.erase("published_votes_ship");
    tool.erase("published_votes_skip");
  }
  for (Json& tool : original["tools"]) {
    tool.erase("published_votes_ship");
    tool.erase("published_votes_skip");
  }
  CHECK(copied == original);
  CHECK_THAT(copy.ok({"compare", "Code Llama 4", "Mistral 3B"}), Catch::Contains("1 vote \u00b7 0% ship (published)"));
  Json again = summary(copy, {file});
  CHECK(again["imported"]["votes"] == 0);
  CHECK(again["imported"]["reviews"] == 0);
  CHECK(summary(db, {file})["imported"]["votes"] == 0);  // into the database it came from: nothing new
}

TEST_CASE("a database from every earlier schema is migrated with its data", "[sqlite]") {
  for (const char* schema : {"v1.sql", "v2.sql", "v3.sql", "v4.sql"}) {
    INFO(schema);
    Db db;
    std::string sql = toolcmp::test::read_file(std::string(TOOLCMP_SOURCE_DIR) + "/src/store/schema/" + schema) +
                      "INSERT INTO tool (name, name_key, loose_key, created_at, updated_at) "
                      "VALUES ('Old Tool', 'old tool', 'oldtool', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z');" +
                      std::string(std::string(schema) == "v4.sql"
                           ? "INSERT INTO review (tool_id, persona_id, score, verdict, text, reviewed_at, recorded_at) "
                             "VALUES (1, 1, 80, 'ship', 'Still here.', '2026-01-02T00:00:00Z', '2026-01-02T00:00:00Z');"
                           : "INSERT INTO review (tool_id, persona_id, score, verdict, text, reviewed_at) "
                             "VALUES (1, 1, 80, 'ship', 'Still here.', '2026-01-02T00:00:00Z');") +
                      "INSERT INTO vote (tool_id, verdict, voter, cast_at) VALUES (1, 'skip', 'ana', '2026-01-03');";
    toolcmp::test::exec_sql(db.path(), sql);
    Json json = Json::parse(db.ok({"show", "Old Tool", "--json"}));
    CHECK(json["tool"]["reviews"][0]["text"] == "Still here.");
    CHECK(json["tool"]["reviews"][0]["recorded_at"] == "2026-01-02T00:00:00Z");  // as written, the best guess
    CHECK(json["tool"]["published_ship_pct"].is_null());
    CHECK(json["tool"]["published_votes"].is_null());
    CHECK(json["tool"]["community"]["skip"] == 1);
    CHECK(info(db)["schema"] == toolcmp::kSchemaVersion);
    CHECK_THAT(db.ok({"rank"}), Catch::Contains("Old Tool"));
    std::string file = write(db, "p.jsonl", R"({"type":"tool","name":"Old Tool","published_ship_pct":60})" "\n");
    db.ok({"import", file, "-q"});
    CHECK(Json::parse(db.ok({"show", "Old Tool", "--json"}))["tool"]["published_ship_pct"] == 60.0);
    db.ok({"add", "New Tool", "-q"});
    db.ok({"decide", "Old or new", "--pick", "Old Tool", "--over", "New Tool", "-q"});  // the tables of version 5
    CHECK(info(db)["decisions"] == 1);
  }
}

TEST_CASE("spreadsheet files import: header case and spaces and trailing empty columns and rows and padded numbers") {
  Db db;
  std::string tools = write(db, "tools2.csv", " Name , CATEGORY ,,\r\nAlpha,Dev,,\r\n,,,\r\nBeta,Dev,,\r\n");
  CHECK(summary(db, {tools})["imported"]["tools"] == 2);
  std::string reviews = write(db, "reviews.csv", "Tool,Persona,Score,Verdict,Text\r\nAlpha,Builder, 82 ,ship,Fine\r\n");
  CHECK(summary(db, {reviews})["imported"]["reviews"] == 1);
  CHECK(Json::parse(db.ok({"show", "Alpha", "--json"}))["tool"]["reviews"][0]["score"] == 82);
}

TEST_CASE("semicolon-separated and CR-only and UTF-16 spreadsheet files import") {
  Db db;
  std::string semi = write(db, "semi.csv", "name;category\nAlpha;Dev\n");
  CHECK(summary(db, {semi})["imported"]["tools"] == 1);
  std::string cr = write(db, "cr.csv", "name,category\rBeta,Dev\rGamma,Dev\r");
  CHECK(summary(db, {cr})["imported"]["tools"] == 2);
  std::string bad_cr = write(db, "bad.csv", "name,category\rDelta,Dev\rEpsilon,Dev,extra\r");
  CHECK_THAT(db.run({"import", bad_cr}).err, Catch::Contains("bad.csv:3: row has 3 fields"));
  // "Unicode text": UTF-16 little-endian with a byte order mark, tab-separated, with an é and an emoji.
  std::string utf8 = "name\tcategory\r\nCaf\xC3\xA9 \xF0\x9F\x9A\x80\tDev\r\n";
  std::string utf16 = "\xFF\xFE";
  for (std::size_t i = 0; i < utf8.size();) {
    auto c = static_cast<unsigned char>(utf8[i]);
    std::uint32_t cp = c;
    int len = 1;
    if (c >= 0xF0) { cp = c & 0x07; len = 4; } else if (c >= 0xE0) { cp = c & 0x0F; len = 3; } else if (c >= 0xC0) { cp = c & 0x1F; len = 2; }
    for (int k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    auto put = [&](std::uint32_t u) { utf16 += static_cast<char>(u & 0xFF); utf16 += static_cast<char>(u >> 8); };
    if (cp >= 0x10000) {
      put(0xD800 + ((cp - 0x10000) >> 10));
      put(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      put(cp);
    }
  }
  std::string u16 = write(db, "unicode.txt", utf16);
  CHECK(summary(db, {u16})["imported"]["tools"] == 1);  // .txt, but its header says TSV
  CHECK(db.run({"show", "Caf\xC3\xA9 \xF0\x9F\x9A\x80"}).code == 0);
  std::string broken = write(db, "broken.tsv", std::string("\xFF\xFE\x00\xD8", 4));
  CHECK_THAT(db.run({"import", broken}).err, Catch::Contains("invalid UTF-16"));
}

TEST_CASE("the format is told from the content, an error says how it was told, and --format is per file") {
  Db db;
  std::string jsonl = write(db, "tools.txt", "{\"type\":\"tool\",\"name\":\"Alpha\",\"category\":\"Dev\"}\n");
  std::string tsv = write(db, "export.txt", "name\tcategory\nBeta\tDev\n");
  std::string csv = write(db, "reviews.dat", "Tool,Persona,Verdict,Reviewed At\nAlpha,Builder,ship,2026-11-01\n");
  Json done = summary(db, {jsonl, tsv, csv});
  CHECK(done["imported"]["tools"] == 2);
  CHECK(done["imported"]["reviews"] == 1);
  CHECK(Json::parse(db.ok({"show", "Alpha", "--json"}))["tool"]["reviews"][0]["reviewed_at"] == "2026-11-01T00:00:00Z");
  // A column no record has is refused on the header's line, as the file spells it, with did-you-mean.
  std::string typo = write(db, "typo.csv", "Tool,Persona,Verdict,Reviewd At\nAlpha,Skeptic,skip,2026-11-01\n");
  Result refused = db.run({"import", typo});
  CHECK(refused.code == 1);
  CHECK_THAT(refused.err, Catch::Contains("typo.csv:1: column 'Reviewd At' is not a field of reviews; did you mean "
                                          "'reviewed_at'?"));
  CHECK_THAT(refused.err, !Catch::Contains("read as"));  // its content told it is CSV
  // Prose with a page's extension is read as a page, and the error says why.
  std::string notes = write(db, "notes.txt", "Some notes of mine.\nNothing more.\n");
  Result page = db.run({"import", notes});
  CHECK(page.code == 1);
  CHECK_THAT(page.err, Catch::Contains("read as page because its name ends in .txt"));
  // Nothing tells: the error says what was looked for and how to choose.
  Result unknown = db.run({"import", write(db, "notes", "Some notes of mine.\n")});
  CHECK(unknown.code == 1);
  CHECK_THAT(unknown.err, Catch::Contains("notes: cannot tell its format") && Catch::Contains("give --format"));
  // One --format is every file's, wherever it stands; several: each is the format of the files after it.
  std::string plain = write(db, "plain.dat", "name,category\nGamma,Dev\n");
  std::string tabbed = write(db, "tabbed.dat", "name\tcategory\nDelta\tDev\n");
  Result wrong = db.run({"import", "--format", "csv", plain, tabbed});
  CHECK(wrong.code == 1);  // tabbed.dat read as CSV has one column, 'name\tcategory'
  CHECK(db.ok({"import", plain, "--format", "csv", "-q"}).empty());
  CHECK(db.ok({"import", "--format", "csv", plain, "--format", "tsv", tabbed, "-q"}).empty());
  CHECK(db.run({"show", "Delta"}).code == 0);
  CHECK(db.ok({"import", "--format", "tsv", tabbed, "--format", "auto", plain, "-q"}).empty());
  CHECK(db.run({"import", "--format", "tsv", plain, "--format", "auto", tabbed}).code == 1);
}

TEST_CASE("export writes TSV and has only the named tools' attribute columns and refuses an extension import would misread") {
  Db db;
  db.ok({"add", "A", "--attr", "params=3B", "-q"});
  db.ok({"add", "B", "--attr", "context=64k", "-q"});
  std::string csv = db.ok({"export", "--format", "csv", "--tool", "A"});
  CHECK_THAT(csv, Catch::Contains("attr.params"));
  CHECK_THAT(csv, !Catch::Contains("attr.context"));
  std::string tsv = db.ok({"export", "--format", "tsv", "--tool", "B"});
  CHECK_THAT(tsv, Catch::StartsWith("type\tname\t"));
  Db copy;
  std::string file = db.dir().file("b.tsv");
  db.ok({"export", "--tool", "B", "-o", file});
  copy.ok({"import", file, "-q"});
  CHECK(Json::parse(copy.ok({"show", "B", "--json"}))["tool"]["attributes"]["context"] == "64k");
  Result wrong = db.run({"export", "--format", "jsonl", "-o", db.dir().file("out.txt")});
  CHECK(wrong.code == 2);
  CHECK_THAT(wrong.err, Catch::Contains("would be imported as .txt, not as jsonl"));
  Result said = db.run({"export", "-o", db.dir().file("backup")});
  CHECK(said.err == "Wrote JSON Lines to '" + db.dir().file("backup") + "'\n");
}
