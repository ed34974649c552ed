// What a page's value lines say: percentages, verdict words, score lines.
#include "formats/page/page_values.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

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
  return verdict_named(word) || word == panel_verdict_name(PanelVerdict::Split);
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
    if (auto verdict = verdict_named(word)) {
      if (result.verdict) return std::nullopt;
      result.verdict = verdict;
    } else if (word == "no score" || word == "no verdict" || word == "today" ||
               (word.size() > 4 && word.compare(word.size() - 4, 4, " ago") == 0)) {
      // An age a page shows ("3mo ago"): the exact time is its own token.
    } else if (token.size() > 4 && token.compare(token.size() - 4, 4, "/100") == 0 && !result.score) {
      result.score = try_parse_score(std::string_view(token).substr(0, token.size() - 4));
      if (!result.score) return std::nullopt;
    } else if (!token.empty() && !result.reviewed_at.empty() && result.reviewed_at.rfind(token, 0) == 0) {
      // The date shown again beside the exact time a page keeps for import.
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

// A community figure as pages print it: "12 votes · 75% ship" or
// "2 ship / 1 skip", either maybe marked "(published)". None otherwise.
std::optional<VoteTally> parse_community(std::string value) {
  auto mark = value.find(" (published)");
  if (mark != std::string::npos && mark + 12 == value.size()) value.erase(mark);
  VoteTally tally;
  char extra = 0;
  if (std::sscanf(value.c_str(), "%9d ship / %9d skip%c", &tally.ship, &tally.skip, &extra) == 2) {
    if (tally.ship < 0 || tally.skip < 0) return std::nullopt;
    return tally;
  }
  int votes = 0;
  double pct = 0;
  if (std::sscanf(value.c_str(), "%9d vote%*[s] \xC2\xB7 %lf%% ship%c", &votes, &pct, &extra) == 2 ||
      std::sscanf(value.c_str(), "%9d vote \xC2\xB7 %lf%% ship%c", &votes, &pct, &extra) == 2) {
    if (votes <= 0 || !(pct >= 0 && pct <= 100)) return std::nullopt;
    tally.ship = static_cast<int>(std::lround(votes * pct / 100));
    tally.skip = votes - tally.ship;
    return tally;
  }
  return std::nullopt;
}

namespace {

// The 1 to 3 capitalized words at text[at], as a vendor name ("Hugging Face").
std::optional<std::string> capitalized_words(std::string_view text, std::size_t at) {
  std::string name;
  for (int words = 0; words < 3 && at < text.size() && std::isupper(static_cast<unsigned char>(text[at])); ++words) {
    std::size_t end = at;
    while (end < text.size() && (std::isalnum(static_cast<unsigned char>(text[end])) || text[end] == '-')) ++end;
    name += (name.empty() ? "" : " ") + std::string(text.substr(at, end - at));
    if (end >= text.size() || text[end] != ' ') break;
    at = end + 1;
  }
  if (name.size() < 2) return std::nullopt;
  return name;
}

// The 1 to 3 capitalized words that end just before text[end] ("Meta" in
// "Meta has released"), a sentence's first word included.
std::optional<std::string> capitalized_words_before(std::string_view text, std::size_t end) {
  std::size_t start = end;
  for (int words = 0; words < 3; ++words) {
    std::size_t begin = start;
    while (begin > 0 && (std::isalnum(static_cast<unsigned char>(text[begin - 1])) || text[begin - 1] == '-')) --begin;
    if (begin == start || !std::isupper(static_cast<unsigned char>(text[begin]))) break;
    start = begin;
    if (start < 2 || text[start - 1] != ' ') break;
    --start;  // past the space, to the word before
  }
  while (start < end && text[start] == ' ') ++start;
  if (end - start < 2) return std::nullopt;
  return std::string(text.substr(start, end - start));
}

}  // namespace

std::optional<std::string> license_stated(std::string_view text) {
  std::string low = lower(text);
  struct Known {
    const char* phrase;
    const char* license;
  };
  static const Known kKnown[] = {{"apache 2.0", "Apache-2.0"},    {"apache-2.0", "Apache-2.0"},
                                 {"apache license 2.0", "Apache-2.0"}, {"mit license", "MIT"},
                                 {"(mit", "MIT"},                  {"mit weights", "MIT"},
                                 {"agpl-3.0", "AGPL-3.0"},         {"gpl-3.0", "GPL-3.0"}};
  std::size_t best = std::string::npos;
  std::string found;
  for (const Known& known : kKnown) {
    std::size_t at = low.find(known.phrase);
    if (at < best) best = at, found = known.license;
  }
  // "Llama 4 community license" -> "Llama 4 Community"
  std::size_t llama = low.find("llama ");
  if (llama != std::string::npos && llama < best) {
    std::size_t end = low.find(" community license", llama);
    std::string version = end == std::string::npos ? "" : low.substr(llama + 6, end - llama - 6);
    if (!version.empty() && version.size() <= 4 && version.find_first_not_of("0123456789.") == std::string::npos) {
      best = llama, found = "Llama " + version + " Community";
    }
  }
  // "under the Llama Community License", with no version.
  std::size_t community = low.find("llama community license");
  if (community != std::string::npos && community < best) best = community, found = "Llama Community";
  if (best == std::string::npos) return std::nullopt;
  return found;
}

std::optional<std::string> vendor_stated(std::string_view text) {
  // "Meta has released ..." and "Mistral released ...": the name comes first.
  for (const char* phrase : {" has released ", " have released ", " released "}) {
    std::size_t at = text.find(phrase);
    if (at != std::string::npos) {
      if (auto name = capitalized_words_before(text, at)) return name;
    }
  }
  for (const char* phrase : {"released by ", "developed by ", "made by ", "built by ", "model from ", "models from "}) {
    std::size_t at = lower(text).find(phrase);
    if (at != std::string::npos) {
      if (auto name = capitalized_words(text, at + std::string_view(phrase).size())) return name;
    }
  }
  return std::nullopt;
}

std::vector<std::string> infer_card(Tool& tool, const std::vector<std::string>& given) {
  auto has = [&](const char* field) { return std::find(given.begin(), given.end(), field) != given.end(); };
  std::vector<std::string> inferred;
  if (!has("license")) {
    std::optional<std::string> license;
    if (tool.pricing) license = license_stated(*tool.pricing);
    if (!license && tool.description) license = license_stated(*tool.description);
    if (license) tool.license = license, inferred.push_back("license");
  }
  if (!has("vendor") && tool.description) {
    if (auto vendor = vendor_stated(*tool.description)) tool.vendor = vendor, inferred.push_back("vendor");
  }
  return inferred;
}

}  // namespace toolcmp
