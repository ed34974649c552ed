// compare: the side-by-side decision.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "cli/choices.h"
#include "cli/validators.h"
#include "cli/authorship.h"
#include "cli/command.h"
#include "toolcmp/app/decisions.h"
#include "toolcmp/app/loader.h"
#include "cli/page_templates.h"
#include "toolcmp/formats/render_html.h"
#include "toolcmp/formats/chart.h"
#include "toolcmp/model/compare.h"
#include "toolcmp/base/error.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/model/sensitivity.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

struct Options {
  std::vector<std::string> tools;
  bool brief = false;
  std::string format = "table";
  std::vector<std::string> weights;
  int min_verdicts = 0;
  std::string rule;
  bool explain = false;
  bool chart = false;
  std::string template_dir;
  CLI::Option* template_option = nullptr;
  TimeOptions time;
  std::string save, pick;
  CLI::Option* save_option = nullptr;
  CLI::Option* pick_option = nullptr;
  std::string status = "proposed";
  CLI::Option* status_option = nullptr;
};

// compare --save: the comparison just made, kept as a proposed decision
// whose pick is the recommendation (or --pick). Refused when nothing is
// recommended and --pick names nothing.
void save(Context& ctx, Store& store, const Comparison& comparison, const Options& o) {
  std::size_t pick = comparison.tools.size();
  std::string wanted;
  if (o.pick_option->count()) {
    wanted = resolve_name(store, NameTable::Tool, o.pick).name;
  } else if (comparison.recommendation.tool) {
    wanted = *comparison.recommendation.tool;
  } else {
    throw Error(fmt::format("not saved: {}; name the pick with --pick TOOL to record it anyway",
                            sanitize_for_terminal(comparison.recommendation.reason)));
  }
  for (std::size_t i = 0; i < comparison.tools.size(); ++i) {
    if (comparison.tools[i].tool.name == wanted) pick = i;
  }
  if (pick == comparison.tools.size()) {
    throw UsageError(fmt::format("--pick '{}' is not one of the tools compared", sanitize_for_terminal(o.pick)));
  }
  Decision decision = make_decision(store, comparison, pick, o.save, comparison.rule.now);
  decision.status = parse_decision_status(o.status);
  save_decision(store, decision);
  decision.author = store.author();
  record_change(store, "compare --save", fmt::format("decision {} '{}'", decision.id, decision.title), nullptr,
                decision_json(decision));
  if (!ctx.json && !ctx.output.quiet) {
    ctx.err << sanitize_for_terminal(fmt::format("Saved as decision {} '{}' ({}): {}\n", decision.id, decision.title,
                                                 o.status, pick_over(decision)));
  }
}

void run(Context& ctx, const Options& o) {
  bool saving = o.save_option->count() > 0;
  if (o.pick_option->count() && !saving) throw UsageError("--pick goes with --save TITLE");
  if (o.status_option->count() && !saving) throw UsageError("--status goes with --save TITLE");
  if (saving && (o.time.as_of->count() || o.time.written_before->count())) throw UsageError("--save records the panel as it stands now; leave out --as-of");
  if (o.template_option->count() && o.format != "html") throw UsageError("--template goes with --format html");
  if (ctx.json && o.format != "table") {
    throw UsageError(fmt::format("--json and --format {} each choose the output; give one of them", o.format));
  }
  if (o.chart && (ctx.json || o.format != "table")) throw UsageError("--chart draws in the terminal; leave out --json and --format");
  Store store(ctx.db_path, saving ? Store::Access::Write : Store::Access::Read, saving && ctx.db_is_default);
  store.set_author(ctx.author);
  Comparison comparison;
  // Saved: the comparison is read in the same transaction that keeps it.
  auto compare = [&] {
    PickRule rule;
    rule.weights = resolve_weights(store, o.weights);
    if (o.min_verdicts > 0) rule.min_verdicts = o.min_verdicts;
    rule.method = resolve_method(o.rule);
    o.time.apply(rule);
    comparison = load_comparison(store, resolve_tools(store, o.tools), rule);
    if (o.explain) {
      comparison.sensitivity = sensitivity(comparison.tools, comparison.panel, comparison.rule);
      load_left_out(store, comparison);
    }
    if (saving) save(ctx, store, comparison, o);
  };
  saving ? store.write(compare) : compare();
  if (ctx.json) {
    ctx.out << dump_json(compare_json(comparison));
  } else if (o.format == "html") {
    ctx.out << PageRenderer(load_template_dir(ctx, o.template_dir)).compare_page(comparison, PageLinks{});
  } else if (o.format == "markdown") {
    ctx.out << render_compare_markdown(comparison);
  } else if (o.chart && !o.explain) {
    ctx.out << pick_summary_line(comparison.recommendation, ctx.output) << "\n"
            << render_compare_chart(comparison, ctx.output) << "\n"
            << as_of_line(comparison.rule) << what_if_line(comparison.rule.weights)
            << recommendation_line(comparison.recommendation, ctx.output);
  } else {
    ctx.out << render_compare(comparison, ctx.output, o.brief);
    if (o.explain) {
      ctx.out << render_explain(comparison, ctx.output) << "\n"
              << ctx.output.paint("Chart", Style::Bold) << "\n" << render_compare_chart(comparison, ctx.output);
    }
  }
}

}  // namespace

Runner setup_compare(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tools, "Two or more tools")->required()->expected(2, 1 << 20);
  command.add_flag("--brief", o->brief, "Leave out the review texts");
  command.add_option("--format", o->format, "table; markdown or html for a comparison page that 'import' reads back")
      ->type_name("FORMAT")
      ->check(choices::one_of(choices::kCompareFormats));
  o->template_option =
      command.add_option("--template", o->template_dir, "With --format html: page templates in DIR replace the built-in ones")
          ->type_name("DIR");
  add_decision_options(command, o->weights, o->min_verdicts, o->rule);
  o->time.add_to(command);
  command.add_flag("--chart", o->chart,
                   "Draw the scores and the panel ship % as bars, instead of the table (with --explain: as well)");
  command.add_flag("--explain", o->explain,
                   "Say how each figure was made and the smallest change of a weight or a verdict that turns the pick");
  o->save_option = command.add_option("--save", o->save, "Keep this comparison as a proposed decision titled TITLE")
                       ->type_name("TITLE");
  o->pick_option = command.add_option("--pick", o->pick, "With --save: the tool picked (default: the recommendation)")
                       ->type_name("TOOL");
  o->status_option = command.add_option("--status", o->status, "With --save: proposed (the default) or accepted")
                         ->type_name("STATUS")
                         ->check(CLI::IsMember(choices::kDecideStatuses));
  command.footer("Recommends the tool with the highest mean score once each persona's strictness is taken out\n"
                 "(--rule ship-first: panel ship % first), and says how sure the pick is: clear, narrow,\n"
                 "provisional or too close (see 'man toolcmp').\n\n"
                 "Examples:\n  toolcmp compare SmolLM3 'Code Llama 4'\n"
                 "  toolcmp compare smollm3 code-llama-4 mistral-3b --brief\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --weight Founder=3 --weight skeptic=0\n"
                 "  toolcmp compare 'Code Llama 4' 'Mistral 3B' --explain\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --chart\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --as-of 2026-06-30\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --format markdown > page.md\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --format html > page.html\n"
                 "  toolcmp compare 'Mistral 3B' 'Code Llama 4' --save 'Local code model'\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --json | jq -r .recommendation.tool");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
