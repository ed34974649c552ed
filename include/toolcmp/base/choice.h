// A fixed set of values an option takes, as one {name, value} table: from
// it come the list CLI11 checks, the words the shell completes, and the
// mapping from a name to its value (and back). The tables themselves live
// with what they name: the model's words (values.h, compare.h, drift.h),
// the import's formats (import.h), the CLI's options (src/cli/choices.h).
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

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

}  // namespace toolcmp::choices
