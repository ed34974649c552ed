// Helpers every command shares.
#include "command.h"

#include <istream>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "loader.h"
#include "validators.h"
#include "toolcmp/error.h"
#include "toolcmp/json.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

void print_written_tool(Context& ctx, Store& store, std::int64_t tool_id, const std::string& message) {
  if (ctx.json) {
    ctx.out << dump_json(show_json(load_report(store, tool_id)));
  } else {
    print_done(ctx, message);
  }
}

void confirm_removal(Context& ctx, const std::string& what, bool yes) {
  if (yes) return;
  if (!ctx.stdin_is_terminal) throw UsageError(fmt::format("refusing to remove {} without --yes", what));
  ctx.err << "Remove " << what << "? [y/N] " << std::flush;
  std::string answer;
  std::getline(ctx.in, answer);
  if (answer != "y" && answer != "Y" && answer != "yes") throw Error("nothing removed");
}

void print_done(Context& ctx, const std::string& message) {
  if (!ctx.output.quiet && !ctx.json) ctx.out << sanitize_for_terminal(message) << "\n";
}

void print_removed(Context& ctx, const char* kind, const std::string& key, const std::string& message) {
  if (ctx.json) {
    ctx.out << dump_json(removed_json(kind, key));
  } else {
    print_done(ctx, message);
  }
}

void add_decision_options(CLI::App& command, std::vector<std::string>& weights, int& min_verdicts) {
  command.add_option("--weight", weights, "What-if: weigh PERSONA's reviews W (0 leaves them out); writes nothing")
      ->type_name("PERSONA=W")
      ->allow_extra_args(false);
  command.add_option("--min-verdicts", min_verdicts, "A tool with fewer verdicts cannot win")
      ->type_name("N")
      ->check(choices::whole_number(1, 1000));
}

void AsOfOption::add_to(CLI::App& command) {
  option = command.add_option("--as-of", text, "The panel as it stood then: reviews and votes recorded by DATE")
               ->type_name("DATE");
}

std::optional<std::string> AsOfOption::value() const {
  if (!option || option->count() == 0) return std::nullopt;
  return parse_as_of(text);
}

}  // namespace toolcmp
