// Helpers every command shares.
#include "command.h"


#include <istream>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "loader.h"
#include "validators.h"
#include "toolcmp/compare.h"
#include "toolcmp/error.h"
#include "toolcmp/io.h"
#include "toolcmp/json.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

void print_written_tool(Context& ctx, Store& store, std::int64_t tool_id, const std::string& message) {
  if (ctx.json) {
    ctx.out << dump_json(show_json(load_report(store, tool_id)));
  } else {
    print_done(ctx, message);
  }
}

void confirm_removal(Context& ctx, const std::string& what, bool yes) {
  if (yes) return;
  if (!ctx.stdin_is_terminal) throw UsageError(fmt::format("refusing to remove {} without --yes", what));
  ctx.err << "Remove " << what << "? [y/N] " << std::flush;
  std::string answer;
  std::getline(ctx.in, answer);
  if (answer != "y" && answer != "Y" && answer != "yes") throw Error("nothing removed");
}

void print_done(Context& ctx, const std::string& message) {
  if (!ctx.output.quiet && !ctx.json) ctx.out << sanitize_for_terminal(message) << "\n";
}

void print_removed(Context& ctx, const char* kind, const std::string& key, const std::string& message) {
  if (ctx.json) {
    ctx.out << dump_json(removed_json(kind, key));
  } else {
    print_done(ctx, message);
  }
}

void add_decision_options(CLI::App& command, std::vector<std::string>& weights, int& min_verdicts, std::string& rule) {
  command.add_option("--weight", weights, "What-if: weigh PERSONA's reviews W (0 leaves them out); writes nothing")
      ->type_name("PERSONA=W")
      ->allow_extra_args(false);
  command.add_option("--min-verdicts", min_verdicts, "A tool with fewer verdicts cannot win")
      ->type_name("N")
      ->check(choices::whole_number(1, 1000));
  add_rule_option(command, rule);
}

void add_rule_option(CLI::App& command, std::string& rule) {
  command.add_option("--rule", rule,
                     "What decides first: adjusted-mean (each persona's strictness taken out; the default) or "
                     "ship-first; default TOOLCMP_RULE")
      ->type_name("RULE");
}

Method resolve_method(const std::string& option) {
  const char* fallback = env("TOOLCMP_RULE");
  std::string text = !option.empty() ? option : fallback ? fallback : "";
  if (text.empty()) return Method::AdjustedMean;
  if (std::optional<Method> method = method_from_name(text)) return *method;
  throw UsageError(fmt::format("{}'{}' is not a rule: use adjusted-mean or ship-first",
                               option.empty() ? "TOOLCMP_RULE: " : "--rule: ", text));
}

void TimeOptions::add_to(CLI::App& command) {
  as_of = command.add_option("--as-of", as_of_text, "The panel as it stood then: reviews and votes recorded by DATE")
              ->type_name("DATE");
  max_age = command.add_option("--max-age", max_age_text,
                               "Reviews older than this (90d, 12w, 6m, 1y; none: no limit) are stale and do not "
                               "count; default TOOLCMP_MAX_AGE")
                ->type_name("AGE");
}

void TimeOptions::apply(DecisionRule& rule) const {
  if (as_of && as_of->count() > 0) rule.as_of = parse_as_of(as_of_text);
  rule.now = rule.as_of ? *rule.as_of : now_utc();
  std::optional<std::string> age;
  if (max_age && max_age->count() > 0) {
    age = max_age_text;
  } else if (const char* fallback = env("TOOLCMP_MAX_AGE")) {
    age = fallback;
  }
  if (!age || *age == "none") return;
  try {
    rule.max_age = parse_max_age(*age);
  } catch (const UsageError& e) {
    bool from_env = !(max_age && max_age->count() > 0);
    throw UsageError(from_env ? fmt::format("TOOLCMP_MAX_AGE: {}", e.what()) : std::string(e.what()));
  }
  rule.stale_before = timestamp_before(rule.now, *rule.max_age);
}

}  // namespace toolcmp
