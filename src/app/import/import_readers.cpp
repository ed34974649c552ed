// Record readers for JSON Lines and CSV/TSV, and choosing the format.
#include "toolcmp/app/import.h"

#include <fmt/format.h>

#include <unordered_set>

#include <algorithm>
#include <charconv>

#include "toolcmp/formats/csv.h"
#include "toolcmp/formats/jsonl_parser.h"
#include "app/import/records.h"
#include "app/import/import_page.h"
#include "toolcmp/formats/page.h"
#include "toolcmp/base/byte_source.h"
#include "toolcmp/model/decision_rows.h"
#include "toolcmp/model/suggest.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

// FILE:LINE into a kept string: a reader writes one per record.
void where_into(std::string& into, const ByteSource& source, std::int64_t line) {
  char digits[24];
  char* end = std::to_chars(digits, digits + sizeof digits, line).ptr;
  into.assign(source.name()).append(1, ':').append(digits, end);
}

std::string where(const ByteSource& source, std::int64_t line) {
  std::string text;
  where_into(text, source, line);
  return text;
}

class JsonlReader : public RecordReader {
 public:
  explicit JsonlReader(ByteSource& source) : source_(source), parser_(kMaxJsonDepth) { source_.skip_bom(); }

  bool next(Record& record) override {
    for (;;) {
      ByteSource::Line status = source_.next_line(line_, kMaxRecordBytes);
      if (status == ByteSource::Line::End) return false;
      where_into(where_, source_, source_.line_number());
      if (status == ByteSource::Line::TooLong) {
        throw RecordError(fmt::format("{}: line is longer than {} MiB", where_, kMaxRecordBytes >> 20));
      }
      if (line_.find_first_not_of(" \t") == std::string::npos) continue;
      JsonlStatus parsed = parser_.parse(line_, fields_);
      if (parsed != JsonlStatus::Ok) fail(parsed);
      read_record(fields_, where_, false, record);
      return true;
    }
  }

 private:
  // Why the line is not a record; simdjson has checked its UTF-8.
  [[noreturn]] void fail(JsonlStatus status) const {
    if (line_.find('\0') != std::string::npos) throw RecordError(where_ + ": line contains a NUL byte");
    switch (status) {
      case JsonlStatus::NotUtf8: throw RecordError(where_ + ": line is not valid UTF-8");
      case JsonlStatus::TooDeep:
        throw RecordError(fmt::format("{}: JSON is nested more than {} deep", where_, kMaxJsonDepth));
      case JsonlStatus::OutOfRange:
        throw RecordError(where_ + ": a number is out of range (beyond what a double holds)");
      case JsonlStatus::NotObject:
        throw RecordError(fmt::format("{}: expected an object, not {}", where_, parser_.top_type()));
      case JsonlStatus::NoMemory: throw RecordError(where_ + ": out of memory reading this line");
      default: break;
    }
    if (source_.last_line_unterminated()) {
      throw RecordError(where_ + ": the last line is cut short (the file ends in the middle of a record)");
    }
    throw RecordError(where_ + ": not valid JSON; each line must be one JSON object");
  }

  ByteSource& source_;
  JsonlParser parser_;
  std::string line_, where_;
  FieldList fields_;
};

