#include "toolcmp/base/byte_source.h"

#include <algorithm>

#include <unistd.h>

#include <cerrno>
#include <cstring>

#include <fmt/format.h>

#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {
constexpr std::size_t kBufferBytes = 1 << 16;
}

ByteSource::ByteSource(int fd, std::string name) : fd_(fd), name_(std::move(name)), buffer_(kBufferBytes, '\0') {}

ByteSource::ByteSource(std::string data, std::string name)
    : name_(std::move(name)), buffer_(std::move(data)), end_(buffer_.size()), eof_(true) {}

bool ByteSource::fill() {
  if (pos_ < end_) return true;
  if (eof_) return false;
  pos_ = end_ = 0;
  for (;;) {
    ssize_t n = ::read(fd_, buffer_.data(), buffer_.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) throw Error(fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
    if (n == 0) {
      eof_ = true;
      return false;
    }
    end_ = static_cast<std::size_t>(n);
    return true;
  }
}

std::string_view ByteSource::peek(std::size_t n) {
  // Move what is left to the front and read until n bytes or the end.
  if (pos_ > 0 && fd_ >= 0) {
    buffer_.erase(0, pos_);
    end_ -= pos_;
    pos_ = 0;
    buffer_.resize(std::max(buffer_.size(), kBufferBytes));
  }
  while (end_ - pos_ < n && !eof_ && fd_ >= 0) {
    if (buffer_.size() < end_ + kBufferBytes) buffer_.resize(end_ + kBufferBytes);
    ssize_t got = ::read(fd_, buffer_.data() + end_, buffer_.size() - end_);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) throw Error(fmt::format("cannot read {}: {}", name_, std::strerror(errno)));
    if (got == 0) eof_ = true;
    end_ += static_cast<std::size_t>(got);
  }
  return std::string_view(buffer_.data() + pos_, std::min(n, end_ - pos_));
}

void ByteSource::skip_bom() {
  if (peek(3) == "\xEF\xBB\xBF") pos_ += 3;
}

int ByteSource::get() {
  if (!fill()) return -1;
  if (at_line_start_) {
    ++line_;
    at_line_start_ = false;
  }
  char c = buffer_[pos_++];
  if (c == '\n') at_line_start_ = true;
  return static_cast<unsigned char>(c);
}

std::size_t ByteSource::append_until(std::string& out, std::string_view stops, std::size_t max) {
  bool stop[256] = {};
  for (char c : stops) stop[static_cast<unsigned char>(c)] = true;
  std::size_t taken = 0;
  while (taken < max && fill()) {
    std::size_t from = pos_, limit = std::min(end_, pos_ + (max - taken));
    while (pos_ < limit && !stop[static_cast<unsigned char>(buffer_[pos_])]) ++pos_;
    if (pos_ > from && at_line_start_) {
      ++line_;
      at_line_start_ = false;
    }
    out.append(buffer_.data() + from, pos_ - from);
    taken += pos_ - from;
    if (pos_ < end_) break;  // at a stop, or at max
  }
  return taken;
}

int ByteSource::peek_byte() { return fill() ? static_cast<unsigned char>(buffer_[pos_]) : -1; }

ByteSource::Line ByteSource::next_line(std::string& line, std::size_t max) {
  line.clear();
  if (!fill()) return Line::End;
  if (at_line_start_) ++line_;
  at_line_start_ = true;
  bool too_long = false;
  for (;;) {
    const char* start = buffer_.data() + pos_;
    const void* newline = std::memchr(start, '\n', end_ - pos_);
    std::size_t take = newline ? static_cast<const char*>(newline) - start : end_ - pos_;
    if (!too_long && line.size() + take > max) {
      too_long = true;
      line.clear();
    }
    if (!too_long) line.append(start, take);
    pos_ += take;
    if (newline) {
      ++pos_;
      unterminated_ = false;
      break;
    }
    if (!fill()) {
      unterminated_ = true;
      break;
    }
  }
  if (too_long) return Line::TooLong;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return Line::Read;
}

bool starts_with_utf16_bom(ByteSource& source) {
  std::string_view head = source.peek(2);
  return head == "\xFF\xFE" || head == "\xFE\xFF";
}

std::FILE* utf16_to_utf8_file(ByteSource& source) {
  bool little = source.peek(2) == "\xFF\xFE";
  source.get();
  source.get();
  std::FILE* out = std::tmpfile();
  if (!out) throw Error(fmt::format("{}: cannot make a temporary file to read UTF-16", source.name()));
  std::int64_t offset = 2;
  auto fail = [&](const char* what) {
    std::fclose(out);
    throw Error(fmt::format("{}: invalid UTF-16 ({} at byte {})", source.name(), what, offset));
  };
  auto unit = [&](std::uint32_t& value) {
    int a = source.get();
    if (a < 0) return false;
    int b = source.get();
    if (b < 0) fail("an odd number of bytes");
    value = little ? static_cast<std::uint32_t>(a | (b << 8)) : static_cast<std::uint32_t>((a << 8) | b);
    offset += 2;
    return true;
  };
  std::uint32_t c = 0;
  while (unit(c)) {
    if (c >= 0xDC00 && c <= 0xDFFF) fail("a lone low surrogate");
    if (c >= 0xD800 && c <= 0xDBFF) {
      std::uint32_t low = 0;
      if (!unit(low) || low < 0xDC00 || low > 0xDFFF) fail("a high surrogate without its low one");
      c = 0x10000 + ((c - 0xD800) << 10) + (low - 0xDC00);
    }
    std::string bytes;
    append_utf8(bytes, c);
    if (std::fwrite(bytes.data(), 1, bytes.size(), out) != bytes.size()) fail("a write error");
  }
  if (std::fflush(out) != 0) fail("a write error");
  std::rewind(out);
  return out;
}

}  // namespace toolcmp
