// Reading HTML comparison pages (compare --format html, publish, and pages
// of the same layout) with gumbo, the HTML5 parser: the document becomes
// the lines the page reader takes, one per block of text and one per table
// cell, each with its line in the file.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <iterator>
#include <string>
#include <vector>
#include <cstring>

#include <fmt/format.h>
#include <memory>

#include "formats/page/page_lines.h"
#include "toolcmp/model/decision_rows.h"
#include "toolcmp/model/values.h"
#include "toolcmp/formats/page.h"

namespace toolcmp {

namespace {

// Parts of a page that are not its text: left out whole.
bool skipped(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_HEAD: case GUMBO_TAG_SCRIPT: case GUMBO_TAG_STYLE: case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SVG: case GUMBO_TAG_NAV: case GUMBO_TAG_FOOTER: case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FIGURE: case GUMBO_TAG_IFRAME: case GUMBO_TAG_OBJECT: case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_FORM: case GUMBO_TAG_SELECT: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_MATH:
      return true;
    default:
      return false;
  }
}

bool has_class(const GumboElement& element, std::string_view name) {
  const GumboAttribute* classes = gumbo_get_attribute(&element.attributes, "class");
  if (!classes) return false;
  std::string_view list = classes->value;
  for (std::size_t start = 0; start < list.size();) {
    std::size_t end = std::min(list.find(' ', start), list.size());
    if (list.substr(start, end - start) == name) return true;
    start = end + 1;
  }
  return false;
}

// A long review is written as its head in <summary> and the rest in a
// <p class="tail"> that continues the same line: the summary's "... Read
// all" is not text. (Pages published before December 2026 put an excerpt
// in the summary and the whole text after it: the excerpt is left out.)
bool skipped(const GumboElement& element) {
  return skipped(element.tag) || has_class(element, "more") || has_class(element, "excerpt");
}
bool continues_line(const GumboElement& element) { return has_class(element, "tail"); }

// Elements whose start and end end a line of text.
bool is_block(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_ASIDE: case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_BODY: case GUMBO_TAG_CAPTION: case GUMBO_TAG_DD: case GUMBO_TAG_DIV: case GUMBO_TAG_DL:
    case GUMBO_TAG_DT: case GUMBO_TAG_FIELDSET: case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3:
    case GUMBO_TAG_H4: case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_HEADER: case GUMBO_TAG_HR:
    case GUMBO_TAG_LI: case GUMBO_TAG_MAIN: case GUMBO_TAG_OL: case GUMBO_TAG_P: case GUMBO_TAG_PRE:
    case GUMBO_TAG_SECTION: case GUMBO_TAG_TABLE: case GUMBO_TAG_TBODY: case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT: case GUMBO_TAG_TR: case GUMBO_TAG_UL:
      return true;
    default:
      return false;
  }
}

bool is_cell(GumboTag tag) { return tag == GUMBO_TAG_TD || tag == GUMBO_TAG_TH; }

class LineCollector {
 public:
  void text(const char* text, std::int64_t line) {
    for (const char* c = text; *c; ++c) {
      bool space = *c == ' ' || *c == '\t' || *c == '\n' || *c == '\r' || *c == '\f';
      if (space) {
        pending_space_ = !buffer_.empty() && buffer_.back() != '\n';
        continue;
      }
      if (buffer_.empty()) number_ = line;
      if (pending_space_) buffer_ += ' ';
      pending_space_ = false;
      buffer_ += *c;
    }
  }
  void line_break() {
    if (!buffer_.empty()) buffer_ += '\n';
    pending_space_ = false;
  }
  // Ends the line; a table cell is a line even when empty, so that rows keep their cells.
  void end(bool cell, std::int64_t line) {
    while (!buffer_.empty() && buffer_.back() == '\n') buffer_.pop_back();
    if (!buffer_.empty() || cell) lines_.push_back({buffer_.empty() ? kMissingDash : buffer_, buffer_.empty() ? line : number_});
    buffer_.clear();
    pending_space_ = false;
  }
  std::vector<Line> take() { return std::move(lines_); }

 private:
  std::string buffer_;
  std::int64_t number_ = 0;
  bool pending_space_ = false;
  std::vector<Line> lines_;
};

struct OutputDeleter {
  void operator()(GumboOutput* output) const { gumbo_destroy_output(&kGumboDefaultOptions, output); }
};

