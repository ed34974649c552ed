// Where each figure came from: a review found on several pages is one
// review with several sources, whatever order the pages came in; a page's
// community figure stays published; a license or vendor a page states
// fills an empty field only.
#include <catch2/catch.hpp>

#include <algorithm>
#include <fstream>
#include <optional>
#include <nlohmann/json.hpp>

#include "support.h"

using toolcmp::test::Db;
using toolcmp::test::Result;
using toolcmp::test::TempDir;
using Json = nlohmann::json;

namespace {

std::string fixture(const std::string& name) { return std::string(TOOLCMP_SOURCE_DIR) + "/tests/data/" + name; }

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

// Three pages that share Pocket Coder 2: the full page (scores, verdicts,
// pricing), the compact one (the same texts, no scores), and a compact
// page against another tool that gives Pocket Coder 2's community figure.
std::vector<std::string> three_pages(const TempDir& dir) {
  std::string compact = toolcmp::test::read_file(fixture("page_compact.txt"));
  std::string third = replaced(compact, "Lens Mini", "Lens Max");
  third.replace(third.find("\u2014\nCommunity"), 3, "12 votes \u00b7 75% ship");
  std::vector<std::string> paths{dir.file("full.txt"), dir.file("compact.txt"), dir.file("third.txt")};
  std::ofstream(paths[0]) << toolcmp::test::read_file(fixture("page_full.txt"));
  std::ofstream(paths[1]) << compact;
  std::ofstream(paths[2]) << third;
  return paths;
}

}  // namespace

