// CSV and TSV (RFC 4180) as toolcmp reads and writes them: rows read from
// a byte source with their line numbers and a bound on their size, cells
// quoted for writing, and the guard that keeps a cell from running as a
// spreadsheet formula. What the columns mean is import's and export's.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "toolcmp/base/byte_source.h"
#include "toolcmp/base/error.h"

namespace toolcmp {

// A cell that starts with = + - @ tab or CR would be a formula in a
// spreadsheet (OWASP's CSV injection): a ' goes in front, as spreadsheets
// themselves write it. A cell already starting with ' and one of those (or
// another ') gets one too, so that unguard_csv_cell gives back the text.
std::string guard_csv_cell(const std::string& text);
void unguard_csv_cell(std::string& cell);

// text as one cell: quoted when it holds the delimiter, a quote or a line
// break, or starts or ends with a space.
std::string csv_cell(const std::string& text, char delimiter);

// A row that cannot be read. what() is "FILE:LINE: reason".
class CsvError : public Error {
 public:
  explicit CsvError(const std::string& message) : Error(message) {}
};

class CsvRowReader {
 public:
  // Skips a byte order mark. Spreadsheets in many locales separate with
  // ';': with delimiter ',', a first line with ';' and no ',' is read so.
  CsvRowReader(ByteSource& source, char delimiter, std::size_t max_row_bytes);

  // One row into row (its strings reused, buffers and all); line is where
  // it starts. False at the end of the input. Rows end at LF, CRLF or a
  // lone CR (older spreadsheets).
  bool read_row(std::vector<std::string>& row, std::int64_t& line);
  // After a CsvError: true when the reader cannot find the next row (a
  // quoted field that never ends, a row over the bound).
  bool fatal() const { return fatal_; }

 private:
  void add_quoted(int c, std::string& field, bool& quoted, bool& after_quote);
  [[noreturn]] void fail_fatally(const std::string& message);
  void skip_rest_of_row();
  std::string where(std::int64_t line) const;

  ByteSource& source_;
  char delimiter_;
  std::size_t max_row_bytes_;
  bool fatal_ = false;
  std::int64_t lone_crs_ = 0;
  bool ended_in_cr_ = false;  // rows ended by a lone CR, which ByteSource does not count as lines
};

}  // namespace toolcmp
