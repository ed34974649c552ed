// run_cli: parse argv with the CLI definition (cli_app.cpp), run the
// command, and catch and print every error, once.
#include "toolcmp/cli/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <iostream>
#include <vector>

#include "cli/choices.h"
#include "cli/validators.h"
#include "cli/cli_app.h"
#include "cli/command.h"
#include "cli/db_path.h"
#include "toolcmp/store/store.h"
#include "toolcmp/cli/complete.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/io.h"
#include "toolcmp/app/names.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

#ifndef TOOLCMP_VERSION
#define TOOLCMP_VERSION "0"
#endif

namespace toolcmp {

namespace {

ColorChoice color_choice(const std::string& value) {
  return choices::value_of(choices::kColorChoices, value).value_or(ColorChoice::Auto);
}

// The deepest subcommand that was parsed, for "toolcmp persona add --help".
CLI::App* deepest_command(CLI::App& app, std::string& path) {
  CLI::App* current = &app;
  path = "toolcmp";
  while (!current->get_subcommands().empty()) {
    current = current->get_subcommands().back();
    path += " " + current->get_name();
  }
  return current;
}

// The options the failed command takes: its own and the global ones.
std::vector<std::string> known_options(const CLI::App& command, const CLI::App& app) {
  std::vector<std::string> names;
  for (const CLI::App* at : {&command, &app}) {
    for (const CLI::Option* option : at->get_options()) {
      for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
      for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
  }
  return names;
}

// The first word that looks like an option and is none of known.
std::string first_unknown_option(int argc, const char* const* argv, const std::vector<std::string>& known) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg.size() < 2 || arg[0] != '-' || (arg[1] >= '0' && arg[1] <= '9')) continue;
    std::string name = arg.substr(0, arg.find('='));
    if (name.size() > 2 && name[1] != '-') name = name.substr(0, 2);  // -qv: -q, then -v
    if (std::find(known.begin(), known.end(), name) == known.end()) return name;
  }
  return "";
}

// CLI11's wording, put in toolcmp's.
std::string own_words(const CLI::ParseError& error) {
  std::string text = error.what();
  if (dynamic_cast<const CLI::ExcludesError*>(&error)) {
    auto at = text.find(" excludes ");
    if (at != std::string::npos) return text.substr(0, at) + " and " + text.substr(at + 10) + " cannot be used together";
  }
  // "TOOL: At least 2 required but received 1"
  auto colon = text.find(": At least ");
  auto but = text.find(" required but received ");
  if (colon != std::string::npos && but != std::string::npos && but > colon) {
    return fmt::format("{} needs at least {} values, not {}", text.substr(0, colon), text.substr(colon + 11, but - colon - 11),
                       text.substr(but + 23));
  }
  return text;
}

// "unknown command 'migrate'; did you mean ...?" when a word stands where
// a command belongs and names none; empty when there is no such word.
std::string unknown_command(CLI::App& app, int argc, const char* const* argv) {
  std::string path;
  CLI::App* failed = deepest_command(app, path);
  auto children = failed->get_subcommands([](CLI::App*) { return true; });
  // A command that takes positionals (review TOOL ...) reads a word there as one, not as a command.
  auto positionals = failed->get_options([](const CLI::Option* option) { return option->get_positional(); });
  if (!positionals.empty()) children.clear();
  std::size_t depth = failed == &app ? 0 : std::count(path.begin(), path.end(), ' ');
  std::string word = children.empty() ? "" : command_word(argc, argv, depth);
  if (word.empty()) return "";
  std::vector<std::string> names;
  for (const CLI::App* child : children) names.push_back(child->get_name());
  if (std::find(names.begin(), names.end(), word) != names.end()) return "";
  std::string hint = did_you_mean(suggest(word, names));
  std::string shown = failed == &app ? word : path + " " + word;
  return fmt::format("unknown command '{}'{}", sanitize_for_terminal(shown),
                     hint.empty() ? fmt::format("; see '{} --help'", path) : hint);
}

