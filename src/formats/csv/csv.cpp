#include "toolcmp/formats/csv.h"

#include <string_view>

#include <fmt/format.h>

namespace toolcmp {

namespace {

bool starts_formula(char c) { return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r'; }

}  // namespace

std::string guard_csv_cell(const std::string& text) {
  if (text.empty()) return text;
  bool guard = starts_formula(text[0]) || (text[0] == '\'' && text.size() > 1 && (starts_formula(text[1]) || text[1] == '\''));
  return guard ? "'" + text : text;
}

void unguard_csv_cell(std::string& cell) {
  if (cell.size() > 1 && cell[0] == '\'' && (starts_formula(cell[1]) || cell[1] == '\'')) cell.erase(0, 1);
}

std::string csv_cell(const std::string& text, char delimiter) {
  if (text.find_first_of(delimiter == ',' ? ",\"\r\n" : "\t\"\r\n") == std::string::npos &&
      (text.empty() || (text.front() != ' ' && text.back() != ' '))) {
    return text;
  }
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

CsvRowReader::CsvRowReader(ByteSource& source, char delimiter, std::size_t max_row_bytes)
    : source_(source), delimiter_(delimiter), max_row_bytes_(max_row_bytes) {
  source_.skip_bom();
  std::string_view first = source_.peek(4096);
  first = first.substr(0, first.find_first_of("\r\n"));
  if (delimiter_ == ',' && first.find(',') == std::string_view::npos && first.find(';') != std::string_view::npos) {
    delimiter_ = ';';
  }
}

std::string CsvRowReader::where(std::int64_t line) const { return fmt::format("{}:{}", source_.name(), line); }

// Long: one RFC 4180 state machine, kept whole so that it reads as the RFC does.
bool CsvRowReader::read_row(std::vector<std::string>& row, std::int64_t& line) {
  if (source_.peek_byte() < 0) return false;
  std::size_t count = 0;  // row's strings are reused, buffers and all
  auto next_field = [&]() -> std::string& {
    if (count == row.size()) row.emplace_back();
    row[count].clear();
    return row[count++];
  };
  std::string* field = &next_field();
  std::size_t bytes = 0;
  bool quoted = false, after_quote = false;
  const char plain_stops[] = {delimiter_, '\n', '\r', '"'};
  const std::string_view plain(plain_stops, sizeof plain_stops), quoted_stops("\"\n", 2);
  // ByteSource counts "\n" lines, and a lone CR is on the line it ends.
  line = source_.line_number() + lone_crs_ + (ended_in_cr_ ? 0 : 1);
  ended_in_cr_ = false;
  for (;;) {
    int c = source_.get();
    if (c < 0) {
      if (quoted) fail_fatally(where(line) + ": a quoted field starting on this row never ends");
      break;
    }
    auto count = [&](std::size_t n) {
      if ((bytes += n) > max_row_bytes_) {
        fail_fatally(fmt::format("{}: row is longer than {} MiB", where(line), max_row_bytes_ >> 20));
      }
    };
    count(1);
    if (quoted) {
      add_quoted(c, *field, quoted, after_quote);
      if (quoted) count(source_.append_until(*field, quoted_stops, max_row_bytes_ + 1 - bytes));
    } else if (c == delimiter_) {
      field = &next_field();
      after_quote = false;
    } else if (c == '\n') {
      if (!after_quote && !field->empty() && field->back() == '\r') field->pop_back();
      break;
    } else if (c == '\r' && source_.peek_byte() == '\n') {
      continue;
    } else if (c == '\r') {  // a lone CR ends a row too (older spreadsheets)
      ++lone_crs_;
      ended_in_cr_ = true;
      break;
    } else if (c == '"' && field->empty() && !after_quote) {
      quoted = true;
    } else if (after_quote) {
      skip_rest_of_row();
      throw CsvError(fmt::format("{}: text after a closing quote; write a quote inside a quoted field as \"\"",
                                 where(line)));
    } else {
      *field += static_cast<char>(c);
      count(source_.append_until(*field, plain, max_row_bytes_ + 1 - bytes));  // the run of plain bytes after it
    }
  }
  row.resize(count);
  return true;
}

// A byte inside quotes: "" is a quote, a lone " closes them.
void CsvRowReader::add_quoted(int c, std::string& field, bool& quoted, bool& after_quote) {
  if (c != '"') {
    field += static_cast<char>(c);
  } else if (source_.peek_byte() == '"') {
    source_.get();
    field += '"';
  } else {
    quoted = false;
    after_quote = true;
  }
}

// An error after which the reader cannot find the next row.
void CsvRowReader::fail_fatally(const std::string& message) {
  fatal_ = true;
  throw CsvError(message);
}

void CsvRowReader::skip_rest_of_row() {
  for (int c = source_.get(); c >= 0 && c != '\n'; c = source_.get()) {
  }
}

}  // namespace toolcmp
