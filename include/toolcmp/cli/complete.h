// Shell completion. The scripts in completions/ are thin: they hand the
// words on the line to the hidden "toolcmp __complete" and offer what it
// prints, so commands, options and their values are known in one place.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace toolcmp {

// toolcmp __complete tools|personas|categories [PREFIX]
//   the names in the database (--db, TOOLCMP_DB or the default), one a line
// toolcmp __complete words WORD... CURRENT
//   what may follow WORD... and start with CURRENT: one candidate a line,
//   with a tab and a description where there is one; or the single line
//   "@files" when a file name belongs there.
// Prints nothing, and exits 0, where there is nothing to offer or the
// database cannot be read.
int run_complete(int argc, const char* const* argv, std::ostream& out);

}  // namespace toolcmp
