// review edit ID, review rm ID and vote rm TOOL: changing what was recorded.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "command.h"
#include "review_fields.h"
#include "toolcmp/error.h"
#include "toolcmp/json.h"
#include "toolcmp/names.h"
#include "toolcmp/store.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

namespace {

Store::StoredReview load_review_or_fail(Store& store, std::int64_t id) {
  auto stored = store.load_review(id);
  if (!stored) throw Error(fmt::format("no review has id {}; 'toolcmp history TOOL --json' shows the ids", id));
  return *stored;
}

std::string describe(const Review& review) {
  return fmt::format("review {} ({}'s of {}, {})", review.id, sanitize_for_terminal(review.persona),
                     sanitize_for_terminal(review.tool), review.reviewed_at.substr(0, 10));
}

}  // namespace

Runner setup_review_edit(CLI::App& command) {
  struct Options {
    std::int64_t id = 0;
    ReviewFieldOptions fields;
  };
  auto o = std::make_shared<Options>();
  command.add_option("ID", o->id, "The review's id, from 'history --json'")->required();
  o->fields.add_to(command);
  command.footer("Only the options given change; --score '' and --text '' clear them.\n\nExamples:\n"
                 "  toolcmp review edit 42 --score 80 --verdict ship\n  toolcmp review edit 42 --at 2026-11-02");
  return [o](Context& ctx) {
    if (!o->fields.any_given()) {
      throw UsageError("nothing to change; give --verdict, --score, --text, --text-file or --at");
    }
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    Store::StoredReview stored;
    store.write([&] {
      stored = load_review_or_fail(store, o->id);
      o->fields.apply(ctx, stored.review);
      store.update_review(o->id, stored.review);
    });
    print_written_tool(ctx, store, stored.tool_id, fmt::format("Updated {}", describe(stored.review)));
  };
}

Runner setup_review_rm(CLI::App& command) {
  struct Options {
    std::int64_t id = 0;
    bool yes = false;
  };
  auto o = std::make_shared<Options>();
  command.add_option("ID", o->id, "The review's id, from 'history --json'")->required();
  command.add_flag("-y,--yes", o->yes, "Do not ask for confirmation");
  command.footer("The persona's previous review, if any, becomes the current one again.\n\nExamples:\n"
                 "  toolcmp review rm 42 --yes");
  return [o](Context& ctx) {
    std::string what;
    {
      Store store(ctx.db_path, Store::Access::Read);
      what = describe(load_review_or_fail(store, o->id).review);
    }
    confirm_removal(ctx, what, o->yes);
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    store.write([&] {
      load_review_or_fail(store, o->id);
      store.delete_review(o->id);
    });
    if (ctx.json) {
      ctx.out << dump_json(removed_json("review", std::to_string(o->id)));
    } else {
      print_done(ctx, "Removed " + what);
    }
  };
}

Runner setup_vote_rm(CLI::App& command) {
  struct Options {
    std::string tool, voter;
    CLI::Option* voter_option = nullptr;
  };
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool voted on")->required();
  o->voter_option = command.add_option("--voter", o->voter, "Whose vote (any case); none: the latest anonymous one")
                        ->type_name("NAME");
  command.footer("Examples:\n  toolcmp vote rm SmolLM3 --voter ana\n  toolcmp vote rm SmolLM3");
  return [o](Context& ctx) {
    std::optional<std::string> voter;
    if (o->voter_option->count()) voter = check_name(o->voter, "voter name");
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    NamedRow tool;
    store.write([&] {
      tool = resolve_name(store, NameTable::Tool, o->tool, Removed::Exclude, Match::Exact);
      if (!store.remove_vote(tool.id, voter)) {
        throw Error(voter ? fmt::format("{} has no vote on {}", sanitize_for_terminal(*voter),
                                        sanitize_for_terminal(tool.name))
                          : fmt::format("{} has no anonymous votes", sanitize_for_terminal(tool.name)));
      }
    });
    print_written_tool(ctx, store, tool.id,
                       voter ? fmt::format("Removed {}'s vote on {}", *voter, tool.name)
                             : fmt::format("Removed the latest anonymous vote on {}", tool.name));
  };
}

}  // namespace toolcmp
