// info: where the database is and what it holds.
#include <CLI/CLI.hpp>

#include "cli/command.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

Runner setup_info(CLI::App& command) {
  command.footer("Examples:\n  toolcmp info\n  toolcmp --db panel.db info --json");
  return [](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    DatabaseInfo info = store.info();
    ctx.out << (ctx.json ? dump_json(info_json(info)) : render_info(info, ctx.output));
  };
}

}  // namespace toolcmp
