// rm NAME [--yes] [--force]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/authorship.h"
#include "cli/command.h"
#include "toolcmp/base/error.h"
#include "toolcmp/app/names.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_edits.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/store/saved_decisions.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct Options {
  std::string name;
  bool yes = false, force = false;
};

// Other authors' reviews and named votes go with the tool only with
// --force (as review rm and vote rm ask it); true when they do.
bool check_other_authors(Store& store, const NamedRow& tool, bool force) {
  std::vector<std::string> others = store.panel().other_authors(tool.id, store.author());
  if (others.empty()) return false;
  if (!force) {
    for (std::string& other : others) other = sanitize_for_terminal(other);
    throw Error(fmt::format("'{}' holds reviews or votes written by {}, and you write as {}; nothing was removed "
                            "(add --force to remove another author's work: the log records it)",
                            sanitize_for_terminal(tool.name), quoted_list(others, "and"),
                            sanitize_for_terminal(store.author())));
  }
  return true;
}

// The decisions that weighed it stay readable (their snapshots keep it as
// it was); the question says which they are.
std::string removal_summary(Store& store, const NamedRow& tool) {
  ToolCounts counts = store.panel().count_for_tool(tool.id);
  std::string what = fmt::format("'{}' with its {} and {}", sanitize_for_terminal(tool.name),
                                 plural(counts.reviews, "review"), plural(counts.votes, "vote"));
  std::vector<std::string> decisions = store.decisions().decisions_naming(tool.id);
  if (!decisions.empty()) {
    what += fmt::format(" (named by {}: {}, which keep it as it was)",
                        plural(static_cast<std::int64_t>(decisions.size()), "decision"),
                        quoted_list(decisions, "and"));
  }
  return what;
}

// Read, ask, then write: nobody waits for the write lock while a person decides.
void run(Context& ctx, const Options& o) {
  NamedRow tool;
  std::string what;
  {
    Store store(ctx.db_path, Store::Access::Read);
    store.set_author(ctx.author);
    tool = resolve_name(store, NameTable::Tool, o.name, Removed::Exclude, Match::Exact);
    check_other_authors(store, tool, o.force);  // before anyone is asked
    what = removal_summary(store, tool);
  }
  if (!confirm_removal(ctx, what, o.yes)) return;
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  store.write([&] {
    NamedRow now = resolve_name(store, NameTable::Tool, o.name, Removed::Exclude, Match::Exact);
    if (now.id != tool.id) throw Error(fmt::format("'{}' changed while you were asked; nothing removed", o.name));
    bool forced = check_other_authors(store, now, o.force);
    what = removal_summary(store, now);
    record_change(store, "rm", fmt::format("tool {} ({})", now.name, what), tool_record_json(store.panel().load_tool(now.id)),
                  nullptr, forced);
    store.edits().delete_tool(now.id);
  });
  print_removed(ctx, "tool", tool.name, "Removed " + what);
}

}  // namespace

Runner setup_rm(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("NAME", o->name, "The tool to remove")->required();
  command.add_flag("-y,--yes", o->yes, "Do not ask for confirmation");
  command.add_flag("--force", o->force, "Remove it though other authors wrote reviews or votes of it (the log records it)");
  command.footer("Removes the tool's reviews and votes too; when other authors wrote some, only with --force.\n\n"
                 "Examples:\n  toolcmp rm 'Old Model' --yes");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