// HTML5 parsers take time that grows with the square of the nesting
// (each tag looks through the elements open around it), and with the
// square of one element's attributes, so a page of nothing but 100,000
// nested <div>s, or one tag with 100,000 attributes, would take minutes
// and gigabytes: refused first. Nesting is counted as HTML5 counts it:
// "<div/>" opens a div all the same, and a closing tag closes only an
// element that is open. Those HTML closes by itself (p, li, td, ...) and
// the void ones (br, img, ...) do not count. A page of the published
// layout has a few thousand elements and tags of a few hundred bytes.
constexpr std::size_t kMaxNesting = 256;
constexpr std::size_t kMaxHtmlElements = 20000;
constexpr std::size_t kMaxTagBytes = 4096;
constexpr std::size_t kMaxHtmlBytes = kMaxPageBytes;  // as any page: what toolcmp writes it reads back

bool closes_by_itself(std::string_view name) {
  static const char* const names[] = {"p", "li", "td", "th", "tr", "dt", "dd", "option", "optgroup", "thead",
                                      "tbody", "tfoot", "colgroup", "rb", "rt", "rp", "br", "img", "hr", "meta",
                                      "link", "input", "col", "area", "base", "embed", "param", "source", "track",
                                      "wbr", "html", "head", "body"};
  for (const char* n : names) {
    if (name == n) return true;
  }
  return false;
}

void check_bounds(std::string_view text) {
  if (text.size() > kMaxHtmlBytes) {
    throw PageError(1, fmt::format("the HTML page is larger than {} MiB", kMaxHtmlBytes >> 20));
  }
  std::vector<std::string> open;  // the elements open, as counted here
  std::size_t elements = 0;
  std::int64_t line = 1;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') ++line;
    if (text[i] != '<' || i + 1 >= text.size()) continue;
    bool closing = text[i + 1] == '/';
    std::size_t start = i + (closing ? 2 : 1), end = start;
    while (end < text.size() && std::isalnum(static_cast<unsigned char>(text[end]))) ++end;
    if (end == start) continue;
    // Looked for no further than a tag may reach: "<a<a<a..." stays linear.
    std::size_t reach = std::min(text.size() - i, kMaxTagBytes + 1);
    if (text.substr(i, reach).find('>') == std::string_view::npos && i + reach < text.size()) {
      throw PageError(line, fmt::format("a tag is longer than {} bytes", kMaxTagBytes));
    }
    std::string name(text.substr(start, end - start));
    for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (!closing && ++elements > kMaxHtmlElements) {
      throw PageError(line, fmt::format("the page has more than {} elements", kMaxHtmlElements));
    }
    if (closes_by_itself(name)) continue;
    if (closing) {
      auto at = std::find(open.rbegin(), open.rend(), name);
      if (at != open.rend()) open.erase(std::next(at).base(), open.end());
    } else if (open.push_back(std::move(name)), open.size() > kMaxNesting) {
      throw PageError(line, fmt::format("the page nests elements more than {} deep", kMaxNesting));
    }
  }
}

}  // namespace

std::vector<Line> html_lines(std::string_view text) {
  check_bounds(text);
  std::unique_ptr<GumboOutput, OutputDeleter> output(
      gumbo_parse_with_options(&kGumboDefaultOptions, text.data(), text.size()));
  LineCollector lines;
  // Depth first without recursion: a page nested deeply costs no stack.
  struct Step {
    const GumboNode* node;
    bool leaving;
  };
  std::vector<Step> stack{{output->root, false}};
  while (!stack.empty()) {
    Step step = stack.back();
    stack.pop_back();
    const GumboNode* node = step.node;
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_CDATA || node->type == GUMBO_NODE_WHITESPACE) {
      lines.text(node->v.text.text, node->v.text.start_pos.line);
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboElement& element = node->v.element;
    bool breaks = is_block(element.tag) || is_cell(element.tag);
    if (step.leaving) {
      if (breaks) lines.end(is_cell(element.tag), element.start_pos.line);
      continue;
    }
    if (skipped(element)) continue;
    if (element.tag == GUMBO_TAG_BR) {
      lines.line_break();
      continue;
    }
    if (breaks && !continues_line(element)) lines.end(false, element.start_pos.line);
    stack.push_back({node, true});
    for (unsigned i = element.children.length; i-- > 0;) {
      stack.push_back({static_cast<const GumboNode*>(element.children.data[i]), false});
    }
  }
  return lines.take();
}

bool looks_like_html(std::string_view text) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  if (start == std::string_view::npos) return false;
  std::string head;
  for (char c : text.substr(start, 14)) head += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return head.rfind("<!doctype html", 0) == 0 || head.rfind("<html", 0) == 0;
}

Page parse_html_page(std::string_view text, const std::vector<std::string>& panel) {
  return parse_page_lines(html_lines(text), panel);
}

}  // namespace toolcmp
