// The whole program behind one call, so tests can run it in-process.
#pragma once

#include <iosfwd>

namespace toolcmp {

// Parses argv, runs the command, writes to out and err, returns the exit
// code. Never calls exit(); holds no global state.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err);

}  // namespace toolcmp
