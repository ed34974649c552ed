#include <csignal>
#include <iostream>

#include <unistd.h>

#include "toolcmp/cli.h"

namespace {

// Ctrl-C: leave at once with 130. An open transaction is never committed;
// SQLite rolls it back from its journal the next time the file is opened.
extern "C" void on_interrupt(int) { ::_exit(130); }

}  // namespace

int main(int argc, char** argv) {
  std::signal(SIGINT, on_interrupt);
  return toolcmp::run_cli(argc, argv, std::cout, std::cerr);
}