// The parse error in our words, with did-you-mean for a word where a
// command belongs that names none and for an unknown option.
std::string parse_error_text(CLI::App& app, const CLI::ParseError& error, int argc, const char* const* argv) {
  std::string path;
  CLI::App* failed = deepest_command(app, path);
  if (dynamic_cast<const CLI::ExtrasError*>(&error) || dynamic_cast<const CLI::RequiredError*>(&error)) {
    std::vector<std::string> known = known_options(*failed, app);
    std::string unknown = first_unknown_option(argc, argv, known);
    if (!unknown.empty()) {
      std::string hint = did_you_mean(suggest(unknown, known));
      return fmt::format("unknown option '{}'{}", sanitize_for_terminal(unknown),
                         hint.empty() ? fmt::format("; see '{} --help'", path) : hint);
    }
  }
  std::string unknown = unknown_command(app, argc, argv);
  if (!unknown.empty()) return unknown;
  return fmt::format("{}\nRun '{} --help' for usage.", sanitize_for_terminal(own_words(error)), path);
}

// When in doubt, how to name a tool that is named like a command: after
// '--', with the options before it. Doubt is a failed subcommand of a
// command that takes a TOOL ('vote list ship'), or an option after '--'.
std::string name_like_command_hint(CLI::App& app, int argc, const char* const* argv) {
  std::string path;
  CLI::App* failed = deepest_command(app, path);
  CLI::App* parent = failed->get_parent();
  auto takes_tool = [](CLI::App* command) {
    return command && !command->get_options([](const CLI::Option* o) { return o->get_positional(); }).empty();
  };
  const char* const* dashes = std::find_if(argv + 1, argv + argc, [](const char* arg) { return std::strcmp(arg, "--") == 0; });
  if (std::any_of(dashes, argv + argc, [](const char* arg) { return arg[0] == '-' && arg[1] && std::strcmp(arg, "--") != 0; })) {
    return "\n(Everything after '--' is a name: put the options before it.)";
  }
  if (parent == nullptr || parent == &app || !takes_tool(parent)) return "";
  return fmt::format("\n(A tool named '{0}' goes after '--', options before it: 'toolcmp {1} [OPTIONS] -- {0} ...'.)",
                     failed->get_name(), parent->get_name());
}

// The parse error, and how to name a tool named like a command when that may be what went wrong.
std::string parse_error_message(CLI::App& app, const CLI::ParseError& error, int argc, const char* const* argv) {
  return parse_error_text(app, error, argc, argv) + name_like_command_hint(app, argc, argv);
}

int report(std::ostream& err, const std::string& message, int code) {
  err << "toolcmp: error: " << sanitize_for_terminal(message) << "\n";
  return code;
}

// Output that did not reach stdout is a failure, whatever the command did.
int check_output(std::ostream& out, std::ostream& err, int code) {
  out.flush();
  if (out.good()) return code;
  return report(err, fmt::format("cannot write to standard output: {}", stream_failure(out)), kExitError);
}

// The output's color, glyphs and width, decided once from the flags and the environment.
OutputOptions decide_output(const GlobalOptions& options, bool out_is_terminal) {
  OutputOptions output;
  output.color = !options.json && decide_color(color_choice(options.color), out_is_terminal);
  output.unicode = locale_is_utf8();
  output.width = options.no_wrap ? kUnlimitedWidth : decide_width(options.width, out_is_terminal);
  output.quiet = options.quiet;
  return output;
}

// --author NAME, else TOOLCMP_AUTHOR, checked as any name is; empty when
// neither is set (the store's login is the author then).
std::string resolve_author(const CLI::App& app, const std::string& given) {
  if (app.count("--author") > 0) return check_name(given, "--author");
  const char* variable = std::getenv("TOOLCMP_AUTHOR");
  if (!variable || !*variable) return "";
  return check_name(variable, "TOOLCMP_AUTHOR");
}

