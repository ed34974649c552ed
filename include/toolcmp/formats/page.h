// Published comparison pages: reading them (plain text as published, or
// the Markdown that compare --format markdown writes) into tools and
// reviews. Pure: no store, no I/O.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "toolcmp/base/error.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

struct PageTool {
  Tool tool;
  std::vector<std::string> fields;  // the tool fields the page gives, besides name (its community
                                    // figure is tool.published_votes)
  std::vector<std::string> inferred;  // license, vendor: read from its pricing or description
  std::int64_t line = 0;
};

struct PageReview {
  std::size_t tool = 0;  // index into Page::tools
  std::string persona;
  Review review;  // score, verdict, text; reviewed_at only when the page gives it
  std::int64_t line = 0;
};

struct PagePersona {
  Persona persona;  // name, weight, focus
  std::int64_t line = 0;
};

struct Page {
  std::vector<PagePersona> personas;  // the page's Panel section, where it has one
  std::vector<PageTool> tools;
  std::vector<PageReview> reviews;
};

// An error at a line of the page.
class PageError : public Error {
 public:
  PageError(std::int64_t line, const std::string& message) : Error(message), line_(line) {}
  std::int64_t line() const { return line_; }

 private:
  std::int64_t line_;
};

// panel: persona names in panel order, for compact pages whose quoted
// reviews go persona by persona, tool by tool. Throws PageError.
Page parse_page(std::string_view text, bool markdown, const std::vector<std::string>& panel);

// An HTML page (compare --format html, publish, or a page of the same
// layout), read with a real HTML parser (gumbo). Throws PageError.
Page parse_html_page(std::string_view text, const std::vector<std::string>& panel);
// "<!DOCTYPE html" or "<html" first.
bool looks_like_html(std::string_view text);

// Markdown is recognised by its first line being a "# " heading.
bool looks_like_markdown(std::string_view text);

// Text for a Markdown paragraph or table cell that reads back the same.
std::string markdown_escape(std::string_view text, bool in_table);

}  // namespace toolcmp