std::string_view trimmed(std::string_view text) {
  auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// "  Score " is score and a spreadsheet's "Reviewed At" is reviewed_at;
// attribute keys after "attr." keep their case.
std::string column_name(std::string_view text) {
  std::string name(trimmed(text));
  std::size_t end = name.size();
  if (name.size() > 5 && (name.compare(0, 5, "attr.") == 0 || name.compare(0, 5, "ATTR.") == 0)) end = 5;
  for (std::size_t i = 0; i < end; ++i) {
    if (name[i] >= 'A' && name[i] <= 'Z') name[i] = static_cast<char>(name[i] - 'A' + 'a');
    if (name[i] == ' ' || name[i] == '-') name[i] = '_';
  }
  return name;
}

// A column some record type has ("type" and "attr.KEY" too); type: the
// record type to look in, or every type when empty.
bool known_column(const std::string& name, const std::string& type = "") {
  if (name == "type" || (name.size() > 5 && name.compare(0, 5, "attr.") == 0)) return true;
  for (const std::string& each : kRecordTypes) {
    if (!type.empty() && type != each) continue;
    const std::vector<std::string>& fields = record_fields(each);
    if (std::find(fields.begin(), fields.end(), name) != fields.end()) return true;
  }
  return false;
}

// RFC 4180: fields separated by the delimiter, optionally in double
// quotes, where a quote is written twice and commas, delimiters and line
// breaks are data. The first row names the columns.
class CsvReader : public RecordReader {
 public:
  CsvReader(ByteSource& source, char delimiter) : source_(source), rows_(source, delimiter, kMaxRecordBytes) {
    std::int64_t line = 0;
    if (!read_row(header_, line)) throw RecordError(where(source_, 1) + ": the file is empty; it needs a header row");
    // Header names in any case, with spaces around them; empty columns at the end are ignored.
    while (header_.size() > 1 && trimmed(header_.back()).empty()) header_.pop_back();
    if (header_.size() > kMaxCsvColumns) {
      throw RecordError(fmt::format("{}: the header has {} columns; the limit is {}", where(source_, line),
                                    header_.size(), kMaxCsvColumns));
    }
    std::vector<std::string> given = header_;  // as the file spells them, for errors
    for (std::string& name : header_) name = column_name(name);
    std::unordered_set<std::string_view> seen;
    for (std::size_t i = 0; i < header_.size(); ++i) {
      std::string& name = header_[i];
      if (name.empty()) throw RecordError(fmt::format("{}: column {} has no name", where(source_, line), i + 1));
      if (!seen.insert(name).second) {
        throw RecordError(fmt::format("{}: column '{}' appears twice", where(source_, line), sanitize_for_terminal(name)));
      }
    }
    has_type_ = std::find(header_.begin(), header_.end(), "type") != header_.end();
    if (!has_type_) implied_type_ = type_from_columns();
    check_known_columns(given, line);
  }

  bool fatal() const override { return rows_.fatal(); }

  bool next(Record& record) override {
    std::int64_t line = 0;
    for (;;) {
      if (!read_row(row_, line)) return false;
      bool blank = std::all_of(row_.begin(), row_.end(), [](const std::string& cell) { return trimmed(cell).empty(); });
      if (blank) continue;  // a blank line, or a row of empty cells
      break;
    }
    where_into(here_, source_, line);
    const std::string& here = here_;
    while (row_.size() > header_.size() && trimmed(row_.back()).empty()) row_.pop_back();  // trailing empty cells
    if (row_.size() != header_.size()) {
      throw RecordError(fmt::format("{}: row has {} fields; the header has {}", here, row_.size(), header_.size()));
    }
    fields_.clear();
    if (!has_type_) fields_.add_text("type", implied_type_);
    for (std::size_t i = 0; i < row_.size(); ++i) {
      if (row_[i].empty()) continue;  // an empty cell is a value not given
      if (row_[i].find('\0') != std::string::npos) throw RecordError(here + ": field contains a NUL byte");
      if (!is_valid_utf8(row_[i])) {
        throw RecordError(fmt::format("{}: column {} is not valid UTF-8", here, sanitize_for_terminal(header_[i])));
      }
      unguard_csv_cell(row_[i]);  // our own export's formula guard
      if (is_number_column(header_[i])) row_[i] = std::string(trimmed(row_[i]));
      fields_.add_text(header_[i], row_[i]);
    }
    read_record(fields_, here, true, record);
    return true;
  }

 private:
  static bool is_number_column(const std::string& name) {
    return name == "score" || name == "weight" || name == "published_ship_pct";
  }

  // Every column is some field of the file's records, or the error is on
  // the header's line, not on every row's.
  void check_known_columns(const std::vector<std::string>& given, std::int64_t line) const {
    for (std::size_t i = 0; i < header_.size(); ++i) {
      if (known_column(header_[i], implied_type_)) continue;
      std::string column = sanitize_for_terminal(std::string(trimmed(given[i])));
      if (has_type_) {
        throw RecordError(fmt::format("{}: column '{}' is not a field of any record (the fields: those of tools, "
                                      "personas, reviews, votes and decisions)", where(source_, line), column));
      }
      const std::vector<std::string>& fields = record_fields(implied_type_);
      throw RecordError(fmt::format("{}: column '{}' is not a field of {}s{} (the fields: {})", where(source_, line),
                                    column, implied_type_, did_you_mean(suggest(header_[i], fields)),
                                    fmt::join(fields, ", ")));
    }
  }

  // Without a type column, the columns say what the file holds.
  std::string type_from_columns() const {
    auto has = [&](const char* column) { return std::find(header_.begin(), header_.end(), column) != header_.end(); };
    if (has("persona") && has("tool")) return "review";
    if (has("tool") && has("verdict")) return "vote";
    if (has("name") && (has("focus") || has("weight"))) return "persona";
    if (has("name")) return "tool";
    throw RecordError(where(source_, 1) +
                      ": cannot tell the record type from the header; add a 'type' column, or name the columns of "
                      "tools (name, ...), reviews (tool, persona, ...) or votes (tool, verdict, ...)");
  }

  // One row from rows_, its errors as the importer's.
  bool read_row(std::vector<std::string>& row, std::int64_t& line) {
    try {
      return rows_.read_row(row, line);
    } catch (const CsvError& error) {
      throw RecordError(error.what());
    }
  }

  ByteSource& source_;
  CsvRowReader rows_;
  std::vector<std::string> header_, row_;
  FieldList fields_;
  std::string here_;
  bool has_type_ = false;
  std::string implied_type_;
};

}  // namespace

