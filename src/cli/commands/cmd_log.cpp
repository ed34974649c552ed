// log [--by NAME] [--since DATE] [--limit N]: the audit table, newest first.
#include <CLI/CLI.hpp>

#include <memory>

#include "cli/validators.h"
#include "cli/command.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

struct Options {
  std::string by, since;
  CLI::Option* by_option = nullptr;
  CLI::Option* since_option = nullptr;
  int limit = 50;
};

void run(Context& ctx, const Options& o) {
  AuditFilter filter;
  if (o.by_option->count()) filter.author = check_name(o.by, "--by");
  if (o.since_option->count()) filter.since = parse_timestamp(o.since);
  filter.limit = static_cast<std::size_t>(o.limit);
  Store store(ctx.db_path, Store::Access::Read);
  std::vector<AuditEntry> entries;
  store.panel().each_change(filter, [&](const AuditEntry& entry) { entries.push_back(entry); });
  ctx.out << (ctx.json ? dump_json(log_json(entries)) : render_log(entries, ctx.output));
}

}  // namespace

Runner setup_log(CLI::App& command) {
  auto o = std::make_shared<Options>();
  o->by_option = command.add_option("--by", o->by, "Only what this author wrote (any case)")->type_name("NAME");
  o->since_option = command.add_option("--since", o->since, "Only changes after this date (YYYY-MM-DD or RFC 3339)")
                        ->type_name("DATE");
  command.add_option("-n,--limit", o->limit, "At most N changes, newest first; 0: all (default 50)")
      ->type_name("N")
      ->check(choices::whole_number(0, 1000000000));
  command.footer("Every write is recorded: who was connected (the database role, or the OS user), who they wrote as "
                 "(--author), when, the command, and the row before and after (--json has them whole). An edit "
                 "of another author's review or vote needs --force and is marked forced.\n\nExamples:\n"
                 "  toolcmp log\n  toolcmp log --by alice --since 2026-12-01\n  toolcmp log --limit 0 --json");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
