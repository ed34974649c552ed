// CLI11 validators whose messages are in toolcmp's own voice: CLI11
// prints them after the option's name ("--limit: '0' is not ...").
#pragma once

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <charconv>
#include <string>
#include <vector>

#include "toolcmp/base/text.h"

namespace toolcmp::choices {

inline CLI::Validator one_of(const std::vector<std::string>& values) {
  std::string list;
  for (const std::string& value : values) list += (list.empty() ? "" : ", ") + value;
  return CLI::Validator(
      [values, list](std::string& given) -> std::string {
        for (const std::string& value : values) {
          if (value == given) return "";
        }
        return fmt::format("'{}' is not one of {}", sanitize_for_terminal(given), list);
      },
      "", "one_of");
}

inline CLI::Validator whole_number(long min, long max) {
  return CLI::Validator(
      [min, max](std::string& given) -> std::string {
        long value = 0;
        auto [end, ec] = std::from_chars(given.data(), given.data() + given.size(), value);
        if (ec == std::errc() && end == given.data() + given.size() && value >= min && value <= max) return "";
        return fmt::format("'{}' is not a whole number from {} to {}", sanitize_for_terminal(given), min, max);
      },
      "", "whole_number");
}

}  // namespace toolcmp::choices
