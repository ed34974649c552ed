// Parsing what users type.
#include <catch2/catch.hpp>

#include "toolcmp/error.h"
#include "toolcmp/values.h"

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
