// The lines of a page, blank ones dropped, each with its line number in
// the file: shared by the plain-text and the Markdown readers of pages.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "toolcmp/formats/page.h"

namespace toolcmp {

struct Line {
  std::string text;
  std::int64_t number = 0;
};

std::string trim(std::string_view text);

// Plain text: each line trimmed.
std::vector<Line> text_lines(std::string_view text);
// Markdown turned into the same lines: headings and emphasis dropped,
// escapes undone, hard breaks joined, and each table row one line per cell.
std::vector<Line> markdown_lines(std::string_view text);
// HTML, parsed by gumbo, turned into the same lines: a line per block of
// text, one per table cell, "<br>" a newline within it (page_html.cpp).
std::vector<Line> html_lines(std::string_view text);

// The page reader on lines from any of the three (page.cpp).
Page parse_page_lines(std::vector<Line> lines, const std::vector<std::string>& panel);

}  // namespace toolcmp
