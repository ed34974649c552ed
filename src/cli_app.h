// The CLI11 definition of the whole program, for run_cli and for shell
// completion, which reads the commands and options from it.
#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "command.h"

namespace toolcmp {

struct GlobalOptions {
  std::string db;
  bool json = false;
  std::string color = "auto";
  int width = 0;
  bool quiet = false;
  bool version = false;
};

struct CliApp {
  CLI::App app{"", "toolcmp"};
  GlobalOptions options;
  std::vector<std::pair<CLI::App*, Runner>> commands;
};

std::unique_ptr<CliApp> make_cli_app();

}  // namespace toolcmp
