#include "cli/list_filters.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>

#include "cli/choices.h"
#include "cli/validators.h"
#include "toolcmp/app/loader.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/model/suggest.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

void ListFilters::add_to(CLI::App& command, const char* limit_help) {
  category_option = command.add_option("--category", category, "Only tools in this category (any case)")
                        ->type_name("C");
  verdict_option = command.add_option("--verdict", verdict, "Only tools whose panel says ship, or skip")
                       ->type_name("ship|skip")
                       ->check(choices::one_of(choices::kVerdicts));
  min_score_option = command.add_option("--min-score", min_score, "Only tools with a mean score of at least N")
                         ->type_name("N")
                         ->check(choices::whole_number(0, 100));
  command.add_option("--limit", limit, limit_help)->type_name("N")->check(choices::whole_number(1, 1000000000));
  command.add_flag("--reverse", reverse, "The other way round");
}

std::optional<std::string> ListFilters::category_name() const {
  return category_option->count() ? std::optional<std::string>(category) : std::nullopt;
}

bool ListFilters::keep(const ToolLine& line) const {
  if (verdict_option->count()) {
    PanelVerdict wanted = parse_verdict(verdict) == Verdict::Ship ? PanelVerdict::Ship : PanelVerdict::Skip;
    if (line.panel.verdict != wanted) return false;
  }
  if (min_score_option->count() && (!line.panel.mean_score || *line.panel.mean_score < parse_score(min_score))) {
    return false;
  }
  return true;
}

std::string ListFilters::empty_message(Store& store) const {
  if (auto name = category_name()) {
    std::vector<std::string> all = store.names().categories();
    bool exists = std::any_of(all.begin(), all.end(), [&](const std::string& c) { return name_key(c) == name_key(*name); });
    if (!exists) return fmt::format("No tool is in category '{}'{}", *name, did_you_mean(suggest(*name, all)));
  }
  if (verdict_option->count() || min_score_option->count()) return "No tool matches these filters.";
  if (category_option->count()) return fmt::format("No tool in category '{}'.", category);
  return "No tools yet; add one with 'toolcmp add NAME'.";
}

void print_lines(Context& ctx, Store& store, const std::vector<ToolLine>& lines, const ToolListView& view) {
  if (!ctx.json) {
    render_tool_list(lines, ctx.output, view, ctx.out);
    return;
  }
  ToolListJson json(ctx.out, &view.rule);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    json.add(load_report(store, lines[i].id, view.rule), view.places.empty() ? nullptr : &view.places[i]);
  }
  json.finish();
}

}  // namespace toolcmp
