// The CLI11 definition: global options, the command table and each
// command's options, set up only for the commands argv names.
#include "cli/cli_app.h"

#include <algorithm>
#include <cstring>
#include <functional>
#include <iterator>
#include <stdexcept>
#include <string>

#include "cli/choices.h"
#include "cli/command_table.h"
#include "toolcmp/base/text.h"
#include "cli/validators.h"

namespace toolcmp {

namespace {

void add_global_options(CLI::App& app, GlobalOptions& options) {
  app.add_option("--db", options.db, "Database file, or postgresql://... (default: $TOOLCMP_DB, else $XDG_DATA_HOME/toolcmp/toolcmp.db)")
      ->type_name("PATH");
  app.add_option("--author", options.author,
                 "Who writes, as reviews, votes, decisions and the log record it (default: $TOOLCMP_AUTHOR, else "
                 "the database role on PostgreSQL, the OS user on SQLite)")
      ->type_name("NAME");
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

// Each command's help says where the global options are.
void add_global_options_note(CLI::App& command) {
  const char* note = "Global options (--db, --author, --json, --color, --width, --no-wrap, -q/--quiet) go before or after the command; "
                     "see 'toolcmp --help'.";
  for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; })) {
    sub->footer(sub->get_footer().empty() ? note : sub->get_footer() + "\n\n" + note);
  }
  command.footer(command.get_footer().empty() ? note : command.get_footer() + "\n\n" + note);
}

constexpr int kHelpWidth = 80;

// A line of help wider than 80 columns, wrapped: an option's description
// under its own column ("  --at DATE    When it was ..."), anything else
// under its own indent.
void wrap_help_line(const std::string& line, std::string& out) {
  if (display_width(line) <= kHelpWidth) {
    out += line + "\n";
    return;
  }
  std::size_t indent = std::min(line.find_first_not_of(' '), line.size());
  std::size_t column = indent;
  std::size_t gap = line.find("  ", indent);
  if (indent > 0 && gap != std::string::npos && gap < 40) column = line.find_first_not_of(' ', gap);
  if (column == std::string::npos || static_cast<int>(column) > kHelpWidth / 2) column = indent;
  std::vector<std::string> wrapped = wrap_text(line.substr(column), kHelpWidth - static_cast<int>(column));
  for (std::size_t i = 0; i < wrapped.size(); ++i) {
    out += (i == 0 ? line.substr(0, column) : std::string(column, ' ')) + wrapped[i] + "\n";
  }
}

std::string wrap_help(const std::string& help) {
  std::string out;
  std::size_t start = 0;
  while (start < help.size()) {
    std::size_t end = std::min(help.find('\n', start), help.size());
    wrap_help_line(help.substr(start, end - start), out);
    start = end + 1;
  }
  if (!help.empty() && help.back() != '\n') out.pop_back();
  return out;
}

// A footer's paragraphs of prose, refilled to 80 columns; indented lines
// (examples, lists) stay lines of their own.
std::string refill(const std::string& text) {
  std::string out, prose;
  auto flush = [&] {
    for (const std::string& line : wrap_text(prose, kHelpWidth)) out += line + "\n";
    prose.clear();
  };
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = std::min(text.find('\n', start), text.size());
    std::string line = text.substr(start, end - start);
    if (!line.empty() && line[0] != ' ') {
      prose += (prose.empty() ? "" : " ") + line;
    } else {
      if (!prose.empty()) flush();
      out += line + "\n";
    }
    start = end + 1;
  }
  if (!prose.empty()) flush();
  return out;
}

