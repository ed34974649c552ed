// Reading published comparison pages, both layouts and their variations.
#include <catch2/catch.hpp>

#include "support.h"
#include "toolcmp/formats/page.h"

using namespace toolcmp;

namespace {

const std::vector<std::string> kPanel{"Builder", "Skeptic", "Futurist", "Founder"};

Page page_from(const std::string& fixture) {
  std::string text = test::read_file(std::string(TOOLCMP_SOURCE_DIR) + "/tests/data/" + fixture);
  return parse_page(text, looks_like_markdown(text), kPanel);
}

std::string page_error(const std::string& text) {
  try {
    parse_page(text, false, kPanel);
  } catch (const PageError& e) {
    return std::to_string(e.line()) + ": " + e.what();
  }
  return "no error";
}

}  // namespace

TEST_CASE("a compact page gives each tool's card, published ship % and unscored reviews") {
  Page page = page_from("page_compact.txt");
  REQUIRE(page.tools.size() == 2);
  const Tool& coder = page.tools[0].tool;
  CHECK(coder.name == "Pocket Coder 2");
  CHECK(coder.category == "Developer Tools");
  CHECK(coder.tagline == "A small code model that runs on a laptop");
  CHECK(coder.published_ship_pct == 75.0);
  CHECK(coder.entry == "Free");
  CHECK(coder.description == "Pocket Coder 2 is a 2B code model. It completes and explains code offline.");
  CHECK_FALSE(coder.pricing);
  CHECK(page.tools[1].tool.name == "Lens Mini");
  CHECK(page.tools[1].tool.entry == "$5/mo");
  CHECK(page.tools[1].tool.published_ship_pct == 50.0);

  REQUIRE(page.reviews.size() == 8);
  // Quotes alternate between the tools, persona by persona.
  CHECK(page.reviews[0].tool == 0);
  CHECK(page.reviews[0].persona == "Builder");
  CHECK(page.reviews[1].tool == 1);
  CHECK(page.reviews[1].persona == "Builder");
  CHECK(page.reviews[7].tool == 1);
  CHECK(page.reviews[7].persona == "Founder");
  CHECK(page.reviews[7].review.text == "Founder on Lens Mini: the subscription has no buyer yet.");
  for (const PageReview& review : page.reviews) {
    CHECK_FALSE(review.review.score);
    CHECK_FALSE(review.review.verdict);
  }
  CHECK(page.reviews[0].line == 25);
}

TEST_CASE("a full page gives scores, verdicts and pricing, and leaves the footer out") {
  Page page = page_from("page_full.txt");
  REQUIRE(page.tools.size() == 2);
  CHECK(page.tools[0].tool.pricing == "Free (MIT weights)");
  CHECK(page.tools[1].tool.pricing == "$5 a month per device");
  CHECK(page.tools[1].tool.published_ship_pct == 50.0);
  REQUIRE(page.reviews.size() == 8);
  CHECK(page.reviews[0].review.score == 90);
  CHECK(page.reviews[0].review.verdict == Verdict::Ship);
  CHECK(page.reviews[1].review.score == 60);
  CHECK(page.reviews[1].review.verdict == Verdict::Skip);
  CHECK(page.reviews[6].persona == "Founder");
  CHECK(page.reviews[6].review.score == 40);
  CHECK(page.reviews[7].review.text == "Founder on Lens Mini: the subscription has no buyer yet.");
}

TEST_CASE("blank lines, avatar letters, extra headings and a missing community value change nothing") {
  auto same = [](const Page& a, const Page& b) {
    REQUIRE(a.tools.size() == b.tools.size());
    for (std::size_t i = 0; i < a.tools.size(); ++i) {
      CHECK(a.tools[i].tool.name == b.tools[i].tool.name);
      CHECK(a.tools[i].tool.category == b.tools[i].tool.category);
      CHECK(a.tools[i].tool.tagline == b.tools[i].tool.tagline);
      CHECK(a.tools[i].tool.entry == b.tools[i].tool.entry);
      CHECK(a.tools[i].tool.pricing == b.tools[i].tool.pricing);
      CHECK(a.tools[i].tool.description == b.tools[i].tool.description);
      CHECK(a.tools[i].tool.published_ship_pct == b.tools[i].tool.published_ship_pct);
    }
    REQUIRE(a.reviews.size() == b.reviews.size());
    for (std::size_t i = 0; i < a.reviews.size(); ++i) {
      CHECK(a.reviews[i].persona == b.reviews[i].persona);
      CHECK(a.reviews[i].review.text == b.reviews[i].review.text);
      CHECK(a.reviews[i].review.score == b.reviews[i].review.score);
    }
  };
  same(page_from("page_full.txt"), page_from("page_full_dense.txt"));
  same(page_from("page_compact.txt"), page_from("page_compact_spaced.txt"));
}

TEST_CASE("a page that does not add up says which line is wrong") {
  std::string tool = "Cat\nTool A\nTagline\n75%\nPanel ship\n";
  CHECK(page_error(tool + "Reviewer scorecard\n\u201cone\u201d\n\u201ctwo\u201d\n\u201cthree\u201d\n\u201cfour\u201d\n"
                          "\u201cfive\u201d\n") == "7: 5 quoted reviews for 1 tools is more than the panel's 4 personas give");
  CHECK(page_error("Cat\nTool A\nTagline\nabout half\nPanel ship\n") ==
        "5: 'Panel ship' must follow the panel ship %, like 75%, below the tool's category, name and tagline");
  CHECK(page_error("Nothing here\n") ==
        "1: no tools found: a page has a block per tool with a 'Panel ship' line, or a 'Decision' table");
  CHECK(page_error(tool + "Reviewer scorecard\n\u201cnever closed\nstill going\n") == "7: a quoted review here never ends");
}

TEST_CASE("a Markdown heading with no text is an empty line, not a crash") {
  // Found by fuzz_page: "##" alone made substr throw.
  CHECK_THROWS_AS(parse_page("# T\n##\n", true, kPanel), PageError);
  Page page = parse_page("# T\n\n| Decision | A |\n|---|---|\n##\n| Entry | Free |\n", true, kPanel);
  REQUIRE(page.tools.size() == 1);
  CHECK(page.tools[0].tool.entry == "Free");
}

TEST_CASE("Markdown escaping reads back to the same text") {
  for (std::string text : {"plain", "a | b * c _d_ [e] <br> `f` #g \\h", "- starts like a list\nsecond line\n\nnew paragraph",
                           "\"quoted\""}) {
    std::string page = "# T\n\n| Decision | A |\n|---|---|\n| Description | " + markdown_escape(text, true) +
                       " |\n\n## Reviewer scorecard\n\n### Builder\n\n80/100 · ship\n\n" + markdown_escape(text, false) + "\n";
    Page parsed = parse_page(page, true, kPanel);
    REQUIRE(parsed.tools.size() == 1);
    CHECK(parsed.tools[0].tool.description == text);
    REQUIRE(parsed.reviews.size() == 1);
    CHECK(parsed.reviews[0].review.text == text);
  }
}
