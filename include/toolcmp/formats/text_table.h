// The one table printer: every command's aligned output goes through it.
// Cells wrap inside their column; columns share the width fairly.
#pragma once

#include <ostream>
#include <string>
#include <string_view>
#include <vector>

#include "toolcmp/base/terminal.h"

namespace toolcmp {

struct Cell {
  std::string text;  // stored text is sanitized when the cell is made
  Style style = Style::Plain;

  Cell() = default;
  Cell(std::string text, Style style = Style::Plain);  // NOLINT: cells are made from strings everywhere
  Cell(const char* text, Style style = Style::Plain) : Cell(std::string(text), style) {}
};

enum class Align { Left, Right };

// Stored text in at most cells cells, sanitized, on one line, cut with an
// ellipsis ("." in ASCII), padded with spaces to cells.
std::string fit(std::string_view text, int cells, bool unicode);
// The same, not padded: a name cut to its column. cells <= 0: text as it is
// (measuring a column before its width is known).
std::string fit_line(std::string_view text, int cells, bool unicode);

class TextTable {
 public:
  enum class Borders { None, Columns };  // Columns: "│" between columns, rules under the header

  explicit TextTable(Borders borders) : borders_(borders) {}

  void set_header(std::vector<Cell> header);
  const std::vector<Cell>& header() const { return header_; }
  void set_align(std::size_t column, Align align);
  // A column that never wraps (numbers, percents, dates): it keeps its
  // natural width and the others share what is left.
  void set_fixed(std::size_t column);
  void add_row(std::vector<Cell> cells);
  void add_rule();                    // ───┼───
  void add_title(std::string title);  // a line of its own across the table
  void add_blank();                   // an empty row, borders kept

  // Column widths for a total width: each column gets what it needs, or an
  // equal share of what is left when not all fit.
  std::vector<int> column_widths(int total_width) const;
  std::string render(const OutputOptions& output) const;
  // With widths from elsewhere: tables printed one after another that
  // should line up (compare's blocks) share the widest of their widths.
  std::string render(const OutputOptions& output, const std::vector<int>& widths) const;

  // Tables too large to keep (list and rank of every tool): measure every
  // row, then write the header and each row with the widths from
  // column_widths(), straight to the stream.
  void measure_row(const std::vector<Cell>& cells);
  void write_header(const std::vector<int>& widths, const OutputOptions& output, std::ostream& out) const;
  void write_row(const std::vector<Cell>& cells, const std::vector<int>& widths, const OutputOptions& output,
                 std::ostream& out) const;

 private:
  enum class Kind { Row, Rule, Title, Blank };
  struct Line {
    Kind kind;
    std::vector<Cell> cells;
  };
  int separator_width() const { return borders_ == Borders::Columns ? 3 : 2; }
  void render_row(const std::vector<Cell>& cells, const std::vector<int>& widths, const OutputOptions& output,
                  std::string& out) const;

  Borders borders_;
  std::vector<int> natural_;  // each column's widest line, over every row measured
  std::vector<Cell> header_;
  std::vector<Align> align_;
  std::vector<bool> fixed_;
  std::vector<Line> lines_;
};

}  // namespace toolcmp
