// review, vote and history.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "command.h"
#include "review_fields.h"
#include "loader.h"
#include "toolcmp/error.h"
#include "toolcmp/json.h"
#include "toolcmp/names.h"
#include "toolcmp/render.h"
#include "toolcmp/store.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

namespace {

// A removed persona is not on the panel: say how to bring it back.
NamedRow resolve_persona_for_review(Store& store, const std::string& name) {
  NamedRow persona = resolve_name(store, NameTable::Persona, name, Removed::Include);
  if (persona.removed) {
    throw Error(fmt::format("persona '{}' was removed from the panel; restore it with 'toolcmp persona add {}' to "
                            "review with it", sanitize_for_terminal(persona.name), sanitize_for_terminal(persona.name)));
  }
  return persona;
}

}  // namespace

Runner setup_review(CLI::App& command) {
  struct Options {
    std::string tool, persona;
    ReviewFieldOptions fields;
  };
  auto o = std::make_shared<Options>();
  // Not required by CLI11: 'review edit ID' and 'review rm ID' go without them.
  command.add_option("TOOL", o->tool, "The tool reviewed");
  command.add_option("PERSONA", o->persona, "The reviewing persona, e.g. Builder");
  o->fields.add_to(command);
  CLI::App* edit = command.add_subcommand("edit", "Change a review in place, by its id (see 'history --json')");
  CLI::App* rm = command.add_subcommand("rm", "Remove one review, by its id");
  Runner run_edit = setup_review_edit(*edit);
  Runner run_rm = setup_review_rm(*rm);
  command.footer("Every review is kept; the latest from each persona is the current one. 'review edit ID' and\n"
                 "'review rm ID' change or remove one by the id 'history --json' shows.\n\nExamples:\n"
                 "  toolcmp review 'Code Llama 4' Builder --verdict ship --score 84 --text 'Handles tool loops.'\n"
                 "  toolcmp review smollm3 founder --verdict skip --text-file founder.txt --at 2026-11-01\n"
                 "  toolcmp review edit 42 --score 80");
  return [o, edit, rm, run_edit, run_rm](Context& ctx) {
    if (edit->parsed()) return run_edit(ctx);
    if (rm->parsed()) return run_rm(ctx);
    if (o->tool.empty() || o->persona.empty()) throw UsageError("review needs a TOOL and a PERSONA");
    if (!o->fields.verdict_option->count()) throw UsageError("--verdict is required (ship or skip)");
    Review review;
    review.reviewed_at = now_utc();
    o->fields.apply(ctx, review);
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    NamedRow tool, persona;
    std::optional<std::string> current;
    store.write([&] {
      tool = resolve_name(store, NameTable::Tool, o->tool);
      persona = resolve_persona_for_review(store, o->persona);
      store.insert_review(tool.id, persona.id, review);
      current = store.current_review_date(tool.id, persona.id);
    });
    std::string message =
        fmt::format("Recorded {}'s review of {}: {}", persona.name, tool.name, verdict_name(*review.verdict));
    if (current && *current != review.reviewed_at) {
      message = fmt::format("Recorded in history; the current {} review of {} is from {}.", persona.name, tool.name,
                            current->substr(0, 10));
    }
    print_written_tool(ctx, store, tool.id, message);
  };
}

Runner setup_vote(CLI::App& command) {
  struct Options {
    std::string tool, verdict, voter;
    CLI::Option* voter_option = nullptr;
  };
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool voted on");
  command.add_option("VERDICT", o->verdict, "ship or skip");
  o->voter_option = command.add_option("--voter", o->voter, "Your name: one vote per name, voting again replaces it")
                        ->type_name("NAME");
  command.footer("Votes without --voter are anonymous and add up.\n\nExamples:\n"
                 "  toolcmp vote SmolLM3 ship --voter ana\n  toolcmp vote 'Code Llama 4' skip\n"
                 "  toolcmp vote rm SmolLM3 --voter ana");
  CLI::App* rm = command.add_subcommand("rm", "Take back a vote: a named voter's, or the latest anonymous one");
  Runner run_rm = setup_vote_rm(*rm);
  return [o, rm, run_rm](Context& ctx) {
    if (rm->parsed()) return run_rm(ctx);
    if (o->tool.empty() || o->verdict.empty()) throw UsageError("vote needs a TOOL and a VERDICT (ship or skip)");
    Verdict verdict = parse_verdict(o->verdict);
    std::optional<std::string> voter;
    if (o->voter_option->count()) voter = check_name(o->voter, "voter name");
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    NamedRow tool;
    Store::VoteChange change = Store::VoteChange::Added;
    store.write([&] {
      // A named vote may replace one: the tool must be named exactly.
      tool = resolve_name(store, NameTable::Tool, o->tool, Removed::Exclude, voter ? Match::Exact : Match::Forgiving);
      change = store.cast_vote(tool.id, verdict, voter, now_utc());
    });
    std::string message = fmt::format("Voted {} on {}", verdict_name(verdict), tool.name);
    if (change == Store::VoteChange::Replaced) {
      message += fmt::format(", replacing {}'s earlier vote", *voter);
    } else if (change == Store::VoteChange::Unchanged) {
      message += fmt::format(" ({} had voted {} already)", *voter, verdict_name(verdict));
    }
    print_written_tool(ctx, store, tool.id, message);
  };
}

Runner setup_history(CLI::App& command) {
  struct Options {
    std::string tool, persona;
    CLI::Option* persona_option = nullptr;
  };
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool")->required();
  o->persona_option = command.add_option("--persona", o->persona, "Only this persona's reviews")->type_name("P");
  command.footer("Examples:\n  toolcmp history SmolLM3\n  toolcmp history SmolLM3 --persona Skeptic --json");
  return [o](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    NamedRow tool = resolve_name(store, NameTable::Tool, o->tool);
    std::optional<std::int64_t> persona;
    if (o->persona_option->count()) persona = resolve_name(store, NameTable::Persona, o->persona, Removed::Include).id;
    std::vector<Review> reviews = store.history(tool.id, persona);
    if (ctx.json) {
      ctx.out << dump_json(history_json(tool.name, reviews));
    } else {
      ctx.out << render_history(reviews, ctx.output);
    }
  };
}

}  // namespace toolcmp
