// check [DECISION...] [--fail-on LIST]: a gate for CI. Silent and exit 0
// when every decision passes; one line per failed gate and exit 4 when not.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/choices.h"
#include "cli/command.h"
#include "toolcmp/app/decisions.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/io.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/store/saved_decisions.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct Options {
  std::vector<std::string> decisions;
  std::string fail_on = "changed,overdue", max_age;
  CLI::Option* max_age_option = nullptr;
  bool allow_empty = false;
  bool include_proposed = false;
};

std::vector<Gate> parse_gates(const std::string& list) {
  std::vector<Gate> gates;
  std::size_t start = 0;
  while (start <= list.size()) {
    std::size_t comma = std::min(list.find(',', start), list.size());
    std::string word = list.substr(start, comma - start);
    std::optional<Gate> gate = try_parse_gate(word);
    if (!gate) {
      throw UsageError(fmt::format("--fail-on: '{}' is not a check; use changed, flipped, narrow, provisional, stale, "
                                   "overdue or skip, separated by commas",
                                   sanitize_for_terminal(word)));
    }
    if (std::find(gates.begin(), gates.end(), *gate) == gates.end()) gates.push_back(*gate);
    start = comma + 1;
  }
  return gates;
}

std::optional<std::string> max_age(const Options& o) { return age_option(o.max_age_option, o.max_age, "TOOLCMP_MAX_AGE"); }

void run(Context& ctx, const Options& o) {
  std::vector<Gate> gates = parse_gates(o.fail_on);
  std::optional<std::string> age = max_age(o);
  Store store(ctx.db_path, Store::Access::Read);
  // A gate that could read nothing (a typo in --db) must not pass.
  if (!o.allow_empty) store.require_database("check");
  std::string now = now_utc();
  Json report = Json::array();
  std::string failures;
  auto check = [&](Decision decision) {
    DecisionView view = view_decision(store, std::move(decision), age, now, false);
    std::vector<GateResult> results = run_gates(view.state, gates);
    for (const GateResult& result : results) {
      if (!result.failed) continue;
      failures += sanitize_for_terminal(fmt::format("decision {} '{}': {}: {}", view.decision.id, view.decision.title,
                                                    gate_name(result.gate), result.detail)) + "\n";
    }
    if (ctx.json) report.push_back(check_result_json(view, results));
  };
  std::int64_t unchecked = 0;  // proposed decisions left out
  if (o.decisions.empty()) {
    store.decisions().each_decision(DecisionStatus::Accepted, std::nullopt, false, check);
    if (o.include_proposed) {
      store.decisions().each_decision(DecisionStatus::Proposed, std::nullopt, false, check);
    } else {
      unchecked = store.decisions().count_decisions(DecisionStatus::Proposed);
    }
  } else {
    for (const std::string& given : o.decisions) check(resolve_decision(store, given));
  }
  if (ctx.json) {
    ctx.out << dump_json(check_json(failures.empty(), gates, std::move(report), unchecked));
  } else {
    ctx.out << failures;
    // Green must not mean "nothing was looked at": say what was left out.
    if (unchecked > 0 && !ctx.output.quiet) {
      ctx.err << fmt::format("{} not checked; --include-proposed to gate them too, or 'toolcmp decision accept'\n",
                             plural(unchecked, "proposed decision"));
    }
  }
  if (!failures.empty()) throw CheckFailed();
}

}  // namespace

Runner setup_check(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("DECISION", o->decisions, "Decisions to check, by id or title (default: every accepted one)");
  command.add_option("--fail-on", o->fail_on,
                     "Which checks fail, comma-separated: changed, flipped, narrow, provisional, stale, overdue, skip "
                     "(default: changed,overdue)")
      ->type_name("LIST");
  command.add_flag("--include-proposed", o->include_proposed, "Check proposed decisions too (default: accepted ones)");
  command.add_flag("--allow-empty", o->allow_empty,
                   "Pass on a database that is missing or holds nothing (default: exit 1 or 3)");
  o->max_age_option = command.add_option("--max-age", o->max_age,
                                         "For 'stale': reviews behind the pick older than this (default TOOLCMP_MAX_AGE)")
                          ->type_name("AGE");
  command.footer("Silent when every check passes (exit 0). Otherwise one line per failed check and decision, and\n"
                 "exit 4 (1 is an error, 2 a usage error, 3 a database toolcmp will not touch).\n"
                 "  changed      the pick is no longer the recommendation (an override: the\n"
                 "               recommendation it was chosen over has changed)\n"
                 "  flipped      a verdict behind the decision turned\n"
                 "  narrow       the recommendation is narrow now\n"
                 "  provisional  the recommendation is provisional now\n"
                 "  stale        a review behind the pick is older than --max-age\n"
                 "  overdue      the review-by date has passed\n"
                 "  skip         the panel's verdict on the pick is skip\n\n"
                 "Examples:\n  toolcmp check\n  toolcmp check 'Local code model' --fail-on changed,flipped,skip\n"
                 "  toolcmp check --fail-on stale --max-age 6m --json");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
