#include "toolcmp/app/publish.h"

#include <algorithm>
#include <iterator>
#include <unordered_map>
#include <unordered_set>

#include <fmt/format.h>

#include "toolcmp/app/decisions.h"
#include "toolcmp/app/loader.h"
#include "toolcmp/app/site.h"
#include "toolcmp/base/error.h"
#include "toolcmp/model/compare.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/store/saved_decisions.h"

namespace toolcmp {

namespace {

// publish's longest page name: "compare/" + a name of at most 200 bytes.
constexpr std::size_t kMaxPagePath = 208;

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

// The index's ranking by category: each category's lines in rank order,
// placed among themselves as `rank --category` places them; categories in
// the order of their best tool, the tools with none last.
struct IndexGroups {
  std::vector<ToolLine> lines;
  std::vector<RankPlace> places;
  std::vector<std::size_t> group_of;   // each line's place in categories
  std::vector<IndexLink> categories;  // "Code models", "#category-code-models", "3 tools"
};

IndexGroups group_by_category(std::vector<ToolLine> ranked, const PickRule& rule) {
  std::unordered_map<std::string, std::size_t> group_of;
  std::vector<std::vector<ToolLine>> groups;
  std::vector<ToolLine> none;
  std::vector<std::string> names;
  for (ToolLine& line : ranked) {
    if (!line.category) {
      none.push_back(std::move(line));
      continue;
    }
    // One group per category as rank --category matches it: ASCII case ignored.
    std::string key = *line.category;
    for (char& c : key) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    auto [at, added] = group_of.emplace(std::move(key), groups.size());
    if (added) {
      groups.emplace_back();
      names.push_back(*line.category);
    }
    groups[at->second].push_back(std::move(line));
  }
  if (!none.empty()) {
    groups.push_back(std::move(none));
    names.push_back(names.empty() ? "All tools" : "No category");
  }
  IndexGroups index;
  std::unordered_set<std::string> anchors;
  for (std::size_t g = 0; g < groups.size(); ++g) {
    std::string base = slug(names[g]);
    if (base.empty()) base = std::to_string(g + 1);
    std::string anchor = "category-" + base;
    for (int n = 2; !anchors.insert(anchor).second; ++n) anchor = fmt::format("category-{}-{}", base, n);
    std::size_t count = groups[g].size();
    index.categories.push_back({names[g], "#" + anchor, fmt::format("{} tool{}", count, count == 1 ? "" : "s")});
    std::vector<RankPlace> places = rank_places(groups[g], rule);
    std::move(places.begin(), places.end(), std::back_inserter(index.places));
    std::move(groups[g].begin(), groups[g].end(), std::back_inserter(index.lines));
    index.group_of.insert(index.group_of.end(), count, g);
  }
  return index;
}

struct Site {
  Store& store;
  const PageRenderer& pages;
  SiteDir* dir;
  Slugs tools, decisions;
  std::vector<Persona> panel;
  std::string now;  // review ages on tool pages count from here
  // Each tool's comparisons and decisions, gathered as their pages are written.
  std::unordered_map<std::int64_t, std::vector<IndexLink>> related;

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
    for (const NamedRow& row : store.names().all_names(NameTable::Tool)) rows.emplace_back(row.id, row.name);
    tools.assign(rows);
    store.decisions().each_decision(std::nullopt, std::nullopt, false,
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
    links.now = now;
    return links;
  }

  // Every tool's page, with the comparisons and decisions it is in; the
  // index's ranking: each category's lines, best first, and their places.
  IndexGroups publish_tools(const PickRule& rule) {
    LineRanking ranking(0, false, rule);
    ranking.reserve(static_cast<std::size_t>(store.panel().count_tools(std::nullopt)));
    each_summary_report(
        store, std::nullopt, [&](ToolReport report) { ranking.offer(tool_line(report)); }, rule);
    std::vector<ToolLine> lines = ranking.take();
    PageLinks in_tools = links("../");
    for (const ToolLine& line : lines) {
      ToolReport report = load_report(store, line.id, rule);
      auto seen = related.find(line.id);
      dir->put(tool_path(line.id), pages.tool_page(report, panel, store.panel().history(line.id, std::nullopt), in_tools,
                                                   seen == related.end() ? std::vector<IndexLink>{} : seen->second));
    }
    return group_by_category(std::move(lines), rule);
  }

