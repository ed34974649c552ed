// changes [--since DATE|DECISION]: what moved in the whole store since then.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "cli/command.h"
#include "toolcmp/app/decisions.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/saved_decisions.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct Options {
  std::string since, tool;
  CLI::Option* since_option = nullptr;
  CLI::Option* tool_option = nullptr;
};

// Without --since: the latest decision, or else the last week; and what
// the heading says about it ("since decision 3, 'Local code model', 2026-12-01").
std::string default_since(Store& store, std::string& said) {
  std::optional<Decision> latest;
  store.decisions().each_decision(std::nullopt, std::nullopt, false, [&](Decision d) { latest = std::move(d); });
  if (latest) {
    said = fmt::format("since decision {}, '{}', {}", latest->id, sanitize_for_terminal(latest->title),
                       latest->decided_at.substr(0, 10));
    return std::to_string(latest->id);
  }
  std::string week_ago = timestamp_before(now_utc(), "7d");
  said = fmt::format("in the last week, since {}", week_ago.substr(0, 10));
  return week_ago;
}

void run(Context& ctx, const Options& o) {
  Store store(ctx.db_path, Store::Access::Read);
  std::optional<std::int64_t> tool;
  if (o.tool_option->count()) tool = resolve_name(store, NameTable::Tool, o.tool).id;
  std::string said;  // how the heading names what --since was
  std::string given = o.since_option->count() ? o.since : default_since(store, said);
  std::string since;
  std::vector<Change> changes;
  if (std::optional<std::string> date = try_parse_timestamp(given)) {
    since = *date;
    changes = changes_since(store, since, tool);
  } else {
    // A decision: since it was made, with the panel against its snapshot
    // (weights and personas have no history of their own).
    DecisionView view = view_decision(store, resolve_decision(store, given), std::nullopt, now_utc());
    since = view.decision.decided_at;
    changes = changes_since(store, since, tool);
    if (!tool) {
      changes.erase(std::remove_if(changes.begin(), changes.end(),
                                   [](const Change& c) { return c.kind == ChangeKind::PersonaRemoved; }),
                    changes.end());
      for (Change& change : panel_changes(view.then.panel, view.now.panel)) changes.push_back(std::move(change));
      sort_changes(changes);
    }
  }
  if (ctx.json) {
    ctx.out << dump_json(changes_json(since, changes));
    return;
  }
  std::string heading = said.empty() ? fmt::format("What changed since {}", since)
                                     : fmt::format("What changed {} (no --since given)", said);
  ctx.out << ctx.output.paint(heading, Style::Bold) << "\n" << render_changes(changes, ctx.output);
}

}  // namespace

Runner setup_changes(CLI::App& command) {
  auto o = std::make_shared<Options>();
  o->since_option = command.add_option("--since", o->since, "A date (YYYY-MM-DD or RFC 3339), or a decision's id or "
                                                             "title (default: the latest decision, or the last week)")
                        ->type_name("DATE|DECISION");
  o->tool_option = command.add_option("--tool", o->tool, "Only this tool")->type_name("TOOL");
  command.footer("Lists, per tool, verdicts that flipped, scores that moved 10 points or more, reviews added or\n"
                 "replaced and community votes; then tools added and personas removed. Since a decision, the panel\n"
                 "is held against its snapshot, so personas added and reweighted show too.\n\n"
                 "Examples:\n  toolcmp changes --since 2026-11-01\n"
                 "  toolcmp changes --since 'Local code model' --tool 'Mistral 3B'\n"
                 "  toolcmp changes --since 2026-11-01 --json |\n"
                 "      jq '.changes[] | select(.kind == \"verdict_flip\")'");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
