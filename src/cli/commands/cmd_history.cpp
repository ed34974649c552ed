// history TOOL [--persona P]: every review of a tool, oldest first.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/command.h"
#include "toolcmp/formats/chart.h"
#include "toolcmp/base/error.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

struct Options {
  std::string tool, persona;
  CLI::Option* persona_option = nullptr;
  bool chart = false;
};

void run(Context& ctx, const Options& o) {
  if (o.chart && ctx.json) throw UsageError("--chart draws in the terminal; leave out --json");
  Store store(ctx.db_path, Store::Access::Read);
  NamedRow tool = resolve_name(store, NameTable::Tool, o.tool);
  std::optional<std::int64_t> persona;
  if (o.persona_option->count()) persona = resolve_name(store, NameTable::Persona, o.persona, Removed::Include).id;
  std::vector<Review> reviews = store.panel().history(tool.id, persona);
  if (ctx.json) {
    ctx.out << dump_json(history_json(tool.name, reviews));
  } else if (o.chart) {
    ctx.out << render_history_chart(reviews, ctx.output);
  } else {
    ctx.out << render_history(reviews, ctx.output);
  }
}

}  // namespace

Runner setup_history(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool")->required();
  o->persona_option = command.add_option("--persona", o->persona, "Only this persona's reviews")->type_name("P");
  command.add_flag("--chart", o->chart, "Per persona, a line of its scores over time with a mark for each verdict");
  command.footer("Examples:\n  toolcmp history SmolLM3\n  toolcmp history SmolLM3 --chart\n  toolcmp history SmolLM3 --persona Skeptic --json");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
