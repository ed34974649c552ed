// add, edit, rm and show.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <array>
#include <iostream>
#include <memory>

#include "command.h"
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

constexpr std::size_t kTextFields = std::size(kToolTextFields);

struct ToolFieldOptions {
  std::array<std::string, kTextFields> values;
  std::array<CLI::Option*, kTextFields> options{};
  std::vector<std::string> attributes;
};

void add_field_options(CLI::App& command, ToolFieldOptions& fields) {
  for (std::size_t i = 0; i < kTextFields; ++i) {
    fields.options[i] = command.add_option(std::string("--") + kToolTextFields[i].name, fields.values[i],
                                           kToolTextFields[i].help)
                            ->type_name("TEXT");
  }
  command.add_option("--attr", fields.attributes, "Attribute key=value (repeatable), e.g. params=3B")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
}

Attributes::iterator find_attribute(Attributes& attributes, const std::string& key) {
  return std::find_if(attributes.begin(), attributes.end(), [&](const auto& a) { return a.first == key; });
}

// An empty value clears the field.
void apply_fields(Tool& tool, const ToolFieldOptions& fields) {
  for (std::size_t i = 0; i < kTextFields; ++i) {
    if (fields.options[i]->count() == 0) continue;
    const std::string& value = fields.values[i];
    check_text(value, std::string("--") + kToolTextFields[i].name);
    tool.*kToolTextFields[i].member = value.empty() ? std::nullopt : std::optional<std::string>(value);
  }
  for (const std::string& text : fields.attributes) {
    std::pair<std::string, std::string> attribute = parse_attribute(text);
    auto it = find_attribute(tool.attributes, attribute.first);
    if (it != tool.attributes.end()) {
      it->second = attribute.second;
    } else {
      tool.attributes.push_back(std::move(attribute));
    }
  }
  std::sort(tool.attributes.begin(), tool.attributes.end());
}

bool same_fields(const Tool& a, const Tool& b) {
  for (const ToolTextField& field : kToolTextFields) {
    if (a.*field.member != b.*field.member) return false;
  }
  return a.name == b.name && a.attributes == b.attributes;
}

std::string removal_summary(const NamedRow& tool, const ToolCounts& counts) {
  return fmt::format("'{}' with its {} and {}", sanitize_for_terminal(tool.name), plural(counts.reviews, "review"),
                     plural(counts.votes, "vote"));
}

}  // namespace

Runner setup_add(CLI::App& command) {
  auto name = std::make_shared<std::string>();
  auto fields = std::make_shared<ToolFieldOptions>();
  command.add_option("NAME", *name, "The tool's name, unique ignoring case")->required();
  add_field_options(command, *fields);
  command.footer("Examples:\n"
                 "  toolcmp add 'Mistral 3B' --vendor Mistral --category 'Developer Tools' \\\n"
                 "      --entry Free --license Apache-2.0 --attr params=3B");
  return [name, fields](Context& ctx) {
    Tool tool;
    tool.name = check_name(*name, "tool name");
    apply_fields(tool, *fields);
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    std::int64_t id = 0;
    std::vector<NamedRow> alike;
    store.write([&] {
      auto existing = store.find_by_key(NameTable::Tool, name_key(tool.name));
      if (!existing.empty()) {
        throw Error(fmt::format("tool '{}' already exists; use 'toolcmp edit' to change it",
                                sanitize_for_terminal(existing.front().name)));
      }
      alike = store.find_by_loose_key(NameTable::Tool, loose_key(tool.name));
      id = store.insert_tool(tool, now_utc());
    });
    if (!alike.empty() && !ctx.output.quiet) {
      ctx.err << fmt::format("toolcmp: note: '{}' differs from '{}' only in case, accents, spaces or punctuation; "
                             "commands given either name loosely will ask for the full name\n",
                             sanitize_for_terminal(tool.name), sanitize_for_terminal(alike.front().name));
    }
    print_written_tool(ctx, store, id, fmt::format("Added {}", tool.name));
  };
}

