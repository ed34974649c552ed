// ByteSource: lines with a limit, CR LF, peeking, byte order marks, line numbers.
#include <catch2/catch.hpp>

#include <unistd.h>

#include <string>

#include "toolcmp/base/byte_source.h"
#include "toolcmp/base/error.h"

using toolcmp::ByteSource;
using Line = ByteSource::Line;

TEST_CASE("ByteSource gives lines without their ends and counts them") {
  ByteSource source(std::string("one\r\ntwo\n\nfour"), "mem");
  std::string line;
  REQUIRE(source.next_line(line, 100) == Line::Read);
  CHECK(line == "one");
  CHECK(source.line_number() == 1);
  REQUIRE(source.next_line(line, 100) == Line::Read);
  CHECK(line == "two");
  REQUIRE(source.next_line(line, 100) == Line::Read);
  CHECK(line.empty());
  CHECK_FALSE(source.last_line_unterminated());
  REQUIRE(source.next_line(line, 100) == Line::Read);
  CHECK(line == "four");
  CHECK(source.line_number() == 4);
  CHECK(source.last_line_unterminated());
  CHECK(source.next_line(line, 100) == Line::End);
}

TEST_CASE("ByteSource skips a line over the limit whole and goes on after it") {
  std::string long_line(100000, 'x');
  ByteSource source("short\n" + long_line + "\nafter\n", "mem");
  std::string line;
  REQUIRE(source.next_line(line, 1000) == Line::Read);
  CHECK(source.next_line(line, 1000) == Line::TooLong);
  CHECK(source.line_number() == 2);
  REQUIRE(source.next_line(line, 1000) == Line::Read);
  CHECK(line == "after");
  CHECK(source.line_number() == 3);
}

TEST_CASE("ByteSource peeks without consuming and skips a UTF-8 byte order mark") {
  ByteSource source(std::string("\xEF\xBB\xBFname\n"), "mem");
  CHECK(source.peek(3) == "\xEF\xBB\xBF");
  CHECK(source.peek(100).size() == 8);  // no more than there is
  source.skip_bom();
  CHECK(source.peek_byte() == 'n');
  CHECK(source.get() == 'n');
  std::string line;
  REQUIRE(source.next_line(line, 100) == Line::Read);
  CHECK(line == "ame");
  CHECK(source.get() == -1);
}

TEST_CASE("ByteSource reads a pipe in pieces like a file") {
  int fds[2];
  REQUIRE(::pipe(fds) == 0);
  std::string text;
  for (int i = 0; i < 20000; ++i) text += "line " + std::to_string(i) + "\n";
  // The writer is a child so that a full pipe does not block the test.
  pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(fds[0]);
    std::size_t done = 0;
    while (done < text.size()) {
      ssize_t n = ::write(fds[1], text.data() + done, text.size() - done);
      if (n <= 0) ::_exit(1);
      done += static_cast<std::size_t>(n);
    }
    ::_exit(0);
  }
  ::close(fds[1]);
  ByteSource source(fds[0], "pipe");
  std::string line;
  int count = 0;
  while (source.next_line(line, 100) == Line::Read) {
    CHECK(line == "line " + std::to_string(count));
    ++count;
  }
  ::close(fds[0]);
  CHECK(count == 20000);
}

TEST_CASE("UTF-16 input is recognized by its byte order mark and refused when broken") {
  ByteSource little(std::string("\xFF\xFEh\0i\0", 6), "le.csv");
  CHECK(toolcmp::starts_with_utf16_bom(little));
  ByteSource plain(std::string("hi"), "plain.csv");
  CHECK_FALSE(toolcmp::starts_with_utf16_bom(plain));
  // A lone low surrogate (DC00) is not UTF-16.
  ByteSource broken(std::string("\xFF\xFEh\0\x00\xDC", 6), "broken.csv");
  REQUIRE(toolcmp::starts_with_utf16_bom(broken));
  CHECK_THROWS_AS(toolcmp::utf16_to_utf8_file(broken), toolcmp::Error);
}

TEST_CASE("UTF-16 in either byte order becomes the same UTF-8") {
  // "é😀\n": one unit, a surrogate pair, a newline.
  const std::string little("\xFF\xFE\xE9\x00\x3D\xD8\x00\xDE\x0A\x00", 10);
  const std::string big("\xFE\xFF\x00\xE9\xD8\x3D\xDE\x00\x00\x0A", 10);
  for (const std::string& bytes : {little, big}) {
    ByteSource source(bytes, "utf16.csv");
    std::FILE* file = toolcmp::utf16_to_utf8_file(source);
    REQUIRE(file != nullptr);
    char buffer[64] = {};
    std::size_t n = std::fread(buffer, 1, sizeof buffer, file);
    std::fclose(file);
    CHECK(std::string(buffer, n) == "\xC3\xA9\xF0\x9F\x98\x80\n");
  }
}

TEST_CASE("a run of plain bytes is taken at once, up to a stop or the limit, and lines still count") {
  ByteSource source(std::string("abc,def\nxyz\"q") + std::string(100000, 'x'), "run.csv");
  std::string out;
  CHECK(source.append_until(out, std::string_view(",\n", 2), 100) == 3);
  CHECK(out == "abc");
  CHECK(source.line_number() == 1);
  CHECK(source.get() == ',');
  CHECK(source.append_until(out, std::string_view(",\n", 2), 100) == 3);
  CHECK(out == "abcdef");
  CHECK(source.get() == '\n');
  CHECK(source.append_until(out, std::string_view("\"\n", 2), 100) == 3);
  CHECK(source.line_number() == 2);
  CHECK(source.get() == '"');
  out.clear();
  CHECK(source.append_until(out, std::string_view("\n", 1), 70000) == 70000);  // across buffer refills, to the limit
  CHECK(source.append_until(out, std::string_view("\n", 1), 1000000) == 30001);
  CHECK(out == "q" + std::string(100000, 'x'));
  CHECK(source.get() == -1);
}
