// review, vote and history.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <memory>

#include "command.h"
#include "reports.h"
#include "toolcmp/error.h"
#include "toolcmp/io.h"
#include "toolcmp/json.h"
#include "toolcmp/names.h"
#include "toolcmp/render.h"
#include "toolcmp/store.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

namespace {

// A review's text from a file, or from standard input for "-": at most the
// text limit is read, so /dev/zero or an endless pipe is refused, not
// read until memory runs out.
std::string read_text_file(Context& ctx, const std::string& path) {
  std::string where = path == "-" ? "standard input" : "'" + sanitize_for_terminal(path) + "'";
  std::string text;
  if (path == "-") {
    text = read_bounded(ctx.in, kMaxTextBytes, "review text in standard input");
  } else {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      throw Error(fmt::format("cannot read '{}': it is a directory", sanitize_for_terminal(path)));
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) throw Error(fmt::format("cannot read '{}': {}", sanitize_for_terminal(path), std::strerror(errno)));
    text = read_bounded(file, kMaxTextBytes, "review text in " + where);
  }
  check_text(text, "review text in " + where, kMaxTextBytes);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

// A date more than a day ahead would stay the current review for good.
void check_not_future(const std::string& at) {
  if (at > timestamp_after_now(24 * 3600)) {
    throw UsageError(fmt::format("date '{}' is more than a day in the future; give the date it was reviewed", at));
  }
}

// A removed persona is not on the panel: say how to bring it back.
NamedRow resolve_persona_for_review(Store& store, const std::string& name) {
  NamedRow persona = resolve_name(store, NameTable::Persona, name, Removed::Include);
  if (persona.removed) {
    throw Error(fmt::format("persona '{}' was removed from the panel; restore it with 'toolcmp persona add {}' to "
                            "review with it", sanitize_for_terminal(persona.name), sanitize_for_terminal(persona.name)));
  }
  return persona;
}

}  // namespace

Runner setup_review(CLI::App& command) {
  struct Options {
    std::string tool, persona, verdict, score, text, text_file, at;
    CLI::Option *score_option = nullptr, *at_option = nullptr;
  };
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool reviewed")->required();
  command.add_option("PERSONA", o->persona, "The reviewing persona, e.g. Builder")->required();
  command.add_option("--verdict", o->verdict, "ship or skip")->type_name("ship|skip")->required();
  o->score_option = command.add_option("--score", o->score, "Score from 0 to 100")->type_name("N");
  auto* text = command.add_option("--text", o->text, "The review itself")->type_name("T");
  auto* file = command.add_option("--text-file", o->text_file, "Read the review from a file ('-' = stdin)")
                   ->type_name("FILE");
  text->excludes(file);
  o->at_option = command.add_option("--at", o->at, "When it was reviewed, YYYY-MM-DD[THH:MM[:SS]] UTC (default: now)")
                     ->type_name("DATE");
  command.footer("Every review is kept; the latest from each persona is the current one.\n\nExamples:\n"
                 "  toolcmp review 'Code Llama 4' Builder --verdict ship --score 84 --text 'Handles tool loops.'\n"
                 "  toolcmp review smollm3 founder --verdict skip --text-file founder.txt --at 2026-11-01");
  return [o, file](Context& ctx) {
    Review review;
    review.verdict = parse_verdict(o->verdict);
    if (o->score_option->count()) review.score = parse_score(o->score);
    if (file->count()) {
      review.text = read_text_file(ctx, o->text_file);
    } else {
      check_text(o->text, "--text", kMaxTextBytes);
      review.text = o->text;
    }
    review.reviewed_at = o->at_option->count() ? parse_timestamp(o->at) : now_utc();
    check_not_future(review.reviewed_at);
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    NamedRow tool, persona;
    std::optional<std::string> current;
    store.write([&] {
      tool = resolve_name(store, NameTable::Tool, o->tool);
      persona = resolve_persona_for_review(store, o->persona);
      store.insert_review(tool.id, persona.id, review);
      current = store.current_review_date(tool.id, persona.id);
    });
    std::string message =
        fmt::format("Recorded {}'s review of {}: {}", persona.name, tool.name, verdict_name(*review.verdict));
    if (current && *current != review.reviewed_at) {
      message = fmt::format("Recorded in history; the current {} review of {} is from {}.", persona.name, tool.name,
                            current->substr(0, 10));
    }
    print_written_tool(ctx, store, tool.id, message);
  };
}

Runner setup_vote(CLI::App& command) {
  struct Options {
    std::string tool, verdict, voter;
    CLI::Option* voter_option = nullptr;
  };
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool voted on")->required();
  command.add_option("VERDICT", o->verdict, "ship or skip")->required();
  o->voter_option = command.add_option("--voter", o->voter, "Your name: one vote per name, voting again replaces it")
                        ->type_name("NAME");
  command.footer("Votes without --voter are anonymous and add up.\n\nExamples:\n"
                 "  toolcmp vote SmolLM3 ship --voter ana\n  toolcmp vote 'Code Llama 4' skip");
  return [o](Context& ctx) {
    Verdict verdict = parse_verdict(o->verdict);
    std::optional<std::string> voter;
    if (o->voter_option->count()) voter = check_name(o->voter, "voter name");
    Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
    NamedRow tool;
    Store::VoteChange change = Store::VoteChange::Added;
    store.write([&] {
      // A named vote may replace one: the tool must be named exactly.
      tool = resolve_name(store, NameTable::Tool, o->tool, Removed::Exclude, voter ? Match::Exact : Match::Forgiving);
      change = store.cast_vote(tool.id, verdict, voter, now_utc());
    });
    std::string message = fmt::format("Voted {} on {}", verdict_name(verdict), tool.name);
    if (change == Store::VoteChange::Replaced) {
      message += fmt::format(", replacing {}'s earlier vote", *voter);
    } else if (change == Store::VoteChange::Unchanged) {
      message += fmt::format(" ({} had voted {} already)", *voter, verdict_name(verdict));
    }
    print_written_tool(ctx, store, tool.id, message);
  };
}

Runner setup_history(CLI::App& command) {
  struct Options {
    std::string tool, persona;
    CLI::Option* persona_option = nullptr;
  };
  auto o = std::make_shared<Options>();
  command.add_option("TOOL", o->tool, "The tool")->required();
  o->persona_option = command.add_option("--persona", o->persona, "Only this persona's reviews")->type_name("P");
  command.footer("Examples:\n  toolcmp history SmolLM3\n  toolcmp history SmolLM3 --persona Skeptic --json");
  return [o](Context& ctx) {
    Store store(ctx.db_path, Store::Access::Read);
    NamedRow tool = resolve_name(store, NameTable::Tool, o->tool);
    std::optional<std::int64_t> persona;
    if (o->persona_option->count()) persona = resolve_name(store, NameTable::Persona, o->persona, Removed::Include).id;
    std::vector<Review> reviews = store.history(tool.id, persona);
    if (ctx.json) {
      ctx.out << dump_json(history_json(tool.name, reviews));
    } else {
      ctx.out << render_history(reviews, ctx.output);
    }
  };
}

}  // namespace toolcmp
