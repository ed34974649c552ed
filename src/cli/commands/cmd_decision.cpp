// decision list, show and export; edit, supersede and rm are in
// cmd_decision_edit.cpp.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/choices.h"
#include "cli/command.h"
#include "toolcmp/app/decisions.h"
#include "toolcmp/base/io.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/saved_decisions.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct ListOptions {
  std::string status, tool;
  CLI::Option *status_option = nullptr, *tool_option = nullptr;
};

struct ShowOptions {
  std::string decision, max_age, format = "markdown", output;
  bool with_changes = false;
  CLI::Option* max_age_option = nullptr;
};

void run_list(Context& ctx, const ListOptions& o) {
  Store store(ctx.db_path, Store::Access::Read);
  std::optional<DecisionStatus> status;
  if (o.status_option->count()) status = parse_decision_status(o.status);
  std::optional<std::int64_t> tool;
  if (o.tool_option->count()) tool = resolve_name(store, NameTable::Tool, o.tool).id;
  std::vector<Decision> decisions;
  store.decisions().each_decision(status, tool, false, [&](Decision decision) { decisions.push_back(std::move(decision)); });
  ctx.out << (ctx.json ? dump_json(decision_list_json(decisions)) : render_decision_list(decisions, ctx.output));
}

DecisionView view(Store& store, const ShowOptions& o) {
  std::optional<std::string> max_age;
  if (o.max_age_option->count() && o.max_age != "none") max_age = parse_max_age(o.max_age);
  return view_decision(store, resolve_decision(store, o.decision), max_age, now_utc());
}

void run_show(Context& ctx, const ShowOptions& o) {
  Store store(ctx.db_path, Store::Access::Read);
  DecisionView shown = view(store, o);
  ctx.out << (ctx.json ? dump_json(decision_show_json(shown)) : render_decision_show(shown, ctx.output));
}

void run_export(Context& ctx, const ShowOptions& o) {
  Store store(ctx.db_path, Store::Access::Read);
  DecisionView shown = view(store, o);
  std::string text = o.format == "json" ? dump_json(decision_show_json(shown))
                                        : render_decision_markdown(shown, o.with_changes);
  if (o.output.empty() || o.output == "-") {
    ctx.out << text;
    return;
  }
  write_file_safely(o.output, [&](std::ostream& out) { out << text; });
}

void add_max_age(CLI::App& command, ShowOptions& o) {
  o.max_age_option = command.add_option("--max-age", o.max_age,
                                        "Name the pick's reviews older than this (90d, 12w, 6m, 1y) as stale")
                         ->type_name("AGE");
}

}  // namespace

Runner setup_decision(CLI::App& command) {
  auto list = std::make_shared<ListOptions>();
  auto show = std::make_shared<ShowOptions>();
  auto exported = std::make_shared<ShowOptions>();
  CLI::App* list_cmd = command.add_subcommand("list", "List decisions, oldest first (the default)");
  list->status_option = list_cmd->add_option("--status", list->status, "Only these: proposed, accepted, rejected or superseded")
                            ->type_name("STATUS")
                            ->check(CLI::IsMember(choices::kDecisionStatuses));
  list->tool_option = list_cmd->add_option("--tool", list->tool, "Only the decisions that weighed this tool")->type_name("TOOL");
  CLI::App* show_cmd = command.add_subcommand("show", "A decision, its comparison then and now, and what changed");
  show_cmd->add_option("DECISION", show->decision, "Its id or title")->required();
  add_max_age(*show_cmd, *show);
  CLI::App* export_cmd = command.add_subcommand("export", "A decision record in Markdown (MADR), or JSON");
  export_cmd->add_option("DECISION", exported->decision, "Its id or title")->required();
  export_cmd->add_option("--format", exported->format, "markdown (MADR, the default) or json")
      ->type_name("FORMAT")
      ->check(CLI::IsMember(choices::kDecisionExportFormats));
  export_cmd->add_flag("--with-changes", exported->with_changes, "Add what changed since, and whether the pick holds");
  export_cmd->add_option("-o,--output", exported->output, "Write to FILE instead of standard output")->type_name("FILE");
  add_max_age(*export_cmd, *exported);
  CLI::App* edit_cmd = command.add_subcommand("edit", "Change a decision's status, why, deciders, review-by or title");
  CLI::App* supersede_cmd = command.add_subcommand("supersede", "Mark a decision superseded by a newer one");
  CLI::App* rm_cmd = command.add_subcommand("rm", "Remove a decision");
  CLI::App* accept_cmd = command.add_subcommand("accept", "Accept a proposed decision, so that check gates it");
  Runner run_accept = setup_decision_accept(*accept_cmd);
  Runner run_edit = setup_decision_edit(*edit_cmd);
  Runner run_supersede = setup_decision_supersede(*supersede_cmd);
  Runner run_rm = setup_decision_rm(*rm_cmd);
  list_cmd->footer("Examples:\n  toolcmp decision list\n  toolcmp decision list --status accepted --tool 'Mistral 3B'");
  show_cmd->footer("Examples:\n  toolcmp decision show 'Local code model'\n  toolcmp decision show 3 --max-age 6m --json");
  export_cmd->footer("Examples:\n  toolcmp decision export 'Local code model' > docs/adr/0007-local-code-model.md\n"
                     "  toolcmp decision export 3 --with-changes -o decision.md");
  command.footer("A decision is a pick kept with the comparison it was made on ('toolcmp decide', 'compare --save').\n"
                 "Statuses: proposed, accepted, rejected, superseded. Titles are looked up like tool names.\n\n"
                 "Examples:\n  toolcmp decision list\n  toolcmp decision show 'Local code model'\n"
                 "  toolcmp decision accept 'Local code model'\n"
                 "  toolcmp decision supersede 'Local code model' --by-decision 'Code model 2027'\n"
                 "  toolcmp decision export 'Local code model' --format markdown");
  return [=](Context& ctx) {
    if (show_cmd->parsed()) return run_show(ctx, *show);
    if (export_cmd->parsed()) return run_export(ctx, *exported);
    if (edit_cmd->parsed()) return run_edit(ctx);
    if (supersede_cmd->parsed()) return run_supersede(ctx);
    if (rm_cmd->parsed()) return run_rm(ctx);
    if (accept_cmd->parsed()) return run_accept(ctx);
    run_list(ctx, *list);
  };
}

}  // namespace toolcmp
