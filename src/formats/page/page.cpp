// Reading published comparison pages. Two layouts are published:
//
// compact: per tool a block (category, name, tagline, ship %, "Panel
//   ship", community, "Community", entry, "Entry", description), then
//   "Reviewer scorecard" and quoted reviews, tool by tool within each
//   persona, personas in panel order; no scores or verdicts.
// full: the same blocks with a verdict word above the ship %, a
//   "Decision" table (a label line, then one value line per tool), and a
//   scorecard of persona lines, each followed per tool by "84/100 · ship"
//   and the review's text.
//
// Blank lines carry no meaning, so pages with or without them read the
// same. Markdown (what compare --format markdown writes) is first turned
// into the same lines: table rows become one line per cell.
#include "toolcmp/formats/page.h"

#include "formats/page/page_lines.h"
#include "formats/page/page_values.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cctype>
#include <optional>

#include <fmt/format.h>

#include "toolcmp/model/decision_rows.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

class PageParser {
 public:
  PageParser(std::vector<Line> lines, const std::vector<std::string>& panel)
      : lines_(std::move(lines)), panel_(panel) {}

  Page parse() {
    std::size_t scorecard = find_label(decision_table::kScorecard, 0, lines_.size());
    std::size_t decision = find_label("Decision", 0, scorecard);
    read_blocks(0, std::min(decision, scorecard));
    if (decision < scorecard) read_decision(decision, scorecard);
    if (page_.tools.empty()) {
      throw PageError(lines_.empty() ? 1 : lines_.front().number,
                      "no tools found: a page has a block per tool with a 'Panel ship' line, or a 'Decision' table");
    }
    for (const PageTool& tool : page_.tools) tool_keys_.push_back(name_key(tool.tool.name));
    std::size_t panel = find_label("Panel", decision < scorecard ? decision : 0, scorecard);
    if (panel < scorecard) read_panel(panel + 1, scorecard);
    if (scorecard < lines_.size()) read_scorecard(scorecard + 1);
    for (PageTool& tool : page_.tools) tool.inferred = infer_card(tool.tool, tool.fields);
    return std::move(page_);
  }

 private:
  // "2 ship / 1 skip" (the Markdown page's exact row)
  VoteTally parse_tally(const std::string& value, std::size_t index) const {
    auto tally = parse_community(value);
    if (!tally) {
      fail(index, fmt::format("community votes '{}' are not like '2 ship / 1 skip'", sanitize_for_terminal(value)));
    }
    return *tally;
  }

  void set_published_votes(PageTool& tool, const VoteTally& tally) {
    tool.tool.published_votes = tally;
    for (const char* field : {"published_votes_ship", "published_votes_skip"}) {
      if (std::find(tool.fields.begin(), tool.fields.end(), field) == tool.fields.end()) tool.fields.push_back(field);
    }
  }

  // The Panel section: a "Persona", "Weight", "Focus" header, then those
  // three per persona ("—" for no focus).
  // A "Panel" line without that header is some other text: left alone.
  void read_panel(std::size_t from, std::size_t to) {
    if (from + 3 > to || !is_label(lines_[from], "Persona") || !is_label(lines_[from + 1], "Weight") ||
        !is_label(lines_[from + 2], "Focus")) {
      return;
    }
    for (std::size_t i = from + 3; i < to; i += 3) {
      if (i + 2 >= to) fail(i, "each persona in the Panel section needs a weight and a focus");
      PagePersona entry;
      entry.persona.name = name_at(i, "persona name");
      try {
        entry.persona.weight = parse_weight(lines_[i + 1].text);
      } catch (const Error& e) {
        fail(i + 1, e.what());
      }
      if (lines_[i + 2].text != kMissingDash) entry.persona.focus = lines_[i + 2].text;
      entry.line = lines_[i].number;
      page_.personas.push_back(std::move(entry));
    }
  }

  std::size_t find_label(const char* label, std::size_t from, std::size_t to) const {
    for (std::size_t i = from; i < to; ++i) {
      if (is_label(lines_[i], label)) return i;
    }
    return to;
  }