  // One decision loaded at a time: their snapshots hold whole comparisons.
  std::vector<IndexLink> publish_decisions(const std::vector<std::pair<std::int64_t, std::string>>& titles) {
    std::vector<IndexLink> index;
    for (const auto& [id, title] : titles) {
      std::optional<Decision> decision = store.decisions().load_decision(id);
      if (!decision) continue;
      std::string path = "decisions/" + decisions.of(id) + ".html";
      std::string note = fmt::format("{}, {}", decision_status_name(decision->status), decision->decided_at.substr(0, 10));
      bool in_force = decision->status == DecisionStatus::Accepted || decision->status == DecisionStatus::Proposed;
      DecisionView view = view_decision(store, std::move(*decision), std::nullopt, now_utc());
      // A decision in force says whether its pick still holds, so that a broken one shows on the index.
      bool broken = in_force && !view.state.pick.holds;
      if (in_force) note += broken ? ", no longer holds" : ", still holds";
      index.push_back({title, path, note, broken});
      for (const ToolMoments& moments : view.moments) {
        if (moments.now) related[moments.now->tool.id].push_back({"Decision: " + title, path, note, broken});
      }
      dir->put(path, pages.decision_page(view, links("../")));
    }
    return index;
  }

  std::vector<IndexLink> publish_pairs(const std::vector<std::vector<std::int64_t>>& pairs, const PickRule& rule) {
    std::vector<IndexLink> index;
    for (const std::vector<std::int64_t>& ids : pairs) {
      Comparison comparison = load_comparison(store, ids, rule);
      std::string title;
      for (const ToolReport& report : comparison.tools) title += (title.empty() ? "" : " vs ") + report.tool.name;
      std::string path = pair_path(ids);
      index.push_back({title, path, comparison.recommendation.tool ? "pick: " + *comparison.recommendation.tool
                                                                  : "no pick"});
      for (const ToolReport& report : comparison.tools) related[report.tool.id].push_back(index.back());
      dir->put(path, pages.compare_page(comparison, links("../")));
    }
    return index;
  }
};

}  // namespace

SiteCounts publish_site(Store& store, const PageRenderer& pages, const std::string& dir_path,
                        const std::vector<std::vector<std::int64_t>>& pairs, Method method, bool force) {
  // Everything is checked and every page named before the first write.
  PickRule rule;
  rule.method = method;
  Site site{store, pages, nullptr, {}, {}, store.panel().personas(false), {}, {}};
  std::vector<std::pair<std::int64_t, std::string>> titles;
  std::vector<std::string> paths = site.plan(pairs, titles);
  SiteDir dir(dir_path);
  site.dir = &dir;
  dir.claim(paths, force);
  paths = {};
  rule.panel_size = weigh_panel(site.panel, rule.weights);
  rule.now = now_utc();
  site.now = rule.now;
  measure_habits(store, rule);
  IndexLists lists;
  lists.decisions = site.publish_decisions(titles);
  lists.comparisons = site.publish_pairs(pairs, rule);
  IndexGroups ranked = site.publish_tools(rule);
  lists.categories = std::move(ranked.categories);
  dir.put("style.css", pages.stylesheet());
  dir.put_stream("index.html", [&](std::ostream& out) {
    std::size_t next = 0;
    pages.index_page(
        [&](IndexRow& row) {
          if (next == ranked.lines.size()) return false;
          row.line = std::move(ranked.lines[next]);
          row.place = std::move(ranked.places[next]);
          row.group = ranked.group_of[next++];
          row.page = site.tool_path(row.line.id);
          return true;
        },
        lists, out, rule.method);
  });
  return dir.finish();
}

}  // namespace toolcmp
