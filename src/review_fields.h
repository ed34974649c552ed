// The options review and review edit share: verdict, score, text or a
// text file, and the date.
#pragma once

#include <string>

#include "command.h"
#include "toolcmp/model.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace toolcmp {

struct ReviewFieldOptions {
  std::string verdict, score, text, text_file, at;
  CLI::Option *verdict_option = nullptr, *score_option = nullptr, *text_option = nullptr,
              *file_option = nullptr, *at_option = nullptr;

  void add_to(CLI::App& command);
  bool any_given() const;
  // Sets on review the fields that were given; --score '' clears the
  // score, --text '' the text.
  void apply(Context& ctx, Review& review) const;
};

}  // namespace toolcmp