  [[noreturn]] void fail(std::size_t index, const std::string& message) const {
    std::int64_t number = index < lines_.size() ? lines_[index].number : (lines_.empty() ? 1 : lines_.back().number);
    throw PageError(number, message);
  }

  void set_field(PageTool& tool, const std::string& field, const std::string& value) {
    if (value == kMissingDash || value.empty()) return;
    for (const ToolTextField& text_field : kToolTextFields) {
      if (field == text_field.name) tool.tool.*text_field.member = value;
    }
    if (std::find(tool.fields.begin(), tool.fields.end(), field) == tool.fields.end()) tool.fields.push_back(field);
  }

  // Each "Panel ship" line anchors a tool's block: above it the ship %, an
  // optional verdict word, the tagline, the name and the category.
  void read_blocks(std::size_t from, std::size_t to) {
    std::vector<std::size_t> anchors, starts;
    for (std::size_t i = from; i < to; ++i) {
      if (is_label(lines_[i], decision_table::kPanelShip)) anchors.push_back(i);
    }
    for (std::size_t anchor : anchors) {
      if (anchor < from + 4 || !parse_percent(lines_[anchor - 1].text)) {
        fail(anchor, "'Panel ship' must follow the panel ship %, like 75%, below the tool's category, name and tagline");
      }
      std::size_t tagline = anchor - 2;
      if (is_verdict_word(lines_[tagline].text)) --tagline;
      if (tagline < from + 2) fail(anchor, "a tool block needs a category, a name and a tagline above its ship %");
      std::size_t start = tagline - 2;
      if (start > from && lines_[start - 1].text.size() == 1) --start;  // an avatar letter
      starts.push_back(start);
    }
    for (std::size_t b = 0; b < anchors.size(); ++b) {
      std::size_t anchor = anchors[b];
      std::size_t tagline = is_verdict_word(lines_[anchor - 2].text) ? anchor - 3 : anchor - 2;
      PageTool tool;
      tool.line = lines_[tagline - 1].number;
      tool.tool.name = name_at(tagline - 1, "tool name");
      set_field(tool, "category", lines_[tagline - 2].text);
      set_field(tool, "tagline", lines_[tagline].text);
      tool.tool.published_ship_pct = round_to_tenth(*parse_percent(lines_[anchor - 1].text));
      tool.fields.push_back("published_ship_pct");
      std::size_t end = b + 1 < anchors.size() ? starts[b + 1] : to;
      std::size_t pos = anchor + 1;
      for (const char* label : {"Community", "Entry"}) {
        if (pos < end && is_label(lines_[pos], label)) {
          ++pos;
        } else if (pos + 1 < end && is_label(lines_[pos + 1], label)) {
          if (std::string(label) == "Entry") set_field(tool, "entry", lines_[pos].text);
          if (auto tally = parse_community(lines_[pos].text); tally && std::string(label) == "Community") {
            set_published_votes(tool, *tally);  // kept as published, never added to the votes cast here
          }
          pos += 2;
        }
      }
      if (pos < end) set_field(tool, "description", join_paragraphs(lines_, pos, end));
      page_.tools.push_back(std::move(tool));
    }
  }

  std::string name_at(std::size_t index, const char* what) const {
    try {
      return check_name(lines_[index].text, what);
    } catch (const Error& e) {
      fail(index, e.what());
    }
  }

  // The rows the Markdown writer writes (decision_rows.h), any case.
  static bool is_decision_label(const std::string& text) {
    std::string label = lower(text);
    for (const char* known : {decision_table::kPanelVerdict, decision_table::kPanelShip, decision_table::kMeanScore, decision_table::kCommunity,
                              decision_table::kCommunityVotes}) {
      if (label == lower(known)) return true;
    }
    for (const FieldRow& field : kFieldRows) {
      if (label == lower(field.label)) return true;
    }
    return label.rfind(decision_table::kAttributePrefix, 0) == 0;
  }

