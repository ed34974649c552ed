// The whole program through run_cli: what a user types and sees.
#include <catch2/catch.hpp>

#include <fstream>
#include <sstream>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "support.h"
#include "toolcmp/store/store.h"
#include "toolcmp/base/text.h"

using toolcmp::test::Db;
using toolcmp::test::widest_line;
using toolcmp::test::Result;
using Json = nlohmann::json;

namespace {

Json counts(const Db& db) { return Json::parse(db.ok({"info", "--json"})); }

}  // namespace

TEST_CASE("acceptance: the published panels make compare recommend Mistral 3B") {
  Db db;
  db.load_acceptance_panel();
  // Ages count (an old score vouches less for today): the clock is fixed.
  const toolcmp::test::Env day_after{{"TOOLCMP_NOW", "2026-11-02T00:00:00Z"}};
  std::string out = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--width", "200"}, "C.UTF-8", day_after);
  CHECK_THAT(out, Catch::Contains("Ship \u00b7 3 ship / 1 skip"));
  CHECK_THAT(out, Catch::Contains("Ship \u00b7 4 ship / 0 skip"));
  CHECK_THAT(out, Catch::Contains("75%"));
  CHECK_THAT(out, Catch::Contains("74.5"));
  CHECK_THAT(out, Catch::Contains("100%"));
  CHECK_THAT(out, Catch::Contains("81.5"));
  // Four reviewers each, the same four: the adjusted means are the means,
  // and a lead of 7 points is about one standard error: narrow.
  CHECK_THAT(out, Catch::Contains("Recommendation (narrow): Mistral 3B \u2014 adjusted mean 81.5 vs 74.5, panel 4/4 ship "
                                  "(100%) vs 3/4 (75%); a lead of 1.2 standard errors"));

  Json json = Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--json"}, "C.UTF-8", day_after));
  CHECK(json["tools"][0]["panel"] ==
        Json::parse(R"({"verdict":"ship","ship":3,"skip":1,"ship_pct":75.0,"basis":"reviews","mean_score":74.5,
                            "adjusted_mean":74.5,"scored":4,"score_neff":4.0,"score_age_years":0.0,
                            "ship_pct_interval":[30.1,95.4]})"));
  CHECK(json["tools"][1]["panel"] ==
        Json::parse(R"({"verdict":"ship","ship":4,"skip":0,"ship_pct":100.0,"basis":"reviews","mean_score":81.5,
                            "adjusted_mean":81.5,"scored":4,"score_neff":4.0,"score_age_years":0.0,
                            "ship_pct_interval":[51.0,100.0]})"));
  CHECK(json["recommendation"]["tool"] == "Mistral 3B");
  CHECK(json["recommendation"]["confidence"] == "narrow");
  CHECK(json["rule"] == "adjusted-mean");
  CHECK(json["habits"]["tools"] == 2);
  // The rule before still picks it, and clearly: 4/4 against 3/4, and means 7 points apart.
  Json first = Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--json", "--rule", "ship-first"}));
  CHECK(first["recommendation"]["tool"] == "Mistral 3B");
  CHECK(first["recommendation"]["confidence"] == "clear");
  CHECK(first["rule"] == "ship-first");
  CHECK(db.run({"compare", "Code Llama 4", "Mistral 3B", "--rule", "best"}).code == 2);
  CHECK(json["tools"][0]["reviews"][3]["persona"] == "Founder");
  CHECK(json["tools"][0]["reviews"][3]["verdict"] == "skip");
}

TEST_CASE("the compare table matches its golden files at 60, 100 and 160 columns") {
  Db db;
  db.load_acceptance_panel();
  for (int width : {60, 100, 160}) {
    std::string out = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--width", std::to_string(width)}, "C.UTF-8",
                            toolcmp::test::kGoldenNow);
    toolcmp::test::check_golden("compare_w" + std::to_string(width) + ".txt", out);
    CHECK(widest_line(out) <= width);
  }
}

TEST_CASE("under LC_ALL=C the table falls back to ASCII") {
  Db db;
  db.load_acceptance_panel();
  std::string out = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--width", "80"}, "C", toolcmp::test::kGoldenNow);
  toolcmp::test::check_golden("compare_ascii_w80.txt", out);
  for (unsigned char c : out) CHECK(c < 0x80);
}

TEST_CASE("compare --brief leaves out review texts") {
  Db db;
  db.load_acceptance_panel();
  std::string out = db.ok({"compare", "code-llama-4", "mistral3b", "--brief", "--width", "80"}, "C.UTF-8",
                          toolcmp::test::kGoldenNow);
  toolcmp::test::check_golden("compare_brief_w80.txt", out);
  CHECK_THAT(out, !Catch::Contains("Fits in 4 GB"));
}

