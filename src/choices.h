// The fixed sets of values options take: one list each, used both to check
// the option (CLI::IsMember) and to complete it in the shell.
#pragma once

#include <string>
#include <vector>

namespace toolcmp::choices {

inline const std::vector<std::string> kVerdicts{"ship", "skip"};
inline const std::vector<std::string> kColor{"auto", "always", "never"};
inline const std::vector<std::string> kListSort{"name", "ship", "score", "updated"};
inline const std::vector<std::string> kCompareFormats{"table", "markdown"};
inline const std::vector<std::string> kImportFormats{"jsonl", "csv", "tsv", "page"};
inline const std::vector<std::string> kExportFormats{"jsonl", "csv", "tsv", "markdown"};
inline const std::vector<std::string> kOnConflict{"error", "skip", "replace"};
inline const std::vector<std::string> kShells{"bash", "zsh", "fish"};

}  // namespace toolcmp::choices
