#include "toolcmp/base/text.h"

#include <utf8proc.h>

#include <algorithm>
#include <array>
#include <cstdlib>
#include <cctype>
#include <cstdint>
#include <cstring>
#include <memory>

#include <fmt/format.h>

namespace toolcmp {

namespace {

struct Decoded {
  utf8proc_int32_t codepoint;  // -1: an invalid byte
  std::size_t length;          // bytes consumed, at least 1
};

Decoded decode(std::string_view text, std::size_t pos) {
  utf8proc_int32_t cp = -1;
  auto n = utf8proc_iterate(reinterpret_cast<const utf8proc_uint8_t*>(text.data() + pos),
                            static_cast<utf8proc_ssize_t>(text.size() - pos), &cp);
  if (n <= 0) return {-1, 1};
  return {cp, static_cast<std::size_t>(n)};
}



// NFKC with case folding; strip_marks also drops accents ("Café" -> "cafe").
std::string fold(std::string_view text, bool strip_marks) {
  std::string valid = sanitize_for_terminal(text);
  int options = UTF8PROC_NULLTERM | UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD |
                UTF8PROC_IGNORE;
  if (strip_marks) options |= UTF8PROC_STRIPMARK;
  utf8proc_uint8_t* folded = nullptr;
  if (utf8proc_map(reinterpret_cast<const utf8proc_uint8_t*>(valid.c_str()), 0, &folded,
                   static_cast<utf8proc_option_t>(options)) < 0) {
    return valid;
  }
  std::string result(reinterpret_cast<char*>(folded));
  std::free(folded);
  return result;
}

// Splits text into grapheme clusters with their cell widths.
struct Cluster {
  std::string_view bytes;
  int width;
};

std::vector<Cluster> clusters(std::string_view text) {
  std::vector<Cluster> result;
  utf8proc_int32_t state = 0, previous = -1;
  std::size_t pos = 0;
  while (pos < text.size()) {
    // Printable ASCII after and before ASCII is a cluster of its own, one
    // cell wide (no rule joins two ASCII characters but CR LF), so the
    // common case needs no utf8proc. The break state after it is that of
    // any "Other" character, which a fresh state stands for.
    auto byte = static_cast<unsigned char>(text[pos]);
    bool ascii_next = pos + 1 == text.size() || static_cast<unsigned char>(text[pos + 1]) < 0x80;
    if (byte >= 0x20 && byte < 0x7F && previous < 0x80 && ascii_next) {
      result.push_back({text.substr(pos, 1), 1});
      previous = byte;
      state = 0;
      ++pos;
      continue;
    }
    Decoded d = decode(text, pos);
    int width = d.codepoint < 0 ? 1 : utf8proc_charwidth(d.codepoint);
    bool joins = previous >= 0 && d.codepoint >= 0 && !result.empty() &&
                 !utf8proc_grapheme_break_stateful(previous, d.codepoint, &state);
    if (joins) {
      Cluster& last = result.back();
      last.bytes = std::string_view(last.bytes.data(), last.bytes.size() + d.length);
      if (d.codepoint == 0xFE0F) last.width = 2;  // emoji presentation
    } else {
      result.push_back({text.substr(pos, d.length), width});
    }
    previous = d.codepoint;
    pos += d.length;
  }
  return result;
}

}  // namespace

bool is_valid_utf8(std::string_view text) {
  for (std::size_t pos = 0; pos < text.size();) {
    // ASCII, the common case, needs no decoding: eight bytes at a time.
    std::uint64_t word = 0;
    if (pos + 8 <= text.size() && (std::memcpy(&word, text.data() + pos, 8), (word & 0x8080808080808080ULL) == 0)) {
      pos += 8;
      continue;
    }
    if (static_cast<unsigned char>(text[pos]) < 0x80) {
      ++pos;
      continue;
    }
    Decoded d = decode(text, pos);
    if (d.codepoint < 0) return false;
    pos += d.length;
  }
  return true;
}

bool is_printable_ascii(std::string_view text) {
  return std::all_of(text.begin(), text.end(), [](char c) { return c >= 0x20 && c < 0x7F; });
}

// Printable ASCII folds to its lower case (NFKC and sanitizing leave it as
// it is), without utf8proc: imports compute a key per record.
bool has_hidden_or_control(std::string_view text) {
  if (!is_valid_utf8(text)) return true;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto size = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t pos = 0; pos < size;) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t length = utf8proc_iterate(bytes + pos, size - pos, &c);
    if (length <= 0) return true;
    pos += length;
    bool hidden = c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0xad || c == 0x61c || (c >= 0x200b && c <= 0x200f) ||
                  (c >= 0x202a && c <= 0x202e) || (c >= 0x2060 && c <= 0x2069) || c == 0xfeff ||
                  (c >= 0xe0000 && c <= 0xe007f);
    if (hidden) return true;
  }
  return false;
}

