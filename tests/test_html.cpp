// Pages: compare --format html, publish, --template, reading pages back,
// hostile text, and what accessibility can be checked without a browser
// (tests/browser_test.sh renders them in Chromium). On both back-ends.
#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <regex>

#include "support.h"
#include "toolcmp/formats/render_html.h"

using toolcmp::test::Db;
using toolcmp::test::Result;
namespace fs = std::filesystem;

namespace {

std::string lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Stored text a page must show as text and nothing else.
const std::string kScript = "<script>alert('x')</script>";
const std::string kBreakOut = "\"><img src=x onerror=alert(1)>";
const std::string kBidi = "gpj.\xE2\x80\xAE" "exe";

void load_hostile(const Db& db) {
  db.ok({"add", "Evil " + kScript, "--tagline", kBreakOut, "--description", kBidi + " \x1b[2J", "--url",
         "javascript:alert(1)", "--category", kBreakOut, "--attr", "k=" + kScript, "-q"});
  db.ok({"add", "Fine", "--url", "https://example.com/?a=1&b=\"2\"", "-q"});
  db.ok({"persona", "add", "Persona " + kBreakOut, "-q"});
  db.ok({"review", "Evil " + kScript, "Builder", "--score", "70", "--verdict", "ship", "--text", kScript + "\n" + kBidi,
         "-q"});
  db.ok({"review", "Fine", "Persona " + kBreakOut, "--score", "60", "--verdict", "skip", "--text", kBreakOut, "-q"});
  db.ok({"decide", "Pick " + kScript, "--pick", "Fine", "--over", "Evil " + kScript, "--why", kBreakOut, "-q"});
}

void check_inert(const std::string& page) {
  std::string text = lower(page);
  CHECK(text.find("<script") == std::string::npos);
  CHECK(text.find("<img") == std::string::npos);
  CHECK(text.find("href=\"javascript:") == std::string::npos);  // shown as text, never linked
  CHECK(page.find("\xE2\x80\xAE") == std::string::npos);
  CHECK(page.find('\x1b') == std::string::npos);
}

// Every <th> has a scope, headings never skip a level, and the page says its language.
void check_accessible(const std::string& page) {
  CHECK(page.find("<html lang=\"en\">") != std::string::npos);
  std::regex th("<th( [^>]*)?>");
  for (auto it = std::sregex_iterator(page.begin(), page.end(), th); it != std::sregex_iterator(); ++it) {
    CHECK_THAT(it->str(), Catch::Contains("scope=\""));
  }
  std::regex heading("<h([1-6])[ >]");
  int last = 0;
  for (auto it = std::sregex_iterator(page.begin(), page.end(), heading); it != std::sregex_iterator(); ++it) {
    int level = std::stoi((*it)[1]);
    INFO("heading " << level << " after " << last);
    CHECK(level <= last + 1);
    last = level;
  }
  CHECK(page.find("<h1") != std::string::npos);
}

std::string read(const std::string& path) { return toolcmp::test::read_file(path); }

}  // namespace

TEST_CASE("compare --format html matches its golden file and is one self-contained page") {
  Db db;
  db.load_acceptance_panel();
  // At the golden file's time: the reviews' ages in it stay put.
  std::string page = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--format", "html"}, "C.UTF-8", toolcmp::test::kGoldenNow);
  toolcmp::test::check_golden("compare_page.html", page);
  check_accessible(page);
  CHECK(lower(page).find("<script") == std::string::npos);
  CHECK(page.find("<link") == std::string::npos);  // the style is inline
  CHECK(page.find("src=") == std::string::npos);   // no image, font or frame from elsewhere
  CHECK(page.find("@media (prefers-color-scheme: dark)") != std::string::npos);
  CHECK(page.find("@media print") != std::string::npos);
  CHECK(page.find("<svg class=\"chart\"") != std::string::npos);
  // Verdicts are words, not color alone.
  CHECK(page.find("55 skip") != std::string::npos);
}

