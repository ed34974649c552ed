// The CLI11 definition of the whole program, for run_cli and for shell
// completion, which reads the commands and options from it.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "cli/command.h"

namespace toolcmp {

struct GlobalOptions {
  std::string db;
  std::string author;
  bool json = false;
  std::string color = "auto";
  int width = 0;
  bool quiet = false;
  bool no_wrap = false;
  bool version = false;
};

struct CliApp {
  CLI::App app{"", "toolcmp"};
  GlobalOptions options;
  std::vector<std::pair<CLI::App*, Runner>> commands;
};

// Every command with its options (for completion), or, given argv, only
// the commands whose names it holds: the others are there by name and
// help alone, which is all that parsing it can need of them, and setting
// up every command's options is most of toolcmp's start-up.
std::unique_ptr<CliApp> make_cli_app();
std::unique_ptr<CliApp> make_cli_app(int argc, const char* const* argv);

// The command word at depth (0: "persona", 1: "ad" in "toolcmp persona ad"),
// skipping options and the values of the global options that take one.
std::string command_word(int argc, const char* const* argv, std::size_t depth);

}  // namespace toolcmp
