// The fixed sets of values options take: one {name, value} table per
// choice, from which come the list CLI11 checks, the words the shell
// completes, and the mapping from a name to its value (and back).
#pragma once

#include <string>
#include <vector>

#include "toolcmp/app/export.h"
#include "toolcmp/base/choice.h"
#include "toolcmp/app/import.h"
#include "toolcmp/model/compare.h"
#include "toolcmp/model/drift.h"
#include "toolcmp/model/model.h"
#include "toolcmp/model/values.h"
#include "toolcmp/base/terminal.h"

namespace toolcmp::choices {

inline constexpr Choice<ColorChoice> kColorChoices[] = {
    {"auto", ColorChoice::Auto}, {"always", ColorChoice::Always}, {"never", ColorChoice::Never}};
inline constexpr Choice<ExportFormat> kExportFormatChoices[] = {{"jsonl", ExportFormat::Jsonl},
                                                                {"csv", ExportFormat::Csv},
                                                                {"tsv", ExportFormat::Tsv},
                                                                {"markdown", ExportFormat::Markdown}};
inline constexpr Choice<OnConflict> kOnConflictChoices[] = {
    {"error", OnConflict::Error}, {"skip", OnConflict::Skip}, {"replace", OnConflict::Replace}};

// The lists CLI11 checks and the shell completes.
inline const std::vector<std::string> kVerdicts = names(kVerdictWords);
inline const std::vector<std::string> kColor = names(kColorChoices);
inline const std::vector<std::string> kImportFormats = names(kImportFormatChoices);
inline const std::vector<std::string> kExportFormats = names(kExportFormatChoices);
inline const std::vector<std::string> kOnConflict = names(kOnConflictChoices);
// Choices that stay words: the command compares them as they are.
inline const std::vector<std::string> kListSort{"name", "ship", "score", "updated"};
inline const std::vector<std::string> kCompareFormats{"table", "markdown", "html"};
inline const std::vector<std::string> kShells{"bash", "zsh", "fish"};
inline const std::vector<std::string> kDecisionStatuses = names(kDecisionStatusWords);
// What decide may record: a decision starts proposed or accepted.
inline const std::vector<std::string> kDecideStatuses{decision_status_name(DecisionStatus::Proposed),
                                                     decision_status_name(DecisionStatus::Accepted)};
inline const std::vector<std::string> kDecisionExportFormats{"markdown", "json"};
inline const std::vector<std::string> kRules = names(kMethodWords);
inline const std::vector<std::string> kGates = names(kGateWords);

}  // namespace toolcmp::choices