Runner setup_edit(CLI::App& command) {
  struct Options {
    std::string name, rename;
    ToolFieldOptions fields;
    std::vector<std::string> unset;
  };
  auto o = std::make_shared<Options>();
  command.add_option("NAME", o->name, "The tool to change")->required();
  add_field_options(command, o->fields);
  command.add_option("--rename", o->rename, "Give the tool a new name")->type_name("NEW");
  command.add_option("--unset-attr", o->unset, "Remove an attribute (repeatable)")->type_name("KEY");
  command.footer("An empty value clears a field: --vendor ''.\n\nExamples:\n"
                 "  toolcmp edit smollm3 --pricing 'Free (Apache 2.0)' --attr context=64k\n"
                 "  toolcmp edit 'Code Llama 4' --rename 'Code Llama 4 70B' --unset-attr params");
  return [o, &command](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    std::string message;
    std::int64_t id = 0;
    store.write([&] {
      Match match = command.count("--rename") ? Match::Exact : Match::Forgiving;
      Tool tool = store.load_tool(resolve_name(store, NameTable::Tool, o->name, Removed::Exclude, match).id);
      id = tool.id;
      std::string old_name = tool.name;
      apply_fields(tool, o->fields);
      for (const std::string& key : o->unset) {
        check_attribute_key(key);
        auto it = find_attribute(tool.attributes, key);
        if (it == tool.attributes.end()) {
          throw Error(fmt::format("tool '{}' has no attribute '{}'", sanitize_for_terminal(tool.name), key));
        }
        tool.attributes.erase(it);
      }
      if (command.count("--rename")) {
        tool.name = check_name(o->rename, "new name");
        auto clash = store.find_by_key(NameTable::Tool, name_key(tool.name));
        if (!clash.empty() && clash.front().id != tool.id) {
          throw Error(fmt::format("cannot rename '{}' to '{}': a tool of that name exists",
                                  sanitize_for_terminal(old_name), sanitize_for_terminal(tool.name)));
        }
      }
      if (same_fields(tool, store.load_tool(tool.id))) {
        message = fmt::format("Nothing changed: {} already has these values", tool.name);
        return;
      }
      store.update_tool(tool, now_utc());
      message = old_name == tool.name ? fmt::format("Updated {}", tool.name)
                                      : fmt::format("Updated {} (renamed from {})", tool.name, old_name);
    });
    print_written_tool(ctx, store, id, message);
  };
}

Runner setup_rm(CLI::App& command) {
  auto name = std::make_shared<std::string>();
  auto yes = std::make_shared<bool>(false);
  command.add_option("NAME", *name, "The tool to remove")->required();
  command.add_flag("-y,--yes", *yes, "Do not ask for confirmation");
  command.footer("Removes the tool's reviews and votes too.\n\nExamples:\n  toolcmp rm 'Old Model' --yes");
  return [name, yes](Context& ctx) {
    // Read, ask, then write: nobody waits for the write lock while a person decides.
    NamedRow tool;
    std::string what;
    {
      Store store(ctx.db_path, Store::Access::Read);
      tool = resolve_name(store, NameTable::Tool, *name, Removed::Exclude, Match::Exact);
      what = removal_summary(tool, store.count_for_tool(tool.id));
    }
    confirm_removal(ctx, what, *yes);
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    store.write([&] {
      NamedRow now = resolve_name(store, NameTable::Tool, *name, Removed::Exclude, Match::Exact);
      if (now.id != tool.id) throw Error(fmt::format("'{}' changed while you were asked; nothing removed", *name));
      what = removal_summary(now, store.count_for_tool(now.id));
      store.delete_tool(now.id);
    });
    if (ctx.json) {
      ctx.out << dump_json(removed_json("tool", tool.name));
    } else {
      print_done(ctx, "Removed " + what);
    }
  };
}

Runner setup_show(CLI::App& command) {
  auto name = std::make_shared<std::string>();
  command.add_option("NAME", *name, "The tool to show")->required();
  command.footer("Examples:\n  toolcmp show smollm3\n  toolcmp show 'Code Llama 4' --json");
  return [name](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    ToolReport report = load_report(store, resolve_name(store, NameTable::Tool, *name).id);
    if (ctx.json) {
      ctx.out << dump_json(show_json(report));
    } else {
      ctx.out << render_show(report, store.personas(false), ctx.output);
    }
  };
}

}  // namespace toolcmp