// The lines of out from the one starting with head up to the next blank.
std::vector<std::string> section(const std::string& out, const std::string& head) {
  std::vector<std::string> lines;
  std::istringstream in(out);
  bool inside = false;
  for (std::string line; std::getline(in, line);) {
    if (!inside && line.rfind(head, 0) == 0) inside = true;
    if (inside && line.empty()) break;
    if (inside) lines.push_back(line);
  }
  return lines;
}

TEST_CASE("four tools at 60, 80 and 120 columns: compare, rank and their charts match their golden files") {
  Db db;
  db.load_four_tool_panel();
  const std::vector<std::string> four{"Code Llama 4", "Mistral 3B", "Qwen2.5-Coder 7B Instruct (GGUF)", "\u901a\u4e49 Mini"};
  auto with = [&](std::vector<std::string> args, const std::vector<std::string>& more) {
    args.insert(args.end(), more.begin(), more.end());
    return args;
  };
  for (int width : {60, 80, 120}) {
    INFO("width " << width);
    const std::vector<std::string> at{"--width", std::to_string(width)};
    std::string compare = db.ok(with(with({"compare"}, four), at), "C.UTF-8", toolcmp::test::kGoldenNow);
    std::string chart = db.ok(with(with(with({"compare"}, four), at), {"--chart"}), "C.UTF-8", toolcmp::test::kGoldenNow);
    std::string rank = db.ok(with({"rank"}, at), "C.UTF-8", toolcmp::test::kGoldenNow);
    std::string rank_chart = db.ok(with({"rank", "--chart"}, at), "C.UTF-8", toolcmp::test::kGoldenNow);
    const std::string suffix = "_w" + std::to_string(width) + ".txt";
    toolcmp::test::check_golden("four_compare" + suffix, compare);
    toolcmp::test::check_golden("four_compare_chart" + suffix, chart);
    toolcmp::test::check_golden("four_rank" + suffix, rank);
    toolcmp::test::check_golden("four_rank_chart" + suffix, rank_chart);
    for (const std::string* out : {&compare, &chart, &rank, &rank_chart}) CHECK(widest_line(*out) <= width);
    // One line per tool: rank's header and five tools, then the footnote
    // on published figures (none here); the chart has a scale line more.
    CHECK(section(rank, "  #").size() == 6);
    CHECK(section(rank_chart, "#").size() == 7);
    if (width < 120) {
      // Too narrow side by side: the tools as rows, one line each, the
      // pick marked in words.
      CHECK(section(compare, "Tool ").size() == 5);
      CHECK(section(compare, "Reviewer scorecard").size() == 6);
      CHECK_THAT(compare, Catch::Contains("(pick)"));
    } else {
      CHECK_THAT(compare, Catch::Contains("Decision "));
    }
  }
  // rank keeps its Lead column at 60 columns: a one-review tool is marked.
  CHECK_THAT(db.ok({"rank", "--width", "60"}), Catch::Contains("Lead"));
  for (int width = 20; width <= 200; width += 7) {
    INFO("width " << width);
    CHECK(widest_line(db.ok(with(with({"compare"}, four), {"--width", std::to_string(width)}))) <= width);
    CHECK(widest_line(db.ok({"rank", "--width", std::to_string(width)})) <= width);
  }
}

TEST_CASE("show, list, rank, history and persona list match their golden files") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"vote", "Mistral 3B", "ship", "--voter", "ana", "-q"});
  db.ok({"vote", "Mistral 3B", "skip", "-q"});
  db.ok({"review", "Code Llama 4", "Founder", "--verdict", "skip", "--score", "50", "--text", "Still no moat.",
         "--at", "2026-11-09T08:30", "-q"});
  toolcmp::test::check_golden("show_w80.txt", db.ok({"show", "Mistral 3B", "--width", "80"}, "C.UTF-8", toolcmp::test::kGoldenNow));
  toolcmp::test::check_golden("list_w80.txt", db.ok({"list", "--sort", "score", "--width", "80"}));
  toolcmp::test::check_golden("rank_w80.txt", db.ok({"rank", "--width", "80"}, "C.UTF-8", toolcmp::test::kGoldenNow));
  toolcmp::test::check_golden("history_w80.txt", db.ok({"history", "Code Llama 4", "--persona", "Founder",
                                                        "--width", "80"}));
  toolcmp::test::check_golden("personas_w80.txt", db.ok({"persona", "list", "--width", "80"}));
}

TEST_CASE("global options work before and after the subcommand") {
  Db db;
  db.load_acceptance_panel();
  Result after = toolcmp::test::run({"compare", "Code Llama 4", "Mistral 3B", "--json", "--db", db.path()});
  REQUIRE(after.code == 0);
  CHECK(Json::parse(after.out)["recommendation"]["tool"] == "Mistral 3B");
  Result before = toolcmp::test::run({"--db", db.path(), "--json", "compare", "Code Llama 4", "Mistral 3B"});
  CHECK(before.out == after.out);
}

