// list [--sort KEY] [filters]
#include <CLI/CLI.hpp>

#include <algorithm>
#include <memory>

#include "cli/choices.h"
#include "cli/validators.h"
#include "cli/command.h"
#include "cli/list_filters.h"
#include "toolcmp/app/loader.h"
#include "toolcmp/model/compare.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

struct Options {
  ListFilters filters;
  std::string sort = "name";
  TimeOptions time;
};

// Descending by a figure that may be missing; missing last.
bool higher(const std::optional<double>& a, const std::optional<double>& b) {
  if (a && b) return *a > *b;
  return a.has_value() && !b.has_value();
}

void sort_lines_by(std::vector<ToolLine>& lines, const std::string& key) {
  if (key == "name") return;  // the store returns them by name
  sort_lines(lines, [&](const ToolLine& a, const ToolLine& b) {
    if (key == "ship") return higher(a.panel.ship_pct, b.panel.ship_pct);
    if (key == "score") return higher(a.panel.mean_score, b.panel.mean_score);
    return a.updated_at > b.updated_at;
  });
}

void run(Context& ctx, const Options& o) {
  const ListFilters& f = o.filters;
  PickRule rule;
  o.time.apply(rule);
  Store store(ctx.db_path, Store::Access::Read);
  measure_habits(store, rule);  // the adjusted mean, as compare shows it
  std::vector<ToolLine> lines;
  lines.reserve(static_cast<std::size_t>(store.panel().count_tools(f.category_name())));  // no copies as it grows
  each_summary_report(
      store, f.category_name(),
      [&](ToolReport report) {
        ToolLine line = tool_line(report);
        if (f.keep(line)) lines.push_back(std::move(line));
      },
      rule);
  sort_lines_by(lines, o.sort);
  if (f.reverse) std::reverse(lines.begin(), lines.end());
  if (f.limit > 0 && lines.size() > static_cast<std::size_t>(f.limit)) lines.resize(static_cast<std::size_t>(f.limit));
  if (!ctx.json) ctx.out << as_of_line(rule);
  print_lines(ctx, store, lines, {false, o.sort == "updated", f.empty_message(store), {}, rule});
}

}  // namespace

Runner setup_list(CLI::App& command) {
  auto o = std::make_shared<Options>();
  o->filters.add_to(command, "Show the first N only");
  command.add_option("--sort", o->sort, "Order: name, ship, score or updated (newest first)")
      ->type_name("KEY")
      ->check(choices::one_of(choices::kListSort));
  o->time.add_to(command);
  command.footer("Examples:\n  toolcmp list --sort ship --verdict ship\n"
                 "  toolcmp list --category 'Developer Tools' --min-score 70 --json\n"
                 "  toolcmp list --sort updated --limit 10");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
