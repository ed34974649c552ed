// Buffered reading of a file or standard input for the import readers:
// lines with a length limit, single bytes, and a peek for sniffing the
// format. Memory stays at one buffer plus the longest line allowed.
#pragma once

#include <cstdint>
#include <cstdio>
#include <string>
#include <string_view>

namespace toolcmp {

// A source that starts with a UTF-16 byte order mark (what spreadsheets
// save as "Unicode text"), written out as UTF-8 into an unlinked
// temporary file, read in pieces so memory stays flat. Returns the open
// file, to be read from its start; throws Error for invalid UTF-16.
std::FILE* utf16_to_utf8_file(class ByteSource& source);
bool starts_with_utf16_bom(class ByteSource& source);

class ByteSource {
 public:
  ByteSource(int fd, std::string name);              // reads fd, which it does not close
  ByteSource(std::string data, std::string name);    // reads data (tests, fuzzing)
  ByteSource(const ByteSource&) = delete;
  ByteSource& operator=(const ByteSource&) = delete;

  const std::string& name() const { return name_; }

  // Up to n bytes from the current position, without consuming them.
  std::string_view peek(std::size_t n);
  // Skips a UTF-8 byte order mark at the current position.
  void skip_bom();

  enum class Line { Read, TooLong, End };
  // The next line without its "\n" or "\r\n". A line longer than max bytes
  // is skipped whole and reported as TooLong.
  Line next_line(std::string& line, std::size_t max);
  // The next byte, or -1 at the end.
  int get();
  // Appends to out the bytes before the next of stops (which must hold
  // "\n"), at most max, and consumes them: a run of plain bytes at once
  // instead of a get() each. Returns how many.
  std::size_t append_until(std::string& out, std::string_view stops, std::size_t max);
  int peek_byte();

  // The line number of the last byte or line read (1-based).
  std::int64_t line_number() const { return line_; }
  // The last line read ended at the end of the input, without "\n".
  bool last_line_unterminated() const { return unterminated_; }

 private:
  bool fill();  // false at the end of the input

  int fd_ = -1;
  std::string name_;
  std::string buffer_;
  std::size_t pos_ = 0, end_ = 0;
  bool eof_ = false;
  std::int64_t line_ = 0;
  bool at_line_start_ = true;
  bool unterminated_ = false;
};

}  // namespace toolcmp