TEST_CASE("the database path comes from --db, then TOOLCMP_DB, then XDG_DATA_HOME") {
  toolcmp::test::TempDir dir;
  Result env = toolcmp::test::run({"add", "X", "-q"}, "C.UTF-8", {{"TOOLCMP_DB", dir.file("env.db")}});
  REQUIRE(env.code == 0);
  CHECK(toolcmp::test::file_exists(dir.file("env.db")));
  Result xdg = toolcmp::test::run({"info", "--json"}, "C.UTF-8", {{"XDG_DATA_HOME", dir.file("xdg")}});
  CHECK(Json::parse(xdg.out)["db"] == dir.file("xdg") + "/toolcmp/toolcmp.db");
  Result empty = toolcmp::test::run({"--db", "", "list"});
  CHECK(empty.code == 2);
  CHECK_THAT(empty.err, Catch::Contains("--db is empty"));
}

TEST_CASE("read commands on a missing database create nothing") {
  Db db;
  for (auto args : std::vector<std::vector<std::string>>{{"list"}, {"rank"}, {"info"}, {"persona", "list"}}) {
    CHECK(db.run(args).code == 0);
  }
  CHECK(db.run({"show", "x"}).code == 1);
  CHECK_FALSE(toolcmp::test::file_exists(db.path()));
}

TEST_CASE("bad values are usage errors that name the value") {
  Db db;
  db.load_acceptance_panel();
  Json before = counts(db);
  Result score = db.run({"review", "Mistral 3B", "Builder", "--verdict", "ship", "--score", "101"});
  CHECK(score.code == 2);
  CHECK(score.err == "toolcmp: error: score '101' is not a whole number from 0 to 100\n");
  Result verdict = db.run({"review", "Mistral 3B", "Builder", "--verdict", "maybe"});
  CHECK(verdict.code == 2);
  CHECK_THAT(verdict.err, Catch::Contains("'maybe'"));
  Result date = db.run({"review", "Mistral 3B", "Builder", "--verdict", "ship", "--at", "2026-02-30"});
  CHECK(date.code == 2);
  Result option = db.run({"list", "--sort", "price"});
  CHECK(option.code == 2);
  CHECK_THAT(option.err, Catch::Contains("price") && Catch::Contains("toolcmp list --help"));
  CHECK(counts(db) == before);
}

TEST_CASE("unknown names fail with did-you-mean and change nothing") {
  Db db;
  db.load_acceptance_panel();
  Json before = counts(db);
  Result tool = db.run({"review", "Mistral 4B", "Builder", "--verdict", "ship"});
  CHECK(tool.code == 1);
  CHECK(tool.err == "toolcmp: error: no tool named 'Mistral 4B'; did you mean 'Mistral 3B'?\n");
  Result persona = db.run({"review", "Mistral 3B", "Buidler", "--verdict", "ship"});
  CHECK(persona.code == 1);
  CHECK_THAT(persona.err, Catch::Contains("did you mean 'Builder'?"));
  Result command = db.run({"comapre", "a", "b"});
  CHECK(command.code == 2);
  CHECK(command.err == "toolcmp: error: unknown command 'comapre'; did you mean 'compare'?\n");
  Result nested = db.run({"persona", "ad", "Operator"});
  CHECK(nested.code == 2);
  CHECK(nested.err == "toolcmp: error: unknown command 'toolcmp persona ad'; did you mean 'add'?\n");
  CHECK(counts(db) == before);
}

TEST_CASE("adding a tool that exists fails and points to edit") {
  Db db;
  db.ok({"add", "SmolLM3", "-q"});
  Result again = db.run({"add", "smollm3"});
  CHECK(again.code == 1);
  CHECK(again.err == "toolcmp: error: tool 'SmolLM3' already exists; use 'toolcmp edit' to change it\n");
}

TEST_CASE("edit changes fields, attributes and names") {
  Db db;
  db.ok({"add", "SmolLM3", "--vendor", "HF", "--attr", "params=3B", "--attr", "ctx=8k", "-q"});
  db.ok({"edit", "smollm3", "--vendor", "", "--entry", "Free", "--attr", "ctx=64k", "--unset-attr", "params",
         "--rename", "SmolLM3 Base", "-q"});
  Json tool = Json::parse(db.ok({"show", "SmolLM3 Base", "--json"}))["tool"];
  CHECK(tool["vendor"].is_null());
  CHECK(tool["entry"] == "Free");
  CHECK(tool["attributes"] == Json::parse(R"({"ctx":"64k"})"));
  CHECK(db.run({"edit", "SmolLM3 Base", "--unset-attr", "params"}).code == 1);
}

TEST_CASE("rm needs --yes when nobody can be asked, and removes reviews and votes") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"vote", "Mistral 3B", "ship", "-q"});
  Result refused = db.run({"rm", "Mistral 3B"});
  CHECK(refused.code == 2);
  CHECK_THAT(refused.err, Catch::Contains("4 reviews and 1 vote") && Catch::Contains("--yes"));
  CHECK(db.ok({"rm", "mistral 3b", "--yes"}) == "Removed 'Mistral 3B' with its 4 reviews and 1 vote\n");
  Json after = counts(db);
  CHECK(after["tools"] == 1);
  CHECK(after["reviews"] == 4);
  CHECK(after["votes"] == 0);
}

