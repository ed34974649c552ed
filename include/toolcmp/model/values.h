// Parsing and printing the small values users type: verdicts, scores,
// dates, weights, attributes, and the way numbers are shown.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "toolcmp/base/choice.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

// The words of each fixed set, once: the store, the pages, JSON and the
// CLI's choices and completion all read these.
inline constexpr choices::Choice<Verdict> kVerdictWords[] = {{"ship", Verdict::Ship}, {"skip", Verdict::Skip}};
inline constexpr choices::Choice<DecisionStatus> kDecisionStatusWords[] = {{"proposed", DecisionStatus::Proposed},
                                                                          {"accepted", DecisionStatus::Accepted},
                                                                          {"rejected", DecisionStatus::Rejected},
                                                                          {"superseded", DecisionStatus::Superseded}};

const char* verdict_name(Verdict verdict);          // "ship" | "skip"
Verdict parse_verdict(std::string_view text);       // throws UsageError
std::optional<Verdict> verdict_named(std::string_view word);  // "ship" | "skip", exactly; else none
const char* panel_verdict_name(PanelVerdict verdict);  // "ship" | "skip" | "split"
const char* confidence_name(Confidence confidence);
const char* decision_status_name(DecisionStatus status);  // "proposed", "accepted", "rejected", "superseded"
std::optional<DecisionStatus> try_parse_decision_status(std::string_view text);
DecisionStatus parse_decision_status(std::string_view text);  // throws UsageError
// A review-by date: YYYY-MM-DD (a timestamp's date is taken). Throws UsageError.
std::string parse_date(std::string_view text);  // "clear", "narrow", "provisional", "too close"

int parse_score(std::string_view text);  // 0-100, throws UsageError
std::optional<int> try_parse_score(std::string_view text);  // the same, none when it is not a score
double parse_weight(std::string_view text);  // > 0 and <= 100, throws UsageError

// Accepts YYYY-MM-DD and RFC 3339 times, YYYY-MM-DDTHH:MM[:SS[.frac]]
// with Z or +HH:MM/-HH:MM (none: UTC; space for T allowed); returns the
// canonical YYYY-MM-DDTHH:MM:SSZ in UTC. Throws UsageError saying why.
std::string parse_timestamp(std::string_view text);
// The same into a string whose buffer is reused.
void parse_timestamp_into(std::string_view text, std::string& into);
// --as-of: a timestamp as parse_timestamp reads it; a bare date means the
// end of that day (UTC), so that --as-of 2026-11-01 counts that day's reviews.
std::string parse_as_of(std::string_view text);
// The same without throwing; why (if given) says what was wrong.
std::optional<std::string> try_parse_timestamp(std::string_view text, const char** why = nullptr);
// Now, YYYY-MM-DDTHH:MM:SSZ: TOOLCMP_NOW when set (reproducible output and
// tests; a bad one is a UsageError), else the system clock.
std::string now_utc();
std::string timestamp_after_now(long seconds);  // now + seconds, the same form
// A review or vote dated more than a day ahead would stay current for good:
// every way of dating one (review --at, import --at, an imported record)
// refuses a date after this limit, taken once per command, with this message.
std::string latest_allowed_date();  // now + 1 day
std::string dated_ahead_message(std::string_view what, std::string_view given, std::string_view fix);
// --max-age: "90d", "12w", "6m", "1y" (1 to 100000 of them); returns it
// as given, checked. Throws UsageError.
std::string parse_max_age(std::string_view text);
// The canonical timestamp max_age before timestamp (months and years by
// the calendar).
std::string timestamp_before(const std::string& timestamp, const std::string& max_age);
// How long before `to` `from` was: "today", "12d", "3mo", "2y" (no space:
// it never wraps); "" when either is not a timestamp toolcmp writes.
std::string format_age(const std::string& from, const std::string& to);
// Years from one timestamp to a later one; 0 when it is not later, or
// either is not a timestamp toolcmp writes.
double years_between(const std::string& from, const std::string& to);
// The canonical timestamp a second before one toolcmp wrote.
std::string second_before(const std::string& timestamp);

// "key=value" -> {key, value}; keys are letters, digits, '_', '-', '.'.
std::pair<std::string, std::string> parse_attribute(std::string_view text);
void check_attribute_key(std::string_view key);

// Limits on stored text, the same from every entry point.
inline constexpr std::size_t kMaxNameBytes = 200;         // tool, persona and voter names
inline constexpr std::size_t kMaxFieldBytes = 64 * 1024;  // tool fields, attribute values, focus
inline constexpr std::size_t kMaxTextBytes = 1 << 20;     // a review's text
inline constexpr std::size_t kMaxPageBytes = 4 << 20;     // a page, written (HTML) or read (any kind)

// Text the user gave for a stored field: valid UTF-8, no NUL, at most
// max_bytes, and for names not empty or only spaces. what names the field
// in errors.
void check_text(std::string_view text, std::string_view what, std::size_t max_bytes = kMaxFieldBytes);
// Returns the name trimmed, without zero-width, soft hyphen and tag
// characters (U+200B-200F, U+2060-2064, U+FEFF, U+00AD, U+E0000-E007F):
// "a\u200bna" is "ana", as it looks.
std::string check_name(std::string_view text, std::string_view what);

// 75 -> "75", 66.666 -> "66.7"
std::string format_number(double value);
// A weight: up to two decimals, no trailing zeros ("3", "2.4", "2.35").
std::string format_weight(double value);
// A ship % interval, whole percents: "[30\u201395]".
std::string format_interval(const std::pair<double, double>& interval);
std::string format_percent(double value);  // "75%"
std::string format_mean(double value);     // always one decimal: "75.0", "81.5"
// "1 review", "3 reviews"
std::string plural(std::int64_t count, const char* noun);
// Rounded to one decimal, as every figure is stored and shown.
double round_to_tenth(double value);
// The whole of text as a finite number within [min, max] (above min when
// min_exclusive), or nothing.
std::optional<double> try_parse_number(std::string_view text, double min, double max, bool min_exclusive = false);

}  // namespace toolcmp
