// compare: the side-by-side decision.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "choices.h"
#include "validators.h"
#include "command.h"
#include "loader.h"
#include "toolcmp/compare.h"
#include "toolcmp/error.h"
#include "toolcmp/json.h"
#include "toolcmp/names.h"
#include "toolcmp/render.h"
#include "toolcmp/sensitivity.h"
#include "toolcmp/store.h"
#include "toolcmp/text.h"

namespace toolcmp {

namespace {

struct Options {
  std::vector<std::string> tools;
  bool brief = false;
  std::string format = "table";
  std::vector<std::string> weights;
  int min_verdicts = 0;
  bool explain = false;
  TimeOptions time;
};

// The tools' ids in the order typed; a tool named twice is a usage error.
std::vector<std::int64_t> resolve_tools(Store& store, const std::vector<std::string>& names) {
  std::vector<std::int64_t> ids;
  for (const std::string& name : names) {
    NamedRow tool = resolve_name(store, NameTable::Tool, name);
    if (std::find(ids.begin(), ids.end(), tool.id) != ids.end()) {
      throw UsageError(fmt::format("'{}' is named twice; compare needs different tools", sanitize_for_terminal(tool.name)));
    }
    ids.push_back(tool.id);
  }
  return ids;
}

void run(Context& ctx, const Options& o) {
  Store store(ctx.db_path, Store::Access::Read);
  DecisionRule rule;
  rule.weights = resolve_weights(store, o.weights);
  if (o.min_verdicts > 0) rule.min_verdicts = o.min_verdicts;
  o.time.apply(rule);
  Comparison comparison = load_comparison(store, resolve_tools(store, o.tools), rule);
  if (o.explain) {
    comparison.sensitivity = sensitivity(comparison.tools, comparison.panel, comparison.rule);
    load_left_out(store, comparison);
  }
  if (ctx.json) {
    ctx.out << dump_json(compare_json(comparison));
  } else if (o.format == "markdown") {
    ctx.out << render_compare_markdown(comparison);
  } else {
    ctx.out << render_compare(comparison, ctx.output, o.brief);
    if (o.explain) ctx.out << render_explain(comparison, ctx.output);
  }
}

}  // namespace

Runner setup_compare(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tools, "Two or more tools")->required()->expected(2, 1 << 20);
  command.add_flag("--brief", o->brief, "Leave out the review texts");
  command.add_option("--format", o->format, "table, or markdown for a comparison page that 'import' reads back")
      ->type_name("FORMAT")
      ->check(choices::one_of(choices::kCompareFormats));
  add_decision_options(command, o->weights, o->min_verdicts);
  o->time.add_to(command);
  command.add_flag("--explain", o->explain,
                   "Say how each figure was made and the smallest change of a weight or a verdict that turns the pick");
  command.footer("Recommends the tool with the highest panel ship %, then mean score, then community ship %, and\n"
                 "says how sure the pick is: clear, narrow, provisional or too close (see 'man toolcmp').\n\n"
                 "Examples:\n  toolcmp compare SmolLM3 'Code Llama 4'\n"
                 "  toolcmp compare smollm3 code-llama-4 mistral-3b --brief\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --weight Founder=3 --weight skeptic=0\n"
                 "  toolcmp compare 'Code Llama 4' 'Mistral 3B' --explain\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --as-of 2026-06-30\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --format markdown > page.md\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --json | jq -r .recommendation.tool");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