TEST_CASE("a comparison page leads with its pick: the answer block, the card marked, and the preview text") {
  Db db;
  db.load_acceptance_panel();
  std::string page = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--format", "html"});
  std::string terminal = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--width", "1000"});
  std::string summary = terminal.substr(0, terminal.find('\n'));
  REQUIRE(summary.rfind("Pick: Mistral 3B", 0) == 0);
  // The terminal's first line is the page's description, for link previews too.
  CHECK(page.find("<meta name=\"description\" content=\"" + summary + "\">") != std::string::npos);
  CHECK(page.find("<meta property=\"og:description\" content=\"" + summary + "\">") != std::string::npos);
  // The answer comes before the details: the pick's heading precedes the cards and the table.
  std::size_t pick = page.find("<h2 id=\"pick\">Pick: Mistral 3B</h2>");
  REQUIRE(pick != std::string::npos);
  CHECK(pick < page.find("id=\"tools\""));
  CHECK(page.find("class=\"pill pill-") < pick);
  // One card, the pick's, is marked, in words.
  std::size_t marked = page.find("<article class=\"card picked\">");
  REQUIRE(marked != std::string::npos);
  CHECK(page.find("<article class=\"card picked\">", marked + 1) == std::string::npos);
  CHECK(page.find("The pick", marked) < page.find("Mistral 3B", marked));

  SECTION("too close to call: no card is marked and the pill says so") {
    Db tie;
    tie.ok({"add", "A"});
    tie.ok({"add", "B"});
    tie.ok({"review", "A", "Builder", "--score", "80", "--verdict", "ship"});
    tie.ok({"review", "B", "Builder", "--score", "80", "--verdict", "ship"});
    std::string close = tie.ok({"compare", "A", "B", "--format", "html"});
    CHECK(close.find("<h2 id=\"pick\">No pick</h2>") != std::string::npos);
    CHECK(close.find("pill-too-close") != std::string::npos);
    CHECK(close.find("card picked") == std::string::npos);
  }
}

TEST_CASE("a tool no persona has reviewed is charted by its ship % alone, not by empty bars") {
  Db db;
  db.load_acceptance_panel();
  std::string lines = db.dir().file("published.jsonl");
  std::ofstream(lines) << "{\"type\":\"tool\",\"name\":\"Pubby\",\"published_ship_pct\":80}\n";
  db.ok({"import", lines, "-q"});
  std::string page = db.ok({"compare", "Pubby", "Mistral 3B", "--format", "html"});
  std::size_t charts = page.find("<h2 id=\"chart\">");
  REQUIRE(charts != std::string::npos);
  std::size_t pubby = page.find("<figcaption class=\"name\">Pubby</figcaption>", charts);
  std::size_t mistral = page.find("<figcaption class=\"name\">Mistral 3B</figcaption>", charts);
  REQUIRE(pubby != std::string::npos);
  REQUIRE(mistral != std::string::npos);
  std::string published = page.substr(pubby, page.find("</figure>", pubby) - pubby);
  CHECK_THAT(published, Catch::Contains("aria-label=\"Pubby: Panel ship 80% published; no reviews yet\"") &&
                            Catch::Contains("<figcaption>No reviews yet.</figcaption>") &&
                            !Catch::Contains(">Builder<"));
  std::string reviewed = page.substr(mistral, page.find("</figure>", mistral) - mistral);
  for (const char* persona : {">Builder<", ">Skeptic<", ">Futurist<", ">Founder<"}) CHECK_THAT(reviewed, Catch::Contains(persona));
}

TEST_CASE("an HTML page imports back to the same compare --json") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"edit", "Mistral 3B", "--description", "Line one | with a pipe & an <angle>.\n\nA *second* paragraph.", "-q"});
  db.ok({"review", "Mistral 3B", "Skeptic", "--score", "79", "--verdict", "ship", "--text",
         "First line.\nSecond line, after a break.", "-q"});
  // Long reviews are written once, head in <summary> and the rest after it:
  // one cut at a space, one at a line break, one inside a long word.
  std::string words;
  for (int i = 0; words.size() < 500; ++i) words += "Plenty of careful words, " + std::to_string(i) + ". ";
  std::string at_break = std::string(230, 'a') + "\nBBBBBBBBBBBBBBB " + words + "Cut at a line break.";
  words += "Cut at a space.";
  std::string one_word = "Start " + std::string(600, 'z') + " end.";
  db.ok({"review", "Mistral 3B", "Builder", "--score", "70", "--verdict", "ship", "--text", words, "-q"});
  db.ok({"review", "Code Llama 4", "Builder", "--score", "60", "--verdict", "skip", "--text", at_break, "-q"});
  db.ok({"review", "Code Llama 4", "Founder", "--score", "61", "--verdict", "skip", "--text", one_word, "-q"});
  std::string file = db.dir().file("page.html");
  std::string page = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--format", "html"});
  std::ofstream(file) << page;
  CHECK_THAT(page, Catch::Contains("<details><summary>" + std::string(230, 'a') + "<span class=\"more\">"));
  CHECK_THAT(page, Catch::Contains("</summary><p class=\"tail\"><br>BBBBBBBBBBBBBBB Plenty"));
  for (const std::string& text : {words, at_break, one_word}) {
    std::string end = text.substr(text.size() - 40);
    CHECK(page.find(end) != std::string::npos);
    CHECK(page.find(end) == page.rfind(end));  // written once, not again behind the summary
  }
  Db copy;
  copy.ok({"import", file, "-q"});
  CHECK(toolcmp::test::compare_without_sources(copy, {"Code Llama 4", "Mistral 3B"}) ==
        toolcmp::test::compare_without_sources(db, {"Code Llama 4", "Mistral 3B"}));
  // A page without the layout is named with its line.
  std::string other = db.dir().file("other.html");
  std::ofstream(other) << "<!DOCTYPE html>\n<html><body>\n<p>Nothing to read.</p>\n</body></html>\n";
  Result r = copy.run({"import", other});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("other.html:3: no tools found"));
}

