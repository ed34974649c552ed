// A page's lines, from plain text or from Markdown (what compare --format
// markdown writes, read back as the lines of the full page layout; see
// page.cpp), and the escaping that Markdown writer uses.
#include <algorithm>
#include <cctype>

#include "formats/page/page_lines.h"
#include "toolcmp/model/decision_rows.h"
#include "toolcmp/formats/page.h"

namespace toolcmp {

std::string trim(std::string_view text) {
  auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

std::vector<Line> text_lines(std::string_view text) {
  std::vector<Line> lines;
  std::int64_t number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    ++number;
    std::string line = trim(text.substr(start, end - start));
    if (!line.empty()) lines.push_back({line, number});
    start = end + 1;
  }
  return lines;
}

namespace {

bool is_ascii_punct(char c) { return std::ispunct(static_cast<unsigned char>(c)) != 0; }

// Backslash escapes become the character; in a table cell <br> is a line break.
std::string markdown_unescape(std::string_view text, bool in_table) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\\' && i + 1 < text.size() && is_ascii_punct(text[i + 1])) {
      out += text[++i];
    } else if (in_table && text.compare(i, 4, "<br>") == 0) {
      out += '\n';
      i += 3;
    } else {
      out += text[i];
    }
  }
  return out;
}

bool ends_with_hard_break(std::string_view line) {
  std::size_t backslashes = 0;
  while (backslashes < line.size() && line[line.size() - 1 - backslashes] == '\\') ++backslashes;
  return backslashes % 2 == 1;
}

// Splits a table row at the pipes that are not escaped.
std::vector<std::string> table_cells(std::string_view row) {
  std::vector<std::string> cells{""};
  for (std::size_t i = 0; i < row.size(); ++i) {
    if (row[i] == '\\' && i + 1 < row.size()) {
      cells.back() += row.substr(i, 2);
      ++i;
    } else if (row[i] == '|') {
      cells.emplace_back();
    } else {
      cells.back() += row[i];
    }
  }
  if (!cells.empty() && trim(cells.front()).empty()) cells.erase(cells.begin());
  if (!cells.empty() && trim(cells.back()).empty()) cells.pop_back();
  return cells;
}

std::string strip_emphasis(std::string text) {
  for (const char* mark : {"**", "*", "_"}) {
    std::size_t n = std::char_traits<char>::length(mark);
    if (text.size() > 2 * n && text.compare(0, n, mark) == 0 && text.compare(text.size() - n, n, mark) == 0 &&
        text[text.size() - n - 1] != '\\') {
      return text.substr(n, text.size() - 2 * n);
    }
  }
  return text;
}

}  // namespace

std::vector<Line> markdown_lines(std::string_view text) {
  std::vector<Line> lines;
  std::int64_t number = 0;
  std::string pending;  // a paragraph continued by hard breaks
  std::int64_t pending_number = 0;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string raw(text.substr(start, end - start));
    start = end + 1;
    ++number;
    if (!raw.empty() && raw.back() == '\r') raw.pop_back();
    if (!pending.empty() || ends_with_hard_break(raw)) {
      if (pending.empty()) pending_number = number;
      if (ends_with_hard_break(raw)) {
        pending += raw.substr(0, raw.size() - 1) + "\n";
        continue;
      }
      raw = pending + raw;
      pending.clear();
    } else {
      pending_number = number;
    }
    std::string line = trim(raw);
    if (line.empty()) continue;
    if (line[0] == '|') {
      if (line.find_first_not_of("|-: ") == std::string::npos) continue;  // the header's underline
      for (const std::string& cell : table_cells(line)) {
        std::string value = markdown_unescape(strip_emphasis(trim(cell)), true);
        lines.push_back({value.empty() ? kMissingDash : value, pending_number});
      }
      continue;
    }
    if (line[0] == '#') {
      std::size_t text = line.find_first_not_of('#');  // "##" alone is an empty heading
      line = text == std::string::npos ? "" : trim(line.substr(text));
    }
    if (line.rfind("> ", 0) == 0) line = trim(line.substr(2));
    line = markdown_unescape(strip_emphasis(line), false);
    if (!line.empty()) lines.push_back({line, pending_number});
  }
  return lines;
}


bool looks_like_markdown(std::string_view text) {
  std::size_t start = text.find_first_not_of(" \t\r\n");
  return start != std::string_view::npos && text.compare(start, 2, "# ") == 0;
}

std::string markdown_escape(std::string_view text, bool in_table) {
  std::string out;
  bool line_start = true;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '\n') {
      out += in_table ? "<br>" : "\\\n";
      line_start = true;
      continue;
    }
    bool special = c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '<' || c == '>' ||
                   c == '#' || c == '|' || c == '"';
    bool starts_block = line_start && (c == '-' || c == '+' || c == '=');
    if (special || starts_block) out += '\\';
    out += c;
    line_start = false;
  }
  return out;
}

}  // namespace toolcmp
