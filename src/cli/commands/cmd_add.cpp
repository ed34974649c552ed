// add NAME [--vendor ...] [--attr KEY=VALUE ...]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/authorship.h"
#include "cli/command.h"
#include "cli/tool_fields.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_edits.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct Options {
  std::string name;
  ToolFieldOptions fields;
};

void run(Context& ctx, const Options& o) {
  Tool tool;
  tool.name = check_name(o.name, "tool name");
  o.fields.apply(tool);
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  std::int64_t id = 0;
  std::vector<NamedRow> alike;
  store.write([&] {
    auto existing = store.names().find_by_key(NameTable::Tool, name_key(tool.name));
    if (!existing.empty()) {
      throw Error(fmt::format("tool '{}' already exists; use 'toolcmp edit' to change it",
                              sanitize_for_terminal(existing.front().name)));
    }
    alike = store.names().find_by_loose_key(NameTable::Tool, loose_key(tool.name));
    id = store.edits().insert_tool(tool, now_utc());
    record_change(store, "add", fmt::format("tool {}", tool.name), nullptr, tool_record_json(tool));
  });
  if (!alike.empty() && !ctx.output.quiet) {
    ctx.err << fmt::format("toolcmp: note: '{}' differs from '{}' only in case, accents, spaces or punctuation; "
                           "commands given either name loosely will ask for the full name\n",
                           sanitize_for_terminal(tool.name), sanitize_for_terminal(alike.front().name));
  }
  print_written_tool(ctx, store, id, fmt::format("Added {}", tool.name));
}

}  // namespace

Runner setup_add(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("NAME", o->name, "The tool's name, unique ignoring case")->required();
  o->fields.add_to(command);
  command.footer("Examples:\n"
                 "  toolcmp add 'Mistral 3B' --vendor Mistral --category 'Developer Tools' \\\n"
                 "      --entry Free --license Apache-2.0 --attr params=3B");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
