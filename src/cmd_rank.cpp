// rank [filters]: tools in the order compare decides.
#include <CLI/CLI.hpp>

#include <memory>

#include "command.h"
#include "list_filters.h"
#include "loader.h"
#include "toolcmp/compare.h"
#include "toolcmp/store.h"

namespace toolcmp {

namespace {

void run(Context& ctx, const ListFilters& f) {
  Store store(ctx.db_path, Store::Access::Read);
  auto limit = static_cast<std::size_t>(f.limit);
  LineRanking ranking(limit, f.reverse);
  if (limit == 0) ranking.reserve(static_cast<std::size_t>(store.count_tools(f.category_name())));
  each_summary_report(store, f.category_name(), [&](ToolReport report) {
    ToolLine line = tool_line(report);
    if (f.keep(line)) ranking.offer(std::move(line));
  });
  print_lines(ctx, store, ranking.take(), {true, false, f.empty_message(store)});
}

}  // namespace

Runner setup_rank(CLI::App& command) {
  auto f = std::make_shared<ListFilters>();
  f->add_to(command, "Show the top N only (with --reverse, the bottom N)");
  command.footer("Ranks by panel ship %, then mean score, then community ship %, as compare decides; a present\n"
                 "figure beats a missing one.\n\n"
                 "Examples:\n  toolcmp rank --limit 10\n  toolcmp rank --category 'Developer Tools' --json\n"
                 "  toolcmp rank --reverse --limit 3");
  return [f](Context& ctx) { run(ctx, *f); };
}

}  // namespace toolcmp
