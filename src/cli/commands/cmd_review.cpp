// review TOOL PERSONA --verdict ... (and the subcommands edit and rm,
// in cmd_review_edit.cpp and cmd_review_rm.cpp)
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/authorship.h"
#include "cli/command.h"
#include "cli/review_fields.h"
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
  std::string tool, persona;
  ReviewFieldOptions fields;
};

// A removed persona is not on the panel: say how to bring it back.
NamedRow resolve_persona_for_review(Store& store, const std::string& name) {
  NamedRow persona = resolve_name(store, NameTable::Persona, name, Removed::Include);
  if (persona.removed) {
    throw Error(fmt::format("persona '{}' was removed from the panel; restore it with 'toolcmp persona add {}' to "
                            "review with it", sanitize_for_terminal(persona.name), sanitize_for_terminal(persona.name)));
  }
  return persona;
}

void run(Context& ctx, const Options& o) {
  if (o.tool.empty() || o.persona.empty()) throw UsageError("review needs a TOOL and a PERSONA");
  if (!o.fields.verdict_option->count()) throw UsageError("--verdict is required (ship or skip)");
  Review review;
  review.reviewed_at = now_utc();
  review.recorded_at = review.reviewed_at;
  review.source = "cli";
  o.fields.apply(ctx, review);
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  NamedRow tool, persona;
  std::optional<std::string> current;
  store.write([&] {
    tool = resolve_name(store, NameTable::Tool, o.tool);
    persona = resolve_persona_for_review(store, o.persona);
    std::int64_t id = store.edits().insert_review(tool.id, persona.id, review);
    review.tool = tool.name;
    review.persona = persona.name;
    review.author = store.author();
    record_change(store, "review", review_subject(id, review), nullptr, review_json(review));
    if (auto now = store.panel().current_review(tool.id, persona.id)) current = now->reviewed_at;
  }, Store::WriteScope::Rows);  // a new row: other writers' votes and reviews do not wait for it
  std::string message =
      fmt::format("Recorded {}'s review of {}: {}", persona.name, tool.name, verdict_name(*review.verdict));
  if (current && *current != review.reviewed_at) {
    message = fmt::format("Recorded in history; the current {} review of {} is from {}.", persona.name, tool.name,
                          current->substr(0, 10));
  }
  print_written_tool(ctx, store, tool.id, message);
}

}  // namespace

Runner setup_review(CLI::App& command) {
  auto o = std::make_shared<Options>();
  // Not required by CLI11: 'review edit ID' and 'review rm ID' go without them.
  command.add_option("TOOL", o->tool, "The tool reviewed");
  command.add_option("PERSONA", o->persona, "The reviewing persona, e.g. Builder");
  o->fields.add_to(command);
  CLI::App* edit = command.add_subcommand("edit", "Change a review in place, by its id (see 'history')");
  CLI::App* rm = command.add_subcommand("rm", "Remove one review: by its id, or a persona's current one");
  Runner run_edit = setup_review_edit(*edit);
  Runner run_rm = setup_review_rm(*rm);
  command.footer("Every review is kept; the latest from each persona is the current one. 'review edit ID' and\n"
                 "'review rm ID' change or remove one by the id 'history' shows. A tool named like a command\n"
                 "goes after '--', options before it: toolcmp review --verdict ship -- rm Builder\n\nExamples:\n"
                 "  toolcmp review 'Code Llama 4' Builder --verdict ship --score 84 --text Fine\n"
                 "  toolcmp review smollm3 founder --verdict skip --text-file - --at 2026-11-01\n"
                 "  toolcmp review edit 42 --score 80");
  return [o, edit, rm, run_edit, run_rm](Context& ctx) {
    if (edit->parsed()) return run_edit(ctx);
    if (rm->parsed()) return run_rm(ctx);
    run(ctx, *o);
  };
}

}  // namespace toolcmp