TEST_CASE("votes: one per named voter, anonymous ones add up") {
  Db db;
  db.ok({"add", "SmolVLM2", "-q"});
  db.ok({"vote", "SmolVLM2", "ship", "--voter", "ana", "-q"});
  db.ok({"vote", "SmolVLM2", "skip", "--voter", "ana", "-q"});
  db.ok({"vote", "SmolVLM2", "ship", "-q"});
  Json community = Json::parse(db.ok({"show", "SmolVLM2", "--json"}))["tool"]["community"];
  CHECK(community == Json::parse(R"({"votes":2,"ship":1,"skip":1,"ship_pct":50.0,"basis":"votes"})"));
  CHECK_THAT(db.ok({"show", "SmolVLM2"}), Catch::Contains("2 votes \u00b7 50% ship"));
}

TEST_CASE("history lists every review oldest first, and show the current one") {
  Db db;
  db.ok({"add", "SmolLM3", "-q"});
  db.ok({"review", "SmolLM3", "Skeptic", "--verdict", "skip", "--score", "40", "--text", "later", "--at",
         "2026-11-05", "-q"});
  db.ok({"review", "SmolLM3", "Skeptic", "--verdict", "ship", "--score", "70", "--text", "earlier", "--at",
         "2026-11-01", "-q"});
  Json history = Json::parse(db.ok({"history", "SmolLM3", "--persona", "skeptic", "--json"}));
  REQUIRE(history["reviews"].size() == 2);
  CHECK(history["reviews"][0]["text"] == "earlier");
  CHECK(history["reviews"][0]["reviewed_at"] == "2026-11-01T00:00:00Z");
  Json shown = Json::parse(db.ok({"show", "SmolLM3", "--json"}));
  CHECK(shown["tool"]["reviews"][0]["text"] == "later");
  CHECK(shown["tool"]["panel"]["verdict"] == "skip");
}

TEST_CASE("personas can be added, weighted and removed, and removed reviews stay in history") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"persona", "add", "Operator", "--focus", "Can we run it at 3am?", "--weight", "2", "-q"});
  db.ok({"review", "Mistral 3B", "operator", "--verdict", "skip", "--score", "30", "--at", "2026-11-02", "-q"});
  Json panel = Json::parse(db.ok({"show", "Mistral 3B", "--json"}))["tool"]["panel"];
  CHECK(panel["skip"] == 1);
  CHECK(panel["mean_score"] == Approx((87 + 80 + 84 + 75 + 2 * 30) / 6.0).epsilon(0.002));
  db.ok({"persona", "rm", "Operator", "-q"});
  Json after = Json::parse(db.ok({"show", "Mistral 3B", "--json"}))["tool"];
  CHECK(after["panel"]["skip"] == 0);
  CHECK(after["reviews"].size() == 4);
  Json history = Json::parse(db.ok({"history", "Mistral 3B", "--persona", "Operator", "--json"}));
  CHECK(history["reviews"].size() == 1);
  CHECK(Json::parse(db.ok({"persona", "list", "--json"}))["personas"].size() == 4);
  CHECK(db.run({"persona", "add", "builder"}).code == 1);
  db.ok({"persona", "edit", "skeptic", "--weight", "3", "--rename", "Critic", "-q"});
  Json personas = Json::parse(db.ok({"persona", "list", "--json"}))["personas"];
  CHECK(personas[1] == Json::parse(R"({"name":"Critic","focus":"Who it competes with, and where it breaks.","weight":3.0,"removed":false})"));
  CHECK(db.run({"persona", "edit", "critic", "--rename", "Builder"}).code == 1);
}

TEST_CASE("list, rank and info print JSON with a schema version") {
  Db db;
  db.load_acceptance_panel();
  Json rank = Json::parse(db.ok({"rank", "--json"}));
  CHECK(rank["schema_version"] == 3);
  CHECK(rank["tools"][0]["name"] == "Mistral 3B");
  Json list = Json::parse(db.ok({"list", "--category", "developer tools", "--json"}));
  CHECK(list["tools"].size() == 2);
  CHECK(list["tools"][0]["name"] == "Code Llama 4");
  Json info = counts(db);
  CHECK(info["reviews"] == 8);
  CHECK(info["personas"] == 4);
  CHECK(info["schema"] == toolcmp::kSchemaVersion);
  std::string table = db.ok({"rank", "--limit", "1"});
  CHECK_THAT(table, Catch::Contains("Mistral 3B") && !Catch::Contains("Code Llama 4"));
}

