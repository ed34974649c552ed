// publish DIR: a static site of the panel. An index (the ranking), a page
// per tool, per saved decision and per --pair, all read on one snapshot.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "cli/command.h"
#include "toolcmp/app/decisions.h"
#include "toolcmp/app/loader.h"
#include "cli/page_templates.h"
#include "toolcmp/app/site.h"
#include "toolcmp/model/compare.h"
#include "toolcmp/base/error.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render_html.h"
#include "toolcmp/store/store.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

// publish's longest page name: "compare/" + a name of at most 200 bytes.
constexpr std::size_t kMaxPagePath = 208;

struct Options {
  std::string dir;
  std::vector<std::string> pairs;
  std::string template_dir;
  bool force = false;
  std::string rule;
};

// Stable file names, decided for the whole site before the first page is
// written: a name's slug, kept by the oldest row that has it; a later row
// with the same slug (or none) adds its id, and then -2, -3, ... until
// the name is free. Never two rows to one name, never a failure.
class Slugs {
 public:
  void assign(std::vector<std::pair<std::int64_t, std::string>> rows) {
    std::sort(rows.begin(), rows.end());
    std::unordered_set<std::string> taken;
    for (const auto& [id, name] : rows) {
      std::string base = slug(name);
      std::string chosen = base.empty() ? fmt::format("id-{}", id) : base;
      if (taken.count(chosen)) chosen = fmt::format("{}-{}", base.empty() ? "id" : base, id);
      for (int n = 2; taken.count(chosen); ++n) chosen = fmt::format("{}-{}-{}", base.empty() ? "id" : base, id, n);
      taken.insert(chosen);
      of_.emplace(id, std::move(chosen));
    }
  }
  const std::string& of(std::int64_t id) const { return of_.at(id); }

 private:
  std::unordered_map<std::int64_t, std::string> of_;
};

std::vector<std::vector<std::int64_t>> resolve_pairs(Store& store, const std::vector<std::string>& pairs) {
  std::vector<std::vector<std::int64_t>> resolved;
  std::set<std::vector<std::int64_t>> seen;
  for (const std::string& pair : pairs) {
    std::vector<std::string> names;
    std::size_t start = 0;
    for (std::size_t comma; (comma = pair.find(',', start)) != std::string::npos; start = comma + 1) {
      names.push_back(pair.substr(start, comma - start));
    }
    names.push_back(pair.substr(start));
    if (names.size() < 2) {
      throw UsageError(fmt::format("--pair '{}' names one tool; give two or more: --pair A,B", sanitize_for_terminal(pair)));
    }
    resolved.push_back(resolve_tools(store, names));
    if (!seen.insert(resolved.back()).second) {
      throw UsageError(fmt::format("--pair '{}' is given twice", sanitize_for_terminal(pair)));
    }
  }
  return resolved;
}

struct Site {
  Store& store;
  const PageRenderer& pages;
  SiteDir* dir;
  Slugs tools, decisions;
  std::vector<Persona> panel;

  std::string tool_path(std::int64_t id) const { return "tools/" + tools.of(id) + ".html"; }

  std::string pair_path(const std::vector<std::int64_t>& ids) const {
    std::string file;
    for (std::int64_t id : ids) file += (file.empty() ? "" : "-vs-") + tools.of(id);
    return "compare/" + file + ".html";
  }

  // Every page's name, before any is written; --pair names too long for
  // a page are a bad option (exit 2).
  std::vector<std::string> plan(const std::vector<std::vector<std::int64_t>>& pairs,
                                std::vector<std::pair<std::int64_t, std::string>>& titles) {
    std::vector<std::pair<std::int64_t, std::string>> rows;
    for (const NamedRow& row : store.all_names(NameTable::Tool)) rows.emplace_back(row.id, row.name);
    tools.assign(rows);
    store.each_decision(std::nullopt, std::nullopt, false,
                        [&](Decision decision) { titles.emplace_back(decision.id, decision.title); });
    decisions.assign(titles);
    std::vector<std::string> paths{"index.html", "style.css"};
    for (const auto& [id, name] : rows) paths.push_back(tool_path(id));
    for (const auto& [id, title] : titles) paths.push_back("decisions/" + decisions.of(id) + ".html");
    for (const std::vector<std::int64_t>& ids : pairs) {
      std::string path = pair_path(ids);
      if (path.size() > kMaxPagePath) {
        throw UsageError(fmt::format("--pair of {} tools makes a page name of {} bytes; the limit is {}: "
                                     "compare fewer tools at a time",
                                     ids.size(), path.size(), kMaxPagePath));
      }
      paths.push_back(std::move(path));
    }
    return paths;
  }

  PageLinks links(const std::string& root) const {
    PageLinks links;
    links.site = true;
    links.root = root;
    links.tool_page = [this](const Tool& tool) { return std::optional<std::string>(tool_path(tool.id)); };
    return links;
  }

  // Every tool's page; the ranking the index needs: ids and the figures
  // that order them, small for any number of tools (the index reads each
  // line again as it is written).
  std::vector<std::pair<std::int64_t, RankKey>> publish_tools(const DecisionRule& rule) {
    std::vector<std::pair<std::int64_t, RankKey>> ranking;
    ranking.reserve(static_cast<std::size_t>(store.count_tools(std::nullopt)));
    each_summary_report(
        store, std::nullopt,
        [&](ToolReport report) {
          ranking.emplace_back(report.tool.id, rank_key(report));
        },
        rule);
    PageLinks in_tools = links("../");
    for (const auto& [id, key] : ranking) {
      ToolReport report = load_report(store, id, rule);
      dir->put(tool_path(id), pages.tool_page(report, panel, store.history(id, std::nullopt), in_tools));
    }
    // Best first, ties in name order, as rank orders them.
    std::stable_sort(ranking.begin(), ranking.end(),
                     [&](const auto& a, const auto& b) { return compare_keys(a.second, b.second, rule.method) > 0; });
    return ranking;
  }

