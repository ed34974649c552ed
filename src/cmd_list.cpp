// list and rank.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "choices.h"
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

void sort_reports(std::vector<ToolReport>& reports, const std::string& key) {
  std::stable_sort(reports.begin(), reports.end(), [&](const ToolReport& a, const ToolReport& b) {
    if (key == "ship") return higher(a.panel.ship_pct, b.panel.ship_pct);
    if (key == "score") return higher(a.panel.mean_score, b.panel.mean_score);
    if (key == "updated") return a.tool.updated_at > b.tool.updated_at;
    return false;  // name: the store already returns them by name
  });
}

void print_reports(Context& ctx, const std::vector<ToolReport>& reports, bool ranked) {
  if (ctx.json) {
    ctx.out << dump_json(tools_json(reports));
  } else {
    ctx.out << render_tool_list(reports, ctx.output, ranked);
  }
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
      ->check(CLI::IsMember(choices::kListSort));
  command.footer("Examples:\n  toolcmp list --sort ship\n  toolcmp list --category 'Developer Tools' --json");
  return [o](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    std::vector<ToolReport> reports = load_reports(store, optional_flag(o->category_option, o->category));
    sort_reports(reports, o->sort);
    print_reports(ctx, reports, false);
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
  command.add_option("--limit", o->limit, "Show the top N only")->type_name("N")->check(CLI::PositiveNumber);
  command.footer("Ranks by panel ship %, then mean score, then community ship %, as compare decides.\n\n"
                 "Examples:\n  toolcmp rank --limit 10\n  toolcmp rank --category 'Developer Tools' --json");
  return [o](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    std::vector<ToolReport> reports = load_reports(store, optional_flag(o->category_option, o->category));
    std::vector<ToolReport> ranked;
    for (std::size_t index : rank_reports(reports)) {
      if (o->limit > 0 && ranked.size() >= static_cast<std::size_t>(o->limit)) break;
      ranked.push_back(std::move(reports[index]));
    }
    print_reports(ctx, ranked, true);
  };
}

}  // namespace toolcmp
