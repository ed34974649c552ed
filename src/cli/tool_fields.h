// The tool options add and edit share: the text fields and --attr, and
// laying what was given over a tool.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "cli/command.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

struct ToolFieldOptions {
  std::array<std::string, std::size(kToolTextFields)> values;
  std::array<CLI::Option*, std::size(kToolTextFields)> options{};
  std::vector<std::string> attributes;

  void add_to(CLI::App& command);
  // Sets on tool the fields that were given (an empty value clears one)
  // and the attributes; throws UsageError for a value toolcmp refuses.
  void apply(Tool& tool) const;
};

// The attribute named key, or attributes.end().
Attributes::iterator find_attribute(Attributes& attributes, const std::string& key);
// The same name, text fields and attributes.
bool same_fields(const Tool& a, const Tool& b);

}  // namespace toolcmp
