// publish DIR: the files of a site, stable names, rewriting only what
// changed, removing what is gone, and never a write outside DIR.
#include <catch2/catch.hpp>

#include <sys/stat.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support.h"

using toolcmp::test::Db;
using toolcmp::test::Result;
namespace fs = std::filesystem;

namespace {

// Every file under dir (relative path) with its modification time in nanoseconds.
std::map<std::string, long long> files(const std::string& dir) {
  std::map<std::string, long long> found;
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    struct stat st {};
    ::stat(entry.path().c_str(), &st);
    found[fs::relative(entry.path(), dir).string()] = st.st_mtim.tv_sec * 1000000000LL + st.st_mtim.tv_nsec;
  }
  return found;
}

nlohmann::json publish(const Db& db, const std::vector<std::string>& extra = {}) {
  std::vector<std::string> args{"publish", db.dir().file("site"), "--json"};
  args.insert(args.end(), extra.begin(), extra.end());
  return nlohmann::json::parse(db.ok(args));
}

}  // namespace

TEST_CASE("publish writes an index and a page per tool decision and pair under stable names") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"add", "C++ Helper", "-q"});
  db.ok({"add", "C   Helper!", "-q"});  // the same slug: the later tool adds its id
  db.ok({"add", "\u901a\u4e49", "-q"});  // no ASCII at all: its id
  db.ok({"decide", "Local code model", "--pick", "Mistral 3B", "--over", "Code Llama 4", "-q"});
  nlohmann::json first = publish(db, {"--pair", "Mistral 3B,code llama 4"});
  std::map<std::string, long long> site = files(db.dir().file("site"));
  std::set<std::string> names;
  for (const auto& [name, time] : site) names.insert(name);
  std::string c_helper_2 = "tools/c-helper-" + std::to_string(4) + ".html";
  std::set<std::string> expected{".toolcmp-site", "index.html", "style.css", "tools/code-llama-4.html",
                                 "tools/mistral-3b.html", "tools/c-helper.html", c_helper_2, "tools/id-5.html",
                                 "decisions/local-code-model.html", "compare/mistral-3b-vs-code-llama-4.html"};
  CHECK(names == expected);
  CHECK(first["written"] == 9);
  CHECK(first["unchanged"] == 0);
  std::string index = toolcmp::test::read_file(db.dir().file("site/index.html"));
  CHECK_THAT(index, Catch::Contains("<a href=\"tools/mistral-3b.html\">Mistral 3B</a>") &&
                        Catch::Contains("href=\"decisions/local-code-model.html\"") &&
                        Catch::Contains("href=\"compare/mistral-3b-vs-code-llama-4.html\"") &&
                        Catch::Contains("<link rel=\"stylesheet\" href=\"style.css\">"));
  CHECK(index.find("Mistral 3B") < index.find("Code Llama 4"));  // ranked
  std::string tool = toolcmp::test::read_file(db.dir().file("site/tools/mistral-3b.html"));
  CHECK_THAT(tool, Catch::Contains("href=\"../index.html\"") && Catch::Contains("href=\"../style.css\"") &&
                       Catch::Contains("Fits in 4 GB"));
  std::string pair = toolcmp::test::read_file(db.dir().file("site/compare/mistral-3b-vs-code-llama-4.html"));
  CHECK_THAT(pair, Catch::Contains("<a href=\"../tools/code-llama-4.html\">Code Llama 4</a>"));
}

