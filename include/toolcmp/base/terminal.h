// What the output may use: color, Unicode borders, width. Decided once
// per run from flags and the environment, then passed to the renderers.
#pragma once

#include <string>
#include <string_view>

namespace toolcmp {

enum class Style { Plain, Dim, Bold, Green, Red, Yellow };

struct Glyphs {
  const char* dot;         // joins a verdict and its figures: "·", or "-" in ASCII
  const char* missing;     // a missing value: "—", or "n/a" in ASCII
  const char* em_dash;     // "—", or "-" in ASCII
  const char* horizontal;  // rules
  const char* vertical;    // column separator
  const char* cross;       // where they meet
  const char* arrow;       // then to now: "→", or "->" in ASCII
};

struct OutputOptions {
  bool color = false;
  bool unicode = true;
  int width = 80;
  bool quiet = false;

  const Glyphs& glyphs() const;
  std::string paint(std::string_view text, Style style) const;  // no-op without color
  // Text the model wrote with Unicode glyphs (the en dash of "[30–95]",
  // "·", "—", "→"), with their ASCII forms when the locale is not UTF-8.
  std::string in_glyphs(std::string_view text) const;
};

enum class ColorChoice { Auto, Always, Never };

// --color, then NO_COLOR, then CLICOLOR_FORCE, then whether out is a terminal.
bool decide_color(ColorChoice choice, bool out_is_terminal);
// LC_ALL, else LC_CTYPE, else LANG names a UTF-8 codeset.
bool locale_is_utf8();
// --width, else the terminal's width, else COLUMNS, else 80.
int decide_width(int flag_width, bool out_is_terminal);
// --no-wrap: a width no text reaches.
inline constexpr int kUnlimitedWidth = 1 << 20;

}  // namespace toolcmp
