// Every top-level command, once, in the order help lists them: its name,
// its line of help, and what its positional arguments complete (the first,
// the second, and any after them). Each is set up by setup_NAME in
// commands/cmd_NAME.cpp, declared here from the same row. A new command is
// that file and one row (with its test, its man-page entry, and its line in
// src/cli/CMakeLists.txt and docs/ARCHITECTURE.md).
#pragma once

#include <string_view>

#include "cli/command.h"

#define TOOLCMP_COMMANDS(X)                                                                                        \
  X(add, "Add a tool", None, None, None)                                                                           \
  X(edit, "Change a tool's fields, rename it or drop attributes", Tools, None, None)                              \
  X(rm, "Remove a tool with its reviews and votes", Tools, None, None)                                             \
  X(show, "Show a tool's card, panel and current reviews", Tools, None, None)                                      \
  X(list, "List tools", None, None, None)                                                                          \
  X(review, "Record a persona's review of a tool", Tools, Personas, None)                                          \
  X(vote, "Cast a community vote, ship or skip", Tools, Verdicts, None)                                            \
  X(persona, "List, add, edit or remove reviewer personas", None, None, None)                                      \
  X(compare, "Compare tools side by side and recommend one", Tools, Tools, Tools)                                  \
  X(rank, "Rank tools as compare decides", None, None, None)                                                       \
  X(history, "Every review of a tool, oldest first", Tools, None, None)                                            \
  X(decide, "Record a decision: the tool picked, over which, why, and the evidence", None, None, None)             \
  X(decision, "List, show, edit, supersede, remove or export decisions", None, None, None)                         \
  X(changes, "What changed since a date or a decision: verdicts, scores, votes, panel", None, None, None)          \
  X(check, "Exit 4 when a decision no longer holds (for CI); silent when all is well", Decisions, Decisions,       \
    Decisions)                                                                                                     \
  X(publish, "Write a static site: the ranking, a page per tool, decision and --pair", None, None, None)          \
  X(import, "Import tools, reviews and votes from JSON Lines, CSV or published pages", Files, Files, Files)        \
  X(export, "Export as JSON Lines, CSV or a Markdown comparison page", None, None, None)                          \
  X(log, "Who changed what, when: every write, newest first", None, None, None)                                   \
  X(info, "Database path, schema and counts", None, None, None)                                                    \
  X(migrate, "Bring the database's schema up to this toolcmp's (PostgreSQL readers never do)", None, None, None) \
  X(setup_roles, "Grant a PostgreSQL panel to a writer role and a reader role", None, None, None)                 \
  X(completions, "Print the bash, zsh or fish completion script", Shells, None, None)

// Every subcommand: its command, its name, and what its positional
// arguments complete, as above. Each is set up in its command's file.
#define TOOLCMP_SUBCOMMANDS(X)                \
  X(persona, list, None, None, None)          \
  X(persona, add, None, None, None)           \
  X(persona, edit, Personas, None, None)      \
  X(persona, rm, Personas, None, None)        \
  X(review, edit, None, None, None)           \
  X(review, rm, Tools, Personas, None)        \
  X(vote, list, Tools, None, None)            \
  X(vote, rm, Tools, None, None)              \
  X(decision, list, None, None, None)         \
  X(decision, show, Decisions, None, None)    \
  X(decision, export, Decisions, None, None)  \
  X(decision, edit, Decisions, None, None)    \
  X(decision, supersede, Decisions, None, None) \
  X(decision, rm, Decisions, None, None)      \
  X(decision, accept, Decisions, None, None)

namespace toolcmp {

// What the shell completes for an argument: a positional one (the tables
// here) or an option's value (complete.cpp). Verdicts and Shells are
// fixed words; the rest are read from the database or are files.
enum class Completes { None, Files, Tools, Personas, Categories, Decisions, Verdicts, Shells };

struct CommandSpec {
  const char* name;
  const char* help;
  CommandSetup setup;
  Completes first, second, rest;
};

#define TOOLCMP_DECLARE_SETUP(name, ...) Runner setup_##name(CLI::App& command);
TOOLCMP_COMMANDS(TOOLCMP_DECLARE_SETUP)
#undef TOOLCMP_DECLARE_SETUP

// A command's name as typed: its identifier, but setup-roles.
constexpr const char* command_name(std::string_view identifier, const char* spelled) {
  return identifier == "setup_roles" ? "setup-roles" : spelled;
}

#define TOOLCMP_COMMAND_ROW(name, help, first, second, rest) \
  {command_name(#name, #name), help, setup_##name, Completes::first, Completes::second, Completes::rest},
inline constexpr CommandSpec kCommands[] = {TOOLCMP_COMMANDS(TOOLCMP_COMMAND_ROW)};
#undef TOOLCMP_COMMAND_ROW

struct SubcommandSpec {
  const char* path;  // "persona edit"
  Completes first, second, rest;
};

#define TOOLCMP_SUBCOMMAND_ROW(command, name, first, second, rest) \
  {#command " " #name, Completes::first, Completes::second, Completes::rest},
inline constexpr SubcommandSpec kSubcommands[] = {TOOLCMP_SUBCOMMANDS(TOOLCMP_SUBCOMMAND_ROW)};
#undef TOOLCMP_SUBCOMMAND_ROW

}  // namespace toolcmp