  // A label line, then one value line per tool, for each row.
  void read_decision(std::size_t decision, std::size_t to) {
    std::size_t i = decision + 1;
    std::vector<std::string> names;
    for (; i < to && !is_decision_label(lines_[i].text); ++i) names.push_back(name_at(i, "tool name"));
    if (names.empty()) fail(decision, "the Decision table names no tools");
    if (page_.tools.empty()) {
      for (std::size_t t = 0; t < names.size(); ++t) {
        PageTool tool;
        tool.tool.name = names[t];
        tool.line = lines_[decision + 1 + t].number;
        page_.tools.push_back(std::move(tool));
      }
    } else if (names.size() != page_.tools.size() ||
               !std::equal(names.begin(), names.end(), page_.tools.begin(),
                           [](const std::string& n, const PageTool& t) { return name_key(n) == name_key(t.tool.name); })) {
      fail(decision, "the Decision table names other tools than the blocks above it");
    }
    std::size_t count = names.size();
    while (i < to) {
      const std::string& label = lines_[i].text;
      if (label.rfind("Recommendation", 0) == 0) break;
      if (!is_decision_label(label)) fail(i, fmt::format("unknown row '{}' in the Decision table", sanitize_for_terminal(label)));
      if (i + count >= to) fail(i, fmt::format("row '{}' needs a value for each of the {} tools", label, count));
      for (std::size_t t = 0; t < count; ++t) read_decision_value(page_.tools[t], lower(label), lines_[i + 1 + t].text, i + 1 + t);
      i += count + 1;
    }
  }

  void read_decision_value(PageTool& tool, const std::string& label, const std::string& value, std::size_t index) {
    for (const FieldRow& field : kFieldRows) {
      if (label == lower(field.label)) set_field(tool, field.field, value);
    }
    if (label == lower(decision_table::kCommunityVotes)) {
      VoteTally tally = parse_tally(value, index);
      if (tally.ship + tally.skip > 0) set_published_votes(tool, tally);
    }
    if (label == lower(decision_table::kPanelShip)) {
      // "75% (published)", or "75% · published 100%" when reviews decide.
      std::optional<double> published;
      auto mark = value.find("published");
      if (mark != std::string::npos && value.find("(published)") != std::string::npos) {
        published = parse_percent(value.substr(0, value.find('(')));
      } else if (mark != std::string::npos) {
        published = parse_percent(value.substr(mark + 9));
      }
      if (mark != std::string::npos && !published) fail(index, fmt::format("cannot read the published ship % in '{}'", value));
      if (published) {
        tool.tool.published_ship_pct = round_to_tenth(*published);
        if (std::find(tool.fields.begin(), tool.fields.end(), "published_ship_pct") == tool.fields.end()) {
          tool.fields.push_back("published_ship_pct");
        }
      }
    }
    std::string_view prefix = decision_table::kAttributePrefix;
    if (label.rfind(prefix, 0) == 0 && value != kMissingDash) {
      std::string key = label.substr(prefix.size());
      try {
        check_attribute_key(key);
      } catch (const Error& e) {
        fail(index - 1, e.what());
      }
      tool.tool.attributes.emplace_back(key, value);
      std::sort(tool.tool.attributes.begin(), tool.tool.attributes.end());
      if (std::find(tool.fields.begin(), tool.fields.end(), "attributes") == tool.fields.end()) {
        tool.fields.push_back("attributes");
      }
    }
  }

  static bool is_quote_start(const std::string& text) {
    return text.rfind("“", 0) == 0 || text.rfind("\"", 0) == 0;
  }

  void read_scorecard(std::size_t from) {
    if (from < lines_.size() && is_quote_start(lines_[from].text)) {
      read_quotes(from);
    } else {
      read_scored(from);
    }
  }

  static std::string unquote(std::string text) {
    for (const char* open : {"“", "\""}) {
      std::string mark(open);
      if (text.rfind(mark, 0) == 0) text.erase(0, mark.size());
    }
    for (const char* close : {"”", "\""}) {
      std::string mark(close);
      if (text.size() >= mark.size() && text.compare(text.size() - mark.size(), mark.size(), mark) == 0) {
        text.erase(text.size() - mark.size());
      }
    }
    return trim(text);
  }

  static bool is_quote_end(const std::string& text) {
    auto ends = [&](const std::string& mark) {
      return text.size() >= mark.size() && text.compare(text.size() - mark.size(), mark.size(), mark) == 0;
    };
    return ends("”") || ends("\"");
  }

