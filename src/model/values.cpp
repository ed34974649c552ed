#include "toolcmp/model/values.h"

#include <cctype>
#include <charconv>
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <ctime>

#include <fmt/format.h>

#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

const char* verdict_name(Verdict verdict) { return choices::name_of(kVerdictWords, verdict); }

std::optional<Verdict> verdict_named(std::string_view word) { return choices::value_of(kVerdictWords, word); }

Verdict parse_verdict(std::string_view text) {
  std::string lower;
  for (char c : text) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  if (auto verdict = verdict_named(lower)) return *verdict;
  throw UsageError(fmt::format("verdict '{}' is not ship or skip", sanitize_for_terminal(text)));
}

const char* confidence_name(Confidence confidence) {
  switch (confidence) {
    case Confidence::Clear: return "clear";
    case Confidence::Narrow: return "narrow";
    case Confidence::Provisional: return "provisional";
    case Confidence::TooClose: break;
  }
  return "too close";
}

const char* decision_status_name(DecisionStatus status) { return choices::name_of(kDecisionStatusWords, status); }

std::optional<DecisionStatus> try_parse_decision_status(std::string_view text) {
  return choices::value_of(kDecisionStatusWords, text);
}

DecisionStatus parse_decision_status(std::string_view text) {
  if (auto status = try_parse_decision_status(text)) return *status;
  throw UsageError(fmt::format("'{}' is not a decision status; use proposed, accepted, rejected or superseded",
                               sanitize_for_terminal(std::string(text))));
}

std::string parse_date(std::string_view text) { return parse_timestamp(text).substr(0, 10); }

const char* panel_verdict_name(PanelVerdict verdict) {
  switch (verdict) {
    case PanelVerdict::Ship: return verdict_name(Verdict::Ship);
    case PanelVerdict::Skip: return verdict_name(Verdict::Skip);
    case PanelVerdict::Split: break;
  }
  return "split";
}

std::optional<int> try_parse_score(std::string_view text) {
  int value = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 0 || value > 100) return std::nullopt;
  return value;
}

int parse_score(std::string_view text) {
  if (auto score = try_parse_score(text)) return *score;
  throw UsageError(fmt::format("score '{}' is not a whole number from 0 to 100", sanitize_for_terminal(text)));
}

std::optional<double> try_parse_number(std::string_view text, double min, double max, bool min_exclusive) {
  std::string copy(text);
  char* end = nullptr;
  double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || *end != '\0' || !std::isfinite(value) || value < min || (min_exclusive && value == min) ||
      value > max) {
    return std::nullopt;
  }
  return value;
}

double parse_weight(std::string_view text) {
  if (auto weight = try_parse_number(text, 0, 100, true)) return *weight;
  throw UsageError(fmt::format("weight '{}' is not a number above 0 and at most 100", sanitize_for_terminal(text)));
}


void check_attribute_key(std::string_view key) {
  bool ok = !key.empty() && key.size() <= 64;
  for (char c : key) {
    ok = ok && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
                c == '-' || c == '.');
  }
  if (!ok) {
    throw UsageError(fmt::format("attribute key '{}' must be 1-64 letters, digits, '_', '-' or '.'",
                                 sanitize_for_terminal(key)));
  }
}

std::pair<std::string, std::string> parse_attribute(std::string_view text) {
  auto eq = text.find('=');
  if (eq == std::string_view::npos) {
    throw UsageError(fmt::format("attribute '{}' is not key=value (for example params=3B)",
                                 sanitize_for_terminal(text)));
  }
  std::string key(text.substr(0, eq)), value(text.substr(eq + 1));
  check_attribute_key(key);
  check_text(value, "attribute value");
  if (value.empty()) {
    throw UsageError(fmt::format("attribute '{}' has no value; use --unset-attr {} to remove it", key, key));
  }
  return {key, value};
}

void check_text(std::string_view text, std::string_view what, std::size_t max_bytes) {
  if (text.size() > max_bytes) {
    throw UsageError(fmt::format("{} is {} bytes long; the limit is {}", what, text.size(), max_bytes));
  }
  if (text.find('\0') != std::string_view::npos) {
    throw UsageError(fmt::format("{} contains a NUL byte", what));
  }
  if (!is_valid_utf8(text)) throw UsageError(fmt::format("{} is not valid UTF-8", what));
}

std::string check_name(std::string_view given, std::string_view what) {
  // Printable ASCII, the common case (two names a review on import): valid,
  // nothing invisible to strip, a letter or digit is the whole test.
  if (given.size() <= kMaxNameBytes && is_printable_ascii(given) &&
      std::any_of(given.begin(), given.end(), [](char c) { return std::isalnum(static_cast<unsigned char>(c)); })) {
    auto first = given.find_first_not_of(' ');
    return std::string(given.substr(first, given.find_last_not_of(' ') - first + 1));
  }
  check_text(given, what, kMaxNameBytes);
  std::string stripped = strip_invisible(given);
  std::string_view text = stripped;
  auto first = text.find_first_not_of(" \t");
  auto last = text.find_last_not_of(" \t");
  if (first == std::string_view::npos || loose_key(text).empty()) {
    throw UsageError(fmt::format("{} '{}' needs at least one letter or digit", what, sanitize_for_terminal(text)));
  }
  for (char c : text) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) {
      throw UsageError(fmt::format("{} '{}' contains a control character", what, sanitize_for_terminal(text)));
    }
  }
  return std::string(text.substr(first, last - first + 1));
}

double round_to_tenth(double value) { return std::round(value * 10) / 10; }

std::string format_number(double value) {
  double rounded = round_to_tenth(value);
  if (rounded == std::floor(rounded)) return fmt::format("{:.0f}", rounded);
  return fmt::format("{:.1f}", rounded);
}

std::string format_weight(double value) {
  std::string text = fmt::format("{:.2f}", std::round(value * 100) / 100);
  while (text.back() == '0') text.pop_back();
  if (text.back() == '.') text.pop_back();
  return text;
}

std::string format_interval(const std::pair<double, double>& interval) {
  return fmt::format("[{:.0f}\u2013{:.0f}]", interval.first, interval.second);
}

std::string format_percent(double value) { return format_number(value) + "%"; }

std::string format_mean(double value) { return fmt::format("{:.1f}", round_to_tenth(value)); }

std::string plural(std::int64_t count, const char* noun) {
  return fmt::format("{} {}{}", count, noun, count == 1 ? "" : "s");
}

}  // namespace toolcmp
