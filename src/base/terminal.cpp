#include "toolcmp/base/terminal.h"

#include <sys/ioctl.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>
#include <utility>

#include "toolcmp/base/io.h"

namespace toolcmp {

namespace {

const Glyphs kUnicode{"\u00b7", "\u2014", "\u2014", "\u2500", "\u2502", "\u253c", "\u2192"};
const Glyphs kAscii{"-", "n/a", "-", "-", "|", "+", "->"};


}  // namespace

const Glyphs& OutputOptions::glyphs() const { return unicode ? kUnicode : kAscii; }

std::string OutputOptions::in_glyphs(std::string_view text) const {
  std::string out(text);
  if (unicode) return out;
  static const std::pair<const char*, const char*> kFallbacks[] = {
      {"\u2013", "-"}, {"\u2014", "-"}, {"\u00b7", "-"}, {"\u2192", "->"}, {"\u2026", "..."}};
  for (const auto& [glyph, ascii] : kFallbacks) {
    std::string_view from(glyph);
    for (std::size_t at = 0; (at = out.find(from, at)) != std::string::npos; at += std::strlen(ascii)) {
      out.replace(at, from.size(), ascii);
    }
  }
  return out;
}

std::string OutputOptions::paint(std::string_view text, Style style) const {
  if (!color || style == Style::Plain || text.empty()) return std::string(text);
  const char* code = "";
  switch (style) {
    case Style::Dim: code = "2"; break;
    case Style::Bold: code = "1"; break;
    case Style::Green: code = "32"; break;
    case Style::Red: code = "31"; break;
    case Style::Yellow: code = "33"; break;
    case Style::Plain: break;
  }
  return std::string("\x1b[") + code + "m" + std::string(text) + "\x1b[0m";
}

bool decide_color(ColorChoice choice, bool out_is_terminal) {
  if (choice != ColorChoice::Auto) return choice == ColorChoice::Always;
  if (env("NO_COLOR")) return false;
  if (const char* force = env("CLICOLOR_FORCE")) return std::strcmp(force, "0") != 0;
  return out_is_terminal;
}

bool locale_is_utf8() {
  const char* value = env("LC_ALL");
  if (!value) value = env("LC_CTYPE");
  if (!value) value = env("LANG");
  if (!value) return false;
  std::string lower;
  for (const char* p = value; *p; ++p) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(*p)));
  return lower.find("utf-8") != std::string::npos || lower.find("utf8") != std::string::npos;
}

int decide_width(int flag_width, bool out_is_terminal) {
  if (flag_width > 0) return flag_width;
  struct winsize size {};
  if (out_is_terminal && ::ioctl(STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0) return size.ws_col;
  if (const char* columns = env("COLUMNS")) {
    int value = std::atoi(columns);
    if (value >= 20 && value <= 1000) return value;
  }
  return 80;
}

}  // namespace toolcmp
