// compare, rank and history --chart: bars and sparklines in the terminal.
#include <catch2/catch.hpp>

#include <sstream>
#include <string>
#include <vector>

#include "support.h"
#include "toolcmp/formats/chart.h"
#include "toolcmp/base/text.h"

using toolcmp::test::Db;
using toolcmp::test::widest_line;

namespace {

// The acceptance panel, a third tool, and a Skeptic who changed their mind twice.
void load_chart_panel(const Db& db) {
  db.load_acceptance_panel();
  db.ok({"add", "Quiet Tool", "--category", "Developer Tools", "-q"});
  db.ok({"review", "Quiet Tool", "Builder", "--score", "50", "--verdict", "skip", "--at", "2026-10-01", "-q"});
  const char* takes[][3] = {{"2026-06-01", "35", "skip"}, {"2026-07-01", "48", "skip"}, {"2026-08-01", "66", "ship"},
                            {"2026-09-01", "71", "ship"}};
  for (const auto& take : takes) {
    db.ok({"review", "Code Llama 4", "Skeptic", "--at", take[0], "--score", take[1], "--verdict", take[2], "-q"});
  }
}

}  // namespace

TEST_CASE("a bar fills eighths of a cell under UTF-8 and whole cells in ASCII") {
  CHECK(toolcmp::draw_bar(100.0, std::nullopt, 4, true) == "\u2588\u2588\u2588\u2588");
  CHECK(toolcmp::draw_bar(0.0, std::nullopt, 4, true) == "    ");
  CHECK(toolcmp::draw_bar(std::nullopt, std::nullopt, 3, false) == "   ");
  CHECK(toolcmp::draw_bar(50.0, std::nullopt, 4, false) == "##  ");
  // 75% of 5 cells: 3 cells and 6 eighths.
  CHECK(toolcmp::draw_bar(75.0, std::nullopt, 5, true) == "\u2588\u2588\u2588\u258a ");
  // The whole interval: solid to its low end, shaded on to the value, a
  // line on to its high end.
  CHECK(toolcmp::draw_bar(50.0, std::make_pair(20.0, 90.0), 10, false) == "##===---- ");
  CHECK(toolcmp::draw_bar(50.0, std::make_pair(20.0, 90.0), 10, true) ==
        "\u2588\u2588\u2593\u2593\u2593\u2500\u2500\u2500\u2500 ");
  // A value between cells keeps its partial last cell: 75% of 5 cells, from 20%.
  CHECK(toolcmp::draw_bar(75.0, std::make_pair(20.0, 100.0), 5, true) == "\u2588\u2593\u2593\u258a\u2500");
  // An interval that starts at 0 has no solid part.
  CHECK(toolcmp::draw_bar(50.0, std::make_pair(0.0, 60.0), 10, false) == "=====-    ");
  // Out of range values are drawn at the ends, never past the bar.
  CHECK(toolcmp::draw_bar(250.0, std::make_pair(0.0, 400.0), 3, false) == "===");
}

TEST_CASE("the charts match their golden files at 60 100 and 160 columns in UTF-8 and ASCII") {
  Db db;
  load_chart_panel(db);
  for (const char* width : {"60", "100", "160"}) {
    for (const char* locale : {"C.UTF-8", "C"}) {
      // At the golden files' time: what the reviews' ages decide stays put.
      const toolcmp::test::Env& at = toolcmp::test::kGoldenNow;
      std::string out =
          db.ok({"compare", "Code Llama 4", "Mistral 3B", "Quiet Tool", "--chart", "--width", width}, locale, at) + "\n" +
          db.ok({"rank", "--chart", "--width", width}, locale, at) + "\n" +
          db.ok({"history", "Code Llama 4", "--chart", "--width", width}, locale, at);
      std::string name = std::string("chart_w") + width + (locale == std::string("C") ? "_ascii" : "") + ".txt";
      INFO(name);
      toolcmp::test::check_golden(name, out);
      CHECK(widest_line(out) <= std::stoi(width));
      if (locale == std::string("C")) {
        for (unsigned char c : out) CHECK(c < 0x80);
      }
    }
  }
}

TEST_CASE("the charts carry a 0-50-100 scale over their bars, and rank's the number of verdicts") {
  Db db;
  load_chart_panel(db);
  for (const char* command : {"compare", "rank"}) {
    std::vector<std::string> args{command, "--chart", "--width", "100"};
    if (std::string(command) == "compare") args.insert(args.begin() + 1, {"Code Llama 4", "Mistral 3B"});
    std::string out = db.ok(args);
    std::istringstream lines(out);
    std::string line, scale, bar;
    while (std::getline(lines, line)) {
      if (scale.empty() && line.find(" 0 ") != std::string::npos && line.find("100") != std::string::npos) {
        scale = line;
      } else if (!scale.empty() && line.find("\u2595") != std::string::npos) {
        bar = line;
        break;
      }
    }
    INFO(command << "\n" << out);
    REQUIRE_FALSE(scale.empty());
    REQUIRE_FALSE(bar.empty());
    // "0" over the first cell (just after the frame), "100" ending over the last.
    auto column = [](const std::string& text, std::size_t bytes) { return toolcmp::display_width(text.substr(0, bytes)); };
    int frame = column(bar, bar.find("\u2595"));
    CHECK(column(scale, scale.find(" 0 ") + 1) == frame + 1);
    int close = column(bar, bar.find("\u258f", bar.find("\u2595")));
    CHECK(column(scale, scale.find("100") + 3) == close);
  }
  std::string rank = db.ok({"rank", "--chart", "--width", "100"});
  CHECK_THAT(rank, Catch::Contains("100% (4)") && Catch::Contains("0% (1)"));
}

TEST_CASE("charts fit every width and stay uncolored in a pipe unless asked") {
  Db db;
  load_chart_panel(db);
  for (int width = 40; width <= 200; width += 9) {
    INFO("width " << width);
    CHECK(widest_line(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--chart", "--width", std::to_string(width)})) <=
          width);
    CHECK(widest_line(db.ok({"rank", "--chart", "--width", std::to_string(width)})) <= width);
    CHECK(widest_line(db.ok({"history", "Code Llama 4", "--chart", "--width", std::to_string(width)})) <= width);
  }
  std::string plain = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--chart"});
  CHECK(plain.find('\x1b') == std::string::npos);
  std::string colored = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--chart", "--color", "always"});
  CHECK(colored.find("\x1b[32m") != std::string::npos);  // ship bars green
  CHECK(colored.find("\x1b[31m") != std::string::npos);  // the Founder's skip red
  // Verdicts are words as well as colors.
  CHECK(plain.find("55 skip") != std::string::npos);
}

TEST_CASE("a chart shows the explain section and refuses JSON") {
  Db db;
  load_chart_panel(db);
  std::string explained = db.ok({"compare", "Code Llama 4", "Mistral 3B", "--explain", "--width", "80"});
  CHECK(explained.find("How the figures were made") < explained.find("\nChart\n"));
  CHECK(explained.find("Panel ship") != std::string::npos);
  for (auto args : {std::vector<std::string>{"compare", "Code Llama 4", "Mistral 3B", "--chart", "--json"},
                    std::vector<std::string>{"compare", "Code Llama 4", "Mistral 3B", "--chart", "--format", "markdown"},
                    std::vector<std::string>{"rank", "--chart", "--json"},
                    std::vector<std::string>{"history", "Code Llama 4", "--chart", "--json"}}) {
    toolcmp::test::Result result = db.run(args);
    CHECK(result.code == 2);
    CHECK(result.err.find("--chart") != std::string::npos);
  }
}
