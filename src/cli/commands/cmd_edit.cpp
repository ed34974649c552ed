// edit NAME [--vendor ...] [--rename NEW] [--unset-attr KEY ...]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/authorship.h"
#include "cli/command.h"
#include "cli/tool_fields.h"
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
  std::string name, rename;
  ToolFieldOptions fields;
  std::vector<std::string> unset;
  CLI::Option* rename_option = nullptr;
};

void unset_attributes(Tool& tool, const std::vector<std::string>& keys) {
  for (const std::string& key : keys) {
    check_attribute_key(key);
    auto it = find_attribute(tool.attributes, key);
    if (it == tool.attributes.end()) {
      throw Error(fmt::format("tool '{}' has no attribute '{}'", sanitize_for_terminal(tool.name), key));
    }
    tool.attributes.erase(it);
  }
}

void rename(Store& store, Tool& tool, const std::string& new_name) {
  std::string old_name = tool.name;
  tool.name = check_name(new_name, "new name");
  auto clash = store.names().find_by_key(NameTable::Tool, name_key(tool.name));
  if (!clash.empty() && clash.front().id != tool.id) {
    throw Error(fmt::format("cannot rename '{}' to '{}': a tool of that name exists", sanitize_for_terminal(old_name),
                            sanitize_for_terminal(tool.name)));
  }
}

void run(Context& ctx, const Options& o) {
  bool renaming = o.rename_option->count() > 0;
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  std::string message;
  std::int64_t id = 0;
  store.write([&] {
    Match match = renaming ? Match::Exact : Match::Forgiving;
    Tool tool = store.panel().load_tool(resolve_name(store, NameTable::Tool, o.name, Removed::Exclude, match).id);
    id = tool.id;
    std::string old_name = tool.name;
    o.fields.apply(tool);
    unset_attributes(tool, o.unset);
    if (renaming) rename(store, tool, o.rename);
    Tool before = store.panel().load_tool(tool.id);
    if (same_fields(tool, before)) {
      message = fmt::format("Nothing changed: {} already has these values", tool.name);
      return;
    }
    store.edits().update_tool(tool, now_utc());
    record_change(store, "edit", fmt::format("tool {}", old_name), tool_record_json(before), tool_record_json(tool));
    message = old_name == tool.name ? fmt::format("Updated {}", tool.name)
                                    : fmt::format("Updated {} (renamed from {})", tool.name, old_name);
  });
  print_written_tool(ctx, store, id, message);
}

}  // namespace

Runner setup_edit(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("NAME", o->name, "The tool to change")->required();
  o->fields.add_to(command);
  o->rename_option = command.add_option("--rename", o->rename, "Give the tool a new name")->type_name("NEW");
  command.add_option("--unset-attr", o->unset, "Remove an attribute (repeatable)")->type_name("KEY");
  command.footer("An empty value clears a field: --vendor ''.\n\nExamples:\n"
                 "  toolcmp edit smollm3 --pricing 'Free (Apache 2.0)' --attr context=64k\n"
                 "  toolcmp edit 'Code Llama 4' --rename 'Code Llama 4 70B' --unset-attr params");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
