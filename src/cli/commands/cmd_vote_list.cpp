// vote list TOOL: a tool's votes, oldest first, named and anonymous.
#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <memory>

#include "cli/command.h"
#include "toolcmp/base/error.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

void run(Context& ctx, const std::string& name) {
  Store store(ctx.db_path, Store::Access::Read);
  NamedRow tool;
  try {
    tool = resolve_name(store, NameTable::Tool, name);
  } catch (const Error& e) {
    // 'vote list ship' may mean a vote on a tool named list.
    if (name != "ship" && name != "skip") throw;
    throw Error(fmt::format("{}\n(to vote on a tool named list: 'toolcmp vote -- list {}')", e.what(), name));
  }
  std::vector<Vote> votes;
  store.panel().each_vote(tool.id, [&](const Vote& vote) { votes.push_back(vote); });
  if (ctx.json) {
    ctx.out << dump_json(votes_json(tool.name, votes));
  } else {
    ctx.out << render_votes(votes, ctx.output);
  }
}

}  // namespace

Runner setup_vote_list(CLI::App& command) {
  auto tool = std::make_shared<std::string>();
  command.add_option("TOOL", *tool, "The tool")->required();
  command.footer("Examples:\n  toolcmp vote list SmolLM3\n  toolcmp vote list SmolLM3 --json");
  return [tool](Context& ctx) { run(ctx, *tool); };
}

}  // namespace toolcmp
