// What a page's value lines say: percentages, verdict words, score lines.
#include "page_values.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool is_label(const Line& line, const char* label) { return lower(line.text) == lower(label); }

std::optional<double> parse_percent(std::string_view text) {
  std::string value = trim(text);
  if (value.empty() || value.back() != '%') return std::nullopt;
  return try_parse_number(trim(value.substr(0, value.size() - 1)), 0, 100);
}

bool is_verdict_word(const std::string& text) {
  std::string word = lower(text);
  return word == "ship" || word == "skip" || word == "split";
}

std::optional<ScoreLine> parse_score_line(std::string text, const std::vector<std::string>& tool_keys) {
  ScoreLine result;
  auto first_dot = text.find("·");
  if (first_dot != std::string::npos) {
    std::string key = name_key(trim(text.substr(0, first_dot)));
    if (std::find(tool_keys.begin(), tool_keys.end(), key) != tool_keys.end()) {
      text = trim(text.substr(first_dot + std::string("·").size()));
    }
  }
  if (lower(text) == "no review") {
    result.no_review = true;
    return result;
  }
  std::vector<std::string> tokens;
  std::size_t start = 0;
  for (;;) {
    std::size_t dot = text.find("·", start);
    tokens.push_back(trim(text.substr(start, dot == std::string::npos ? std::string::npos : dot - start)));
    if (dot == std::string::npos) break;
    start = dot + std::string("·").size();
  }
  for (const std::string& token : tokens) {
    std::string word = lower(token);
    if (word == "ship" || word == "skip") {
      if (result.verdict) return std::nullopt;
      result.verdict = word == "ship" ? Verdict::Ship : Verdict::Skip;
    } else if (word == "no score" || word == "no verdict") {
    } else if (token.size() > 4 && token.compare(token.size() - 4, 4, "/100") == 0 && !result.score) {
      result.score = try_parse_score(std::string_view(token).substr(0, token.size() - 4));
      if (!result.score) return std::nullopt;
    } else if (!token.empty() && std::isdigit(static_cast<unsigned char>(token[0])) && result.reviewed_at.empty()) {
      auto timestamp = try_parse_timestamp(token);
      if (!timestamp) return std::nullopt;
      result.reviewed_at = *timestamp;
    } else {
      return std::nullopt;
    }
  }
  return result;
}

std::string join_paragraphs(const std::vector<Line>& lines, std::size_t from, std::size_t to) {
  std::string text;
  for (std::size_t i = from; i < to; ++i) text += (text.empty() ? "" : "\n\n") + lines[i].text;
  return text;
}

}  // namespace toolcmp