TEST_CASE("publish again rewrites only the pages that changed and removes the pages of tools that are gone") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"add", "Gone Soon", "-q"});
  publish(db, {"--pair", "Mistral 3B,Code Llama 4"});
  std::map<std::string, long long> before = files(db.dir().file("site"));
  std::ofstream(db.dir().file("site/notes.txt")) << "mine";  // not toolcmp's: left alone
  nlohmann::json same = publish(db, {"--pair", "Mistral 3B,Code Llama 4"});
  CHECK(same["written"] == 0);
  CHECK(same["removed"] == 0);
  CHECK(files(db.dir().file("site")).at("tools/code-llama-4.html") == before.at("tools/code-llama-4.html"));

  db.ok({"review", "Code Llama 4", "Founder", "--score", "70", "--verdict", "ship", "--text", "Changed my mind.", "-q"});
  db.ok({"rm", "Gone Soon", "--yes", "-q"});
  nlohmann::json changed = publish(db, {"--pair", "Mistral 3B,Code Llama 4"});
  std::map<std::string, long long> after = files(db.dir().file("site"));
  CHECK(changed["removed"] == 1);
  CHECK(after.count("tools/gone-soon.html") == 0);
  CHECK(after.count("notes.txt") == 1);
  // The tool, the index (its figures) and the pair page changed; Mistral 3B's page did not.
  CHECK(changed["written"] == 3);
  CHECK(after.at("tools/mistral-3b.html") == before.at("tools/mistral-3b.html"));
  CHECK(after.at("tools/code-llama-4.html") != before.at("tools/code-llama-4.html"));
}

TEST_CASE("publish never writes outside DIR and leaves what it did not write alone") {
  Db db;
  db.load_acceptance_panel();
  std::string site = db.dir().file("site");
  std::string outside = db.dir().file("outside");
  fs::create_directory(site);
  fs::create_directory(outside);
  SECTION("a symbolic link where a folder of pages goes is refused") {
    fs::create_directory_symlink(outside, site + "/tools");
    Result r = db.run({"publish", site});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("tools") && Catch::Contains("publish writes only inside"));
    CHECK(fs::is_empty(outside));
  }
  SECTION("a link in a page's place is replaced by the page, not followed") {
    publish(db);
    std::string target = outside + "/victim.txt";
    std::ofstream(target) << "keep me";
    fs::remove(site + "/tools/mistral-3b.html");
    fs::create_symlink(target, site + "/tools/mistral-3b.html");
    publish(db);
    CHECK(toolcmp::test::read_file(target) == "keep me");
    CHECK(fs::is_regular_file(fs::symlink_status(site + "/tools/mistral-3b.html")));
  }
  SECTION("a manifest that lists other files is refused before anything is written or removed") {
    std::ofstream(site + "/.toolcmp-site") << "0123456789abcdef ../outside/victim.txt\n";
    std::ofstream(outside + "/victim.txt") << "keep me";
    Result r = db.run({"publish", site});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains(".toolcmp-site:1: not a line toolcmp wrote"));
    CHECK(fs::exists(outside + "/victim.txt"));
    CHECK(!fs::exists(site + "/index.html"));
  }
  SECTION("a FIFO for a manifest is refused without blocking") {
    REQUIRE(::mkfifo((site + "/.toolcmp-site").c_str(), 0600) == 0);
    Result r = db.run({"publish", site});
    CHECK(r.code == 1);
    CHECK_THAT(r.err, Catch::Contains("is not a manifest toolcmp wrote"));
  }
  SECTION("a tool named --pair that is not there writes nothing") {
    Result r = db.run({"publish", site, "--pair", "Mistral 3B,Nope"});
    CHECK(r.code == 1);
    CHECK(fs::is_empty(site));
    Result one = db.run({"publish", site, "--pair", "Mistral 3B"});
    CHECK(one.code == 2);
  }
}

