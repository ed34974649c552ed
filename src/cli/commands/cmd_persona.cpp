// persona list | add | edit | rm
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/authorship.h"
#include "cli/command.h"
#include "toolcmp/base/error.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_edits.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct PersonaOptions {
  std::string name, focus, weight, rename;
  CLI::Option *focus_option = nullptr, *weight_option = nullptr, *rename_option = nullptr;
};

void add_persona_fields(CLI::App& command, PersonaOptions& o) {
  o.focus_option = command.add_option("--focus", o.focus, "One line on what this persona judges")->type_name("F");
  o.weight_option = command.add_option("--weight", o.weight, "Weight in the mean score (default 1)")->type_name("W");
}

void apply_persona_fields(Persona& persona, const PersonaOptions& o) {
  if (o.focus_option->count()) {
    check_text(o.focus, "--focus");
    persona.focus = o.focus.empty() ? std::nullopt : std::optional<std::string>(o.focus);
  }
  if (o.weight_option->count()) persona.weight = parse_weight(o.weight);
}

// After a write: {"schema_version":1, "persona":{...}} with --json, else message.
void print_written_persona(Context& ctx, Store& store, std::int64_t id, const std::string& message) {
  if (!ctx.json) return print_done(ctx, message);
  Json json;
  json["schema_version"] = kJsonSchemaVersion;
  json["persona"] = persona_json(store.panel().load_persona(id));
  ctx.out << dump_json(json);
}

void run_list(Context& ctx, bool all) {
  Store store(ctx.db_path, Store::Access::Read);
  std::vector<Persona> personas = store.panel().personas(all);
  ctx.out << (ctx.json ? dump_json(personas_json(personas)) : render_personas(personas, ctx.output));
}

void run_add(Context& ctx, const PersonaOptions& o) {
  Persona persona;
  persona.name = check_name(o.name, "persona name");
  apply_persona_fields(persona, o);
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  bool revived = false;
  store.write([&] {
    auto existing = store.names().find_by_key(NameTable::Persona, name_key(persona.name));
    if (!existing.empty() && !existing.front().removed) {
      throw Error(fmt::format("persona '{}' already exists; use 'toolcmp persona edit' to change it",
                              sanitize_for_terminal(existing.front().name)));
    }
    if (!existing.empty()) {  // bring a removed persona back, with its old reviews
      Persona old = store.panel().load_persona(existing.front().id);
      persona.id = old.id;
      if (!o.focus_option->count()) persona.focus = old.focus;
      store.edits().revive_persona(persona);
      revived = true;
    } else {
      persona.id = store.edits().insert_persona(persona);
    }
    record_change(store, "persona add", fmt::format("persona {}", persona.name), nullptr, persona_json(persona));
  });
  print_written_persona(ctx, store, persona.id,
                        fmt::format("{} persona {}", revived ? "Restored" : "Added", persona.name));
}

void run_edit(Context& ctx, const PersonaOptions& o) {
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  std::string name;
  std::int64_t id = 0;
  store.write([&] {
    Match match = o.rename_option->count() ? Match::Exact : Match::Forgiving;
    Persona persona = store.panel().load_persona(resolve_name(store, NameTable::Persona, o.name, Removed::Exclude, match).id);
    Json before = persona_json(persona);
    std::string subject = fmt::format("persona {}", persona.name);
    apply_persona_fields(persona, o);
    if (o.rename_option->count()) {
      std::string renamed = check_name(o.rename, "new name");
      auto clash = store.names().find_by_key(NameTable::Persona, name_key(renamed));
      if (!clash.empty() && clash.front().id != persona.id) {
        throw Error(fmt::format("cannot rename '{}' to '{}': a persona of that name exists",
                                sanitize_for_terminal(persona.name), sanitize_for_terminal(renamed)));
      }
      persona.name = renamed;
    }
    store.edits().update_persona(persona);
    record_change(store, "persona edit", subject, before, persona_json(persona));
    name = persona.name;
    id = persona.id;
  });
  print_written_persona(ctx, store, id, fmt::format("Updated persona {}", name));
}

void run_rm(Context& ctx, const PersonaOptions& o) {
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  std::string message, name;
  store.write([&] {
    NamedRow persona = resolve_name(store, NameTable::Persona, o.name, Removed::Exclude, Match::Exact);
    std::int64_t reviews = store.panel().count_persona_reviews(persona.id);
    record_change(store, "persona rm", fmt::format("persona {}", persona.name),
                  persona_json(store.panel().load_persona(persona.id)), nullptr);
    store.edits().remove_persona(persona.id, now_utc());
    message = fmt::format("Removed persona {} from the panel; its {} {} in history", persona.name,
                          plural(reviews, "review"), reviews == 1 ? "stays" : "stay");
    name = persona.name;
  });
  print_removed(ctx, "persona", name, message);
}

}  // namespace

Runner setup_persona(CLI::App& command) {
  auto add = std::make_shared<PersonaOptions>();
  auto edit = std::make_shared<PersonaOptions>();
  auto rm = std::make_shared<PersonaOptions>();
  CLI::App* list_cmd = command.add_subcommand("list", "List the panel's personas (the default)");
  auto all = std::make_shared<bool>(false);
  list_cmd->add_flag("--all", *all, "Removed personas too (their reviews stay in history)");
  CLI::App* add_cmd = command.add_subcommand("add", "Add a persona to the panel");
  add_cmd->add_option("NAME", add->name, "The persona's name")->required();
  add_persona_fields(*add_cmd, *add);
  CLI::App* edit_cmd = command.add_subcommand("edit", "Change a persona's focus, weight or name");
  edit_cmd->add_option("NAME", edit->name, "The persona to change")->required();
  add_persona_fields(*edit_cmd, *edit);
  edit->rename_option = edit_cmd->add_option("--rename", edit->rename, "A new name")->type_name("NEW");
  CLI::App* rm_cmd = command.add_subcommand("rm", "Remove a persona from the panel (its reviews stay readable)");
  rm_cmd->add_option("NAME", rm->name, "The persona to remove")->required();
  list_cmd->footer("Examples:\n  toolcmp persona list\n  toolcmp persona list --json | jq '.personas[].name'");
  add_cmd->footer("A removed persona of that name comes back with its reviews.\n\nExamples:\n"
                  "  toolcmp persona add Operator --focus 'Can we run it at 3am?' --weight 2");
  edit_cmd->footer("Examples:\n  toolcmp persona edit Founder --weight 2\n"
                   "  toolcmp persona edit Operator --rename 'On-call' --focus 'Pages at night'");
  rm_cmd->footer("Its reviews stay in history; 'toolcmp persona add NAME' brings it back.\n\nExamples:\n"
                 "  toolcmp persona rm Operator");
  command.footer("Examples:\n  toolcmp persona list\n"
                 "  toolcmp persona add Operator --focus 'Can we run it at 3am?' --weight 2\n"
                 "  toolcmp persona rm Operator");
  return [add, edit, rm, list_cmd, add_cmd, edit_cmd, rm_cmd, all](Context& ctx) {
    if (add_cmd->parsed()) return run_add(ctx, *add);
    if (edit_cmd->parsed()) return run_edit(ctx, *edit);
    if (rm_cmd->parsed()) return run_rm(ctx, *rm);
    (void)list_cmd;
    run_list(ctx, *all);
  };
}

}  // namespace toolcmp
