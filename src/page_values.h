// What a page's value lines say: percentages, verdict words, score lines.
// Private to the page reader (page.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "page_lines.h"
#include "toolcmp/model.h"

namespace toolcmp {

std::string lower(std::string_view text);  // ASCII letters only
bool is_label(const Line& line, const char* label);  // the line is this label, in any case
// "75%", "75.5 %": 0-100, else none.
std::optional<double> parse_percent(std::string_view text);
bool is_verdict_word(const std::string& text);  // ship, skip or split, in any case

// "84/100 · ship", "ship", "84/100 · ship · 2026-11-02T00:00:00Z",
// "no score · no verdict", each optionally after the tool's name and a
// dot ("Mistral 3B · 87/100 · ship"); "no review" marks a missing review.
struct ScoreLine {
  bool no_review = false;
  std::optional<int> score;
  std::optional<Verdict> verdict;
  std::string reviewed_at;
};
// None when the line is not a score line.
std::optional<ScoreLine> parse_score_line(std::string text, const std::vector<std::string>& tool_keys);

// Lines [from, to) as paragraphs, one blank line between.
std::string join_paragraphs(const std::vector<Line>& lines, std::size_t from, std::size_t to);

}  // namespace toolcmp