TEST_CASE("color appears only when asked for or forced, never with NO_COLOR") {
  Db db;
  db.load_acceptance_panel();
  std::vector<std::string> compare{"compare", "Code Llama 4", "Mistral 3B"};
  CHECK(db.run(compare).out.find('\x1b') == std::string::npos);
  auto with = [&](std::vector<std::string> extra, toolcmp::test::Env env) {
    std::vector<std::string> args = compare;
    args.insert(args.end(), extra.begin(), extra.end());
    return db.run(args, "C.UTF-8", env).out.find("\x1b[32m") != std::string::npos;
  };
  CHECK(with({"--color", "always"}, {}));
  CHECK(with({}, {{"CLICOLOR_FORCE", "1"}}));
  CHECK_FALSE(with({}, {{"CLICOLOR_FORCE", "1"}, {"NO_COLOR", "1"}}));
  CHECK(with({"--color", "always"}, {{"NO_COLOR", "1"}}));
  CHECK_FALSE(with({"--color", "never"}, {{"CLICOLOR_FORCE", "1"}}));
}

TEST_CASE("escape sequences in stored text never reach the screen raw") {
  Db db;
  db.ok({"add", "Evil", "--tagline", "\x1b]0;pwned\x07 \x1b[2J clear", "--description", "rtl \u202Eevil", "-q"});
  db.ok({"add", "Good", "-q"});
  db.ok({"review", "Evil", "Builder", "--verdict", "ship", "--text", "\x1b[31mred\x1b[0m", "-q"});
  for (auto args : std::vector<std::vector<std::string>>{
           {"show", "Evil"}, {"compare", "Evil", "Good"}, {"history", "Evil"}, {"list"}}) {
    std::string out = db.ok(args);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find("\u202E") == std::string::npos);
  }
  CHECK_THAT(db.ok({"show", "Evil"}), Catch::Contains("^[]0;pwned^G ^[[2J clear"));
  CHECK(db.run({"add", "bad\x1b[2Jname"}).code == 2);
}

TEST_CASE("a directory where a file belongs gets a clear error") {
  Db db;
  db.ok({"add", "SmolLM3", "-q"});
  Result text = db.run({"review", "SmolLM3", "Builder", "--verdict", "ship", "--text-file", db.dir().path()});
  CHECK(text.code == 1);
  CHECK(text.err == "toolcmp: error: cannot read '" + db.dir().path() + "': it is a directory\n");
  Result missing = db.run({"review", "SmolLM3", "Builder", "--verdict", "ship", "--text-file", db.dir().file("no")});
  CHECK(missing.code == 1);
  CHECK_THAT(missing.err, Catch::Contains("No such file or directory"));
  Result database = toolcmp::test::run({"--db", db.dir().path(), "add", "X"});
  CHECK(database.code == 1);
  CHECK_THAT(database.err, Catch::Contains("is a directory"));
  CHECK(counts(db)["reviews"] == 0);
}

TEST_CASE("compare needs two different tools") {
  Db db;
  db.load_acceptance_panel();
  CHECK(db.run({"compare", "Mistral 3B"}).code == 2);
  Result twice = db.run({"compare", "Mistral 3B", "mistral-3b"});
  CHECK(twice.code == 2);
  CHECK_THAT(twice.err, Catch::Contains("named twice"));
}

TEST_CASE("toolcmp --version and --help answer without a database") {
  Result version = toolcmp::test::run({"--version"});
  CHECK(version.code == 0);
  CHECK(version.out.rfind("toolcmp ", 0) == 0);
  Result help = toolcmp::test::run({"compare", "--help"});
  CHECK(help.code == 0);
  CHECK_THAT(help.out, Catch::Contains("Examples:") && Catch::Contains("--brief"));
}

namespace {

// The commands a help lists under "Subcommands:".
std::vector<std::string> listed_subcommands(const std::string& help) {
  std::vector<std::string> names;
  std::istringstream lines(help);
  bool in_list = false;
  for (std::string line; std::getline(lines, line);) {
    if (line == "Subcommands:") {
      in_list = true;
    } else if (in_list && line.rfind("  ", 0) == 0 && line[2] != ' ') {
      names.push_back(line.substr(2, line.find(' ', 2) - 2));
    } else if (in_list && line.rfind("  ", 0) != 0) {
      in_list = false;
    }
  }
  return names;
}

// Every line of the command's help fits 80 columns, an example is never
// wrapped (a line of Examples runs toolcmp or follows a "\" or a "|"),
// and so does every help under it.
void check_help_fits(const std::vector<std::string>& command) {
  std::vector<std::string> args = command;
  args.push_back("--help");
  Result help = toolcmp::test::run(args);
  std::string name = fmt::format("toolcmp {} --help", fmt::join(command, " "));
  INFO(name);
  REQUIRE(help.code == 0);
  std::istringstream lines(help.out);
  bool examples = false;
  std::string previous;
  for (std::string line; std::getline(lines, line); previous = line) {
    CHECK(toolcmp::display_width(line) <= 80);
    if (line == "Examples:") examples = true;
    if (examples && line.empty()) examples = false;
    bool continued = !previous.empty() && (previous.back() == '\\' || previous.back() == '|');
    if (examples && line != "Examples:" && !continued) CHECK_THAT(line, Catch::Contains("toolcmp"));
  }
  for (const std::string& sub : listed_subcommands(help.out)) {
    std::vector<std::string> deeper = command;
    deeper.push_back(sub);
    check_help_fits(deeper);
  }
}

}  // namespace