TEST_CASE("hostile stored text renders as inert text in every page") {
  Db db;
  load_hostile(db);
  std::string page = db.ok({"compare", "Evil " + kScript, "Fine", "--format", "html"});
  check_inert(page);
  CHECK(page.find("Evil &lt;script&gt;alert(&apos;x&apos;)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("href=\"https://example.com/?a=1&amp;b=&quot;2&quot;\"") != std::string::npos);
  CHECK(page.find("&lt;U+202E&gt;") != std::string::npos);  // the override shown, not obeyed
  std::string site = db.dir().file("site");
  db.ok({"publish", site, "--pair", "Fine,Evil " + kScript, "-q"});
  int pages = 0;
  for (const auto& entry : fs::recursive_directory_iterator(site)) {
    if (entry.path().extension() != ".html") continue;
    INFO(entry.path());
    std::string text = read(entry.path().string());
    check_inert(text);
    check_accessible(text);
    ++pages;
  }
  CHECK(pages == 5);  // the index, two tools, the decision and the pair
}

TEST_CASE("the stylesheet keeps text contrast at 4.5:1 or more in both themes") {
  std::string css = toolcmp::builtin_templates().at("style.css");
  auto luminance = [](const std::string& hex) {
    double channels[3];
    for (int i = 0; i < 3; ++i) {
      double c = std::stoi(hex.substr(1 + 2 * i, 2), nullptr, 16) / 255.0;
      channels[i] = c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
    }
    return 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
  };
  auto contrast = [&](const std::string& a, const std::string& b) {
    double la = luminance(a), lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
  };
  std::size_t dark = css.find("prefers-color-scheme: dark");
  REQUIRE(dark != std::string::npos);
  for (const std::string& theme : {css.substr(0, dark), css.substr(dark, css.find("}", css.find("}", dark) + 1) - dark)}) {
    std::map<std::string, std::string> colors;
    std::regex variable("--([a-z]+): (#[0-9a-f]{6})");
    for (auto it = std::sregex_iterator(theme.begin(), theme.end(), variable); it != std::sregex_iterator(); ++it) {
      colors[(*it)[1]] = (*it)[2];
    }
    REQUIRE(colors.size() >= 9);
    for (const char* text : {"fg", "muted", "ship", "skip", "split", "accent"}) {
      for (const char* background : {"bg", "card"}) {
        INFO(text << " on " << background << ": " << colors[text] << " on " << colors[background]);
        CHECK(contrast(colors[text], colors[background]) >= 4.5);
      }
    }
  }
}

TEST_CASE("templates in a --template directory replace the built-in ones by name and a wrong one is named") {
  Db db;
  db.load_acceptance_panel();
  std::string dir = db.dir().file("templates");
  fs::create_directory(dir);
  std::ofstream(dir + "/compare.mustache") << "<h1>{{heading}}</h1>\n<p>{{recommendation}}</p>\n";
  std::string page = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--format", "html", "--template", dir});
  CHECK_THAT(page, Catch::Contains("<h1>Code Llama 4 vs Mistral 3B</h1>") && Catch::Contains("<style>"));
  std::ofstream(dir + "/compare.mustache") << "<h1>{{#heading}}</h1>\n";
  Result bad = db.run({"compare", "Code Llama 4", "Mistral 3B", "--format", "html", "--template", dir});
  CHECK(bad.code == 1);
  CHECK_THAT(bad.err, Catch::Contains("template compare.mustache"));
  fs::remove(dir + "/compare.mustache");
  REQUIRE(::mkfifo((dir + "/layout.mustache").c_str(), 0600) == 0);
  Result fifo = db.run({"compare", "Code Llama 4", "Mistral 3B", "--format", "html", "--template", dir});
  CHECK(fifo.code == 1);
  CHECK_THAT(fifo.err, Catch::Contains("is not a regular file"));
  fs::remove(dir + "/layout.mustache");
  Result empty = db.run({"compare", "Code Llama 4", "Mistral 3B", "--format", "html", "--template", dir});
  CHECK_THAT(empty.err, Catch::Contains("holds none of the templates"));
  Result usage = db.run({"compare", "Code Llama 4", "Mistral 3B", "--template", dir});
  CHECK(usage.code == 2);
}

