// rank [filters]: tools in the order compare decides.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/command.h"
#include "cli/list_filters.h"
#include "toolcmp/app/loader.h"
#include "toolcmp/formats/chart.h"
#include "toolcmp/model/compare.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

struct Options {
  ListFilters filters;
  std::vector<std::string> weights;
  int min_verdicts = 0;
  std::string rule;
  TimeOptions time;
  bool chart = false;
};

void run(Context& ctx, const Options& o) {
  const ListFilters& f = o.filters;
  if (o.chart && ctx.json) throw UsageError("--chart draws in the terminal; leave out --json");
  Store store(ctx.db_path, Store::Access::Read);
  PickRule rule;
  rule.weights = resolve_weights(store, o.weights);
  if (o.min_verdicts > 0) rule.min_verdicts = o.min_verdicts;
  rule.method = resolve_method(o.rule);
  o.time.apply(rule);
  measure_habits(store, rule);
  std::vector<Persona> panel = store.panel().personas(false);
  rule.panel_size = weigh_panel(panel, rule.weights);
  auto limit = static_cast<std::size_t>(f.limit);
  LineRanking ranking(limit, f.reverse, rule);
  if (limit == 0) ranking.reserve(static_cast<std::size_t>(store.panel().count_tools(f.category_name())));
  each_summary_report(
      store, f.category_name(),
      [&](ToolReport report) {
        ToolLine line = tool_line(report);
        if (f.keep(line)) ranking.offer(std::move(line));
      },
      rule, false);
  std::vector<ToolLine> lines = ranking.take();
  ToolListView view{true, false, f.empty_message(store), rank_places(lines, rule, &ranking.bounds()), rule};
  if (!ctx.json) ctx.out << as_of_line(rule) << what_if_line(rule.weights);
  if (o.chart) {
    render_rank_chart(lines, view, ctx.output, ctx.out);
    return;
  }
  print_lines(ctx, store, lines, view);
}

}  // namespace

Runner setup_rank(CLI::App& command) {
  auto o = std::make_shared<Options>();
  o->filters.add_to(command, "Show the top N only (with --reverse, the bottom N)");
  add_decision_options(command, o->weights, o->min_verdicts, o->rule);
  o->time.add_to(command);
  command.add_flag("--chart", o->chart, "Draw each tool's panel ship % and mean score as bars");
  command.footer("Ranks as compare decides: by the mean score with each persona's strictness taken out, then\n"
                 "panel ship %, then community ship % (--rule ship-first: ship %, then mean score); a present\n"
                 "figure beats a missing one. Tools no figure separates share a place (2=); Lead says how sure\n"
                 "each place above the next is: clear, narrow, provisional or tie.\n\n"
                 "Examples:\n  toolcmp rank --limit 10\n  toolcmp rank --category 'Developer Tools' --json\n"
                 "  toolcmp rank --weight Founder=2 --min-verdicts 3\n  toolcmp rank --reverse --limit 3");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
