// Parsing what users type.
#include <catch2/catch.hpp>

#include "toolcmp/base/error.h"
#include "toolcmp/model/values.h"

using namespace toolcmp;

TEST_CASE("scores are whole numbers from 0 to 100") {
  CHECK(parse_score("0") == 0);
  CHECK(parse_score("100") == 100);
  CHECK_THROWS_AS(parse_score("101"), UsageError);
  CHECK_THROWS_AS(parse_score("-1"), UsageError);
  CHECK_THROWS_AS(parse_score("7.5"), UsageError);
  CHECK_THROWS_WITH(parse_score("abc"), "score 'abc' is not a whole number from 0 to 100");
}

TEST_CASE("verdicts are ship or skip in any case") {
  CHECK(parse_verdict("SHIP") == Verdict::Ship);
  CHECK(parse_verdict("skip") == Verdict::Skip);
  CHECK_THROWS_WITH(parse_verdict("maybe"), "verdict 'maybe' is not ship or skip");
}

TEST_CASE("dates become canonical UTC timestamps") {
  CHECK(parse_timestamp("2026-11-01") == "2026-11-01T00:00:00Z");
  CHECK(parse_timestamp("2026-11-01T09:30") == "2026-11-01T09:30:00Z");
  CHECK(parse_timestamp("2026-11-01 09:30:15Z") == "2026-11-01T09:30:15Z");
  CHECK(parse_timestamp("2024-02-29") == "2024-02-29T00:00:00Z");
  CHECK_THROWS_AS(parse_timestamp("2026-02-29"), UsageError);
  CHECK_THROWS_AS(parse_timestamp("2026-13-01"), UsageError);
  CHECK_THROWS_AS(parse_timestamp("yesterday"), UsageError);
  CHECK_THROWS_AS(parse_timestamp("2026-11-01T25:00"), UsageError);
}

TEST_CASE("a timestamp already canonical is checked like any other and kept as it is") {
  // The short cut for YYYY-MM-DDTHH:MM:SSZ must give what the conversion gives.
  CHECK(parse_timestamp("2026-11-01T09:30:15Z") == "2026-11-01T09:30:15Z");
  CHECK(parse_timestamp("2026-11-01T09:30:15+00:00") == "2026-11-01T09:30:15Z");
  CHECK(parse_timestamp("2026-11-01t09:30:15z") == "2026-11-01T09:30:15Z");
  CHECK(parse_timestamp("2026-12-31T23:59:60Z") == "2026-12-31T23:59:59Z");  // a leap second stays in its minute
  CHECK(parse_timestamp("2026-11-01T23:30:00-01:00") == "2026-11-02T00:30:00Z");
  CHECK_THROWS_AS(parse_timestamp("2026-02-29T09:30:15Z"), UsageError);
  CHECK_THROWS_AS(parse_timestamp("1969-12-31T23:59:59Z"), UsageError);
  CHECK_THROWS_AS(parse_timestamp("2026-11-01T24:00:00Z"), UsageError);
  CHECK_THROWS_AS(parse_timestamp("2026-11-01T09:61:00Z"), UsageError);
  CHECK_THROWS_AS(parse_timestamp("2026-11-01T09:30:1xZ"), UsageError);
}

TEST_CASE("attributes are key=value with a plain key") {
  CHECK(parse_attribute("params=3B") == std::pair<std::string, std::string>("params", "3B"));
  CHECK(parse_attribute("ctx=a=b") == std::pair<std::string, std::string>("ctx", "a=b"));
  CHECK_THROWS_AS(parse_attribute("params"), UsageError);
  CHECK_THROWS_AS(parse_attribute("=3B"), UsageError);
  CHECK_THROWS_AS(parse_attribute("bad key=1"), UsageError);
  CHECK_THROWS_AS(parse_attribute("params="), UsageError);
}

