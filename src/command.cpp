// Helpers every command shares.
#include "command.h"

#include <istream>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include "loader.h"
#include "toolcmp/error.h"
#include "toolcmp/json.h"
#include "toolcmp/text.h"

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

}  // namespace toolcmp
