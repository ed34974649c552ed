// What every subcommand gets: the parsed global options and the streams.
// Each cmd_*.cpp file sets up its CLI11 subcommand and returns the code
// to run once parsing has finished.
#pragma once

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>

#include "toolcmp/model/model.h"
#include "toolcmp/base/terminal.h"

namespace CLI {
class App;
class Option;
}  // namespace CLI

namespace toolcmp {

class Store;

struct Context {
  std::string db_path;
  std::string author;  // --author or TOOLCMP_AUTHOR, checked as a name; empty: the store's login
  bool json = false;
  OutputOptions output;
  std::istream& in;   // prompts and --text-file -
  std::ostream& out;
  std::ostream& err;
  bool stdin_is_terminal = false;
  bool db_is_default = false;  // no --db or TOOLCMP_DB: the first write may create its directories
  bool stdout_is_terminal = false;
  bool stderr_is_terminal = false;
};

using Runner = std::function<void(Context&)>;
using CommandSetup = Runner (*)(CLI::App& command);

// The top-level commands are in command_table.h; these set up a command's
// own subcommands (review edit, vote list, decision supersede, ...), each
// in its own cmd_<name>.cpp and called by its parent's setup.
Runner setup_review_edit(CLI::App& command);
Runner setup_review_rm(CLI::App& command);
Runner setup_vote_list(CLI::App& command);
Runner setup_vote_rm(CLI::App& command);
Runner setup_decision_edit(CLI::App& command);
Runner setup_decision_supersede(CLI::App& command);
Runner setup_decision_rm(CLI::App& command);
Runner setup_decision_accept(CLI::App& command);

// After decide and decision edit: {"schema_version":N, "decision":{...}}.
void print_decision_json(Context& ctx, const Decision& decision);

// --weight PERSONA=W (repeatable) and --min-verdicts N, for compare and rank.
// --weight, --min-verdicts and --rule.
void add_decision_options(CLI::App& command, std::vector<std::string>& weights, int& min_verdicts, std::string& rule);
// --rule adjusted-mean|ship-first; resolve_method reads it, else
// TOOLCMP_RULE, else the default (adjusted-mean). A bad value is a usage error.
void add_rule_option(CLI::App& command, std::string& rule);
Method resolve_method(const std::string& option);

// --as-of DATE (or --written-before DATE) and --max-age DURATION (default TOOLCMP_MAX_AGE), for
// compare, show, list and rank. apply() sets the rule's as_of, max_age,
// stale_before and now; as_of_line() and max_age_line() say them above
// the output.
struct TimeOptions {
  std::string as_of_text, written_text, max_age_text;
  CLI::Option* as_of = nullptr;
  CLI::Option* written_before = nullptr;
  CLI::Option* max_age = nullptr;
  std::string half_life_text;
  CLI::Option* half_life = nullptr;
  void add_to(CLI::App& command);
  void apply(PickRule& rule) const;
};

// An AGE option ("90d"), else its environment variable (TOOLCMP_MAX_AGE);
// none for "none" or neither. A bad value is a UsageError naming where it
// came from.
std::optional<std::string> age_option(const CLI::Option* option, const std::string& text, const char* variable);

// After a write: the tool's show JSON with --json, else message unless --quiet.
void print_written_tool(Context& ctx, Store& store, std::int64_t tool_id, const std::string& message);
// After a write with nothing to show: message unless --quiet or --json.
void print_done(Context& ctx, const std::string& message);
// After a removal: {"removed": kind, ...} with --json, else message unless --quiet.
void print_removed(Context& ctx, const char* kind, const std::string& key, const std::string& message);
// Before removing what: with --yes go on; on a terminal ask (before any
// lock is taken); in a script refuse. False, having said "Nothing removed.",
// when the answer is no: the caller returns, and the exit is 0.
bool confirm_removal(Context& ctx, const std::string& what, bool yes);

}  // namespace toolcmp
