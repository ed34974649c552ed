// What list and rank share: the category and verdict filters, --min-score,
// --limit and --reverse, the message when nothing matches, and printing
// the lines as a table or as JSON.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/command.h"
#include "toolcmp/model/model.h"
#include "toolcmp/formats/render.h"

namespace toolcmp {

class Store;

struct ListFilters {
  std::string category, verdict, min_score;
  CLI::Option *category_option = nullptr, *verdict_option = nullptr, *min_score_option = nullptr;
  int limit = 0;
  bool reverse = false;

  void add_to(CLI::App& command, const char* limit_help);
  std::optional<std::string> category_name() const;
  bool keep(const ToolLine& line) const;
  // Nothing listed: why, with the categories near a mistyped one.
  std::string empty_message(Store& store) const;
};

// The table, or JSON with each tool's whole report loaded again one tool
// at a time, so that memory stays flat.
void print_lines(Context& ctx, Store& store, const std::vector<ToolLine>& lines, const ToolListView& view);

}  // namespace toolcmp
