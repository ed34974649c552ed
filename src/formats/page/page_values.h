// What a page's value lines say: percentages, verdict words, score lines.
// Private to the page reader (page.cpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/page/page_lines.h"
#include "toolcmp/model/model.h"

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

// A community figure as pages print it: "12 votes · 75% ship" or
// "2 ship / 1 skip", either maybe marked "(published)". None otherwise.
std::optional<VoteTally> parse_community(std::string value);

// The license a pricing line or description states ("Free (Apache 2.0
// weights)" -> "Apache-2.0", "Llama 4 community license" -> "Llama 4
// Community"), the first named; none when it names none toolcmp knows.
std::optional<std::string> license_stated(std::string_view text);
// The maker a description names: "released by Meta", "a model from
// Hugging Face" (1 to 3 capitalized words); none otherwise.
std::optional<std::string> vendor_stated(std::string_view text);

// Sets the license and vendor the page states only in passing where its
// card (given) has none; returns the fields it set. The importer fills
// them only where the database has none.
std::vector<std::string> infer_card(Tool& tool, const std::vector<std::string>& given);

// Lines [from, to) as paragraphs, one blank line between.
std::string join_paragraphs(const std::vector<Line>& lines, std::size_t from, std::size_t to);

}  // namespace toolcmp
