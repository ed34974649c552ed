// Helpers every command shares.
#include "command.h"

#include <ostream>

#include "reports.h"
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

void print_done(Context& ctx, const std::string& message) {
  if (!ctx.output.quiet && !ctx.json) ctx.out << sanitize_for_terminal(message) << "\n";
}

}  // namespace toolcmp
