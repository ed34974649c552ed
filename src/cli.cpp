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
      ->check(CLI::IsMember(choices::kColor));
  app.add_option("--width", options.width, "Output width in columns (default: the terminal's)")
      ->type_name("N")
      ->check(CLI::Range(20, 1000));
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
    if (arg == "--db" || arg == "--color" || arg == "--width") {
      ++i;
    } else if (!arg.empty() && arg[0] != '-' && seen++ == depth) {
      return arg;
    }
  }
  return "";
}

// A word where a command belongs that names none gets did-you-mean;
// anything else gets CLI11's message and where to find usage.
std::string parse_error_message(CLI::App& app, const CLI::ParseError& error, int argc, const char* const* argv) {
  std::string path;
  CLI::App* failed = deepest_command(app, path);
  auto children = failed->get_subcommands([](CLI::App*) { return true; });
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
  return fmt::format("{}\nRun '{} --help' for usage.", sanitize_for_terminal(error.what()), path);
}

int report(std::ostream& err, const std::string& message, int code) {
  err << "toolcmp: error: " << sanitize_for_terminal(message) << "\n";
  return code;
}

}  // namespace

namespace {

std::unique_ptr<CliApp> build_cli_app(const std::function<bool(const char*)>& wanted) {
  auto cli = std::make_unique<CliApp>();
  CLI::App& app = cli->app;
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
    if (wanted(spec.name)) cli->commands.emplace_back(command, spec.setup(*command));
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
    context.output.width = decide_width(options.width, out_is_terminal);
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