TEST_CASE("a template that multiplies its data stops at the page limit instead of filling memory") {
  Db db;
  db.load_acceptance_panel();
  std::string dir = db.dir().file("templates");
  fs::create_directory(dir);
  // The decision table's rows nested six deep: rows^6 copies of the page's heading.
  std::ofstream(dir + "/compare.mustache")
      << "{{#rows}}{{#rows}}{{#rows}}{{#rows}}{{#rows}}{{#rows}}<p>{{heading}} {{recommendation}}</p>"
         "{{/rows}}{{/rows}}{{/rows}}{{/rows}}{{/rows}}{{/rows}}\n";
  Result bomb = db.run({"compare", "Code Llama 4", "Mistral 3B", "--format", "html", "--template", dir});
  CHECK(bomb.code == 1);
  CHECK_THAT(bomb.err, Catch::Contains("template compare.mustache makes a page larger than 4 MiB"));
  CHECK(bomb.out.empty());
}

TEST_CASE("an HTML page nested too deep or too large is refused before it is parsed") {
  Db db;
  std::string deep = db.dir().file("deep.html");
  std::string nested;
  for (int i = 0; i < 50000; ++i) nested += "<div>";
  std::ofstream(deep) << "<!DOCTYPE html>\n<html><body>\n" << nested << "x</body></html>\n";
  Result r = db.run({"import", deep});
  CHECK(r.code == 1);
  CHECK_THAT(r.err, Catch::Contains("deep.html:3: the page nests elements more than 256 deep"));
  std::string large = db.dir().file("large.html");
  std::ofstream(large) << "<!DOCTYPE html>\n<html><body><p>" << std::string(4 << 20, 'x') << "</p></body></html>\n";
  Result big = db.run({"import", large});
  CHECK(big.code == 1);
  CHECK_THAT(big.err, Catch::Contains("large.html:1: the page is larger than 4 MiB"));
  // Paragraphs, cells and breaks close by themselves: many of them are not nesting.
  std::string flat = db.dir().file("flat.html");
  std::ofstream(flat) << "<!DOCTYPE html>\n<html><body>\n" << std::string(20000, 'x') << [] {
    std::string cells;
    for (int i = 0; i < 5000; ++i) cells += "<p>a<br>b<td>c";
    return cells;
  }() << "\n</body></html>\n";
  CHECK_THAT(db.run({"import", flat}).err, Catch::Contains("no tools found"));
}

TEST_CASE("an HTML page of the published layout reads like the same page as text") {
  // Each line of the plain-text fixtures becomes an element of its own,
  // as a comparison site's HTML would give it.
  for (const char* name : {"page_full.txt", "page_compact.txt"}) {
    INFO(name);
    std::string text = read(std::string(TOOLCMP_SOURCE_DIR) + "/tests/data/" + name);
    std::string html = "<!DOCTYPE html>\n<html lang=\"en\"><head><title>t</title><style>p{}</style></head><body>\n"
                       "<nav><a href=\"/\">Home</a></nav>\n";
    std::size_t start = 0;
    while (start < text.size()) {
      std::size_t end = std::min(text.find('\n', start), text.size());
      std::string line = text.substr(start, end - start);
      start = end + 1;
      if (line.empty()) continue;
      std::string escaped;
      for (char c : line) escaped += c == '<' ? "&lt;" : c == '&' ? "&amp;" : std::string(1, c);
      html += "<div><span>" + escaped + "</span></div>\n";
    }
    html += "<footer>Weekly newsletter</footer></body></html>\n";
    // The pages carry no dates: a review is dated when it is imported, so
    // both imports run at one fixed time (they could fall in two seconds).
    Db from_text, from_html;
    from_text.ok({"import", std::string(TOOLCMP_SOURCE_DIR) + "/tests/data/" + name, "-q"}, "C.UTF-8",
                 toolcmp::test::kGoldenNow);
    std::string file = from_html.dir().file("page.html");
    std::ofstream(file) << html;
    from_html.ok({"import", file, "-q"}, "C.UTF-8", toolcmp::test::kGoldenNow);
    nlohmann::json listed = nlohmann::json::parse(from_text.ok({"list", "--json"}));
    REQUIRE(listed["tools"].size() == 2);
    std::vector<std::string> names{listed["tools"][0]["name"], listed["tools"][1]["name"]};
    CHECK(toolcmp::test::compare_without_sources(from_html, names) ==
          toolcmp::test::compare_without_sources(from_text, names));
  }
}
