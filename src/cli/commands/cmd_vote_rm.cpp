// vote rm TOOL [--voter NAME]: a named voter's vote, or the latest anonymous one.
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
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct Options {
  std::string tool, voter;
  CLI::Option* voter_option = nullptr;
  bool force = false;
};

void run(Context& ctx, const Options& o) {
  std::optional<std::string> voter;
  if (o.voter_option->count()) voter = check_name(o.voter, "voter name");
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  NamedRow tool;
  store.write([&] {
    tool = resolve_name(store, NameTable::Tool, o.tool, Removed::Exclude, Match::Exact);
    std::optional<Vote> before = voter ? store.panel().named_vote(tool.id, *voter) : std::nullopt;
    std::string subject = voter ? fmt::format("vote of {} on {}", *voter, tool.name)
                                : fmt::format("an anonymous vote on {}", tool.name);
    bool forced = before && check_author(store, before->author, o.force, subject);
    record_change(store, "vote rm", subject, before ? vote_record_json(*before) : Json(), nullptr, forced);
    if (!store.edits().remove_vote(tool.id, voter)) {
      throw Error(voter ? fmt::format("{} has no vote on {}", sanitize_for_terminal(*voter),
                                      sanitize_for_terminal(tool.name))
                        : fmt::format("{} has no anonymous votes", sanitize_for_terminal(tool.name)));
    }
  });
  print_written_tool(ctx, store, tool.id,
                     voter ? fmt::format("Removed {}'s vote on {}", *voter, tool.name)
                           : fmt::format("Removed the latest anonymous vote on {}", tool.name));
}

}  // namespace

Runner setup_vote_rm(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool voted on")->required();
  o->voter_option = command.add_option("--voter", o->voter, "Whose vote (any case); none: the latest anonymous one")
                        ->type_name("NAME");
  command.add_flag("--force", o->force, "Remove a vote another author cast (the log records it)");
  command.footer("Examples:\n  toolcmp vote rm SmolLM3 --voter ana\n  toolcmp vote rm SmolLM3");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