  // One decision loaded at a time: their snapshots hold whole comparisons.
  std::vector<IndexLink> publish_decisions(const std::vector<std::pair<std::int64_t, std::string>>& titles) {
    std::vector<IndexLink> index;
    for (const auto& [id, title] : titles) {
      std::optional<Decision> decision = store.load_decision(id);
      if (!decision) continue;
      std::string path = "decisions/" + decisions.of(id) + ".html";
      index.push_back({title, path, fmt::format("{}, {}", decision_status_name(decision->status),
                                                decision->decided_at.substr(0, 10))});
      DecisionView view = view_decision(store, std::move(*decision), std::nullopt, now_utc());
      dir->put(path, pages.decision_page(view, links("../")));
    }
    return index;
  }

  std::vector<IndexLink> publish_pairs(const std::vector<std::vector<std::int64_t>>& pairs, const DecisionRule& rule) {
    std::vector<IndexLink> index;
    for (const std::vector<std::int64_t>& ids : pairs) {
      Comparison comparison = load_comparison(store, ids, rule);
      std::string title;
      for (const ToolReport& report : comparison.tools) title += (title.empty() ? "" : " vs ") + report.tool.name;
      std::string path = pair_path(ids);
      index.push_back({title, path, comparison.recommendation.tool ? "pick: " + *comparison.recommendation.tool
                                                                  : "no pick"});
      dir->put(path, pages.compare_page(comparison, links("../")));
    }
    return index;
  }
};

void print_counts(Context& ctx, const std::string& dir, const SiteCounts& counts);

void run(Context& ctx, const Options& o) {
  PageRenderer pages(load_template_dir(ctx, o.template_dir));
  Store store(ctx.db_path, Store::Access::Read);
  std::vector<std::vector<std::int64_t>> pairs = resolve_pairs(store, o.pairs);
  // Everything is checked and every page named before the first write.
  DecisionRule rule;
  rule.method = resolve_method(o.rule);
  Site site{store, pages, nullptr, {}, {}, store.personas(false)};
  std::vector<std::pair<std::int64_t, std::string>> titles;
  std::vector<std::string> paths = site.plan(pairs, titles);
  SiteDir dir(o.dir);
  site.dir = &dir;
  dir.claim(paths, o.force);
  paths = {};
  rule.panel_size = weigh_panel(site.panel, rule.weights);
  rule.now = now_utc();
  measure_habits(store, rule);
  std::vector<std::pair<std::int64_t, RankKey>> ranking = site.publish_tools(rule);
  std::vector<IndexLink> decisions = site.publish_decisions(titles);
  std::vector<IndexLink> comparisons = site.publish_pairs(pairs, rule);
  std::vector<RankKey> keys;
  keys.reserve(ranking.size());
  for (const auto& [id, key] : ranking) keys.push_back(key);
  std::vector<std::string> places = place_labels(keys, rule.method);
  keys = {};
  dir.put("style.css", pages.stylesheet());
  dir.put_stream("index.html", [&](std::ostream& out) {
    std::size_t next = 0;
    pages.index_page(
        [&](IndexRow& row) {
          if (next == ranking.size()) return false;
          row.line = tool_line(load_report(store, ranking[next].first, rule, false));
          row.place = std::move(places[next++]);
          row.page = site.tool_path(row.line.id);
          return true;
        },
        decisions, comparisons, out, rule.method);
  });
  print_counts(ctx, o.dir, dir.finish());
}

void print_counts(Context& ctx, const std::string& dir, const SiteCounts& counts) {
  std::int64_t total = counts.written + counts.unchanged;
  if (ctx.json) {
    Json json = Json::object();
    json["dir"] = dir;
    json["files"] = total;
    json["written"] = counts.written;
    json["unchanged"] = counts.unchanged;
    json["removed"] = counts.removed;
    ctx.out << dump_json(json);
  } else if (!ctx.output.quiet) {
    ctx.err << sanitize_for_terminal(fmt::format("published {} to '{}': {} written, {} unchanged, {} removed\n",
                                                 plural(total, "file"), dir, counts.written, counts.unchanged,
                                                 counts.removed));
  }
}

}  // namespace

Runner setup_publish(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("DIR", o->dir, "The site's directory (made if missing)")->required();
  command.add_option("--pair", o->pairs, "A comparison page for these tools: A,B (repeatable)")->type_name("A,B");
  command.add_flag("--force", o->force, "Replace files in DIR that publish did not write (default: refuse)");
  add_rule_option(command, o->rule);
  command.add_option("--template", o->template_dir, "Page templates in DIR replace the built-in ones")
      ->type_name("DIR");
  command.footer("Writes index.html (the ranking), tools/NAME.html per tool, decisions/TITLE.html per saved\n"
                 "decision and compare/A-vs-B.html per --pair, with style.css. Names are stable slugs; a\n"
                 "page is rewritten only when it changes, and pages of tools that are gone are removed.\n"
                 "Only the files listed in DIR/.toolcmp-site are ever replaced or removed.\n\n"
                 "Examples:\n  toolcmp publish site\n  toolcmp publish site --pair SmolLM3,'Code Llama 4'\n"
                 "  toolcmp publish /srv/www/panel --template my-templates -q");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
