#include "cli/tool_fields.h"

#include <CLI/CLI.hpp>

#include <algorithm>

#include "toolcmp/model/values.h"

namespace toolcmp {

void ToolFieldOptions::add_to(CLI::App& command) {
  for (std::size_t i = 0; i < values.size(); ++i) {
    options[i] = command.add_option(std::string("--") + kToolTextFields[i].name, values[i], kToolTextFields[i].help)
                     ->type_name("TEXT");
  }
  command.add_option("--attr", attributes, "Attribute key=value (repeatable), e.g. params=3B")
      ->type_name("KEY=VALUE")
      ->allow_extra_args(false);
}

void ToolFieldOptions::apply(Tool& tool) const {
  for (std::size_t i = 0; i < values.size(); ++i) {
    if (options[i]->count() == 0) continue;
    const std::string& value = values[i];
    check_text(value, std::string("--") + kToolTextFields[i].name);
    tool.*kToolTextFields[i].member = value.empty() ? std::nullopt : std::optional<std::string>(value);
  }
  for (const std::string& text : attributes) {
    std::pair<std::string, std::string> attribute = parse_attribute(text);
    auto it = find_attribute(tool.attributes, attribute.first);
    if (it != tool.attributes.end()) {
      it->second = attribute.second;
    } else {
      tool.attributes.push_back(std::move(attribute));
    }
  }
  std::sort(tool.attributes.begin(), tool.attributes.end());
}

Attributes::iterator find_attribute(Attributes& attributes, const std::string& key) {
  return std::find_if(attributes.begin(), attributes.end(), [&](const auto& a) { return a.first == key; });
}

bool same_fields(const Tool& a, const Tool& b) {
  for (const ToolTextField& field : kToolTextFields) {
    if (a.*field.member != b.*field.member) return false;
  }
  return a.name == b.name && a.attributes == b.attributes;
}

}  // namespace toolcmp
