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

// The index's ranking by category, kept small for a site of every tool of
// a large panel: each tool's id, category and rank key, not its line (read
// again as its row is written); each category's bounds, count, and name as
// its best tool spells it. Categories in the order of their best tool, the
// tools with none last; each placed among itself as `rank --category`
// places it (categories matched as it matches them, ASCII case ignored).
class IndexRanking {
 public:
  explicit IndexRanking(const PickRule& rule) : rule_(rule) {}

  void offer(const ToolLine& line) {
    std::size_t g = group_of(line.category);
    Group& group = groups_[g];
    RankKey key = rank_key(line);
    if (group.count++ == 0 || compare_keys(key, group.best, rule_.method) > 0) {
      group.best = key;
      if (line.category) group.name = *line.category;
    }
    group.bounds.add(deciding_interval(line.panel, rule_));
    entries_.push_back({line.id, g, key});
  }

  // Best first within each category, ties in the order offered (the
  // store's name order, as rank). Gives the categories' links in order.
  std::vector<IndexLink> finish() {
    std::stable_sort(entries_.begin(), entries_.end(),
                     [&](const Entry& a, const Entry& b) { return compare_keys(a.key, b.key, rule_.method) > 0; });
    order_.assign(groups_.size(), groups_.size());
    std::size_t shown = 0;
    for (const Entry& entry : entries_) {
      if (order_[entry.group] == groups_.size() && entry.group != none_) order_[entry.group] = shown++;
    }
    if (none_) order_[*none_] = shown;
    std::stable_sort(entries_.begin(), entries_.end(),
                     [&](const Entry& a, const Entry& b) { return order_[a.group] < order_[b.group]; });
    std::vector<IndexLink> links(groups_.size());
    std::unordered_set<std::string> anchors;
    for (const Entry& entry : entries_) {
      Group& group = groups_[entry.group];
      if (!links[order_[entry.group]].href.empty()) continue;  // its link is made
      group.bounds.sort();
      std::string name = entry.group != none_ ? group.name : groups_.size() == 1 ? "All tools" : "No category";
      std::string base = slug(name);
      if (base.empty()) base = std::to_string(order_[entry.group] + 1);
      std::string anchor = "category-" + base;
      for (int n = 2; !anchors.insert(anchor).second; ++n) anchor = fmt::format("category-{}-{}", base, n);
      links[order_[entry.group]] = {name, "#" + anchor, fmt::format("{} tool{}", group.count, group.count == 1 ? "" : "s")};
    }
    return links;
  }

  std::vector<std::int64_t> ids() const {
    std::vector<std::int64_t> ids;
    for (const Entry& entry : entries_) ids.push_back(entry.id);
    return ids;
  }

  // The next row, its line loaded by load, placed among its neighbours.
  bool next(IndexRow& row, const std::function<ToolLine(std::int64_t)>& load) {
    if (at_ == entries_.size()) return false;
    const Entry& entry = entries_[at_];
    if (at_ == 0 || entries_[at_ - 1].group != entry.group) {
      above_.reset();
      position_ = 0;
      current_ = load(entry.id);
    }
    std::optional<ToolLine> below;
    if (at_ + 1 < entries_.size() && entries_[at_ + 1].group == entry.group) below = load(entries_[at_ + 1].id);
    row.place = place_between(above_ ? &*above_ : nullptr, *current_, below ? &*below : nullptr, ++position_,
                              above_label_, rule_, groups_[entry.group].bounds);
    above_label_ = row.place.label;
    row.line = *current_;
    row.group = order_[entry.group];
    above_ = std::move(current_);
    current_ = std::move(below);
    ++at_;
    return true;
  }

 private:
  struct Entry {
    std::int64_t id;
    std::size_t group;
    RankKey key;
  };
  struct Group {
    std::string name;
    RankKey best;
    RankBounds bounds;
    std::size_t count = 0;
  };

  std::size_t group_of(const std::optional<std::string>& category) {
    if (!category) {
      if (!none_) none_ = add_group();
      return *none_;
    }
    std::string key = *category;
    for (char& c : key) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
    auto found = group_of_.find(key);
    return found != group_of_.end() ? found->second : group_of_.emplace(std::move(key), add_group()).first->second;
  }
  std::size_t add_group() {
    groups_.emplace_back();
    return groups_.size() - 1;
  }

  const PickRule& rule_;
  std::vector<Entry> entries_;
  std::vector<Group> groups_;
  std::unordered_map<std::string, std::size_t> group_of_;
  std::optional<std::size_t> none_;  // the tools with no category
  std::vector<std::size_t> order_;   // each group's place on the index
  // While the rows stream: the next entry, its place in its category, the rows around it.
  std::size_t at_ = 0, position_ = 0;
  std::optional<ToolLine> above_, current_;
  std::string above_label_;
};

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
  // index's ranking.
  void publish_tools(IndexRanking& index, const PickRule& rule) {
    each_summary_report(
        store, std::nullopt, [&](ToolReport report) { index.offer(tool_line(report)); }, rule);
    PageLinks in_tools = links("../");
    const std::vector<IndexLink> none;
    for (std::int64_t id : index.ids()) {
      ToolReport report = load_report(store, id, rule);
      auto seen = related.find(id);
      dir->put(tool_path(id), pages.tool_page(report, panel, store.panel().history(id, std::nullopt), in_tools,
                                              seen == related.end() ? none : seen->second));
    }
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
  IndexRanking ranking(rule);
  site.publish_tools(ranking, rule);
  lists.categories = ranking.finish();
  dir.put("style.css", pages.stylesheet());
  dir.put_stream("index.html", [&](std::ostream& out) {
    auto load = [&](std::int64_t id) { return tool_line(load_report(store, id, rule, false)); };
    pages.index_page(
        [&](IndexRow& row) {
          if (!ranking.next(row, load)) return false;
          row.page = site.tool_path(row.line.id);
          return true;
        },
        lists, out, rule.method);
  });
  return dir.finish();
}

}  // namespace toolcmp
