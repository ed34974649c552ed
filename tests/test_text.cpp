// Widths, wrapping, sanitizing and name keys.
#include <algorithm>
#include <random>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "toolcmp/base/text.h"

using namespace toolcmp;

TEST_CASE("display width counts terminal cells") {
  CHECK(display_width("abc") == 3);
  CHECK(display_width("\u4e2d\u6587") == 4);          // CJK: two cells each
  CHECK(display_width("e\u0301") == 1);               // combining accent: none
  CHECK(display_width("\U0001F680") == 2);            // emoji
  CHECK(display_width("Ship \u00b7 3 ship") == 13);  // the middle dot is one
}

TEST_CASE("wrapping keeps every line within the width") {
  auto lines = wrap_text("the quick brown fox jumps over the lazy dog", 10);
  CHECK(lines == std::vector<std::string>{"the quick", "brown fox", "jumps over", "the lazy", "dog"});
  for (int width = 1; width <= 12; ++width) {
    for (const auto& line : wrap_text("supercalifragilistic \u4e2d\u6587\u4e2d\u6587 ok", width)) {
      CHECK(display_width(line) <= std::max(width, 2));
    }
  }
}

TEST_CASE("long words break between characters and newlines break lines") {
  CHECK(wrap_text("abcdefghij", 4) == std::vector<std::string>{"abcd", "efgh", "ij"});
  CHECK(wrap_text("one\ntwo", 20) == std::vector<std::string>{"one", "two"});
  CHECK(wrap_text("", 5) == std::vector<std::string>{""});
  CHECK(wrap_text("\u4e2d\u6587\u4e2d", 4) == std::vector<std::string>{"\u4e2d\u6587", "\u4e2d"});
}

TEST_CASE("stored text is made harmless for a terminal") {
  CHECK(sanitize_for_terminal("a\x1b[2Jb") == "a^[[2Jb");
  CHECK(sanitize_for_terminal("bell\x07") == "bell^G");
  CHECK(sanitize_for_terminal("tab\there") == "tab here");
  CHECK(sanitize_for_terminal("x\u202Ey") == "x<U+202E>y");
  CHECK(sanitize_for_terminal("c1\xc2\x9b") == "c1<U+009B>");
  CHECK(sanitize_for_terminal("bad\xff") == "bad\uFFFD");
  CHECK(sanitize_for_terminal("line\r\nnext") == "line\nnext");
}

TEST_CASE("name keys ignore case, and loose keys ignore spaces and punctuation too") {
  CHECK(name_key("Code Llama 4") == "code llama 4");
  CHECK(name_key("\u00c9COLE") == name_key("\u00e9cole"));
  CHECK(loose_key("Code-Llama 4") == "codellama4");
  CHECK(loose_key("Caf\u00e9 Bot") == "cafebot");
  CHECK(loose_key("  !! ") == "");
}

TEST_CASE("edit distance counts single-character edits, a swap as one") {
  CHECK(edit_distance("compare", "comapre") == 1);
  CHECK(edit_distance("kitten", "sitting") == 3);
  CHECK(edit_distance("", "abc") == 3);
  CHECK(edit_distance("same", "same") == 0);
}

TEST_CASE("ASCII keeps its grapheme clusters with the marks and joiners around it") {
  // Long words break between clusters, so width 1 or 2 shows each cluster.
  CHECK(wrap_text("ae\u0301b", 1) == std::vector<std::string>{"a", "e\u0301", "b"});
  CHECK(wrap_text("xa\u200Db", 1) == std::vector<std::string>{"x", "a\u200D", "b"});
  CHECK(wrap_text("x1\uFE0F\u20E3y", 2) == std::vector<std::string>{"x", "1\uFE0F\u20E3", "y"});
  CHECK(wrap_text("\u0600ab", 1).front().rfind("\u0600a", 0) == 0);  // a prepended mark joins what follows
  CHECK(display_width("Cafe\u0301 ok") == 7);
  CHECK(display_width("ok\U0001F680ok") == 6);
}

TEST_CASE("no wrapped line starts with CJK closing punctuation") {
  // Six double-width characters in 10 columns: the break would fall before "。".
  std::vector<std::string> lines = toolcmp::wrap_text("小而快的模。型", 10);
  REQUIRE(lines.size() == 2);
  CHECK(lines[0] == "小而快的");
  CHECK(lines[1] == "模。型");
  for (const std::string& line : toolcmp::wrap_text("一二三四五，六七八九十。", 4)) CHECK(line.rfind("，", 0) != 0);
}

TEST_CASE("a bounded edit distance stops past its limit and agrees below it") {
  using toolcmp::edit_distance;
  CHECK(edit_distance("kitten", "sitting", 3) == 3);
  CHECK(edit_distance("kitten", "sitting", 2) == 3);  // limit + 1
  CHECK(edit_distance("compare", "comapre", 1) == 1);
  CHECK(edit_distance(std::string(20000, 'a'), "abc", 5) == 6);  // lengths too far apart: no work
  CHECK(edit_distance(std::string(5000, 'a'), std::string(5000, 'b'), 3) == 4);  // out after the first rows
}

TEST_CASE("the banded edit distance with its lower bound agrees with the full table") {
  // Optimal string alignment over the whole table, no band, no limit.
  auto full = [](const std::string& a, const std::string& b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
      for (std::size_t j = 1; j <= b.size(); ++j) {
        d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
        if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
    return d[a.size()][b.size()];
  };
  std::mt19937 random(20261127);
  auto word = [&] {
    std::string s(random() % 12, 'a');
    for (char& c : s) c = "abcab12"[random() % 7];
    return s;
  };
  int checked = 0;
  for (int n = 0; n < 20000; ++n) {
    std::string a = word(), b = word();
    int limit = static_cast<int>(random() % 6);
    INFO(a << " / " << b << " limit " << limit);
    REQUIRE(toolcmp::edit_distance(a, b, limit) == std::min(full(a, b), limit + 1));
    ++checked;
  }
  CHECK(checked == 20000);
}