// Usage lines in our words: "TOOL TOOL [TOOL...]", not CLI11's "TOOL(2x)"
// and "TEXT x 2 REQUIRED"; and help that fits 80 columns, which CLI11
// does not wrap.
class UsageFormatter : public CLI::Formatter {
 public:
  std::string make_help(const CLI::App* app, std::string name, CLI::AppFormatMode mode) const override {
    return wrap_help(CLI::Formatter::make_help(app, std::move(name), mode));
  }
  std::string make_footer(const CLI::App* app) const override {
    return app->get_footer().empty() ? "" : refill(app->get_footer());
  }
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

// A word after a command with commands of its own ("review", "vote") is
// one of them only where it stands first: "review SmolLM3 rm" is a review
// by a persona named rm, and "review -- rm Builder" a review of a tool
// named rm. So the others are switched off, and the top level takes one
// command: "vote list" is a vote on a tool named list, never 'toolcmp list'.
void only_named_subcommand(CLI::App& command, int argc, const char* const* argv) {
  if (command_word(argc, argv, 0) != command.get_name()) return;
  std::string word = command_word(argc, argv, 1);
  bool stands_first = false;
  for (int i = 1; i < argc && std::strcmp(argv[i], "--") != 0; ++i) {
    if (argv[i] == word) {
      stands_first = true;
      break;
    }
  }
  if (word.empty() || !stands_first) return;  // "review --help" lists them all
  for (CLI::App* sub : command.get_subcommands([](CLI::App*) { return true; })) sub->disabled(sub->get_name() != word);
}

std::unique_ptr<CliApp> build_cli_app(const std::function<bool(const char*)>& wanted, int argc = 0,
                                      const char* const* argv = nullptr) {
  auto cli = std::make_unique<CliApp>();
  CLI::App& app = cli->app;
  app.formatter(std::make_shared<UsageFormatter>());
  app.description("toolcmp: decide which AI model or developer tool to ship with, from a panel of reviewers "
                  "and community votes.");
  app.fallthrough();  // global options work after the subcommand too
  app.require_subcommand(0, 1);  // one command: 'vote list' is never 'toolcmp list'
  app.footer("Examples:\n"
             "  toolcmp add SmolLM3 --vendor 'Hugging Face' --category 'Developer Tools'\n"
             "  toolcmp review SmolLM3 Builder --verdict ship --score 82 --text 'Fast.'\n"
             "  toolcmp compare SmolLM3 'Code Llama 4'\n"
             "  toolcmp compare SmolLM3 'Code Llama 4' --json | jq .recommendation\n\n"
             "Run 'toolcmp COMMAND --help' for a command's options.");
  add_global_options(app, cli->options);
  for (const CommandSpec& spec : kCommands) {
    CLI::App* command = app.add_subcommand(spec.name, spec.help);
    if (wanted(spec.name)) {
      cli->commands.emplace_back(command, spec.setup(*command));
      add_global_options_note(*command);
      only_named_subcommand(*command, argc, argv);
    }
  }
  return cli;
}

// The global options that take a value (--db PATH, ...), as
// add_global_options declares them: their values are not commands.
bool takes_value(const std::string& arg) {
  static const std::vector<std::string> names = [] {
    CLI::App app;
    GlobalOptions options;
    add_global_options(app, options);
    std::vector<std::string> found;
    for (const CLI::Option* option : app.get_options()) {
      if (option->get_expected_min() == 0) continue;  // a flag
      for (const std::string& name : option->get_lnames()) found.push_back("--" + name);
    }
    return found;
  }();
  return std::find(names.begin(), names.end(), arg) != names.end();
}

}  // namespace

std::string command_word(int argc, const char* const* argv, std::size_t depth) {
  std::size_t seen = 0;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--") break;
    if (takes_value(arg)) {
      ++i;
    } else if (!arg.empty() && arg[0] != '-' && seen++ == depth) {
      return arg;
    }
  }
  return "";
}

std::unique_ptr<CliApp> make_cli_app() {
  std::unique_ptr<CliApp> cli = build_cli_app([](const char*) { return true; });
  // Completion reads kSubcommands: every subcommand has its row there, and
  // every row a subcommand (a test fails on the first completion otherwise).
  std::size_t subcommands = 0;
  for (const auto& [command, runner] : cli->commands) {
    for (const CLI::App* sub : command->get_subcommands({})) {
      std::string path = command->get_name() + " " + sub->get_name();
      if (std::none_of(std::begin(kSubcommands), std::end(kSubcommands),
                       [&](const SubcommandSpec& spec) { return path == spec.path; })) {
        throw std::logic_error("subcommand '" + path + "' has no row in TOOLCMP_SUBCOMMANDS");
      }
      ++subcommands;
    }
  }
  if (subcommands != std::size(kSubcommands)) throw std::logic_error("TOOLCMP_SUBCOMMANDS names a subcommand toolcmp lacks");
  return cli;
}

std::unique_ptr<CliApp> make_cli_app(int argc, const char* const* argv) {
  return build_cli_app([&](const char* name) {
    return std::any_of(argv + 1, argv + argc, [&](const char* arg) { return std::strcmp(arg, name) == 0; });
  }, argc, argv);
}

}  // namespace toolcmp