std::string strip_invisible(std::string_view text) {
  if (is_printable_ascii(text)) return std::string(text);
  std::string out;
  const auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
  auto size = static_cast<utf8proc_ssize_t>(text.size());
  for (utf8proc_ssize_t pos = 0; pos < size;) {
    utf8proc_int32_t c = 0;
    utf8proc_ssize_t length = utf8proc_iterate(bytes + pos, size - pos, &c);
    if (length <= 0) length = 1;
    bool invisible = c == 0xad || (c >= 0x200b && c <= 0x200f) || (c >= 0x2060 && c <= 0x2064) || c == 0xfeff ||
                     (c >= 0xe0000 && c <= 0xe007f);
    if (!invisible) out.append(text.substr(static_cast<std::size_t>(pos), static_cast<std::size_t>(length)));
    pos += length;
  }
  return out;
}

std::string ascii_lower(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return lower;
}

std::string name_key(std::string_view name) {
  if (!is_printable_ascii(name)) return fold(name, false);
  return ascii_lower(name);
}

std::string loose_key(std::string_view name) {
  std::string result;
  if (is_printable_ascii(name)) {
    for (char c : name) {
      if (std::isalnum(static_cast<unsigned char>(c))) result += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    }
    return result;
  }
  std::string folded = fold(name, true);
  for (std::size_t pos = 0; pos < folded.size();) {
    Decoded d = decode(folded, pos);
    auto category = utf8proc_category(d.codepoint);
    bool keep = (category >= UTF8PROC_CATEGORY_LU && category <= UTF8PROC_CATEGORY_LO) ||
                (category >= UTF8PROC_CATEGORY_ND && category <= UTF8PROC_CATEGORY_NO);
    if (keep) result.append(folded, pos, d.length);
    pos += d.length;
  }
  return result;
}

int display_width(std::string_view text) {
  int width = 0;
  for (const Cluster& c : clusters(text)) width += c.width;
  return width;
}

std::string sanitize_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t pos = 0; pos < text.size();) {
    auto byte = static_cast<unsigned char>(text[pos]);
    if (byte >= 0x20 && byte < 0x7F) {  // printable ASCII, the common case, stays as it is
      out += static_cast<char>(byte);
      ++pos;
      continue;
    }
    Decoded d = decode(text, pos);
    utf8proc_int32_t cp = d.codepoint;
    pos += d.length;
    if (cp < 0) {
      out += "\xEF\xBF\xBD";  // U+FFFD
    } else if (cp == '\n') {
      out += '\n';
    } else if (cp == '\t') {
      out += ' ';
    } else if (cp == '\r') {
      continue;  // CRLF text reads as LF
    } else if (cp < 0x20 || cp == 0x7F) {
      out += '^';
      out += static_cast<char>(cp == 0x7F ? '?' : cp + 0x40);
    } else if ((cp >= 0x80 && cp < 0xA0) || is_bidi_control(static_cast<char32_t>(cp)) || cp == 0x2028 || cp == 0x2029) {
      out += fmt::format("<U+{:04X}>", cp);
    } else {
      append_utf8(out, cp);
    }
  }
  return out;
}

namespace {

bool is_closing_punctuation(std::string_view cluster) {
  static const char* const kClosing[] = {"，", "。", "、", "．", "：", "；", "！", "？", "）", "」", "』", "】",
                                         "〉", "》", "〕", "］", "｝", "”", "’", "…", "ー", "・"};
  return std::any_of(std::begin(kClosing), std::end(kClosing), [&](const char* mark) { return cluster == mark; });
}

// Words placed on lines of a width; a word wider than the line is broken
// between clusters.
class Wrapper {
 public:
  explicit Wrapper(int width) : width_(std::max(width, 1)) {}

  void add(const Cluster& c) {
    if (c.bytes == "\n") {
      place_word();
      flush_line();
    } else if (c.bytes == " ") {
      place_word();
    } else {
      word_.append(c.bytes);
      word_width_ += c.width;
    }
  }

  std::vector<std::string> finish() {
    place_word();
    if (!line_.empty() || lines_.empty()) flush_line();
    return std::move(lines_);
  }

