// setup-roles: the grants a team's PostgreSQL panel needs, run (as the
// writer role or one of its members) or printed for a database owner to
// read and run with psql.
#include <CLI/CLI.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "cli/command.h"
#include "toolcmp/base/text.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

namespace {

struct Options {
  std::string writer, reader;
  bool print = false;
  bool row_security = false, no_row_security = false;
};

// What setup-roles ran (or, with --print, would run), as JSON, a psql
// script or a list and a line saying what it did.
void show(Context& ctx, const Options& o, const RoleSetup& done, RowSecurity rows) {
  if (ctx.json) {
    nlohmann::ordered_json out{{"schema", done.schema},
                               {"writer", o.writer},
                               {"reader", o.reader},
                               {"ran", !o.print},
                               {"row_security", rows == RowSecurity::Keep ? Json() : Json(rows == RowSecurity::On)},
                               {"statements", done.statements}};
    ctx.out << dump_json(out);
    return;
  }
  if (o.print) {
    ctx.out << fmt::format("-- toolcmp setup-roles: run as {} or one of its members.\n", o.writer);
    if (rows != RowSecurity::Keep) ctx.out << "-- Row security needs toolcmp's tables: a first write makes them.\n";
    ctx.out << "BEGIN;\n";
    for (const std::string& statement : done.statements) ctx.out << sanitize_for_terminal(statement) << ";\n";
    ctx.out << "COMMIT;\n";
    return;
  }
  if (!ctx.output.quiet) {
    for (const std::string& statement : done.statements) ctx.out << sanitize_for_terminal(statement) << "\n";
  }
  const char* reviews = rows == RowSecurity::On    ? "; only a review's author may change or remove it"
                        : rows == RowSecurity::Off ? "; any writer may change a review (with --force)"
                                                   : "";
  print_done(ctx, fmt::format("Schema {}: {} and its members write it, {} and its members read it (also tables a "
                              "later migration adds){}",
                              done.schema, o.writer, o.reader, reviews));
}

}  // namespace

Runner setup_setup_roles(CLI::App& command) {
  auto options = std::make_shared<Options>();
  command.add_option("--writer", options->writer, "The role whose members write the panel (it owns the schema)")
      ->required();
  command.add_option("--reader", options->reader, "The role whose members only read it")->required();
  command.add_flag("--print", options->print, "Print the statements for psql instead of running them; connects to nothing");
  auto* on = command.add_flag("--row-security", options->row_security,
                              "Let only a review's author (the role it names) change or remove it, even with --force "
                              "(row-level security on the review table)");
  command.add_flag("--no-row-security", options->no_row_security, "Take --row-security away again")->excludes(on);
  command.footer(
      "Run it once, as the writer role or one of its members, after a database owner has made the roles\n"
      "(CREATE ROLE panel_writer NOLOGIN; GRANT panel_writer TO alice, bob) and let the writer role create\n"
      "schemas (GRANT CREATE ON DATABASE tools TO panel_writer). The writer role then owns the schema and\n"
      "its tables; each writer makes and migrates tables as that role, and the reader role may read every\n"
      "table, also those a later migration adds (ALTER DEFAULT PRIVILEGES). One transaction; running it\n"
      "again changes nothing.\n\n"
      "Examples:\n  toolcmp setup-roles --writer panel_writer --reader panel_reader\n"
      "  toolcmp setup-roles --writer aw --reader ar --print | psql -d tools\n"
      "  toolcmp setup-roles --writer panel_writer --reader panel_reader --row-security");
  return [options](Context& ctx) {
    RowSecurity rows = options->row_security    ? RowSecurity::On
                       : options->no_row_security ? RowSecurity::Off
                                                  : RowSecurity::Keep;
    RoleSetup done = setup_roles(ctx.db_path, options->writer, options->reader, !options->print, rows);
    show(ctx, *options, done, rows);
  };
}

}  // namespace toolcmp
