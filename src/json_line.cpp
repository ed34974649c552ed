#include "toolcmp/json_line.h"

#include <charconv>
#include <cstdint>
#include <string>

#include "toolcmp/text.h"

namespace toolcmp {

namespace {

class Parser {
 public:
  Parser(std::string_view text, int max_depth) : p_(text.data()), end_(text.data() + text.size()), max_depth_(max_depth) {}

  JsonLineStatus parse(Json& out) {
    skip_space();
    if (!value(out, 0)) {
      return too_deep_ ? JsonLineStatus::TooDeep : out_of_range_ ? JsonLineStatus::OutOfRange : JsonLineStatus::Invalid;
    }
    skip_space();
    return p_ == end_ ? JsonLineStatus::Ok : JsonLineStatus::Invalid;
  }

 private:
  void skip_space() {
    while (p_ < end_ && (*p_ == ' ' || *p_ == '\t' || *p_ == '\n' || *p_ == '\r')) ++p_;
  }

  bool literal(std::string_view word) {
    if (static_cast<std::size_t>(end_ - p_) < word.size() || std::string_view(p_, word.size()) != word) return false;
    p_ += word.size();
    return true;
  }

  bool value(Json& out, int depth) {
    if (p_ == end_) return false;
    switch (*p_) {
      case '{': return object(out, depth + 1);
      case '[': return array(out, depth + 1);
      case '"': {
        std::string text;
        if (!string(text)) return false;
        out = std::move(text);
        return true;
      }
      case 't': out = true; return literal("true");
      case 'f': out = false; return literal("false");
      case 'n': out = nullptr; return literal("null");
      default: return number(out);
    }
  }

  bool object(Json& out, int depth) {
    if (depth > max_depth_) return too_deep_ = true, false;
    ++p_;
    out = Json::object();
    skip_space();
    if (p_ < end_ && *p_ == '}') return ++p_, true;
    for (;;) {
      std::string key;
      skip_space();
      if (p_ == end_ || *p_ != '"' || !string(key)) return false;
      skip_space();
      if (p_ == end_ || *p_++ != ':') return false;
      skip_space();
      Json item;
      if (!value(item, depth)) return false;
      out[key] = std::move(item);  // a repeated key: the last value wins, as in nlohmann's parser
      skip_space();
      if (p_ == end_) return false;
      if (*p_ == '}') return ++p_, true;
      if (*p_++ != ',') return false;
    }
  }

  bool array(Json& out, int depth) {
    if (depth > max_depth_) return too_deep_ = true, false;
    ++p_;
    out = Json::array();
    skip_space();
    if (p_ < end_ && *p_ == ']') return ++p_, true;
    for (;;) {
      skip_space();
      Json item;
      if (!value(item, depth)) return false;
      out.push_back(std::move(item));
      skip_space();
      if (p_ == end_) return false;
      if (*p_ == ']') return ++p_, true;
      if (*p_++ != ',') return false;
    }
  }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  bool hex4(unsigned& code) {
    if (end_ - p_ < 4) return false;
    code = 0;
    for (int i = 0; i < 4; ++i) {
      int digit = hex(*p_++);
      if (digit < 0) return false;
      code = code * 16 + static_cast<unsigned>(digit);
    }
    return true;
  }

  bool escape(std::string& out) {
    if (p_ == end_) return false;
    char c = *p_++;
    switch (c) {
      case '"': out += '"'; return true;
      case '\\': out += '\\'; return true;
      case '/': out += '/'; return true;
      case 'b': out += '\b'; return true;
      case 'f': out += '\f'; return true;
      case 'n': out += '\n'; return true;
      case 'r': out += '\r'; return true;
      case 't': out += '\t'; return true;
      case 'u': break;
      default: return false;
    }
    unsigned code = 0;
    if (!hex4(code)) return false;
    if (code >= 0xDC00 && code <= 0xDFFF) return false;  // a low surrogate alone
    if (code >= 0xD800 && code <= 0xDBFF) {
      unsigned low = 0;
      if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
      p_ += 2;
      if (!hex4(low) || low < 0xDC00 || low > 0xDFFF) return false;
      code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
    }
    append_utf8(out, code);
    return true;
  }

  // Copies each run of plain characters in one append.
  bool string(std::string& out) {
    ++p_;
    for (;;) {
      const char* run = p_;
      while (p_ < end_ && *p_ != '"' && *p_ != '\\' && static_cast<unsigned char>(*p_) >= 0x20) ++p_;
      out.append(run, static_cast<std::size_t>(p_ - run));
      if (p_ == end_ || static_cast<unsigned char>(*p_) < 0x20) return false;
      if (*p_++ == '"') return true;
      if (!escape(out)) return false;
    }
  }

  bool digits() {
    const char* start = p_;
    while (p_ < end_ && *p_ >= '0' && *p_ <= '9') ++p_;
    return p_ > start;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  bool number(Json& out) {
    const char* start = p_;
    if (p_ < end_ && *p_ == '-') ++p_;
    if (p_ < end_ && *p_ == '0') {
      ++p_;
    } else if (!digits()) {
      return false;
    }
    bool integer = true;
    if (p_ < end_ && *p_ == '.') {
      ++p_;
      integer = false;
      if (!digits()) return false;
    }
    if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
      ++p_;
      integer = false;
      if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
      if (!digits()) return false;
    }
    if (integer) {
      std::int64_t value = 0;
      auto [ptr, ec] = std::from_chars(start, p_, value);
      if (ec == std::errc() && ptr == p_) {
        out = value;
        return true;
      }
      std::uint64_t positive = 0;  // as nlohmann keeps them: above the int64 range, unsigned
      auto [uptr, uec] = std::from_chars(start, p_, positive);
      if (uec == std::errc() && uptr == p_) {
        out = positive;
        return true;
      }
    }
    double value = 0;
    auto [ptr, ec] = std::from_chars(start, p_, value);  // not strtod: no locale
    if (ec == std::errc::result_out_of_range) return out_of_range_ = true, false;  // 1e309 is no number to store
    if (ptr != p_ || ec != std::errc()) return false;
    out = value;
    return true;
  }

  const char* p_;
  const char* end_;
  int max_depth_;
  bool too_deep_ = false;
  bool out_of_range_ = false;
};

}  // namespace

JsonLineStatus parse_json_line(std::string_view text, int max_depth, Json& out) {
  return Parser(text, max_depth).parse(out);
}

}  // namespace toolcmp