 private:
  void flush_line() {
    while (!line_.empty() && line_.back() == ' ') {
      line_.pop_back();
      --line_width_;
    }
    lines_.push_back(line_);
    line_.clear();
    line_width_ = 0;
  }

  void place_word() {
    if (word_.empty()) return;
    int gap = line_.empty() ? 0 : 1;
    if (line_width_ + gap + word_width_ > width_ && !line_.empty()) flush_line(), gap = 0;
    if (word_width_ <= width_ - line_width_ - gap) {
      if (gap) line_ += ' ', ++line_width_;
      line_ += word_;
      line_width_ += word_width_;
    } else {
      break_word();
    }
    word_.clear();
    word_width_ = 0;
  }

  // A word longer than the line. No line starts with closing punctuation
  // (CJK line breaking): the character before it goes down too.
  void break_word() {
    std::string last;  // the last cluster placed, which a closing mark may take down with it
    int last_width = 0;
    for (const Cluster& c : clusters(word_)) {
      if (line_width_ + c.width > width_ && !line_.empty()) {
        if (is_closing_punctuation(c.bytes) && !last.empty() && line_.size() > last.size()) {
          line_.erase(line_.size() - last.size());
          line_width_ -= last_width;
          flush_line();
          line_ = last;
          line_width_ = last_width;
        } else {
          flush_line();
        }
      }
      line_.append(c.bytes);
      line_width_ += c.width;
      last = std::string(c.bytes);
      last_width = c.width;
    }
  }

  int width_;
  std::vector<std::string> lines_;
  std::string line_, word_;
  int line_width_ = 0, word_width_ = 0;
};

}  // namespace

std::vector<std::string> wrap_text(std::string_view text, int width) {
  Wrapper wrapper(width);
  for (const Cluster& c : clusters(text)) wrapper.add(c);
  return wrapper.finish();
}

int edit_distance(std::string_view a, std::string_view b, int limit) {
  // Optimal string alignment: insertions, deletions, substitutions and
  // swaps of two neighbours each cost one. Only the band of cells within
  // limit of the diagonal can stay within the limit (the rest count as
  // limit + 1); three rows (a swap looks two back), and out as soon as a
  // whole row is past the limit.
  if (limit < 0) return 0;
  auto size_gap = static_cast<long>(a.size()) - static_cast<long>(b.size());
  if (size_gap > limit || -size_gap > limit) return limit + 1;
  const int far = limit + 1;
  const long m = static_cast<long>(b.size());
  // Each edit moves at most two bytes in or out of the multiset of bytes,
  // so half the multiset difference is a lower bound: most names of the
  // wrong letters are out before the table is begun.
  thread_local std::array<int, 256> tally{};
  for (unsigned char c : a) ++tally[c];
  for (unsigned char c : b) --tally[c];
  int moved = 0;
  for (unsigned char c : a) moved += std::abs(tally[c]), tally[c] = 0;
  for (unsigned char c : b) moved += std::abs(tally[c]), tally[c] = 0;
  if ((moved + 1) / 2 > limit) return far;
  // Rows kept between calls: a look-up scores every stored name.
  thread_local std::vector<int> before, previous, current;
  before.assign(b.size() + 1, far);
  previous.assign(b.size() + 1, far);
  current.assign(b.size() + 1, far);
  for (long j = 0; j <= std::min<long>(m, limit); ++j) previous[j] = static_cast<int>(j);
  for (long i = 1; i <= static_cast<long>(a.size()); ++i) {
    long lo = std::max<long>(1, i - limit), hi = std::min<long>(m, i + limit);
    // The cells just outside the band are read by this row and the next.
    current[lo - 1] = lo == 1 && i <= limit ? static_cast<int>(i) : far;
    if (hi + 1 <= m) current[hi + 1] = far;
    int row_min = current[lo - 1];
    for (long j = lo; j <= hi; ++j) {
      int cell = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cell = std::min(cell, before[j - 2] + 1);
      current[j] = std::min(cell, far);
      row_min = std::min(row_min, current[j]);
    }
    if (row_min > limit) return far;
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return std::min(previous[b.size()], far);
}

bool is_bidi_control(char32_t cp) {
  return (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069) || cp == 0x200E || cp == 0x200F ||
         cp == 0x061C;
}

void append_utf8(std::string& out, char32_t code_point) {
  utf8proc_uint8_t buf[4];
  auto n = utf8proc_encode_char(static_cast<utf8proc_int32_t>(code_point), buf);
  out.append(reinterpret_cast<const char*>(buf), static_cast<std::size_t>(n));
}

}  // namespace toolcmp