const char* format_name(ImportFormat format) { return choices::name_of(choices::kImportFormatChoices, format); }

std::optional<ImportFormat> parse_import_format(const std::string& name) {
  return choices::value_of(choices::kImportFormatChoices, name);
}

namespace {

// A first line that names toolcmp's columns, split at delim: a header.
bool is_header(std::string_view line, char delim) {
  std::size_t named = 0, cells = 0;
  for (std::size_t start = 0; start <= line.size(); ++cells) {
    std::size_t end = std::min(line.find(delim, start), line.size());
    std::string_view cell = trimmed(line.substr(start, end - start));
    if (cell.size() >= 2 && cell.front() == '"' && cell.back() == '"') cell = cell.substr(1, cell.size() - 2);
    if (known_column(column_name(cell))) ++named;
    start = end + 1;
  }
  return cells >= 2 && named * 2 >= cells;  // most of its cells
}

}  // namespace

DetectedFormat detect_format(const std::string& name, std::string_view first_bytes) {
  std::string shown = name.empty() ? "stdin" : name;
  auto ends_with = [&](const char* ext) {
    std::string_view e(ext);
    return name.size() > e.size() && name.compare(name.size() - e.size(), e.size(), e) == 0;
  };
  if (first_bytes.substr(0, 3) == "\xEF\xBB\xBF") first_bytes.remove_prefix(3);
  std::size_t start = first_bytes.find_first_not_of(" \t\r\n");
  if (start != std::string_view::npos && first_bytes[start] == '{') return {ImportFormat::Jsonl, "it starts with a JSON object"};
  if (start != std::string_view::npos && first_bytes[start] == '[' && !ends_with(".jsonl") && !ends_with(".ndjson")) {
    throw RecordError(fmt::format("{}: this looks like a JSON array; toolcmp reads JSON Lines, one object per line: "
                                  "jq -c '.[]' FILE | toolcmp import", shown));
  }
  if (looks_like_html(first_bytes)) return {ImportFormat::Page, "it is HTML"};
  if (first_bytes.find(decision_table::kPanelShip) != std::string_view::npos ||
      first_bytes.find(decision_table::kScorecard) != std::string_view::npos) {
    return {ImportFormat::Page, "it has a comparison page's rows"};
  }
  std::string_view first_line = first_bytes.substr(start == std::string_view::npos ? 0 : start);
  first_line = first_line.substr(0, first_line.find_first_of("\r\n"));
  if (is_header(first_line, '\t')) return {ImportFormat::Tsv, "its first line is a header of tab-separated columns"};
  if (is_header(first_line, ',') || is_header(first_line, ';')) return {ImportFormat::Csv, "its first line is a CSV header"};
  for (const auto& [ext, format] : {std::pair{".jsonl", ImportFormat::Jsonl}, {".ndjson", ImportFormat::Jsonl},
                                   {".csv", ImportFormat::Csv}, {".tsv", ImportFormat::Tsv}, {".txt", ImportFormat::Page},
                                   {".md", ImportFormat::Page}, {".html", ImportFormat::Page}, {".htm", ImportFormat::Page}}) {
    if (ends_with(ext)) return {format, fmt::format("its name ends in {} and its start is none of the others", ext), true};
  }
  throw RecordError(fmt::format("{}: cannot tell its format: it does not start with a JSON object, its first line "
                                "names none of toolcmp's columns, and it has no comparison page's rows; give "
                                "--format jsonl, csv, tsv or page", shown));
}

std::unique_ptr<RecordReader> make_reader(ImportFormat format, ByteSource& source,
                                          const std::vector<std::string>& panel) {
  switch (format) {
    case ImportFormat::Jsonl: return std::make_unique<JsonlReader>(source);
    case ImportFormat::Csv: return std::make_unique<CsvReader>(source, ',');
    case ImportFormat::Tsv: return std::make_unique<CsvReader>(source, '\t');
    case ImportFormat::Page: break;
  }
  return make_page_reader(source, panel);
}

}  // namespace toolcmp