TEST_CASE("every --help fits 80 columns, and no example in it is wrapped") {
  std::vector<std::string> top = listed_subcommands(toolcmp::test::run({"--help"}).out);
  CHECK(top.size() >= 20);
  CHECK(std::find(top.begin(), top.end(), "decision") != top.end());
  check_help_fits({});
}

TEST_CASE("rank --limit N is the first N of the whole ranking, ties in name order") {
  Db db;
  // Tools with equal figures, missing figures, and every mix of the three.
  for (int i = 0; i < 24; ++i) {
    std::string name = fmt::format("Tool {:02d}", (i * 7) % 24);  // added out of name order
    db.ok({"add", name, "-q"});
    if (i % 3 != 0) {
      db.ok({"review", name, "Builder", "--verdict", i % 2 ? "ship" : "skip", "--score", std::to_string(50 + i % 4),
             "-q"});
    }
    if (i % 4 == 0) db.ok({"vote", name, i % 8 ? "ship" : "skip", "-q"});
  }
  auto names = [&](std::vector<std::string> args) {
    args.push_back("--json");
    Json json = Json::parse(db.ok(args));
    std::vector<std::string> result;
    for (const auto& tool : json["tools"]) result.push_back(tool["name"]);
    return result;
  };
  std::vector<std::string> all = names({"rank"});
  REQUIRE(all.size() == 24);
  // Tools equal on all three figures come in name order.
  Json ranked = Json::parse(db.ok({"rank", "--json"}))["tools"];
  auto figures = [](const Json& tool) {
    return tool["panel"]["ship_pct"].dump() + "/" + tool["panel"]["mean_score"].dump() + "/" +
           tool["community"]["ship_pct"].dump();
  };
  int ties = 0;
  for (std::size_t i = 1; i < ranked.size(); ++i) {
    if (figures(ranked[i - 1]) != figures(ranked[i])) continue;
    ++ties;
    CHECK(ranked[i - 1]["name"].get<std::string>() < ranked[i]["name"].get<std::string>());
  }
  CHECK(ties > 0);  // the data above does make ties
  for (std::size_t n = 1; n <= 25; ++n) {
    INFO("--limit " << n);
    std::vector<std::string> top(all.begin(), all.begin() + std::min<std::ptrdiff_t>(n, 24));
    CHECK(names({"rank", "--limit", std::to_string(n)}) == top);
  }
}

TEST_CASE("compare --weight is a what-if that writes nothing and says so") {
  Db db;
  db.load_acceptance_panel();
  std::string before = toolcmp::test::read_file(db.path());
  std::string out = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--weight", "founder=0", "--brief"});
  // Without the Founder's skip the means are 2.6 adjusted points apart: less than one standard error.
  CHECK_THAT(out, Catch::Contains("Weights: Founder=0 (what-if)\nRecommendation (provisional): Mistral 3B"));
  CHECK(toolcmp::test::read_file(db.path()) == before);
  Json json = Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--weight", "Founder=10", "--json"}));
  CHECK(json["what_if_weights"] == Json::parse(R"({"Founder":10.0})"));
  CHECK(json["tools"][0]["panel"]["ship_pct"] == 23.1);
  CHECK(json["tools"][0]["panel"]["ship"] == 3);  // the count stays a count
  CHECK(Json::parse(db.ok({"persona", "list", "--json"}))["personas"][3]["weight"] == 1.0);
  Result unknown = db.run({"compare", "Code Llama 4", "Mistral 3B", "--weight", "Nobody=2"});
  CHECK(unknown.code == 1);
  CHECK_THAT(unknown.err, Catch::Contains("no persona named 'Nobody'"));
  for (const char* bad : {"Founder", "=3", "Founder=-1", "Founder=101", "Founder=x"}) {
    Result r = db.run({"compare", "Code Llama 4", "Mistral 3B", "--weight", bad});
    CHECK(r.code == 2);
    CHECK_THAT(r.err, Catch::Contains("--weight"));
  }
}

TEST_CASE("min-verdicts keeps a thinly reviewed tool from winning in compare and rank") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"add", "Thin", "-q"});
  db.ok({"review", "Thin", "Builder", "--verdict", "ship", "--score", "99", "-q"});
  CHECK_THAT(db.ok({"compare", "Thin", "Mistral 3B", "--brief", "--width", "200"}),
             Catch::Contains("Recommendation (provisional): Thin \u2014 1 of 4 personas scored it"));
  CHECK_THAT(db.ok({"compare", "Thin", "Mistral 3B", "--brief", "--min-verdicts", "4", "--width", "200"}),
             Catch::Contains("Recommendation (provisional): Mistral 3B \u2014 the only one") &&
                 Catch::Contains("enough: Thin (1 of 4)"));
  Json ranked = Json::parse(db.ok({"rank", "--min-verdicts", "4", "--json"}));
  CHECK(ranked["tools"][0]["name"] == "Mistral 3B");
  CHECK(ranked["tools"][2]["name"] == "Thin");
  CHECK(ranked["tools"][2]["confidence"] == "provisional");
  CHECK(db.run({"rank", "--min-verdicts", "0"}).code == 2);
}

