// The whole program behind one call, so tests can run it in-process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace toolcmp {

// Parses argv, runs the command, reads in (prompts, --text-file -), writes
// to out and err, returns the exit code. Never calls exit(). A failed write
// to out is an error (exit 1), checked before returning.
int run_cli(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

// For main, before anything else: copies argv, then overwrites in the
// process's own argv (what /proc/PID/cmdline and ps show every local
// user) the secrets of a --db connection string, as the mysql client
// does. The copies are what run_cli is given.
std::vector<std::string> take_arguments(int argc, char** argv);

}  // namespace toolcmp
