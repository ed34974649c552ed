// list and rank.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <numeric>

#include "choices.h"
#include "validators.h"
#include "command.h"
#include "reports.h"
#include "toolcmp/compare.h"
#include "toolcmp/error.h"
#include "toolcmp/json.h"
#include "toolcmp/render.h"
#include "toolcmp/store.h"

namespace toolcmp {

namespace {

// Descending by a figure that may be missing; missing last.
bool higher(const std::optional<double>& a, const std::optional<double>& b) {
  if (a && b) return *a > *b;
  return a.has_value() && !b.has_value();
}

// A stable sort without a second copy of the lines (there may be a line
// for every tool): an order of indexes is sorted, then applied in place,
// one cycle of the permutation at a time.
template <typename Before>
void sort_lines(std::vector<ToolLine>& lines, Before before) {
  std::vector<std::size_t> order(lines.size());  // order[i]: the line that belongs at i
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return before(lines[a], lines[b]); });
  for (std::size_t start = 0; start < order.size(); ++start) {
    if (order[start] == start) continue;
    ToolLine held = std::move(lines[start]);
    std::size_t at = start;
    while (order[at] != start) {
      std::size_t from = order[at];
      lines[at] = std::move(lines[from]);
      order[at] = at;
      at = from;
    }
    lines[at] = std::move(held);
    order[at] = at;
  }
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
void print_lines(Context& ctx, Store& store, const std::vector<ToolLine>& lines, bool ranked) {
  if (!ctx.json) {
    render_tool_list(lines, ctx.output, ranked, ctx.out);
    return;
  }
  ToolListJson json(ctx.out);
  for (const ToolLine& line : lines) json.add(load_report(store, line.id));
  json.finish();
}

std::optional<std::string> optional_flag(const CLI::Option* option, const std::string& value) {
  return option->count() ? std::optional<std::string>(value) : std::nullopt;
}

}  // namespace

Runner setup_list(CLI::App& command) {
  struct Options {
    std::string category, sort = "name";
    CLI::Option* category_option = nullptr;
  };
  auto o = std::make_shared<Options>();
  o->category_option = command.add_option("--category", o->category, "Only tools in this category (any case)")
                           ->type_name("C");
  command.add_option("--sort", o->sort, "Order: name, ship, score or updated")
      ->type_name("KEY")
      ->check(choices::one_of(choices::kListSort));
  command.footer("Examples:\n  toolcmp list --sort ship\n  toolcmp list --category 'Developer Tools' --json");
  return [o](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    auto category = optional_flag(o->category_option, o->category);
    std::vector<ToolLine> lines;
    lines.reserve(static_cast<std::size_t>(store.count_tools(category)));  // no copies as it grows
    each_summary_report(store, category,
                        [&](ToolReport report) { lines.push_back(tool_line(report)); });
    sort_lines_by(lines, o->sort);
    print_lines(ctx, store, lines, false);
  };
}

Runner setup_rank(CLI::App& command) {
  struct Options {
    std::string category;
    CLI::Option* category_option = nullptr;
    int limit = 0;
  };
  auto o = std::make_shared<Options>();
  o->category_option = command.add_option("--category", o->category, "Only tools in this category (any case)")
                           ->type_name("C");
  command.add_option("--limit", o->limit, "Show the top N only")->type_name("N")->check(choices::whole_number(1, 1000000000));
  command.footer("Ranks by panel ship %, then mean score, then community ship %, as compare decides.\n\n"
                 "Examples:\n  toolcmp rank --limit 10\n  toolcmp rank --category 'Developer Tools' --json");
  return [o](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    // Best first; ties keep name order, the order the tools come in.
    auto better = [](const ToolLine& a, const ToolLine& b) {
      return compare_keys(rank_key(a), rank_key(b)) > 0;
    };
    auto category = optional_flag(o->category_option, o->category);
    auto limit = static_cast<std::size_t>(o->limit);
    std::vector<ToolLine> ranked;
    if (limit == 0) ranked.reserve(static_cast<std::size_t>(store.count_tools(category)));  // no copies as it grows
    each_summary_report(store, category, [&](ToolReport report) {
      ToolLine line = tool_line(report);
      if (limit == 0) {
        ranked.push_back(std::move(line));
        return;
      }
      // With --limit only the best so far are kept: memory stays flat.
      auto at = std::upper_bound(ranked.begin(), ranked.end(), line, better);
      if (ranked.size() == limit && at == ranked.end()) return;
      ranked.insert(at, std::move(line));
      if (ranked.size() > limit) ranked.pop_back();
    });
    if (limit == 0) sort_lines(ranked, better);
    print_lines(ctx, store, ranked, true);
  };
}

}  // namespace toolcmp