TEST_CASE("publish refuses to replace files no manifest lists and names them unless --force") {
  Db db;
  db.load_acceptance_panel();
  std::string site = db.dir().file("site");
  fs::create_directories(site + "/tools");
  std::ofstream(site + "/index.html") << "my own page";
  std::ofstream(site + "/tools/mistral-3b.html") << "my notes";
  std::ofstream(site + "/.index.html.tmp") << "my temporary file";
  std::ofstream(site + "/.toolcmp-site.tmp") << "another of mine";
  Result r = db.run({"publish", site});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("2 files") && Catch::Contains("index.html") &&
                        Catch::Contains("tools/mistral-3b.html") && Catch::Contains("--force"));
  CHECK(toolcmp::test::read_file(site + "/index.html") == "my own page");
  CHECK(toolcmp::test::read_file(site + "/tools/mistral-3b.html") == "my notes");
  CHECK(!fs::exists(site + "/.toolcmp-site"));
  CHECK(!fs::exists(site + "/style.css"));
  nlohmann::json forced = publish(db, {"--force"});
  CHECK(forced["written"].get<int>() > 2);
  CHECK(toolcmp::test::read_file(site + "/index.html") != "my own page");
  // Temporary files have names no user file has: the user's are left alone.
  CHECK(toolcmp::test::read_file(site + "/.index.html.tmp") == "my temporary file");
  CHECK(toolcmp::test::read_file(site + "/.toolcmp-site.tmp") == "another of mine");
  std::size_t temporaries = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    std::string name = entry.path().filename().string();
    if (name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0) ++temporaries;
  }
  CHECK(temporaries == 2);
}

TEST_CASE("publish decides every page name before the first write and never fails on a slug collision") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"add", "/etc/passwd", "-q"});     // 3: etc-passwd
  db.ok({"add", "etc passwd 5", "-q"});    // 4: etc-passwd-5, which the next one would have taken with its id
  db.ok({"add", "etc passwd", "-q"});      // 5: etc-passwd again, and etc-passwd-5 taken: etc-passwd-5-2
  db.ok({"add", "\u4e2d\u6587", "-q"});  // 6: no ASCII: id-6
  db.ok({"add", "ID 6", "-q"});            // 7: id-6 again: id-6-7
  for (const char* title : {"Q", "Q!", "Q 2"}) db.ok({"decide", title, "--pick", "Mistral 3B", "--over", "Code Llama 4", "-q"});
  nlohmann::json first = publish(db);
  std::set<std::string> tools, decisions;
  for (const auto& entry : fs::directory_iterator(db.dir().file("site/tools"))) tools.insert(entry.path().filename());
  for (const auto& entry : fs::directory_iterator(db.dir().file("site/decisions"))) decisions.insert(entry.path().filename());
  CHECK(tools == std::set<std::string>{"code-llama-4.html", "mistral-3b.html", "etc-passwd.html", "etc-passwd-5.html",
                                       "etc-passwd-5-2.html", "id-6.html", "id-6-7.html"});
  CHECK(decisions.size() == 3);
  CHECK(publish(db)["written"] == 0);  // the same names again: nothing to rewrite
}

TEST_CASE("publish checks every option before it writes anything") {
  Db db;
  db.load_acceptance_panel();
  std::string site = db.dir().file("site");
  Result twice = db.run({"publish", site, "--pair", "Mistral 3B,Code Llama 4", "--pair", "mistral 3b,code llama 4"});
  CHECK(twice.code == 2);
  CHECK_THAT(twice.err, Catch::Contains("given twice"));
  CHECK(!fs::exists(site));
  std::string long_name(60, 'x');
  for (int i = 0; i < 4; ++i) db.ok({"add", long_name + std::to_string(i), "-q"});
  Result too_long = db.run({"publish", site, "--pair",
                            long_name + "0," + long_name + "1," + long_name + "2," + long_name + "3"});
  CHECK(too_long.code == 2);
  CHECK_THAT(too_long.err, Catch::Contains("the limit is"));
  CHECK(!fs::exists(site));
  Result no_template = db.run({"publish", site, "--template", db.dir().file("nope")});
  CHECK(no_template.code == 2);
  Result bad_rule = db.run({"publish", site, "--rule", "best"});
  CHECK(bad_rule.code == 2);
  CHECK_THAT(bad_rule.err, Catch::Contains("'best' is not a rule"));
  CHECK(!fs::exists(site));
}

