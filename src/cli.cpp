// CLI11 setup, global options and the dispatch table.
#include "toolcmp/cli.h"

#include <unistd.h>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <functional>
#include <iostream>
#include <vector>

#include "choices.h"
#include "validators.h"
#include "cli_app.h"
#include "command.h"
#include "complete.h"
#include "toolcmp/error.h"
#include "toolcmp/io.h"
#include "toolcmp/names.h"
#include "toolcmp/text.h"

#ifndef TOOLCMP_VERSION
#define TOOLCMP_VERSION "0"
#endif

namespace toolcmp {

namespace {

const CommandSpec kCommands[] = {
    {"add", "Add a tool", setup_add},
    {"edit", "Change a tool's fields, rename it or drop attributes", setup_edit},
    {"rm", "Remove a tool with its reviews and votes", setup_rm},
    {"show", "Show a tool's card, panel and current reviews", setup_show},
    {"list", "List tools", setup_list},
    {"review", "Record a persona's review of a tool", setup_review},
    {"vote", "Cast a community vote, ship or skip", setup_vote},
    {"persona", "List, add, edit or remove reviewer personas", setup_persona},
    {"compare", "Compare tools side by side and recommend one", setup_compare},
    {"rank", "Rank tools by panel ship %, mean score and community", setup_rank},
    {"history", "Every review of a tool, oldest first", setup_history},
    {"import", "Import tools, reviews and votes from JSON Lines, CSV or published pages", setup_import},
    {"export", "Export as JSON Lines, CSV or a Markdown comparison page", setup_export},
    {"info", "Database path, schema and counts", setup_info},
    {"completions", "Print the bash, zsh or fish completion script", setup_completions},
};

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--db", options.db, "Database file (default: $TOOLCMP_DB, else $XDG_DATA_HOME/toolcmp/toolcmp.db)")
      ->type_name("PATH");
  app.add_flag("--json", options.json, "Print JSON for scripts");
  app.add_option("--color", options.color, "Color: auto, always or never")
      ->type_name("WHEN")
      ->check(choices::one_of(choices::kColor));
  app.add_option("--width", options.width, "Output width in columns (default: the terminal's)")
      ->type_name("N")
      ->check(choices::whole_number(20, 1000));
  app.add_flag("--no-wrap", options.no_wrap, "Print whole values, never wrapped to the width (for grep and less -S)");
  app.add_flag("-q,--quiet", options.quiet, "Print nothing on success for write commands");
  app.add_flag("--version", options.version, "Print the version and exit");
}

ColorChoice color_choice(const std::string& value) {
  if (value == "always") return ColorChoice::Always;
  if (value == "never") return ColorChoice::Never;
  return ColorChoice::Auto;
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

// The command word at depth (0: "persona", 1: "ad" in "toolcmp persona ad"),
// skipping options and the values of the global options that take one.
std::string command_word(int argc, const char* const* argv, std::size_t depth) {
  std::size_t seen = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (arg == "--db" || arg == "--color" || arg == "--width") {  // the global options that take a value
      ++i;
    } else if (!arg.empty() && arg[0] != '-' && seen++ == depth) {
      return arg;
    }
  }
  return "";
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

// A word where a command belongs that names none gets did-you-mean, and
// so does an unknown option; anything else gets the error in our words
// and where to find usage.
std::string parse_error_message(CLI::App& app, const CLI::ParseError& error, int argc, const char* const* argv) {
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
  auto children = failed->get_subcommands([](CLI::App*) { return true; });
  // A command that takes positionals (review TOOL ...) reads a word there as one, not as a command.
  auto positionals = failed->get_options([](const CLI::Option* option) { return option->get_positional(); });
  if (!positionals.empty()) children.clear();
  std::size_t depth = failed == &app ? 0 : std::count(path.begin(), path.end(), ' ');
  std::string word = children.empty() ? "" : command_word(argc, argv, depth);
  if (!word.empty()) {
    std::vector<std::string> names;
    for (const CLI::App* child : children) names.push_back(child->get_name());
    std::string hint = did_you_mean(suggest(word, names));
    std::string shown = failed == &app ? word : path + " " + word;
    return fmt::format("unknown command '{}'{}", sanitize_for_terminal(shown),
                       hint.empty() ? fmt::format("; see '{} --help'", path) : hint);
  }
  return fmt::format("{}\nRun '{} --help' for usage.", sanitize_for_terminal(own_words(error)), path);
}

// Each command's help says where the global options are.
void add_global_options_note(CLI::App& command) {
  const char* note = "Global options (--db, --json, --color, --width, --no-wrap, -q/--quiet) go before or after the command; "
                     "see 'toolcmp --help'.";
  for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; })) {
    sub->footer(sub->get_footer().empty() ? note : sub->get_footer() + "\n\n" + note);
  }
  command.footer(command.get_footer().empty() ? note : command.get_footer() + "\n\n" + note);
}

int report(std::ostream& err, const std::string& message, int code) {
  err << "toolcmp: error: " << sanitize_for_terminal(message) << "\n";
  return code;
}

}  // namespace

