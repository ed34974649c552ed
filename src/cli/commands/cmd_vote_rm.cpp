// vote rm TOOL [--voter NAME]: a named voter's vote, or the latest anonymous one.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/command.h"
#include "toolcmp/base/error.h"
#include "toolcmp/app/names.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_edits.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct Options {
  std::string tool, voter;
  CLI::Option* voter_option = nullptr;
};

void run(Context& ctx, const Options& o) {
  std::optional<std::string> voter;
  if (o.voter_option->count()) voter = check_name(o.voter, "voter name");
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  NamedRow tool;
  store.write([&] {
    tool = resolve_name(store, NameTable::Tool, o.tool, Removed::Exclude, Match::Exact);
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
  command.footer("Examples:\n  toolcmp vote rm SmolLM3 --voter ana\n  toolcmp vote rm SmolLM3");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
