// Forgiving name look-up for tools and personas, and "did you mean".
#pragma once

#include <string>
#include <vector>

#include "toolcmp/store.h"

namespace toolcmp {

enum class Removed { Exclude, Include };

// Exact name, then ignoring case, then a unique match ignoring case,
// spaces and punctuation ("code-llama-4", "codellama4"). Throws Error
// with did-you-mean suggestions when nothing, or more than one, matches.
NamedRow resolve_name(Store& store, NameTable table, const std::string& given, Removed removed = Removed::Exclude);

// Up to three candidates close to given, closest first.
std::vector<std::string> suggest(const std::string& given, const std::vector<std::string>& candidates);

// "; did you mean 'a' or 'b'?" or "" when there is nothing close.
std::string did_you_mean(const std::vector<std::string>& suggestions);

}  // namespace toolcmp
