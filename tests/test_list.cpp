// list and rank: filters, --limit, --reverse, the Updated column, one line
// per tool at 80 columns, and what an empty answer says.
#include <algorithm>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "support.h"
#include "toolcmp/base/text.h"

using toolcmp::test::Db;
using toolcmp::test::Result;
using Json = nlohmann::json;

namespace {

// Three tools: Alpha ships 2/0 at 90, Beta skips 0/2 at 30, Gamma has no reviews.
void load_three(const Db& db) {
  for (const char* name : {"Alpha", "Beta", "Gamma"}) db.ok({"add", name, "--category", "Developer Tools", "-q"});
  for (const char* persona : {"Builder", "Skeptic"}) {
    db.ok({"review", "Alpha", persona, "--verdict", "ship", "--score", "90", "--at", "2026-11-01", "-q"});
    db.ok({"review", "Beta", persona, "--verdict", "skip", "--score", "30", "--at", "2026-11-01", "-q"});
  }
}

std::vector<std::string> names(const std::string& json) {
  std::vector<std::string> result;
  Json parsed = Json::parse(json);
  for (const auto& tool : parsed["tools"]) result.push_back(tool["name"]);
  return result;
}

}  // namespace

TEST_CASE("list and rank filter by panel verdict and minimum mean score") {
  Db db;
  load_three(db);
  CHECK(names(db.ok({"list", "--verdict", "ship", "--json"})) == std::vector<std::string>{"Alpha"});
  CHECK(names(db.ok({"rank", "--verdict", "skip", "--json"})) == std::vector<std::string>{"Beta"});
  CHECK(names(db.ok({"list", "--min-score", "50", "--json"})) == std::vector<std::string>{"Alpha"});
  CHECK(db.ok({"list", "--min-score", "95"}) == "No tool matches these filters.\n");
}

TEST_CASE("list and rank take --limit and --reverse") {
  Db db;
  load_three(db);
  CHECK(names(db.ok({"rank", "--json"})) == std::vector<std::string>{"Alpha", "Beta", "Gamma"});
  CHECK(names(db.ok({"rank", "--reverse", "--json"})) == std::vector<std::string>{"Gamma", "Beta", "Alpha"});
  CHECK(names(db.ok({"rank", "--reverse", "--limit", "2", "--json"})) == std::vector<std::string>{"Gamma", "Beta"});
  CHECK(names(db.ok({"list", "--limit", "2", "--json"})) == std::vector<std::string>{"Alpha", "Beta"});
  CHECK(names(db.ok({"list", "--reverse", "--json"})) == std::vector<std::string>{"Gamma", "Beta", "Alpha"});
}

TEST_CASE("list --sort updated shows an Updated column newest first") {
  Db db;
  load_three(db);
  std::string out = db.ok({"list", "--sort", "updated", "--width", "80"});
  CHECK_THAT(out, Catch::StartsWith("Name   Category         Panel     Ship  Mean  Votes  Updated\n"));
}

TEST_CASE("an unknown category is named with the categories it could be") {
  Db db;
  load_three(db);
  CHECK(db.ok({"list", "--category", "Developer Tool"}) ==
        "No tool is in category 'Developer Tool'; did you mean 'Developer Tools'?\n");
  CHECK(db.ok({"rank", "--category", "developer tools", "--limit", "1", "--json"}).find("Alpha") != std::string::npos);
  Db empty;
  CHECK(empty.ok({"list"}) == "No tools yet; add one with 'toolcmp add NAME'.\n");
}

TEST_CASE("at 80 columns a long-named tool keeps one line and no number or header word breaks") {
  Db db;
  load_three(db);
  db.ok({"add", "A Model With A Rather Long Name For A Table", "--category", "Vision Language Models", "-q"});
  for (const char* persona : {"Builder", "Skeptic", "Futurist"}) {
    db.ok({"review", "A Model With A Rather Long Name For A Table", persona, "--verdict", "ship", "--score", "77",
           "-q"});
  }
  std::string out = db.ok({"rank", "--width", "80"});
  CHECK_THAT(out, Catch::Contains("Ship 3/0  100%  77.0      0"));
  CHECK_THAT(out, Catch::Contains("#  Name"));  // the # column is as wide as a band, "1-4"
  CHECK_THAT(out, Catch::Contains("Panel     Ship  Mean  Votes  Lead\n"));
  std::string narrow = db.ok({"rank", "--width", "50"});
  CHECK_THAT(narrow, Catch::Contains("100%  77.0"));  // names are cut, figures never
  // One line per tool at every width a table fits: a long name or category
  // is cut with an ellipsis rather than wrapped, and rank keeps its Lead.
  for (const char* width : {"50", "60", "80", "120"}) {
    for (const char* command : {"rank", "list"}) {
      std::string out = db.ok({command, "--width", width});
      INFO(command << " at " << width << "\n" << out);
      CHECK(std::count(out.begin(), out.end(), '\n') == 5);  // the header and four tools
      CHECK(toolcmp::test::widest_line(out) <= std::stoi(width));
      if (std::string(command) == "rank") CHECK_THAT(out, Catch::Contains(" Lead\n"));
      if (std::stoi(width) < 80) CHECK_THAT(out, Catch::Contains("A Model") && Catch::Contains("\u2026 "));
      CHECK_THAT(out, !Catch::Contains(" \u2026"));  // cut after a word, not before a space
    }
  }
  std::string whole = db.ok({"--no-wrap", "rank"});
  CHECK_THAT(whole, Catch::Contains("A Model With A Rather Long Name For A Table  Vision Language Models"));
}

TEST_CASE("a narrow rank drops the category, cuts names and \"provisional\", then prints a block per tool") {
  Db db;
  load_three(db);
  // Read as of one day: these reviews age with the clock, and in a few
  // years their intervals would widen the places column.
  std::string narrow = db.ok({"rank", "--width", "44"}, "C.UTF-8", toolcmp::test::kGoldenNow);
  CHECK_THAT(narrow, Catch::StartsWith("#  Name   Panel     Ship  Mean  Votes  Lead\n"));
  CHECK_THAT(narrow, Catch::Contains("0  prov.\n"));
  std::string blocks = db.ok({"rank", "--width", "24"}, "C.UTF-8", toolcmp::test::kGoldenNow);
  CHECK_THAT(blocks, Catch::StartsWith("1. Alpha\n  Ship 2/0 \u00b7 100% ship \u00b7\n  mean 90.0 \u00b7 0 votes \u00b7\n"));
  for (std::size_t start = 0; start < blocks.size();) {
    std::size_t end = blocks.find('\n', start);
    CHECK(toolcmp::display_width(blocks.substr(start, end - start)) <= 24);
    start = end + 1;
  }
}
