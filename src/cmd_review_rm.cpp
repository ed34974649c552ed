// review rm ID [--yes]
#include <CLI/CLI.hpp>

#include <memory>

#include "command.h"
#include "review_fields.h"
#include "toolcmp/store.h"

namespace toolcmp {

namespace {

struct Options {
  std::int64_t id = 0;
  bool yes = false;
};

void run(Context& ctx, const Options& o) {
  std::string what;
  {
    Store store(ctx.db_path, Store::Access::Read);
    what = describe_review(load_review_or_fail(store, o.id).review);
  }
  if (!confirm_removal(ctx, what, o.yes)) return;
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.write([&] {
    load_review_or_fail(store, o.id);
    store.delete_review(o.id);
  });
  print_removed(ctx, "review", std::to_string(o.id), "Removed " + what);
}

}  // namespace

Runner setup_review_rm(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("ID", o->id, "The review's id, from 'history --json'")->required();
  command.add_flag("-y,--yes", o->yes, "Do not ask for confirmation");
  command.footer("The persona's previous review, if any, becomes the current one again.\n\nExamples:\n"
                 "  toolcmp review rm 42 --yes");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