TEST_CASE("importing the same pages in every order gives the same compare --json") {
  TempDir pages;
  std::vector<std::string> paths = three_pages(pages);
  std::vector<std::size_t> order{0, 1, 2};
  std::optional<std::string> first;
  int orders = 0;
  do {
    Db db;
    for (std::size_t i : order) db.ok({"import", paths[i], "-q"}, "C.UTF-8", toolcmp::test::kGoldenNow);
    std::string json = db.ok({"compare", "Pocket Coder 2", "Lens Mini", "Lens Max", "--json"});
    INFO("order " << order[0] << order[1] << order[2]);
    if (!first) {
      first = json;
    } else {
      CHECK(json == *first);
    }
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  CHECK(orders == 6);

  // And what that one answer is: the scores of the full page, each review
  // with the three places it was found, the published community figure.
  Json json = Json::parse(*first);
  const Json& coder = json["tools"][0];
  CHECK(coder["panel"]["ship"] == 3);
  CHECK(coder["panel"]["skip"] == 1);
  CHECK(coder["panel"]["mean_score"] == 70.0);
  CHECK(coder["reviews"].size() == 4);
  CHECK(coder["reviews"][0]["score"] == 90);
  CHECK(coder["reviews"][0]["also_from"].size() == 2);
  CHECK(coder["community"] == Json::parse(R"({"votes":12,"ship":9,"skip":3,"ship_pct":75.0,"basis":"published"})"));
  CHECK(coder["license"] == "MIT");  // "Free (MIT weights)"
  CHECK(json["tools"][2]["reviews"][0]["score"].is_null());  // Lens Max: only the compact page, no scores
}

TEST_CASE("an unscored copy never replaces a scored review and a disagreeing one is history") {
  TempDir pages;
  std::vector<std::string> paths = three_pages(pages);
  Db db;
  db.ok({"import", paths[0], "-q"});
  db.ok({"import", paths[1], "-q"});
  Json history = Json::parse(db.ok({"history", "Pocket Coder 2", "--persona", "Builder", "--json"}));
  REQUIRE(history["reviews"].size() == 1);
  CHECK(history["reviews"][0]["score"] == 90);
  // The same text with another verdict is a new review, not a merge.
  std::string file = pages.file("turned.jsonl");
  std::ofstream(file) << R"({"type":"review","tool":"Pocket Coder 2","persona":"Builder","verdict":"skip",)"
                      << R"("text":"Builder on Pocket Coder 2: installs in one command and answers fast."})" << "\n";
  db.ok({"import", file, "-q"});
  history = Json::parse(db.ok({"history", "Pocket Coder 2", "--persona", "Builder", "--json"}));
  CHECK(history["reviews"].size() == 2);
}

TEST_CASE("a review found again after it was superseded still gains the new source") {
  Db db;
  db.ok({"add", "Alpha", "-q"});
  std::string first = db.dir().file("first.jsonl"), again = db.dir().file("again.jsonl");
  const std::string old_review =
      R"({"type":"review","tool":"Alpha","persona":"Builder","verdict":"skip","text":"Too slow.","reviewed_at":"2026-10-01"})";
  std::ofstream(first) << old_review << "\n";
  std::ofstream(again) << old_review << "\n";
  db.ok({"import", first, "-q"});
  db.ok({"review", "Alpha", "Builder", "--verdict", "ship", "--text", "Fast now.", "--at", "2026-11-01", "-q"});
  Result r = db.run({"import", again});
  CHECK_THAT(r.err, Catch::StartsWith("imported 0 reviews, 0 tools, 0 votes") && Catch::EndsWith("; 1 updated\n"));
  Json history = Json::parse(db.ok({"history", "Alpha", "--json"}));
  REQUIRE(history["reviews"].size() == 2);
  CHECK(history["reviews"][0]["source"] == again + ":1");  // the first in sort order
  CHECK(history["reviews"][0]["also_from"] == Json::array({first + ":1"}));
  // The same file again: nothing.
  CHECK_THAT(db.run({"import", again}).err, Catch::EndsWith("; 1 already there\n"));
}

TEST_CASE("a page's community figure is published and never added to the votes cast here") {
  TempDir pages;
  std::vector<std::string> paths = three_pages(pages);
  Db db;
  db.ok({"import", paths[2], "-q"});
  CHECK(Json::parse(db.ok({"info", "--json"}))["votes"] == 0);
  CHECK_THAT(db.ok({"compare", "Pocket Coder 2", "Lens Max", "--width", "100"}),
             Catch::Contains("12 votes \u00b7 75% ship (published)"));
  // Votes cast here take over; the published figure is kept, not mixed in.
  db.ok({"vote", "Pocket Coder 2", "skip", "--voter", "ana", "-q"});
  Json json = Json::parse(db.ok({"show", "Pocket Coder 2", "--json"}));
  CHECK(json["tool"]["community"] == Json::parse(R"({"votes":1,"ship":0,"skip":1,"ship_pct":0.0,"basis":"votes"})"));
  CHECK(json["tool"]["published_votes_ship"] == 9);
  CHECK(json["tool"]["published_votes_skip"] == 3);
}

TEST_CASE("a license or vendor a page states fills an empty field only") {
  TempDir pages;
  std::string page = replaced(toolcmp::test::read_file(fixture("page_full.txt")),
                              "Pocket Coder 2 is a 2B code model.", "Pocket Coder 2 is a 2B code model released by Tiny Labs.");
  std::string path = pages.file("vendor.txt");
  std::ofstream(path) << page;
  Db db;
  db.ok({"add", "Lens Mini", "--vendor", "Lens Co", "--license", "Proprietary", "-q"});
  db.ok({"import", path, "-q"});
  Json coder = Json::parse(db.ok({"show", "Pocket Coder 2", "--json"}))["tool"];
  CHECK(coder["vendor"] == "Tiny Labs");
  CHECK(coder["license"] == "MIT");
  Json lens = Json::parse(db.ok({"show", "Lens Mini", "--json"}))["tool"];
  CHECK(lens["vendor"] == "Lens Co");        // kept: never a conflict
  CHECK(lens["license"] == "Proprietary");
}

TEST_CASE("compare --explain lists the reviews left out and why and a long history costs no more") {
  Db db;
  db.ok({"add", "Alpha", "-q"});
  db.ok({"add", "Beta", "-q"});
  db.ok({"persona", "add", "Ops", "-q"});
  std::string file = db.dir().file("long.jsonl");
  {
    std::ofstream out(file);
    for (int i = 0; i < 300; ++i) {
      out << R"({"type":"review","tool":"Alpha","persona":"Builder","verdict":")" << (i % 2 ? "ship" : "skip")
          << R"(","text":"take )" << i << R"(","reviewed_at":"2026-0)" << 1 + i / 40 << "-" << 10 + i % 18
          << R"(T00:00:00Z"})" << "\n";
    }
    out << R"({"type":"review","tool":"Alpha","persona":"Ops","verdict":"skip","text":"on call"})" << "\n";
    out << R"({"type":"review","tool":"Beta","persona":"Builder","verdict":"ship","text":"fine"})" << "\n";
  }
  db.ok({"import", file, "-q"});
  db.ok({"persona", "rm", "Ops", "-q"});
  Json json = Json::parse(db.ok({"compare", "Alpha", "Beta", "--explain", "--json"}));
  const Json& alpha = json["tools"][0];
  CHECK(alpha["left_out_total"] == 300);  // 299 superseded Builder reviews and the removed Ops one
  CHECK(alpha["left_out"].size() == 100);  // the latest only
  CHECK(alpha["left_out"][0]["reason"] == "persona removed");
  CHECK(alpha["left_out"][1]["reason"] == "superseded");
  CHECK(json["tools"][1]["left_out"].empty());
  std::string out = db.ok({"compare", "Alpha", "Beta", "--explain", "--brief", "--width", "100"});
  CHECK_THAT(out, Catch::Contains("Left out: 300 reviews"));
  CHECK_THAT(out, Catch::Contains("(persona removed)"));
  CHECK_THAT(out, Catch::Contains("and 292 more ('toolcmp history Alpha')"));
  // Without --explain the JSON has no left_out.
  CHECK_FALSE(Json::parse(db.ok({"compare", "Alpha", "Beta", "--json"}))["tools"][0].contains("left_out"));
}

TEST_CASE("a vendor named before 'has released' and a Llama Community License without a version are read") {
  TempDir pages;
  std::string page = replaced(replaced(toolcmp::test::read_file(fixture("page_full.txt")), "Pocket Coder 2 is a 2B code model.",
                                       "Tiny Labs has released Pocket Coder 2 under the Llama Community License."),
                              "Free (MIT weights)", "Free");
  std::string path = pages.file("released.txt");
  std::ofstream(path) << page;
  Db db;
  db.ok({"import", path, "-q"});
  Json coder = Json::parse(db.ok({"show", "Pocket Coder 2", "--json"}))["tool"];
  CHECK(coder["vendor"] == "Tiny Labs");
  CHECK(coder["license"] == "Llama Community");
}
