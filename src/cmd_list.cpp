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

// JSON carries each tool's whole report, texts too: loaded again one tool
// at a time and written out, so that memory stays flat.
void print_reports(Context& ctx, Store& store, const std::vector<ToolReport>& reports, bool ranked) {
  if (!ctx.json) {
    ctx.out << render_tool_list(reports, ctx.output, ranked);
    return;
  }
  ToolListJson json(ctx.out);
  for (const ToolReport& report : reports) json.add(load_report(store, report.tool.id));
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
      ->check(CLI::IsMember(choices::kListSort));
  command.footer("Examples:\n  toolcmp list --sort ship\n  toolcmp list --category 'Developer Tools' --json");
  return [o](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    std::vector<ToolReport> reports;
    each_summary_report(store, optional_flag(o->category_option, o->category),
                        [&](ToolReport report) { reports.push_back(std::move(report)); });
    sort_reports(reports, o->sort);
    print_reports(ctx, store, reports, false);
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
    // Only each tool's figures are kept while all are ranked; the top ones
    // are loaded again whole.
    std::vector<std::pair<RankKey, std::int64_t>> keys;
    each_summary_report(store, optional_flag(o->category_option, o->category),
                        [&](ToolReport report) { keys.emplace_back(rank_key(report), report.tool.id); });
    std::size_t count = o->limit > 0 ? std::min(keys.size(), static_cast<std::size_t>(o->limit)) : keys.size();
    auto better = [](const auto& a, const auto& b) { return compare_keys(a.first, b.first, Missing::RanksLower) > 0; };
    std::stable_sort(keys.begin(), keys.end(), better);  // ties keep name order
    std::vector<ToolReport> ranked;
    for (std::size_t i = 0; i < count; ++i) {
      ranked.push_back(load_report(store, keys[i].second));
      ranked.back().reviews = {};  // the table needs only the figures; JSON loads them again
    }
    print_reports(ctx, store, ranked, true);
  };
}

}  // namespace toolcmp