TEST_CASE("names need a letter or digit and no control characters") {
  CHECK(check_name("  SmolLM3 ", "tool name") == "SmolLM3");
  CHECK_THROWS_AS(check_name("   ", "tool name"), UsageError);
  CHECK_THROWS_AS(check_name("a\x1b[2Jb", "tool name"), UsageError);
  CHECK_THROWS_AS(check_name("bad\xff", "tool name"), UsageError);
  // Printable ASCII takes a short cut; it must agree with the full check.
  CHECK(check_name("Code Llama 4", "tool name") == "Code Llama 4");
  CHECK(check_name(" - x - ", "tool name") == "- x -");
  CHECK_THROWS_WITH(check_name(" -- ", "tool name"), "tool name ' -- ' needs at least one letter or digit");
  CHECK_THROWS_AS(check_name("\tSmolLM3", "tool name"), UsageError);
  CHECK_THROWS_AS(check_name(std::string(kMaxNameBytes + 1, 'a'), "tool name"), UsageError);
  CHECK(check_name(std::string(kMaxNameBytes, 'a'), "tool name") == std::string(kMaxNameBytes, 'a'));
  CHECK(check_name("Smol\u200bLM3", "tool name") == "SmolLM3");  // not ASCII: the invisible space goes
}

TEST_CASE("weights are positive and at most 100") {
  CHECK(parse_weight("1.5") == Approx(1.5));
  CHECK_THROWS_AS(parse_weight("0"), UsageError);
  CHECK_THROWS_AS(parse_weight("nan"), UsageError);
  CHECK_THROWS_AS(parse_weight("2x"), UsageError);
}

TEST_CASE("numbers show one decimal only when they need it") {
  CHECK(format_number(74.5) == "74.5");
  CHECK(format_number(75.0) == "75");
  CHECK(format_percent(200.0 / 3) == "66.7%");
}

TEST_CASE("try_parse_number takes a whole finite number within its range") {
  using toolcmp::try_parse_number;
  CHECK(try_parse_number("75", 0, 100) == 75.0);
  CHECK(try_parse_number("0", 0, 100) == 0.0);
  CHECK_FALSE(try_parse_number("0", 0, 100, true));
  CHECK(try_parse_number("100", 0, 100) == 100.0);
  for (const char* bad : {"", "100.01", "-1", "75%", "75 ", "nan", "inf", "1e400"}) {
    INFO(bad);
    CHECK_FALSE(try_parse_number(bad, 0, 100));
  }
  CHECK(toolcmp::round_to_tenth(74.96) == 75.0);
  CHECK(toolcmp::round_to_tenth(81.54) == 81.5);
}

TEST_CASE("max ages are a count of days weeks months or years counted back by the calendar") {
  CHECK(toolcmp::parse_max_age("90d") == "90d");
  CHECK(toolcmp::parse_max_age("1y") == "1y");
  for (const char* bad : {"", "d", "0w", "3", "3 d", "+3d", "3dd", "1.5m", "3h"}) {
    INFO(bad);
    CHECK_THROWS_AS(toolcmp::parse_max_age(bad), toolcmp::UsageError);
  }
  CHECK(toolcmp::timestamp_before("2026-12-01T12:00:00Z", "90d") == "2026-09-02T12:00:00Z");
  CHECK(toolcmp::timestamp_before("2026-12-01T12:00:00Z", "2w") == "2026-11-17T12:00:00Z");
  CHECK(toolcmp::timestamp_before("2026-08-31T00:00:00Z", "6m") == "2026-03-03T00:00:00Z");  // 31 Feb rolls over
  CHECK(toolcmp::timestamp_before("2028-02-29T00:00:00Z", "1y") == "2027-03-01T00:00:00Z");
  CHECK(toolcmp::timestamp_before("2026-01-01T00:00:00Z", "100000y") == "0000-01-01T00:00:00Z");
}

TEST_CASE("a review's age is short and never has a space") {
  const std::string now = "2026-12-01T12:00:00Z";
  CHECK(toolcmp::format_age("2026-12-01T08:00:00Z", now) == "today");
  CHECK(toolcmp::format_age("2026-11-30T12:00:00Z", now) == "1d");
  CHECK(toolcmp::format_age("2026-10-03T12:00:00Z", now) == "59d");
  CHECK(toolcmp::format_age("2026-09-01T12:00:00Z", now) == "2mo");
  CHECK(toolcmp::format_age("2024-12-03T12:00:00Z", now) == "23mo");
  CHECK(toolcmp::format_age("2023-11-01T12:00:00Z", now) == "3y");
  CHECK(toolcmp::format_age("2027-01-01T00:00:00Z", now) == "today");  // written after now: no negative age
  CHECK(toolcmp::format_age("last week", now).empty());                // a file changed by hand
  CHECK(toolcmp::format_age("", now).empty());
}
