// The whole program behind one call, so tests can run it in-process.
#pragma once

#include <iosfwd>

namespace toolcmp {

// Parses argv, runs the command, reads in (prompts, --text-file -), writes
// to out and err, returns the exit code. Never calls exit(). A failed write
// to out is an error (exit 1), checked before returning.
int run_cli(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err);

}  // namespace toolcmp
