// TextTable, the one table printer, on its own.
#include <sstream>
#include <string>
#include <vector>

#include <catch2/catch.hpp>

#include "toolcmp/base/text.h"
#include "toolcmp/formats/text_table.h"

using namespace toolcmp;

namespace {

OutputOptions plain(int width, bool unicode = true) {
  OutputOptions output;
  output.width = width;
  output.unicode = unicode;
  return output;
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

}  // namespace

TEST_CASE("a table that fits keeps every column at its natural width, right-aligned where asked") {
  TextTable table(TextTable::Borders::None);
  table.set_header({"Tool", "Score"});
  table.set_align(1, Align::Right);
  table.add_row({"SmolLM3", "82"});
  table.add_row({"Code Llama 4", "7"});
  std::vector<std::string> lines = lines_of(table.render(plain(80)));
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "Tool          Score");
  CHECK(lines[1] == "SmolLM3          82");
  CHECK(lines[2] == "Code Llama 4      7");
}

TEST_CASE("cells wrap inside their column and no line is wider than the width") {
  TextTable table(TextTable::Borders::Columns);
  table.set_header({"Tool", "Best for"});
  table.add_row({"SmolLM3", "on-device assistants that must run on a laptop without a GPU, offline"});
  for (int width : {20, 30, 45, 80}) {
    INFO("width " << width);
    std::string text = table.render(plain(width));
    for (const std::string& line : lines_of(text)) CHECK(display_width(line) <= width);
    CHECK(text.find("offline") != std::string::npos);  // nothing is cut, only wrapped
  }
}

TEST_CASE("a fixed column never wraps and the others share what is left") {
  TextTable table(TextTable::Borders::None);
  table.set_header({"Name", "Updated"});
  table.set_fixed(1);
  table.add_row({"a rather long tool name that will have to wrap somewhere", "2026-11-27"});
  std::vector<int> widths = table.column_widths(40);
  REQUIRE(widths.size() == 2);
  CHECK(widths[1] == 10);
  CHECK(widths[0] + widths[1] + 2 <= 40);
  CHECK(table.render(plain(40)).find("2026-11-27") != std::string::npos);
}

TEST_CASE("borders are ASCII when the locale is not UTF-8") {
  TextTable table(TextTable::Borders::Columns);
  table.set_header({"Tool", "N"});
  table.add_row({"A", "1"});
  std::string ascii = table.render(plain(80, false)), unicode = table.render(plain(80));
  CHECK(ascii.find("\u2502") == std::string::npos);
  CHECK(ascii.find("| ") != std::string::npos);
  CHECK(ascii.find("-+-") != std::string::npos);
  CHECK(unicode.find("\u2502") != std::string::npos);
}

TEST_CASE("rows written one at a time match the table kept whole") {
  TextTable kept(TextTable::Borders::None), streamed(TextTable::Borders::None);
  std::vector<std::vector<Cell>> rows{{"A", "1"}, {"Bee", "22"}, {"a longer name than the header", "333"}};
  for (TextTable* table : {&kept, &streamed}) {
    table->set_header({"Tool", "N"});
    table->set_align(1, Align::Right);
  }
  for (const auto& row : rows) {
    kept.add_row(row);
    streamed.measure_row(row);
  }
  streamed.measure_row({"Tool", "N"});
  std::ostringstream out;
  std::vector<int> widths = streamed.column_widths(80);
  streamed.write_header(widths, plain(80), out);
  for (const auto& row : rows) streamed.write_row(row, widths, plain(80), out);
  CHECK(out.str() == kept.render(plain(80)));
}

TEST_CASE("stored text in a cell never reaches the terminal raw") {
  TextTable table(TextTable::Borders::None);
  table.add_row({Cell("x\x1b]52;c;AAAA\x07y"), Cell("\u202eevil")});
  std::string text = table.render(plain(80));
  CHECK(text.find('\x1b') == std::string::npos);
  CHECK(text.find('\x07') == std::string::npos);
  CHECK(text.find("\u202e") == std::string::npos);
}