namespace {

// Usage lines in our words: "TOOL TOOL [TOOL...]", not CLI11's "TOOL(2x)"
// and "TEXT x 2 REQUIRED".
class UsageFormatter : public CLI::Formatter {
 public:
  std::string make_option_usage(const CLI::Option* option) const override {
    if (!option->get_positional()) return CLI::Formatter::make_option_usage(option);
    std::string name = option->get_name();
    int min = option->get_expected_min(), max = option->get_expected_max();
    std::string usage;
    for (int i = 0; i < std::max(min, 1); ++i) usage += (usage.empty() ? "" : " ") + name;
    if (max > std::max(min, 1)) usage += " [" + name + "...]";
    return option->get_required() || min > 1 ? usage : "[" + usage + "]";
  }
  std::string make_option_opts(const CLI::Option* option) const override {
    return option->get_positional() ? "" : CLI::Formatter::make_option_opts(option);
  }
};

std::unique_ptr<CliApp> build_cli_app(const std::function<bool(const char*)>& wanted) {
  auto cli = std::make_unique<CliApp>();
  CLI::App& app = cli->app;
  app.formatter(std::make_shared<UsageFormatter>());
  app.description("toolcmp: decide which AI model or developer tool to ship with, from a panel of reviewers "
                  "and community votes.");
  app.fallthrough();  // global options work after the subcommand too
  app.footer("Examples:\n"
             "  toolcmp add SmolLM3 --vendor 'Hugging Face' --category 'Developer Tools' --entry Free\n"
             "  toolcmp review SmolLM3 Builder --verdict ship --score 82 --text 'Runs on a laptop.'\n"
             "  toolcmp compare SmolLM3 'Code Llama 4'\n"
             "  toolcmp compare SmolLM3 'Code Llama 4' --json | jq .recommendation\n\n"
             "Run 'toolcmp COMMAND --help' for a command's options.");
  add_global_options(app, cli->options);
  for (const CommandSpec& spec : kCommands) {
    CLI::App* command = app.add_subcommand(spec.name, spec.help);
    if (wanted(spec.name)) {
      cli->commands.emplace_back(command, spec.setup(*command));
      add_global_options_note(*command);
    }
  }
  return cli;
}

}  // namespace

std::unique_ptr<CliApp> make_cli_app() {
  return build_cli_app([](const char*) { return true; });
}

std::unique_ptr<CliApp> make_cli_app(int argc, const char* const* argv) {
  return build_cli_app([&](const char* name) {
    return std::any_of(argv + 1, argv + argc, [&](const char* arg) { return std::strcmp(arg, name) == 0; });
  });
}

namespace {

// Output that did not reach stdout is a failure, whatever the command did.
int check_output(std::ostream& out, std::ostream& err, int code) {
  out.flush();
  if (out.good()) return code;
  return report(err, fmt::format("cannot write to standard output: {}", stream_failure(out)), kExitError);
}

}  // namespace

int run_cli(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
  interrupt::reset();
  if (argc >= 2 && std::string(argv[1]) == "__complete") return check_output(out, err, run_complete(argc - 2, argv + 2, out));
  for (int i = 1; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
    if (std::strcmp(argv[i], "--db=") == 0) return report(err, "--db= names no file; give --db a file name", kExitUsage);
  }
  // "toolcmp help [COMMAND...]" is "toolcmp [COMMAND...] --help"; bare
  // "toolcmp" prints help on stderr and fails, as git does.
  std::vector<const char*> args(argv, argv + argc);
  if (argc >= 2 && std::strcmp(argv[1], "help") == 0) {
    args.erase(args.begin() + 1);
    args.push_back("--help");
  }
  if (argc == 1) {
    err << make_cli_app(argc, argv)->app.help();
    return kExitUsage;
  }
  argc = static_cast<int>(args.size());
  argv = args.data();
  std::unique_ptr<CliApp> cli = make_cli_app(argc, argv);
  CLI::App& app = cli->app;
  GlobalOptions& options = cli->options;
  auto& commands = cli->commands;

  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return check_output(out, err, app.exit(e, out, err));
  } catch (const CLI::ParseError& e) {
    return report(err, parse_error_message(app, e, argc, argv), kExitUsage);
  } catch (const Error& e) {
    return report(err, e.what(), e.exit_code());
  }

  if (options.version) {
    out << "toolcmp " << TOOLCMP_VERSION << "\n";
    return check_output(out, err, kExitOk);
  }
  try {
    bool out_is_terminal = stream_is_terminal(out);
    Context context{resolve_db_path(options.db, app.count("--db") > 0), options.json, OutputOptions{}, in, out, err};
    context.stdin_is_terminal = stream_is_terminal(in);
    context.stdout_is_terminal = out_is_terminal;
    context.stderr_is_terminal = stream_is_terminal(err);
    context.db_is_default = db_path_is_default(app.count("--db") > 0);
    context.output.color = !options.json && decide_color(color_choice(options.color), out_is_terminal);
    context.output.unicode = locale_is_utf8();
    context.output.width = options.no_wrap ? kUnlimitedWidth : decide_width(options.width, out_is_terminal);
    context.output.quiet = options.quiet;
    for (auto& [command, runner] : commands) {
      if (command->parsed()) {
        runner(context);
        return check_output(out, err, kExitOk);
      }
    }
    out << app.help();
    return check_output(out, err, kExitOk);
  } catch (const Error& e) {
    return report(err, e.what(), e.exit_code());
  } catch (const std::exception& e) {
    return report(err, fmt::format("internal error: {}", e.what()), kExitError);
  }
}

}  // namespace toolcmp
