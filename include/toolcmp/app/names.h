// Forgiving name look-up for tools and personas, and "did you mean".
#pragma once

#include <string>
#include <vector>

#include "toolcmp/store/name_index.h"
#include "toolcmp/model/suggest.h"

namespace toolcmp {

enum class Removed { Exclude, Include };

// Forgiving: what reads and adds use. Exact: what deletes or overwrites
// uses (rm, persona rm, a rename, a vote that replaces one): the name as
// stored, ignoring case only, so that a near name never destroys another.
enum class Match { Forgiving, Exact };

// Exact name, then ignoring case, then (Forgiving only) a unique match
// ignoring case, accents, spaces and punctuation ("code-llama-4",
// "codellama4"). Throws Error with did-you-mean suggestions when nothing,
// or more than one, matches.
NamedRow resolve_name(Store& store, NameTable table, const std::string& given, Removed removed = Removed::Exclude,
                      Match match = Match::Forgiving);

// The same from the names stored in table, by their stored loose keys.
std::vector<std::string> suggest_stored(Store& store, NameTable table, const std::string& given,
                                        Removed removed = Removed::Exclude);

}  // namespace toolcmp