TEST_CASE("publish lists every page it may write in the manifest before writing it") {
  Db db;
  db.load_acceptance_panel();
  std::string site = db.dir().file("site");
  publish(db);
  db.ok({"add", "Brand New", "-q"});
  // A run killed after its intent list was written, before the page: the
  // page is listed, so the next run knows it as its own.
  fs::create_directories(site);
  std::string manifest = toolcmp::test::read_file(site + "/.toolcmp-site");
  std::ofstream(site + "/.toolcmp-site") << manifest << "0000000000000000 tools/brand-new.html\n";
  std::ofstream(site + "/tools/brand-new.html") << "half a page";
  nlohmann::json again = publish(db);
  CHECK(toolcmp::test::read_file(site + "/tools/brand-new.html") != "half a page");
  db.ok({"rm", "Brand New", "--yes", "-q"});
  nlohmann::json after = publish(db);
  CHECK(after["removed"] == 1);
  CHECK(!fs::exists(site + "/tools/brand-new.html"));
}

TEST_CASE("a published site's index tool and decision pages match their golden files") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"review", "Code Llama 4", "Skeptic", "--score", "61", "--verdict", "skip", "--text", "Context runs out.",
         "--at", "2026-11-20", "-q"});
  db.ok({"decide", "Local code model", "--pick", "Mistral 3B", "--over", "Code Llama 4", "--status", "accepted",
         "--why", "Apache weights.\nThe best panel.", "--review-by", "2027-06-01", "-q"},
        "C.UTF-8", toolcmp::test::kGoldenNow);
  const toolcmp::test::Env later{{"TOOLCMP_NOW", "2027-02-10T12:00:00Z"}};
  db.ok({"review", "Mistral 3B", "Founder", "--score", "58", "--verdict", "skip", "--text", "No buyer yet.", "--at",
         "2027-02-01", "-q"},
        "C.UTF-8", later);
  std::string site = db.dir().file("site");
  db.ok({"publish", site, "--pair", "Mistral 3B,Code Llama 4", "-q"}, "C.UTF-8", later);
  toolcmp::test::check_golden("site_index.html", toolcmp::test::read_file(site + "/index.html"));
  toolcmp::test::check_golden("site_tool.html", toolcmp::test::read_file(site + "/tools/code-llama-4.html"));
  toolcmp::test::check_golden("site_decision.html",
                              toolcmp::test::read_file(site + "/decisions/local-code-model.html"));
}

TEST_CASE("a decision page leads with its pick, and one that no longer holds says so in its first block") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"decide", "Local code model", "--pick", "Mistral 3B", "--over", "Code Llama 4", "--status", "accepted",
         "--why", "The best panel.", "-q"},
        "C.UTF-8", toolcmp::test::kGoldenNow);
  const toolcmp::test::Env later{{"TOOLCMP_NOW", "2027-02-10T12:00:00Z"}};
  std::string site = db.dir().file("site");
  db.ok({"publish", site, "-q"}, "C.UTF-8", later);
  std::string holds = toolcmp::test::read_file(site + "/decisions/local-code-model.html");
  CHECK_THAT(toolcmp::test::read_file(site + "/index.html"), Catch::Contains("accepted, 2026-12-01, still holds</span>"));
  std::size_t block = holds.find("<section class=\"verdict\"");
  REQUIRE(block != std::string::npos);
  CHECK(block < holds.find("id=\"record\""));  // before the record and the tables
  CHECK(holds.find("<h2 id=\"pick\">Pick: Mistral 3B</h2>") != std::string::npos);
  CHECK(holds.find("class=\"pill pill-") != std::string::npos);
  CHECK(holds.find("holds \u00b7 ") != std::string::npos);
  CHECK(holds.find("<meta name=\"description\" content=\"The pick still holds") != std::string::npos);
  // Two of the pick's reviewers turn: the pick breaks, and the first block is the one that says so.
  for (const char* persona : {"Builder", "Skeptic"}) {
    db.ok({"review", "Mistral 3B", persona, "--score", "30", "--verdict", "skip", "--text", "Broke in production.",
           "--at", "2027-02-01", "-q"},
          "C.UTF-8", later);
  }
  db.ok({"publish", site, "-q"}, "C.UTF-8", later);
  std::string broken = toolcmp::test::read_file(site + "/decisions/local-code-model.html");
  std::size_t broken_block = broken.find("<section class=\"verdict broken\"");
  REQUIRE(broken_block != std::string::npos);
  CHECK(broken.find("pill-broken\">no longer holds</p>", broken_block) < broken.find("id=\"record\""));
  CHECK(broken.find("The pick no longer holds", broken_block) != std::string::npos);
  // And the index says so beside the decision.
  CHECK_THAT(toolcmp::test::read_file(site + "/index.html"),
             Catch::Contains("Local code model</a> <span class=\"alert\">accepted, 2026-12-01, no longer holds</span>"));
}

