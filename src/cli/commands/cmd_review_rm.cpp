// review rm ID | TOOL PERSONA [--yes]
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <memory>

#include "cli/authorship.h"
#include "cli/command.h"
#include "cli/review_fields.h"
#include "toolcmp/base/error.h"
#include "toolcmp/app/names.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_edits.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

struct Options {
  std::string target, persona;  // ID, or TOOL PERSONA
  bool yes = false;
  bool force = false;
};

// The id named, or the persona's current review of the tool; an Error
// that says which when there is none.
std::int64_t review_id(Store& store, const Options& o) {
  if (o.persona.empty()) {
    std::int64_t id = 0;
    auto [end, ec] = std::from_chars(o.target.data(), o.target.data() + o.target.size(), id);
    if (ec != std::errc() || end != o.target.data() + o.target.size() || id <= 0) {
      throw UsageError(fmt::format("'{}' is not a review id; give an id from 'toolcmp history TOOL', or a TOOL and a "
                                   "PERSONA to remove the persona's current review\n(A tool named 'rm' goes after '--': "
                                   "'toolcmp review [OPTIONS] -- rm PERSONA'.)",
                                   sanitize_for_terminal(o.target)));
    }
    return id;
  }
  NamedRow tool = resolve_name(store, NameTable::Tool, o.target);
  NamedRow persona = resolve_name(store, NameTable::Persona, o.persona, Removed::Include);
  auto current = store.panel().current_review(tool.id, persona.id);
  if (!current) {
    throw Error(fmt::format("{} has no review of {}", sanitize_for_terminal(persona.name), sanitize_for_terminal(tool.name)));
  }
  return current->id;
}

void run(Context& ctx, const Options& o) {
  std::string what;
  std::int64_t id = 0;
  {
    Store store(ctx.db_path, Store::Access::Read);
    id = review_id(store, o);
    StoredReview stored = load_review_or_fail(store, id);
    store.set_author(ctx.author);
    check_review_author(store, stored.review.author, o.force, review_subject(id, stored.review));  // before asking
    what = describe_review(stored.review);
  }
  if (!confirm_removal(ctx, what, o.yes)) return;
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  store.write([&] {
    StoredReview stored = load_review_or_fail(store, id);
    std::string subject = review_subject(id, stored.review);
    bool forced = check_review_author(store, stored.review.author, o.force, subject);
    if (!store.edits().delete_review(id)) {
      throw Error(fmt::format("{} was not removed: the database let no row go (its row-level security?); nothing "
                              "was changed",
                              sanitize_for_terminal(subject)));
    }
    record_change(store, "review rm", subject, review_json(stored.review), nullptr, forced);
  });
  print_removed(ctx, "review", std::to_string(id), "Removed " + what);
}

}  // namespace

Runner setup_review_rm(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("ID", o->target, "A review's id (from 'history'), or the TOOL whose review goes")->required();
  command.add_option("PERSONA", o->persona, "With a TOOL: the persona whose current review goes");
  command.add_flag("-y,--yes", o->yes, "Do not ask for confirmation");
  command.add_flag("--force", o->force, "Remove a review another author wrote (the log records it)");
  command.footer("With a TOOL and a PERSONA, the persona's current review goes. The persona's previous review,\n"
                 "if any, becomes the current one again.\n\nExamples:\n"
                 "  toolcmp review rm 42 --yes\n  toolcmp review rm SmolLM3 Skeptic");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
