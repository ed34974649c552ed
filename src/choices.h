// The fixed sets of values options take: one {name, value} table per
// choice, from which come the list CLI11 checks, the words the shell
// completes, and the mapping from a name to its value (and back).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "export.h"
#include "toolcmp/import.h"
#include "toolcmp/model.h"
#include "toolcmp/terminal.h"

namespace toolcmp::choices {

template <typename Value>
struct Choice {
  const char* name;
  Value value;
};

template <typename Value, std::size_t N>
std::vector<std::string> names(const Choice<Value> (&table)[N]) {
  std::vector<std::string> result;
  for (const Choice<Value>& choice : table) result.emplace_back(choice.name);
  return result;
}

template <typename Value, std::size_t N>
std::optional<Value> value_of(const Choice<Value> (&table)[N], std::string_view name) {
  for (const Choice<Value>& choice : table) {
    if (name == choice.name) return choice.value;
  }
  return std::nullopt;
}

template <typename Value, std::size_t N>
const char* name_of(const Choice<Value> (&table)[N], Value value) {
  for (const Choice<Value>& choice : table) {
    if (choice.value == value) return choice.name;
  }
  return table[0].name;
}

inline constexpr Choice<Verdict> kVerdictChoices[] = {{"ship", Verdict::Ship}, {"skip", Verdict::Skip}};
inline constexpr Choice<ColorChoice> kColorChoices[] = {
    {"auto", ColorChoice::Auto}, {"always", ColorChoice::Always}, {"never", ColorChoice::Never}};
inline constexpr Choice<ImportFormat> kImportFormatChoices[] = {
    {"jsonl", ImportFormat::Jsonl}, {"csv", ImportFormat::Csv}, {"tsv", ImportFormat::Tsv}, {"page", ImportFormat::Page}};
inline constexpr Choice<ExportFormat> kExportFormatChoices[] = {{"jsonl", ExportFormat::Jsonl},
                                                                {"csv", ExportFormat::Csv},
                                                                {"tsv", ExportFormat::Tsv},
                                                                {"markdown", ExportFormat::Markdown}};
inline constexpr Choice<OnConflict> kOnConflictChoices[] = {
    {"error", OnConflict::Error}, {"skip", OnConflict::Skip}, {"replace", OnConflict::Replace}};

// The lists CLI11 checks and the shell completes.
inline const std::vector<std::string> kVerdicts = names(kVerdictChoices);
inline const std::vector<std::string> kColor = names(kColorChoices);
inline const std::vector<std::string> kImportFormats = names(kImportFormatChoices);
inline const std::vector<std::string> kExportFormats = names(kExportFormatChoices);
inline const std::vector<std::string> kOnConflict = names(kOnConflictChoices);
// Choices that stay words: the command compares them as they are.
inline const std::vector<std::string> kListSort{"name", "ship", "score", "updated"};
inline const std::vector<std::string> kCompareFormats{"table", "markdown", "html"};
inline const std::vector<std::string> kShells{"bash", "zsh", "fish"};
inline const std::vector<std::string> kDecisionStatuses{"proposed", "accepted", "rejected", "superseded"};
inline const std::vector<std::string> kDecideStatuses{"proposed", "accepted"};
inline const std::vector<std::string> kDecisionExportFormats{"markdown", "json"};
inline const std::vector<std::string> kRules{"adjusted-mean", "ship-first"};
inline const std::vector<std::string> kGates{"changed", "flipped", "narrow", "provisional", "stale", "overdue", "skip"};

}  // namespace toolcmp::choices
