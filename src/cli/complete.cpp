#include "toolcmp/cli/complete.h"

#include <cstdlib>
#include <ostream>

#include "cli/choices.h"
#include "cli/cli_app.h"
#include "cli/command_table.h"
#include "cli/db_path.h"
#include "toolcmp/base/error.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

// What an argument completes: the fixed words when fixed is set, else
// what the database or the file system holds.
struct Values {
  Completes what = Completes::None;
  const std::vector<std::string>* fixed = nullptr;
};

Values fixed(const std::vector<std::string>& values) { return {Completes::None, &values}; }

// What an option's value is, by command and option name.
Values option_values(const std::string& command, const std::string& option) {
  if (option == "db" || option == "text-file" || option == "why-file" || option == "output") return {Completes::Files};
  if (option == "pick" || option == "over") return {Completes::Tools};
  if (option == "by-decision") return {Completes::Decisions};
  if (option == "status") return fixed(command == "decide" ? choices::kDecideStatuses : choices::kDecisionStatuses);
  if (option == "fail-on") return fixed(choices::kGates);
  if (option == "verdict") return fixed(choices::kVerdicts);
  if (option == "color") return fixed(choices::kColor);
  if (option == "on-conflict") return fixed(choices::kOnConflict);
  if (option == "rule") return fixed(choices::kRules);
  if (option == "sort") return fixed(choices::kListSort);
  if (option == "persona") return {Completes::Personas};
  if (option == "tool") return {Completes::Tools};
  if (option == "category") return {Completes::Categories};
  if (option == "format") {
    if (command == "import") return fixed(choices::kImportFormats);
    if (command == "export") return fixed(choices::kExportFormats);
    if (command == "compare") return fixed(choices::kCompareFormats);
    if (command == "decision export") return fixed(choices::kDecisionExportFormats);
  }
  return {};
}

Values completes(Completes what) {
  if (what == Completes::Verdicts) return fixed(choices::kVerdicts);
  if (what == Completes::Shells) return fixed(choices::kShells);
  return {what};
}

// What the index-th positional argument of a command or subcommand is,
// from the command tables.
Values positional_values(const std::string& command, int index) {
  auto nth = [index](Completes first, Completes second, Completes rest) {
    return completes(index == 0 ? first : index == 1 ? second : rest);
  };
  for (const CommandSpec& spec : kCommands) {
    if (command == spec.name) return nth(spec.first, spec.second, spec.rest);
  }
  for (const SubcommandSpec& spec : kSubcommands) {
    if (command == spec.path) return nth(spec.first, spec.second, spec.rest);
  }
  return {};
}

bool starts_with(const std::string& text, const std::string& prefix) { return text.rfind(prefix, 0) == 0; }

std::string db_path(const std::string& db_flag, bool db_given) {
  try {
    return resolve_db_path(db_flag, db_given);
  } catch (const Error&) {
    return "";
  }
}

// Names from the database, matched ignoring case; nothing when it cannot be read.
void print_names(Completes kind, const std::string& path, const std::string& prefix, std::ostream& out) {
  // Names hold no control characters (they are refused), so each is one line.
  std::string key = name_key(prefix);
  std::vector<std::string> names;
  try {
    Store store(path, Store::Access::Peek);
    if (kind == Completes::Tools) {
      // Any number of tools, matched by the index; collected first so that
      // a file that fails half-way prints nothing.
      std::string lines;
      store.names().each_tool_name(key, [&](const std::string& name) {
        if (!has_hidden_or_control(name)) lines += name + "\n";
      });
      out << lines;
      return;
    }
    if (kind == Completes::Categories) {
      names = store.names().categories();
    } else if (kind == Completes::Decisions) {
      for (const NamedRow& row : store.names().all_names(NameTable::Decision)) names.push_back(row.name);
    } else {
      for (const NamedRow& row : store.names().all_names(NameTable::Persona)) {
        if (!row.removed) names.push_back(row.name);
      }
    }
  } catch (const Error&) {
    return;  // not a database toolcmp can read: no names
  }
  for (const std::string& name : names) {
    // A candidate a terminal would act on, or a reader could not see, is left out.
    if (starts_with(name_key(name), key) && !has_hidden_or_control(name)) out << name << "\n";
  }
}

void print_values(const Values& values, const std::string& path, const std::string& prefix, std::ostream& out) {
  if (values.fixed) {
    for (const std::string& value : *values.fixed) {
      if (starts_with(value, prefix)) out << value << "\n";
    }
    return;
  }
  if (values.what == Completes::None) return;
  if (values.what == Completes::Files) {
    out << "@files\n";
    return;
  }
  print_names(values.what, path, prefix, out);
}

