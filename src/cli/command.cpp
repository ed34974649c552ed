// Helpers every command shares.
#include "cli/command.h"


#include <istream>
#include <ostream>
#include <string>

#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "toolcmp/app/loader.h"
#include "cli/validators.h"
#include "toolcmp/model/compare.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/io.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

void print_written_tool(Context& ctx, Store& store, std::int64_t tool_id, const std::string& message) {
  if (ctx.json) {
    ctx.out << dump_json(show_json(load_report(store, tool_id)));
  } else {
    print_done(ctx, message);
  }
}

bool confirm_removal(Context& ctx, const std::string& what, bool yes) {
  if (yes) return true;
  if (!ctx.stdin_is_terminal) throw UsageError(fmt::format("refusing to remove {} without --yes", what));
  ctx.err << "Remove " << what << "? [y/N] " << std::flush;
  std::string answer;
  std::getline(ctx.in, answer);
  if (answer == "y" || answer == "Y" || answer == "yes") return true;
  ctx.err << "Nothing removed.\n";  // an answer, not an error: exit 0
  return false;
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
  as_of = command.add_option("--as-of", as_of_text,
                             "What toolcmp knew then: reviews written and recorded by DATE, votes cast by then")
              ->type_name("DATE");
  written_before = command.add_option("--written-before", written_text,
                                      "The reviews written by DATE, whenever recorded (back-dated ones too)")
                       ->type_name("DATE")
                       ->excludes(as_of);
  max_age = command.add_option("--max-age", max_age_text,
                               "Reviews older than this (90d, 12w, 6m, 1y; none: no limit) are stale and do not "
                               "count; default TOOLCMP_MAX_AGE")
                ->type_name("AGE");
  half_life = command.add_option("--half-life", half_life_text,
                                 "A review weighs half as much for every AGE of its age (90d, 12w, 6m, 1y; none: "
                                 "no decay); default TOOLCMP_HALF_LIFE")
                  ->type_name("AGE");
}

std::optional<std::string> age_option(const CLI::Option* option, const std::string& text, const char* variable) {
  bool given = option && option->count() > 0;
  std::optional<std::string> age;
  if (given) {
    age = text;
  } else if (const char* fallback = env(variable)) {
    age = fallback;
  }
  if (!age || *age == "none") return std::nullopt;
  try {
    return parse_max_age(*age);
  } catch (const UsageError& e) {
    throw UsageError(given ? std::string(e.what()) : fmt::format("{}: {}", variable, e.what()));
  }
}

void TimeOptions::apply(PickRule& rule) const {
  if (as_of && as_of->count() > 0) rule.as_of = parse_as_of(as_of_text);
  if (written_before && written_before->count() > 0) {
    rule.as_of = parse_as_of(written_text);
    rule.written_only = true;
  }
  rule.now = rule.as_of ? *rule.as_of : now_utc();
  rule.half_life = age_option(half_life, half_life_text, "TOOLCMP_HALF_LIFE");
  rule.max_age = age_option(max_age, max_age_text, "TOOLCMP_MAX_AGE");
  if (rule.max_age) rule.stale_before = timestamp_before(rule.now, *rule.max_age);
}

}  // namespace toolcmp
