#include "toolcmp/formats/text_table.h"

#include <algorithm>
#include <numeric>

#include "toolcmp/base/text.h"

namespace toolcmp {

std::string fit(std::string_view text, int cells, bool unicode) {
  std::string safe = sanitize_for_terminal(text);
  std::replace(safe.begin(), safe.end(), '\n', ' ');
  int width = display_width(safe);
  if (width > cells) {
    const char* ellipsis = unicode ? "\u2026" : ".";
    std::string cut;
    for (std::size_t i = 0; i < safe.size();) {
      std::size_t next = i + 1;
      while (next < safe.size() && (static_cast<unsigned char>(safe[next]) & 0xC0) == 0x80) ++next;
      std::string longer = cut + safe.substr(i, next - i);
      if (display_width(longer) + 1 > cells) break;
      cut = std::move(longer);
      i = next;
    }
    cut.erase(cut.find_last_not_of(' ') + 1);  // "Qwen…", not "Qwen …"
    safe = cut + ellipsis;
    width = display_width(safe);
  }
  return safe + std::string(static_cast<std::size_t>(std::max(0, cells - width)), ' ');
}

std::string fit_line(std::string_view text, int cells, bool unicode) {
  if (cells <= 0) return std::string(text);
  std::string cut = fit(text, cells, unicode);
  cut.erase(cut.find_last_not_of(' ') + 1);
  return cut;
}

Cell::Cell(std::string text_in, Style style_in) : text(sanitize_for_terminal(text_in)), style(style_in) {}

void TextTable::set_header(std::vector<Cell> header) {
  measure_row(header);
  header_ = std::move(header);
}

void TextTable::set_fixed(std::size_t column) {
  if (fixed_.size() <= column) fixed_.resize(column + 1, false);
  fixed_[column] = true;
}

void TextTable::set_align(std::size_t column, Align align) {
  if (align_.size() <= column) align_.resize(column + 1, Align::Left);
  align_[column] = align;
}

void TextTable::add_row(std::vector<Cell> cells) {
  measure_row(cells);
  lines_.push_back({Kind::Row, std::move(cells)});
}

void TextTable::measure_row(const std::vector<Cell>& cells) {
  if (natural_.size() < cells.size()) natural_.resize(cells.size(), 1);
  for (std::size_t c = 0; c < cells.size(); ++c) {
    for (const std::string& part : wrap_text(cells[c].text, 1 << 20)) {
      natural_[c] = std::max(natural_[c], display_width(part));
    }
  }
}
void TextTable::add_rule() { lines_.push_back({Kind::Rule, {}}); }
void TextTable::add_title(std::string title) { lines_.push_back({Kind::Title, {Cell(std::move(title), Style::Bold)}}); }
void TextTable::add_blank() { lines_.push_back({Kind::Blank, {}}); }

std::vector<int> TextTable::column_widths(int total_width) const {
  std::size_t columns = natural_.size();
  const std::vector<int>& natural = natural_;
  int available = total_width - separator_width() * static_cast<int>(columns > 0 ? columns - 1 : 0);
  // Water-filling: columns that need less than an equal share keep their
  // natural width; the rest split what remains equally.
  std::vector<int> widths(columns, 0);
  std::vector<std::size_t> open;
  for (std::size_t c = 0; c < columns; ++c) {
    if (c < fixed_.size() && fixed_[c]) {
      widths[c] = natural[c];
      available -= natural[c];
    } else {
      open.push_back(c);
    }
  }
  while (!open.empty()) {
    int share = std::max(1, available / static_cast<int>(open.size()));
    std::vector<std::size_t> still_open;
    for (std::size_t c : open) {
      if (natural[c] <= share) {
        widths[c] = natural[c];
        available -= natural[c];
      } else {
        still_open.push_back(c);
      }
    }
    if (still_open.size() == open.size()) {
      int extra = available - share * static_cast<int>(open.size());
      for (std::size_t c : open) widths[c] = share + (extra-- > 0 ? 1 : 0);
      break;
    }
    open = std::move(still_open);
  }
  return widths;
}

void TextTable::render_row(const std::vector<Cell>& cells, const std::vector<int>& widths,
                           const OutputOptions& output, std::string& out) const {
  std::vector<std::vector<std::string>> wrapped(widths.size());
  std::size_t height = 1;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    wrapped[c] = c < cells.size() ? wrap_text(cells[c].text, widths[c]) : std::vector<std::string>{""};
    height = std::max(height, wrapped[c].size());
  }
  const std::string separator = borders_ == Borders::Columns
                                    ? std::string(" ") + output.glyphs().vertical + " "
                                    : std::string("  ");
  for (std::size_t i = 0; i < height; ++i) {
    std::string line;
    for (std::size_t c = 0; c < widths.size(); ++c) {
      if (c > 0) line += separator;
      const std::string& text = i < wrapped[c].size() ? wrapped[c][i] : std::string();
      int pad = widths[c] - display_width(text);
      bool right = c < align_.size() && align_[c] == Align::Right;
      if (right) line.append(static_cast<std::size_t>(pad), ' ');
      line += output.paint(text, c < cells.size() ? cells[c].style : Style::Plain);
      if (!right) line.append(static_cast<std::size_t>(pad), ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
  }
}

void TextTable::write_header(const std::vector<int>& widths, const OutputOptions& output, std::ostream& out) const {
  write_row(header_, widths, output, out);
}

void TextTable::write_row(const std::vector<Cell>& cells, const std::vector<int>& widths, const OutputOptions& output,
                          std::ostream& out) const {
  std::string text;
  render_row(cells, widths, output, text);
  out << text;
}

std::string TextTable::render(const OutputOptions& output) const { return render(output, column_widths(output.width)); }

std::string TextTable::render(const OutputOptions& output, const std::vector<int>& widths) const {
  std::string rule;
  for (std::size_t c = 0; c < widths.size(); ++c) {
    if (c > 0) rule += borders_ == Borders::Columns ? std::string(output.glyphs().horizontal) + output.glyphs().cross +
                                                          output.glyphs().horizontal
                                                    : std::string("  ");
    for (int i = 0; i < widths[c]; ++i) rule += output.glyphs().horizontal;
  }
  rule = output.paint(rule, Style::Dim) + "\n";
  std::string out;
  if (!header_.empty()) {
    render_row(header_, widths, output, out);
    if (borders_ == Borders::Columns) out += rule;
  }
  for (const Line& line : lines_) {
    switch (line.kind) {
      case Kind::Row: render_row(line.cells, widths, output, out); break;
      case Kind::Rule: out += rule; break;
      case Kind::Blank: render_row({}, widths, output, out); break;
      case Kind::Title:
        for (const std::string& part : wrap_text(line.cells[0].text, output.width)) {
          out += output.paint(part, line.cells[0].style) + "\n";
        }
        break;
    }
  }
  return out;
}

}  // namespace toolcmp
