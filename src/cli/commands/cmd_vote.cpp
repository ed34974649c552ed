// vote TOOL ship|skip [--voter NAME] (and vote list and vote rm, in cmd_vote_list.cpp and cmd_vote_rm.cpp)
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
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct Options {
  std::string tool, verdict, voter;
  CLI::Option* voter_option = nullptr;
  bool force = false;
};

void run(Context& ctx, const Options& o) {
  if (o.tool.empty() || o.verdict.empty()) throw UsageError("vote needs a TOOL and a VERDICT (ship or skip)");
  Verdict verdict = parse_verdict(o.verdict);
  std::optional<std::string> voter;
  if (o.voter_option->count()) voter = check_name(o.voter, "voter name");
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  NamedRow tool;
  VoteChange change = VoteChange::Added;
  // Other writers' votes and reviews do not wait for this one: a named
  // vote is locked before it is read.
  store.write([&] {
    // A named vote may replace one: the tool must be named exactly.
    tool = resolve_name(store, NameTable::Tool, o.tool, Removed::Exclude, voter ? Match::Exact : Match::Forgiving);
    if (voter) store.edits().lock_named_vote(tool.id, *voter);
    std::optional<Vote> before = voter ? store.panel().named_vote(tool.id, *voter) : std::nullopt;
    std::string subject = voter ? fmt::format("vote of {} on {}", *voter, tool.name)
                                : fmt::format("an anonymous vote on {}", tool.name);
    bool forced = before && check_author(store, before->author, o.force, subject);
    Vote after{tool.name, verdict, voter, now_utc(), store.author()};
    change = store.edits().cast_vote(tool.id, verdict, voter, after.cast_at, before);
    if (change != VoteChange::Unchanged) {
      record_change(store, "vote", subject, before ? vote_record_json(*before) : Json(), vote_record_json(after), forced);
    }
  }, Store::WriteScope::Rows);
  std::string message = fmt::format("Voted {} on {}", verdict_name(verdict), tool.name);
  if (change == VoteChange::Replaced) {
    message += fmt::format(", replacing {}'s earlier vote", *voter);
  } else if (change == VoteChange::Unchanged) {
    message += fmt::format(" ({} had voted {} already)", *voter, verdict_name(verdict));
  }
  print_written_tool(ctx, store, tool.id, message);
}

}  // namespace

Runner setup_vote(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool voted on");
  command.add_option("VERDICT", o->verdict, "ship or skip");
  o->voter_option = command.add_option("--voter", o->voter, "Your name: one vote per name, voting again replaces it")
                        ->type_name("NAME");
  command.add_flag("--force", o->force, "Replace a vote another author cast for this voter (the log records it)");
  command.footer("Votes without --voter are anonymous and add up. A tool named like a command goes after '--',\n"
                 "options before it: toolcmp vote --voter ana -- list ship\n\nExamples:\n"
                 "  toolcmp vote SmolLM3 ship --voter ana\n  toolcmp vote 'Code Llama 4' skip\n"
                 "  toolcmp vote list SmolLM3\n  toolcmp vote rm SmolLM3 --voter ana");
  CLI::App* list = command.add_subcommand("list", "A tool's votes, oldest first");
  CLI::App* rm = command.add_subcommand("rm", "Take back a vote: a named voter's, or the latest anonymous one");
  Runner run_list = setup_vote_list(*list);
  Runner run_rm = setup_vote_rm(*rm);
  return [o, list, rm, run_list, run_rm](Context& ctx) {
    if (list->parsed()) return run_list(ctx);
    if (rm->parsed()) return run_rm(ctx);
    run(ctx, *o);
  };
}

}  // namespace toolcmp