TEST_CASE("compare --explain shows the reviews behind each figure and what would turn the pick") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"add", "Thin", "-q"});
  db.ok({"review", "Thin", "Builder", "--verdict", "ship", "--score", "99", "--at", "2026-11-02", "-q"});
  for (int width : {80, 120}) {
    std::string out = db.ok({"compare", "Code Llama 4", "Mistral 3B", "Thin", "--brief", "--explain", "--weight",
                             "Founder=3", "--width", std::to_string(width)},
                            "C.UTF-8", toolcmp::test::kGoldenNow);
    toolcmp::test::check_golden("compare_explain_w" + std::to_string(width) + ".txt", out);
    CHECK(widest_line(out) <= width);
  }
  Json json = Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--explain", "--json"}));
  CHECK(json["sensitivity"] == Json::parse(R"({"weight":null,"verdict":null})"));
  CHECK_FALSE(Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--json"})).contains("sensitivity"));
}

TEST_CASE("as-of shows the panel as it stood then, before and after a review") {
  Db db;
  std::string file = db.dir().file("history.jsonl");
  std::ofstream(file)
      << R"({"type":"tool","name":"Alpha"})" "\n"
      << R"({"type":"tool","name":"Beta"})" "\n"
      << R"({"type":"review","tool":"Alpha","persona":"Builder","score":60,"verdict":"ship","text":"early","reviewed_at":"2026-01-10T09:00:00Z","recorded_at":"2026-01-10T09:00:00Z"})" "\n"
      << R"({"type":"review","tool":"Alpha","persona":"Builder","score":40,"verdict":"skip","text":"later","reviewed_at":"2026-06-01T09:00:00Z","recorded_at":"2026-06-01T09:00:00Z"})" "\n"
      << R"({"type":"review","tool":"Beta","persona":"Builder","score":50,"verdict":"ship","text":"steady","reviewed_at":"2026-02-01T09:00:00Z","recorded_at":"2026-02-01T09:00:00Z"})" "\n"
      << R"({"type":"vote","tool":"Alpha","verdict":"ship","voter":"ana","cast_at":"2026-01-11T00:00:00Z"})" "\n"
      << R"({"type":"vote","tool":"Alpha","verdict":"skip","voter":"bo","cast_at":"2026-07-01T00:00:00Z"})" "\n";
  db.ok({"import", file, "-q"});
  // Before June, Alpha's Builder said ship at 60: Alpha leads Beta on the mean.
  Json before = Json::parse(db.ok({"compare", "Alpha", "Beta", "--as-of", "2026-03-01", "--json"}));
  CHECK(before["as_of"] == "2026-03-01T23:59:59Z");
  CHECK(before["recommendation"]["tool"] == "Alpha");
  CHECK(before["tools"][0]["reviews"][0]["text"] == "early");
  CHECK(before["tools"][0]["community"]["votes"] == 1);
  // From June on, the skip is current and Beta is the pick.
  Json after = Json::parse(db.ok({"compare", "Alpha", "Beta", "--json"}));
  CHECK(after["as_of"] == nullptr);
  CHECK(after["recommendation"]["tool"] == "Beta");
  CHECK(after["tools"][0]["community"]["votes"] == 2);
  CHECK(Json::parse(db.ok({"compare", "Alpha", "Beta", "--as-of", "2026-06-01", "--json"}))["recommendation"]["tool"] ==
        "Beta");  // a bare date counts the whole day
  CHECK(Json::parse(db.ok({"compare", "Alpha", "Beta", "--as-of", "2026-06-01T08:59:59Z", "--json"}))
            ["recommendation"]["tool"] == "Alpha");
  // show, list and rank take it too, and say so above the table.
  CHECK(Json::parse(db.ok({"show", "Alpha", "--as-of", "2025-12-31", "--json"}))["tool"]["reviews"].empty());
  CHECK_THAT(db.ok({"rank", "--as-of", "2026-03-01"}), Catch::StartsWith("As of 2026-03-01T23:59:59Z: "));
  Json ranked = Json::parse(db.ok({"rank", "--as-of", "2026-03-01", "--json"}));
  CHECK(ranked["tools"][0]["name"] == "Alpha");
  // The tallies a panel-wide read counts (grouped over every vote on a
  // server): Alpha's then and now, and Beta, with no vote, at 0.
  CHECK(ranked["tools"][0]["community"]["ship"] == 1);
  CHECK(ranked["tools"][0]["community"]["skip"] == 0);
  CHECK(ranked["tools"][1]["community"]["votes"] == 0);
  Json now_ranked = Json::parse(db.ok({"rank", "--json"}));
  CHECK(now_ranked["tools"][0]["name"] == "Beta");
  CHECK(now_ranked["tools"][0]["community"]["votes"] == 0);
  CHECK(now_ranked["tools"][1]["community"]["ship"] == 1);
  CHECK(now_ranked["tools"][1]["community"]["skip"] == 1);
  CHECK_THAT(db.ok({"list", "--as-of", "2026-03-01", "--sort", "score"}), Catch::Contains("Alpha"));
  Result bad = db.run({"compare", "Alpha", "Beta", "--as-of", "2026-13-01"});
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("'2026-13-01'"));
}

