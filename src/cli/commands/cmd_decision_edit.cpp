// decision edit, decision supersede and decision rm.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/choices.h"
#include "cli/authorship.h"
#include "cli/command.h"
#include "cli/decision_fields.h"
#include "toolcmp/app/decisions.h"
#include "toolcmp/base/error.h"
#include "toolcmp/app/names.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/store/saved_decisions.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct EditOptions {
  std::string decision, title;
  CLI::Option* title_option = nullptr;
  DecisionFieldOptions fields;
};

struct SupersedeOptions {
  std::string old_decision, new_decision;
};

struct RmOptions {
  std::string decision;
  bool yes = false;
};

std::string decision_subject(const Decision& decision) {
  return fmt::format("decision {} '{}'", decision.id, decision.title);
}

void run_edit(Context& ctx, const EditOptions& o) {
  if (!o.fields.any_given() && !o.title_option->count()) {
    throw UsageError("nothing to change; give --status, --why, --why-file, --by, --review-by or --title");
  }
  o.fields.read_files(ctx);
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  Decision decision;
  store.write([&] {
    decision = resolve_decision(store, o.decision, Match::Exact);
    Json before = decision_json(decision);
    o.fields.apply(ctx, decision);
    if (o.title_option->count()) {
      decision.title = check_name(o.title, "--title");
      for (const NamedRow& clash : store.names().find_by_key(NameTable::Decision, name_key(decision.title))) {
        if (clash.id != decision.id) {
          throw Error(fmt::format("decision {} is already titled '{}'", clash.id, sanitize_for_terminal(clash.name)));
        }
      }
    }
    if (decision.status != DecisionStatus::Superseded) decision.superseded_by.reset();
    decision.updated_at = now_utc();
    store.decisions().update_decision(decision);
    decision = *store.decisions().load_decision(decision.id, false);
    record_change(store, "decision edit", decision_subject(decision), before, decision_json(decision));
  });
  if (ctx.json) return print_decision_json(ctx, decision);
  print_done(ctx, fmt::format("Updated decision {} '{}' ({})", decision.id, decision.title,
                              decision_status_name(decision.status)));
}

void run_supersede(Context& ctx, const SupersedeOptions& o) {
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  Decision old;
  store.write([&] {
    old = resolve_decision(store, o.old_decision, Match::Exact);
    Decision successor = resolve_decision(store, o.new_decision);
    if (successor.id == old.id) throw UsageError("a decision cannot supersede itself");
    Json before = decision_json(old);
    old.status = DecisionStatus::Superseded;
    old.superseded_by = successor.id;
    old.updated_at = now_utc();
    store.decisions().update_decision(old);
    old = *store.decisions().load_decision(old.id, false);
    record_change(store, "decision supersede", decision_subject(old), before, decision_json(old));
  });
  if (ctx.json) return print_decision_json(ctx, old);
  print_done(ctx, fmt::format("Decision {} '{}' is superseded by {} '{}'", old.id, old.title, *old.superseded_by,
                              old.superseded_by_title.value_or("")));
}

// decision accept: the status a team gives a proposal it takes, in one word.
void run_accept(Context& ctx, const std::string& given) {
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  Decision decision;
  store.write([&] {
    decision = resolve_decision(store, given, Match::Exact);
    Json before = decision_json(decision);
    decision.status = DecisionStatus::Accepted;
    decision.superseded_by.reset();
    decision.updated_at = now_utc();
    store.decisions().update_decision(decision);
    decision = *store.decisions().load_decision(decision.id, false);
    record_change(store, "decision accept", decision_subject(decision), before, decision_json(decision));
  });
  if (ctx.json) return print_decision_json(ctx, decision);
  print_done(ctx, fmt::format("Accepted decision {} '{}': check gates it from now on", decision.id, decision.title));
}

// Read, ask, then write, as rm does for a tool.
void run_rm(Context& ctx, const RmOptions& o) {
  Decision decision;
  {
    Store store(ctx.db_path, Store::Access::Read);
    decision = resolve_decision(store, o.decision, Match::Exact);
  }
  if (!confirm_removal(ctx, fmt::format("decision {} '{}'", decision.id, sanitize_for_terminal(decision.title)), o.yes)) {
    return;
  }
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  store.write([&] {
    Decision now = resolve_decision(store, o.decision, Match::Exact);
    if (now.id != decision.id) throw Error(fmt::format("'{}' changed while you were asked; nothing removed", o.decision));
    record_change(store, "decision rm", decision_subject(now), decision_json(now), nullptr);
    store.decisions().delete_decision(now.id);
  });
  print_removed(ctx, "decision", decision.title, fmt::format("Removed decision {} '{}'", decision.id, decision.title));
}

}  // namespace

Runner setup_decision_accept(CLI::App& command) {
  auto decision = std::make_shared<std::string>();
  command.add_option("DECISION", *decision, "Its id or full title")->required();
  command.footer("Sets its status to accepted, so that 'toolcmp check' gates it.\n\nExamples:\n"
                 "  toolcmp decision accept 'Local code model'");
  return [decision](Context& ctx) { run_accept(ctx, *decision); };
}

Runner setup_decision_edit(CLI::App& command) {
  auto o = std::make_shared<EditOptions>();
  command.add_option("DECISION", o->decision, "Its id or full title")->required();
  o->fields.add_to(command, choices::kDecisionStatuses);
  o->title_option = command.add_option("--title", o->title, "A new title")->type_name("NEW");
  command.footer("The snapshot it was decided on never changes.\n\nExamples:\n"
                 "  toolcmp decision edit 'Local code model' --status accepted --by 'Platform'\n"
                 "  toolcmp decision edit 3 --review-by 2027-06-01 --why-file why.md");
  return [o](Context& ctx) { run_edit(ctx, *o); };
}

Runner setup_decision_supersede(CLI::App& command) {
  auto o = std::make_shared<SupersedeOptions>();
  command.add_option("OLD", o->old_decision, "The decision superseded: its id or full title")->required();
  command.add_option("--by-decision", o->new_decision, "The decision that replaces it")->type_name("NEW")->required();
  command.footer("Examples:\n  toolcmp decision supersede 'Local code model' --by-decision 'Code model 2027'");
  return [o](Context& ctx) { run_supersede(ctx, *o); };
}

Runner setup_decision_rm(CLI::App& command) {
  auto o = std::make_shared<RmOptions>();
  command.add_option("DECISION", o->decision, "Its id or full title")->required();
  command.add_flag("-y,--yes", o->yes, "Do not ask for confirmation");
  command.footer("Decisions that it superseded keep their status.\n\nExamples:\n  toolcmp decision rm 3 --yes");
  return [o](Context& ctx) { run_rm(ctx, *o); };
}

}  // namespace toolcmp
