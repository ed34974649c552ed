// review edit ID [--verdict ...] [--score ...] [--text ...] [--at ...]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/authorship.h"
#include "cli/command.h"
#include "cli/review_fields.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/panel_edits.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

struct Options {
  std::int64_t id = 0;
  ReviewFieldOptions fields;
  bool force = false;
};

void run(Context& ctx, const Options& o) {
  if (!o.fields.any_given()) throw UsageError("nothing to change; give --verdict, --score, --text, --text-file or --at");
  o.fields.read_files(ctx);
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  StoredReview stored;
  store.write([&] {
    stored = load_review_or_fail(store, o.id);
    std::string subject = review_subject(o.id, stored.review);
    bool forced = check_review_author(store, stored.review.author, o.force, subject);
    Json before = review_json(stored.review);
    o.fields.apply(ctx, stored.review);
    store.edits().update_review(o.id, stored.review);
    record_change(store, "review edit", subject, before, review_json(stored.review), forced);
  });
  print_written_tool(ctx, store, stored.tool_id, fmt::format("Updated {}", describe_review(stored.review)));
}

}  // namespace

Runner setup_review_edit(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("ID", o->id, "The review's id, from 'history'")->required();
  o->fields.add_to(command);
  command.add_flag("--force", o->force, "Change a review another author wrote (the log records it)");
  command.footer("Only the options given change; --score '' and --text '' clear them. A review keeps its author; "
                 "another author's needs --force.\n\nExamples:\n"
                 "  toolcmp review edit 42 --score 80 --verdict ship\n  toolcmp review edit 42 --at 2026-11-02");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