TEST_CASE("a half-life weighs each review by its age and says so, and TOOLCMP_HALF_LIFE sets a default") {
  Db db;
  const toolcmp::test::Env now{{"TOOLCMP_NOW", "2026-12-01T00:00:00Z"}};
  db.ok({"add", "Old Praise", "-q"});
  db.ok({"add", "Steady", "-q"});
  db.ok({"review", "Old Praise", "Builder", "--score", "95", "--verdict", "ship", "--at", "2024-12-01", "-q"}, "C.UTF-8", now);
  db.ok({"review", "Old Praise", "Skeptic", "--score", "60", "--verdict", "ship", "--at", "2026-11-30", "-q"}, "C.UTF-8", now);
  for (const char* persona : {"Builder", "Skeptic"}) {
    db.ok({"review", "Steady", persona, "--score", "70", "--verdict", "ship", "--at", "2026-11-30", "-q"}, "C.UTF-8", now);
  }
  Json plain = Json::parse(db.ok({"compare", "Old Praise", "Steady", "--json"}, "C.UTF-8", now));
  CHECK(plain["recommendation"]["tool"] == "Old Praise");
  CHECK(plain["half_life"].is_null());
  Json aged = Json::parse(db.ok({"compare", "Old Praise", "Steady", "--json", "--half-life", "90d"}, "C.UTF-8", now));
  CHECK(aged["recommendation"]["tool"] == "Steady");
  CHECK(aged["half_life"] == "90d");
  CHECK(aged["tools"][0]["reviews"][0]["age_weight"].get<double>() < 0.01);
  CHECK(aged["tools"][0]["reviews"][1]["age_weight"].get<double>() > 0.99);
  toolcmp::test::Env with_default = now;
  with_default.push_back({"TOOLCMP_HALF_LIFE", "90d"});
  std::string text = db.ok({"compare", "Old Praise", "Steady", "--explain", "--brief", "--width", "200"}, "C.UTF-8",
                           with_default);
  CHECK_THAT(text, Catch::Contains("Half-life 90d: a review weighs half as much every 90d"));
  CHECK_THAT(text, Catch::Contains("for its age"));
  CHECK(db.run({"compare", "Old Praise", "Steady", "--half-life", "soon"}).code == 2);
  CHECK(Json::parse(db.ok({"rank", "--json", "--half-life", "90d"}, "C.UTF-8", now))["tools"][0]["name"] == "Steady");
}

TEST_CASE("contradictions are refused and a weighted share says it is weighted") {
  Db db;
  db.load_acceptance_panel();
  Result both = db.run({"compare", "Code Llama 4", "Mistral 3B", "--json", "--format", "html"});
  CHECK(both.code == 2);
  CHECK_THAT(both.err, Catch::Contains("--json and --format html"));
  const toolcmp::test::Env now{{"TOOLCMP_NOW", "2026-12-01T00:00:00Z"}};
  Result past = db.run({"decide", "Late", "--pick", "Mistral 3B", "--over", "Code Llama 4", "--review-by", "2026-11-01"},
                       "C.UTF-8", now);
  CHECK(past.code == 2);
  CHECK_THAT(past.err, Catch::Contains("--review-by 2026-11-01 has passed"));
  CHECK(db.run({"decide", "On time", "--pick", "Mistral 3B", "--over", "Code Llama 4", "--review-by", "2026-12-01", "-q"},
               "C.UTF-8", now).code == 0);
  Json weighted = Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--rule", "ship-first", "--weight",
                                     "Founder=3", "--json"}));
  CHECK_THAT(weighted["recommendation"]["reason"].get<std::string>(), Catch::Contains("(50% weighted)"));
  CHECK_THAT(Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--rule", "ship-first", "--json"}))
                 ["recommendation"]["reason"].get<std::string>(),
             !Catch::Contains("weighted"));
  std::string bad = db.dir().file("bad.jsonl");
  std::ofstream(bad) << "{\"type\":\"review\"}\n{\"type\":\"vote\"}\n";
  Result failed = db.run({"import", bad, "--keep-going"});
  CHECK(failed.code == 1);
  CHECK_THAT(failed.err, Catch::Contains("2 records could not be imported, and there were no others"));
}