namespace {

// The index's ranking as a person reads it: each category's heading, then
// its rows as "place name lead".
std::vector<std::pair<std::string, std::vector<std::string>>> index_groups(const std::string& index) {
  static const std::regex heading("<h3 id=\"[^\"]+\">([^<]+)</h3>");
  static const std::regex row("<tr><td>([^<]+)</td><th scope=\"row\"><a href=\"[^\"]+\">([^<]+)</a></th>"
                              ".*?<td>([^<]+)</td></tr>");
  std::vector<std::pair<std::string, std::vector<std::string>>> groups;
  for (std::sregex_iterator it(index.begin(), index.end(), heading), end; it != end; ++it) {
    std::size_t from = static_cast<std::size_t>(it->position()), to = index.find("</tbody>", from);
    std::string table = index.substr(from, to - from);
    std::vector<std::string> rows;
    for (std::sregex_iterator r(table.begin(), table.end(), row); r != end; ++r) {
      rows.push_back(fmt::format("{} {} {}", (*r)[1].str(), (*r)[2].str(), (*r)[3].str()));
    }
    groups.emplace_back((*it)[1].str(), rows);
  }
  return groups;
}

// The same rows as `rank --category` gives them.
std::vector<std::string> ranked_rows(const Db& db, const std::string& category) {
  nlohmann::json ranked = nlohmann::json::parse(db.ok({"rank", "--json", "--category", category}));
  std::vector<std::string> rows;
  for (const nlohmann::json& tool : ranked["tools"]) {
    int upper = tool["rank_upper"], lower = tool["rank_lower"];
    std::string place = upper == 0 || upper >= lower ? tool["place"].get<std::string>() : fmt::format("{}-{}", upper, lower);
    std::string lead = tool["confidence"].is_null() ? "\u2014" : tool["confidence"].get<std::string>();
    rows.push_back(fmt::format("{} {} {}", place, tool["name"].get<std::string>(), lead == "too close" ? "tie" : lead));
  }
  return rows;
}

}  // namespace

