// Color, locale and width decisions, and the glyphs each output uses.
#include <catch2/catch.hpp>

#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "toolcmp/base/terminal.h"

using toolcmp::ColorChoice;
using toolcmp::decide_color;

namespace {

// Sets or clears environment variables for one test and puts them back.
class ScopedEnv {
 public:
  ScopedEnv(std::initializer_list<std::pair<const char*, const char*>> values) {
    for (const auto& [name, value] : values) {
      const char* old = std::getenv(name);
      saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
      if (value) {
        ::setenv(name, value, 1);
      } else {
        ::unsetenv(name);
      }
    }
  }
  ~ScopedEnv() {
    for (const auto& [name, value] : saved_) {
      if (value) {
        ::setenv(name.c_str(), value->c_str(), 1);
      } else {
        ::unsetenv(name.c_str());
      }
    }
  }
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

}  // namespace

TEST_CASE("the --color flag wins over the environment and the terminal") {
  ScopedEnv env{{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}};
  CHECK(decide_color(ColorChoice::Always, false));
  CHECK_FALSE(decide_color(ColorChoice::Never, true));
}

TEST_CASE("auto color: NO_COLOR then CLICOLOR_FORCE then the terminal") {
  {
    ScopedEnv env{{"NO_COLOR", nullptr}, {"CLICOLOR_FORCE", nullptr}};
    CHECK(decide_color(ColorChoice::Auto, true));
    CHECK_FALSE(decide_color(ColorChoice::Auto, false));
  }
  {
    ScopedEnv env{{"NO_COLOR", "1"}, {"CLICOLOR_FORCE", "1"}};
    CHECK_FALSE(decide_color(ColorChoice::Auto, true));
  }
  {
    ScopedEnv env{{"NO_COLOR", ""}, {"CLICOLOR_FORCE", "1"}};  // an empty NO_COLOR is not set
    CHECK(decide_color(ColorChoice::Auto, false));
  }
  {
    ScopedEnv env{{"NO_COLOR", nullptr}, {"CLICOLOR_FORCE", "0"}};
    CHECK_FALSE(decide_color(ColorChoice::Auto, true));
  }
}

TEST_CASE("UTF-8 output follows LC_ALL then LC_CTYPE then LANG") {
  {
    ScopedEnv env{{"LC_ALL", "C"}, {"LC_CTYPE", "en_US.UTF-8"}, {"LANG", "en_US.UTF-8"}};
    CHECK_FALSE(toolcmp::locale_is_utf8());
  }
  {
    ScopedEnv env{{"LC_ALL", nullptr}, {"LC_CTYPE", "de_DE.utf8"}, {"LANG", "C"}};
    CHECK(toolcmp::locale_is_utf8());
  }
  {
    ScopedEnv env{{"LC_ALL", nullptr}, {"LC_CTYPE", nullptr}, {"LANG", nullptr}};
    CHECK_FALSE(toolcmp::locale_is_utf8());
  }
}

TEST_CASE("width: --width, else COLUMNS within 20-1000, else 80") {
  {
    ScopedEnv env{{"COLUMNS", "132"}};
    CHECK(toolcmp::decide_width(60, false) == 60);
    CHECK(toolcmp::decide_width(0, false) == 132);
  }
  for (const char* odd : {"5", "100000", "wide", ""}) {
    ScopedEnv env{{"COLUMNS", odd}};
    CHECK(toolcmp::decide_width(0, false) == 80);
  }
}

TEST_CASE("paint adds SGR codes only with color and only around text") {
  toolcmp::OutputOptions plain;
  CHECK(plain.paint("Ship", toolcmp::Style::Green) == "Ship");
  toolcmp::OutputOptions colored;
  colored.color = true;
  CHECK(colored.paint("Ship", toolcmp::Style::Green) == "\x1b[32mShip\x1b[0m");
  CHECK(colored.paint("", toolcmp::Style::Red).empty());
  CHECK(colored.paint("x", toolcmp::Style::Plain) == "x");
}

TEST_CASE("ASCII output uses no byte above 127") {
  toolcmp::OutputOptions ascii;
  ascii.unicode = false;
  const toolcmp::Glyphs& glyphs = ascii.glyphs();
  for (const char* glyph : {glyphs.dot, glyphs.missing, glyphs.em_dash, glyphs.horizontal, glyphs.vertical,
                            glyphs.cross}) {
    for (const char* p = glyph; *p; ++p) CHECK(static_cast<unsigned char>(*p) < 128);
  }
  toolcmp::OutputOptions unicode;
  CHECK(std::string(unicode.glyphs().dot) == "\u00b7");
}
