// migrate: bring the database's schema up to this toolcmp's. Writers do it
// on their own; on PostgreSQL readers never do, so a team runs this once,
// as a writer, after upgrading toolcmp.
#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include "cli/command.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

Runner setup_migrate(CLI::App& command) {
  command.footer("Safe while others use the database: the migration is one transaction, taken in turn with\n"
                 "other writers; a second migrate finds nothing to do.\n\n"
                 "Examples:\n  toolcmp migrate\n  toolcmp --db 'host=db dbname=tools schema=team_a' migrate");
  return [](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Write);
    store.set_author(ctx.author);
    DatabaseInfo info = store.info();
    if (ctx.json) {
      ctx.out << dump_json(info_json(info));  // what info --json says, after the migration
      return;
    }
    print_done(ctx, store.migrated_from() > 0
                        ? fmt::format("Migrated '{}' from schema {} to {}", info.path, store.migrated_from(), info.schema)
                        : fmt::format("'{}' is at schema {}, this toolcmp's: nothing to migrate", info.path, info.schema));
  };
}

}  // namespace toolcmp
