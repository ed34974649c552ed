// compare: the side-by-side decision.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

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
#include "toolcmp/store.h"
#include "toolcmp/text.h"

namespace toolcmp {

Runner setup_compare(CLI::App& command) {
  struct Options {
    std::vector<std::string> tools;
    bool brief = false;
    std::string format = "table";
  };
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tools, "Two or more tools")->required()->expected(2, 1 << 20);
  command.add_flag("--brief", o->brief, "Leave out the review texts");
  command.add_option("--format", o->format, "table, or markdown for a comparison page that 'import' reads back")
      ->type_name("FORMAT")
      ->check(choices::one_of(choices::kCompareFormats));
  command.footer("Recommends the tool with the highest panel ship %, then mean score, then community ship %.\n\n"
                 "Examples:\n  toolcmp compare SmolLM3 'Code Llama 4'\n"
                 "  toolcmp compare smollm3 code-llama-4 mistral-3b --brief\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --format markdown > page.md\n"
                 "  toolcmp compare SmolLM3 'Code Llama 4' --json | jq -r .recommendation.tool");
  return [o](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    std::vector<std::int64_t> seen;
    for (const std::string& name : o->tools) {
      NamedRow tool = resolve_name(store, NameTable::Tool, name);
      if (std::find(seen.begin(), seen.end(), tool.id) != seen.end()) {
        throw UsageError(fmt::format("'{}' is named twice; compare needs different tools",
                                     sanitize_for_terminal(tool.name)));
      }
      seen.push_back(tool.id);
    }
    Comparison comparison = load_comparison(store, seen);
    if (ctx.json) {
      ctx.out << dump_json(compare_json(comparison));
    } else if (o->format == "markdown") {
      ctx.out << render_compare_markdown(comparison);
    } else {
      ctx.out << render_compare(comparison, ctx.output, o->brief);
    }
  };
}

}  // namespace toolcmp
