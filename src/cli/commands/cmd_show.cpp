// show NAME: a tool's card, panel and current reviews.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/command.h"
#include "toolcmp/app/loader.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

struct Options {
  std::string name;
  TimeOptions time;
};

void run(Context& ctx, const Options& o) {
  Store store(ctx.db_path, Store::Access::Read);
  PickRule rule;
  o.time.apply(rule);
  measure_habits(store, rule);  // the adjusted mean, as compare shows it
  ToolReport report = load_report(store, resolve_name(store, NameTable::Tool, o.name).id, rule);
  if (ctx.json) {
    ctx.out << dump_json(show_json(report));
  } else {
    ctx.out << as_of_line(rule) << render_show(report, store.panel().personas(false), rule, ctx.output);
  }
}

}  // namespace

Runner setup_show(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("NAME", o->name, "The tool to show")->required();
  o->time.add_to(command);
  command.footer("Examples:\n  toolcmp show smollm3\n  toolcmp show 'Code Llama 4' --json");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