  // Compact: quoted reviews without scores, tool by tool within each persona.
  void read_quotes(std::size_t from) {
    std::vector<std::pair<std::string, std::size_t>> quotes;
    std::size_t i = from;
    while (i < lines_.size() && is_quote_start(lines_[i].text)) {
      std::size_t start = i;
      while (i < lines_.size() && !(is_quote_end(lines_[i].text) && (i > start || lines_[i].text.size() > 1))) ++i;
      if (i == lines_.size()) fail(start, "a quoted review here never ends");
      std::vector<Line> parts(lines_.begin() + static_cast<std::ptrdiff_t>(start),
                              lines_.begin() + static_cast<std::ptrdiff_t>(i + 1));
      for (Line& part : parts) part.text = unquote(part.text);
      quotes.emplace_back(join_paragraphs(parts, 0, parts.size()), start);
      ++i;
    }
    std::size_t tools = page_.tools.size();
    if (quotes.size() % tools != 0) {
      fail(from, fmt::format("{} quoted reviews for {} tools: each persona needs one for every tool", quotes.size(), tools));
    }
    if (quotes.size() / tools > panel_.size()) {
      fail(from, fmt::format("{} quoted reviews for {} tools is more than the panel's {} personas give",
                             quotes.size(), tools, panel_.size()));
    }
    for (std::size_t q = 0; q < quotes.size(); ++q) {
      PageReview review;
      review.tool = q % tools;
      review.persona = panel_[q / tools];
      review.review.text = quotes[q].first;
      review.line = lines_[quotes[q].second].number;
      check_review_text(review, quotes[q].second);
      page_.reviews.push_back(std::move(review));
    }
  }

  void check_review_text(const PageReview& review, std::size_t index) const {
    try {
      check_text(review.review.text, "review text", kMaxTextBytes);
    } catch (const Error& e) {
      fail(index, e.what());
    }
  }

  // Full: a persona line, then per tool a score line and the review text.
  // The last review's text is one paragraph: what follows it is the
  // page's footer.
  void read_scored(std::size_t from) {
    std::size_t i = from;
    std::size_t tools = page_.tools.size();
    while (i + 1 < lines_.size() && !is_score_line(i) && is_score_line(i + 1)) {
      std::string persona = name_at(i, "persona name");
      ++i;
      for (std::size_t t = 0; t < tools; ++t) {
        if (!is_score_line(i)) {
          fail(i, fmt::format("expected {}'s score line for {} (like 84/100 · ship)", persona, page_.tools[t].tool.name));
        }
        ScoreLine score = *score_line(i);
        std::size_t score_index = i++;
        std::size_t end = i;
        if (!score.no_review) {
          if (t + 1 < tools) {
            while (end < lines_.size() && !is_score_line(end)) ++end;
          } else {
            while (end < lines_.size() && !is_score_line(end) && !is_score_line(end + 1)) ++end;
            if (end == lines_.size()) end = std::min(i + 1, lines_.size());  // the footer follows
          }
        }
        if (!score.no_review) {
          PageReview review;
          review.tool = t;
          review.persona = persona;
          review.review.score = score.score;
          review.review.verdict = score.verdict;
          review.review.reviewed_at = score.reviewed_at;
          review.review.text = join_paragraphs(lines_, i, end);
          review.line = lines_[score_index].number;
          check_review_text(review, score_index);
          page_.reviews.push_back(std::move(review));
        }
        i = end;
      }
    }
  }

  std::optional<ScoreLine> score_line(std::size_t i) const {
    if (i >= lines_.size()) return std::nullopt;
    return parse_score_line(lines_[i].text, tool_keys_);
  }
  bool is_score_line(std::size_t i) const { return score_line(i).has_value(); }

  std::vector<Line> lines_;
  const std::vector<std::string>& panel_;
  std::vector<std::string> tool_keys_;
  Page page_;
};

}  // namespace

Page parse_page_lines(std::vector<Line> lines, const std::vector<std::string>& panel) {
  return PageParser(std::move(lines), panel).parse();
}

Page parse_page(std::string_view text, bool markdown, const std::vector<std::string>& panel) {
  return PageParser(markdown ? markdown_lines(text) : text_lines(text), panel).parse();
}

}  // namespace toolcmp