TEST_CASE("the index ranks each category on its own, as rank --category does, best category first") {
  Db db;
  db.load_four_tool_panel();  // Developer Tools (2), Small Language Models (1), Chat (1), and one with none
  db.ok({"add", "Chat Two", "--category", "CHAT", "-q"});  // the same category to rank --category
  db.ok({"review", "Chat Two", "Builder", "--score", "70", "--verdict", "ship", "-q"});
  publish(db);
  std::string index = toolcmp::test::read_file(db.dir().file("site/index.html"));
  auto groups = index_groups(index);
  // Categories in the order of their best tool in the whole ranking (a
  // category's spelling is its best tool's); the tools with none last.
  std::vector<std::string> order;
  std::set<std::string> seen;
  nlohmann::json ranked = nlohmann::json::parse(db.ok({"rank", "--json"}));
  for (const nlohmann::json& tool : ranked["tools"]) {
    if (tool["category"].is_null()) continue;
    std::string category = tool["category"], key = category;
    std::transform(key.begin(), key.end(), key.begin(), [](unsigned char c) { return std::tolower(c); });
    if (seen.insert(key).second) order.push_back(category);
  }
  order.push_back("No category");
  std::vector<std::string> headings;
  for (const auto& group : groups) headings.push_back(group.first);
  CHECK(headings == order);
  CHECK(order.size() == 4);
  for (const auto& [category, rows] : groups) {
    INFO(category);
    if (category != "No category") CHECK(rows == ranked_rows(db, category));
  }
  CHECK(groups.back().second == std::vector<std::string>{"1 \u901a\u4e49 Mini provisional"});  // placed on its own
  // Each category in the contents, linked to its table, spelled as its best tool has it.
  CHECK_THAT(index, Catch::Contains("<a href=\"#category-chat\">CHAT</a> <span class=\"muted\">2 tools</span>") &&
                        Catch::Contains("<h3 id=\"category-chat\">CHAT</h3>"));
  // Two categories of one slug get two anchors.
  db.ok({"add", "Other Chat", "--category", "chat!", "-q"});
  publish(db);
  index = toolcmp::test::read_file(db.dir().file("site/index.html"));
  CHECK_THAT(index, Catch::Contains("id=\"category-chat\"") && Catch::Contains("id=\"category-chat-2\""));
}

TEST_CASE("every link of a published site leads to a page and an anchor that are there") {
  Db db;
  db.load_four_tool_panel();
  db.ok({"decide", "Local code model", "--pick", "Mistral 3B", "--over", "Code Llama 4", "-q"});
  publish(db, {"--pair", "Mistral 3B,Code Llama 4"});
  std::string site = db.dir().file("site");
  static const std::regex href("href=\"([^\"]*)\"");
  int links = 0;
  for (const auto& [page, time] : files(site)) {
    if (page.size() < 5 || page.compare(page.size() - 5, 5, ".html") != 0) continue;
    std::string text = toolcmp::test::read_file(site + "/" + page);
    for (std::sregex_iterator it(text.begin(), text.end(), href), end; it != end; ++it) {
      std::string link = (*it)[1].str();
      if (link.rfind("http", 0) == 0) continue;
      INFO(page << " links to " << link);
      std::size_t hash = link.find('#');
      fs::path target = link.substr(0, hash).empty() ? fs::path(site) / page
                                                     : fs::path(site) / fs::path(page).parent_path() / link.substr(0, hash);
      REQUIRE(fs::exists(target));
      if (hash != std::string::npos) {
        CHECK(toolcmp::test::read_file(target.string()).find("id=\"" + link.substr(hash + 1) + "\"") != std::string::npos);
      }
      ++links;
    }
  }
  CHECK(links > 30);
  // Tools link to the comparisons and decisions they are in; decisions and comparisons to their tools.
  std::string tool = toolcmp::test::read_file(site + "/tools/code-llama-4.html");
  CHECK_THAT(tool, Catch::Contains("<a href=\"../decisions/local-code-model.html\">Decision: Local code model</a>") &&
                       Catch::Contains("<a href=\"../compare/mistral-3b-vs-code-llama-4.html\">"));
  std::string alone = toolcmp::test::read_file(site + "/tools/caf-bot.html");  // in no comparison or decision
  CHECK_THAT(alone, Catch::Contains("<h1>Caf\u00e9 Bot</h1>") && !Catch::Contains("id=\"related\""));
  CHECK_THAT(toolcmp::test::read_file(site + "/decisions/local-code-model.html"),
             Catch::Contains("<th scope=\"col\"><a href=\"../tools/mistral-3b.html\">Mistral 3B (pick)</a></th>"));
}
