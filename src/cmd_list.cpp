// list and rank.
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
#include "toolcmp/render.h"
#include "toolcmp/names.h"
#include "toolcmp/store.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

namespace {

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

// JSON carries each tool's whole report, texts too: loaded again one tool
// at a time and written out, so that memory stays flat.
void print_lines(Context& ctx, Store& store, const std::vector<ToolLine>& lines, const ToolListView& view) {
  if (!ctx.json) {
    render_tool_list(lines, ctx.output, view, ctx.out);
    return;
  }
  ToolListJson json(ctx.out);
  for (const ToolLine& line : lines) json.add(load_report(store, line.id));
  json.finish();
}

// What list and rank share: the category, the filters, --limit, --reverse.
struct Filters {
  std::string category, verdict, min_score;
  CLI::Option *category_option = nullptr, *verdict_option = nullptr, *min_score_option = nullptr;
  int limit = 0;
  bool reverse = false;

  std::optional<std::string> category_name() const {
    return category_option->count() ? std::optional<std::string>(category) : std::nullopt;
  }
  bool keep(const ToolLine& line) const {
    if (verdict_option->count()) {
      PanelVerdict wanted = parse_verdict(verdict) == Verdict::Ship ? PanelVerdict::Ship : PanelVerdict::Skip;
      if (line.panel.verdict != wanted) return false;
    }
    if (min_score_option->count() && (!line.panel.mean_score || *line.panel.mean_score < parse_score(min_score))) {
      return false;
    }
    return true;
  }
};

void add_filter_options(CLI::App& command, Filters& f, const char* limit_help) {
  f.category_option = command.add_option("--category", f.category, "Only tools in this category (any case)")
                          ->type_name("C");
  f.verdict_option = command.add_option("--verdict", f.verdict, "Only tools whose panel says ship, or skip")
                         ->type_name("ship|skip")
                         ->check(choices::one_of(choices::kVerdicts));
  f.min_score_option = command.add_option("--min-score", f.min_score, "Only tools with a mean score of at least N")
                           ->type_name("N")
                           ->check(choices::whole_number(0, 100));
  command.add_option("--limit", f.limit, limit_help)->type_name("N")->check(choices::whole_number(1, 1000000000));
  command.add_flag("--reverse", f.reverse, "The other way round");
}

// Nothing listed: say why, and offer the categories near a mistyped one.
std::string empty_message(Store& store, const Filters& f) {
  if (auto category = f.category_name()) {
    std::vector<std::string> all = store.categories();
    bool exists = std::any_of(all.begin(), all.end(),
                              [&](const std::string& c) { return name_key(c) == name_key(*category); });
    if (!exists) {
      return fmt::format("No tool is in category '{}'{}", *category, did_you_mean(suggest(*category, all)));
    }
  }
  if (f.verdict_option->count() || f.min_score_option->count()) return "No tool matches these filters.";
  if (f.category_option->count()) return fmt::format("No tool in category '{}'.", f.category);
  return "No tools yet; add one with 'toolcmp add NAME'.";
}

}  // namespace

Runner setup_list(CLI::App& command) {
  struct Options {
    Filters filters;
    std::string sort = "name";
  };
  auto o = std::make_shared<Options>();
  add_filter_options(command, o->filters, "Show the first N only");
  command.add_option("--sort", o->sort, "Order: name, ship, score or updated (newest first)")
      ->type_name("KEY")
      ->check(choices::one_of(choices::kListSort));
  command.footer("Examples:\n  toolcmp list --sort ship --verdict ship\n"
                 "  toolcmp list --category 'Developer Tools' --min-score 70 --json\n"
                 "  toolcmp list --sort updated --limit 10");
  return [o](Context& ctx) {
    const Filters& f = o->filters;
    Store store(ctx.db_path, Store::Access::Read);
    std::vector<ToolLine> lines;
    lines.reserve(static_cast<std::size_t>(store.count_tools(f.category_name())));  // no copies as it grows
    each_summary_report(store, f.category_name(), [&](ToolReport report) {
      ToolLine line = tool_line(report);
      if (f.keep(line)) lines.push_back(std::move(line));
    });
    sort_lines_by(lines, o->sort);
    if (f.reverse) std::reverse(lines.begin(), lines.end());
    if (f.limit > 0 && lines.size() > static_cast<std::size_t>(f.limit)) lines.resize(static_cast<std::size_t>(f.limit));
    print_lines(ctx, store, lines, {false, o->sort == "updated", empty_message(store, f)});
  };
}

Runner setup_rank(CLI::App& command) {
  auto f = std::make_shared<Filters>();
  add_filter_options(command, *f, "Show the top N only (with --reverse, the bottom N)");
  command.footer("Ranks by panel ship %, then mean score, then community ship %, as compare decides; a present\n"
                 "figure beats a missing one.\n\n"
                 "Examples:\n  toolcmp rank --limit 10\n  toolcmp rank --category 'Developer Tools' --json\n"
                 "  toolcmp rank --reverse --limit 3");
  return [f](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    auto limit = static_cast<std::size_t>(f->limit);
    LineRanking ranking(limit, f->reverse);
    if (limit == 0) ranking.reserve(static_cast<std::size_t>(store.count_tools(f->category_name())));
    each_summary_report(store, f->category_name(), [&](ToolReport report) {
      ToolLine line = tool_line(report);
      if (f->keep(line)) ranking.offer(std::move(line));
    });
    print_lines(ctx, store, ranking.take(), {true, false, empty_message(store, *f)});
  };
}

}  // namespace toolcmp