const CLI::Option* find_option(const CLI::App& app, const std::string& word) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) continue;
    for (const std::string& name : option->get_lnames()) {
      if (word == "--" + name) return option;
    }
    for (const std::string& name : option->get_snames()) {
      if (word == "-" + name) return option;
    }
  }
  return nullptr;
}

CLI::App* find_subcommand(CLI::App& app, const std::string& word) {
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    if (sub->get_name() == word) return sub;
  }
  return nullptr;
}

bool takes_value(const CLI::Option* option) { return option->get_type_size_max() > 0; }

void print_options(const CLI::App& app, const std::string& prefix, std::ostream& out) {
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) continue;
    std::vector<std::string> names;
    for (const std::string& name : option->get_lnames()) names.push_back("--" + name);
    if (names.empty() || prefix.size() == 1) {
      for (const std::string& name : option->get_snames()) names.push_back("-" + name);
    }
    for (const std::string& name : names) {
      if (starts_with(name, prefix)) out << name << "\t" << option->get_description() << "\n";
    }
  }
}

// Where the words before the current one leave the line.
struct LineState {
  CLI::App* command = nullptr;
  std::string path, db_flag;  // path: the (sub)command names, "review edit"
  bool db_given = false, after_dashes = false;
  int positional = 0;
  const CLI::Option* pending = nullptr;  // an option whose value is the current word
  std::string pending_name;
};

void read_option_word(CLI::App& app, const std::string& word, LineState& state) {
  std::string name = word.substr(0, word.find('='));
  const CLI::Option* option = find_option(*state.command, name);
  if (!option && state.command != &app) option = find_option(app, name);
  if (option && option->get_lnames().size() > 0 && option->get_lnames()[0] == "db" && name != word) {
    state.db_flag = word.substr(word.find('=') + 1), state.db_given = true;
  }
  if (option && takes_value(option) && name == word) {
    state.pending = option;
    state.pending_name = option->get_lnames().empty() ? option->get_snames()[0] : option->get_lnames()[0];
  }
}

LineState read_line(CLI::App& app, const std::vector<std::string>& words) {
  LineState state;
  state.command = &app;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) {
    const std::string& word = words[i];
    if (state.pending) {
      if (state.pending_name == "db") state.db_flag = word, state.db_given = true;
      state.pending = nullptr;
    } else if (!state.after_dashes && word == "--") {
      state.after_dashes = true;
    } else if (!state.after_dashes && starts_with(word, "-") && word.size() > 1) {
      read_option_word(app, word, state);
    } else if (CLI::App* sub = state.positional == 0 && !state.after_dashes ? find_subcommand(*state.command, word)
                                                                            : nullptr) {
      state.command = sub;
      state.path += (state.path.empty() ? "" : " ") + word;
    } else {
      ++state.positional;
    }
  }
  return state;
}

void complete_words(const std::vector<std::string>& words, std::ostream& out) {
  std::unique_ptr<CliApp> cli = make_cli_app();
  LineState state = read_line(cli->app, words);
  const std::string& current = words.empty() ? std::string() : words.back();
  std::string db = db_path(state.db_flag, state.db_given);
  if (state.pending) return print_values(option_values(state.path, state.pending_name), db, current, out);
  if (!state.after_dashes && starts_with(current, "-")) {
    print_options(*state.command, current, out);
    if (state.command != &cli->app) print_options(cli->app, current, out);
    return;
  }
  auto subcommands = state.command->get_subcommands([](CLI::App*) { return true; });
  if (!subcommands.empty() && state.positional == 0) {
    for (const CLI::App* sub : subcommands) {
      if (starts_with(sub->get_name(), current)) out << sub->get_name() << "\t" << sub->get_description() << "\n";
    }
    return;
  }
  print_values(positional_values(state.path, state.positional), db, current, out);
}

}  // namespace

int run_complete(int argc, const char* const* argv, std::ostream& out) {
  std::vector<std::string> args(argv, argv + argc);
  if (args.empty()) return kExitOk;
  std::string what = args[0];
  args.erase(args.begin());
  try {
    if (what == "words") {
      complete_words(args, out);
    } else if (what == "tools" || what == "personas" || what == "categories") {
      Completes kind = what == "tools" ? Completes::Tools : what == "personas" ? Completes::Personas : Completes::Categories;
      print_names(kind, db_path("", false), args.empty() ? "" : args[0], out);
    }
  } catch (const Error&) {
    // Completion never complains about the user's files or words: the
    // shell shows nothing. A bug still reaches run_cli and says so.
  }
  return kExitOk;
}

}  // namespace toolcmp