Context make_context(const CLI::App& app, const GlobalOptions& options, std::istream& in, std::ostream& out,
                     std::ostream& err) {
  bool db_given = app.count("--db") > 0;
  bool out_is_terminal = stream_is_terminal(out);
  return Context{resolve_db_path(options.db, db_given),
                 resolve_author(app, options.author),
                 options.json,
                 decide_output(options, out_is_terminal),
                 in,
                 out,
                 err,
                 stream_is_terminal(in),
                 db_path_is_default(db_given),
                 out_is_terminal,
                 stream_is_terminal(err)};
}

// The command argv named, run; without one, the help.
int run_command(CliApp& cli, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    Context context = make_context(cli.app, cli.options, in, out, err);
    if (cli.app.count("--db") > 0 && connection_has_password(context.db_path)) {
      err << "toolcmp: warning: a password in --db can be read by other users of this machine (shell history, "
             "and ps until toolcmp hides it); keep it in PGPASSWORD, ~/.pgpass or a PGSERVICE file instead\n";
    }
    for (auto& [command, runner] : cli.commands) {
      if (command->parsed()) {
        runner(context);
        return check_output(out, err, kExitOk);
      }
    }
    out << cli.app.help();
    return check_output(out, err, kExitOk);
  } catch (const CheckFailed& e) {
    return check_output(out, err, e.exit_code());
  } catch (const Error& e) {
    return report(err, e.what(), e.exit_code());
  } catch (const std::exception& e) {
    return report(err, fmt::format("internal error: {}", e.what()), kExitError);
  }
}

}  // namespace

std::vector<std::string> take_arguments(int argc, char** argv) {
  std::vector<std::string> args(argv, argv + argc);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    std::size_t value = arg.rfind("--db=", 0) == 0 ? 5 : 0;
    if (value == 0 && !(i > 1 && std::strcmp(argv[i - 1], "--db") == 0)) continue;
    std::string db = arg.substr(value);
    if (!is_postgres_target(db)) continue;
    std::string shown = shown_connection(db);
    if (shown == db) continue;
    shown = arg.substr(0, value) + shown;
    std::size_t room = std::strlen(argv[i]);
    std::memset(argv[i], 0, room);
    std::memcpy(argv[i], shown.data(), std::min(room, shown.size()));
  }
  return args;
}

int run_cli(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
  interrupt::reset();
  if (argc >= 2 && std::string(argv[1]) == "__complete") return check_output(out, err, run_complete(argc - 2, argv + 2, out));
  for (int i = 1; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
    if (std::strcmp(argv[i], "--db=") == 0) return report(err, "--db= names no file; give --db a file name", kExitUsage);
  }
  if (argc == 1) {  // bare "toolcmp" prints help on stderr and fails, as git does
    err << make_cli_app(argc, argv)->app.help();
    return kExitUsage;
  }
  // "toolcmp help [COMMAND...]" is "toolcmp [COMMAND...] --help".
  std::vector<const char*> args(argv, argv + argc);
  if (std::strcmp(argv[1], "help") == 0) {
    args.erase(args.begin() + 1);
    args.push_back("--help");
  }
  argc = static_cast<int>(args.size());
  argv = args.data();
  std::unique_ptr<CliApp> cli = make_cli_app(argc, argv);
  try {
    cli->app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    // "toolcmp migrate --help": no such command, not the main help.
    std::string unknown = unknown_command(cli->app, argc, argv);
    if (!unknown.empty()) return report(err, unknown, kExitUsage);
    return check_output(out, err, cli->app.exit(e, out, err));
  } catch (const CLI::ParseError& e) {
    return report(err, parse_error_message(cli->app, e, argc, argv), kExitUsage);
  } catch (const Error& e) {
    return report(err, e.what(), e.exit_code());
  }
  if (cli->options.version) {
    out << "toolcmp " << TOOLCMP_VERSION << "\n";
    return check_output(out, err, kExitOk);
  }
  return run_command(*cli, in, out, err);
}

}  // namespace toolcmp
