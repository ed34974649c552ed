// JSON shapes: fixed keys in a fixed order, null for absent values.
#include <catch2/catch.hpp>

#include "toolcmp/model/compare.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/base/text.h"

using namespace toolcmp;

namespace {

std::vector<std::string> keys(const Json& object) {
  std::vector<std::string> result;
  for (auto it = object.begin(); it != object.end(); ++it) result.push_back(it.key());
  return result;
}

}  // namespace

TEST_CASE("JSON output writes bidi overrides and C1 controls as escapes, meaning the same") {
  Tool tool;
  tool.name = "Evil";
  tool.tagline = "a\u202Eb\u2066c\u2069d\u200Fe\u0085f \u4E2D\u6587 \u00E9";
  std::string out = dump_json(tool_json(make_report(tool, {}, {})));
  CHECK(out.find("\xE2\x80\xAE") == std::string::npos);
  CHECK(out.find("\xC2\x85") == std::string::npos);
  CHECK_THAT(out, Catch::Contains("a\\u202eb\\u2066c\\u2069d\\u200fe\\u0085f \u4E2D\u6587 \u00E9"));
  CHECK(Json::parse(out)["tagline"] == *tool.tagline);
  CHECK(Json::parse(dump_json_line(tool_json(make_report(tool, {}, {}))))["tagline"] == *tool.tagline);
}

TEST_CASE("a tool without data still has every key, with nulls") {
  Tool tool;
  tool.name = "Bare";
  Json json = tool_json(make_report(tool, {}, {}));
  CHECK(keys(json) == std::vector<std::string>{"name", "vendor", "category", "tagline", "description", "pricing",
                                               "entry", "license", "url", "published_ship_pct", "published_votes_ship",
                                               "published_votes_skip", "attributes", "panel", "community",
                                               "reviews"});
  CHECK(json["vendor"].is_null());
  CHECK(json["attributes"].is_object());
  CHECK(keys(json["panel"]) == std::vector<std::string>{"verdict", "ship", "skip", "ship_pct", "basis", "mean_score",
                                                           "adjusted_mean", "scored", "score_neff", "score_age_years",
                                                           "ship_pct_interval"});
  CHECK(json["panel"]["adjusted_mean"].is_null());
  CHECK(json["panel"]["verdict"].is_null());
  CHECK(json["panel"]["ship_pct"].is_null());
  CHECK(keys(json["community"]) == std::vector<std::string>{"votes", "ship", "skip", "ship_pct", "basis"});
  CHECK(json["community"]["votes"] == 0);
}

TEST_CASE("compare JSON carries the schema version, tools and recommendation") {
  Tool a, b;
  a.name = "A";
  b.name = "B";
  Review review;
  review.persona = "Builder";
  review.score = 80;
  review.verdict = Verdict::Ship;
  review.reviewed_at = "2026-11-01T00:00:00Z";
  Comparison comparison;
  Review skip = review;
  skip.verdict = Verdict::Skip;
  comparison.tools = {make_report(a, {review}, {2, 1}), make_report(b, {skip}, {})};
  comparison.recommendation = recommend(comparison.tools);
  Json json = compare_json(comparison);
  CHECK(keys(json) == std::vector<std::string>{"schema_version", "tools", "recommendation", "rule", "habits",
                                                "what_if_weights", "min_verdicts", "as_of", "as_of_written_only", "max_age", "half_life", "stale_before",
                                                "panel"});
  CHECK(keys(json["habits"]) == std::vector<std::string>{"tools", "noise", "personas"});
  CHECK(json["schema_version"] == 3);
  CHECK(json["tools"][0]["panel"]["verdict"] == "ship");
  CHECK(json["tools"][0]["panel"]["ship_pct"] == 100.0);
  CHECK(json["tools"][0]["community"]["ship_pct"] == 66.7);
  CHECK(keys(json["tools"][0]["reviews"][0]) ==
        std::vector<std::string>{"persona", "score", "verdict", "text", "reviewed_at", "source",
                                                                          "recorded_at", "also_from", "author", "stale", "age_weight"});
  CHECK(json["tools"][0]["reviews"][0]["source"].is_null());
  CHECK(json["recommendation"]["tool"] == "A");
}

TEST_CASE("invalid UTF-8 in stored text is replaced, not thrown") {
  Json json = Json::object();
  json["text"] = std::string("bad\xff");
  CHECK(dump_json(json).find("bad\xEF\xBF\xBD") != std::string::npos);
}

TEST_CASE("JSON escapes the same bidi controls the terminal sanitizer shows, U+061C included") {
  for (const char* control : {"\u061c", "\u200e", "\u202e", "\u2067"}) {
    std::string text = std::string("a") + control + "b";
    std::string dumped = toolcmp::dump_json_line(toolcmp::Json(text));
    INFO(dumped);
    CHECK(dumped.find(control) == std::string::npos);
    CHECK(dumped.find("\\u") != std::string::npos);
    CHECK(toolcmp::sanitize_for_terminal(text).find("<U+") != std::string::npos);
  }
  // Other text passes whole: accents, CJK, emoji.
  CHECK(toolcmp::dump_json_line(toolcmp::Json("caf\u00e9 \u6f22 \U0001F600")) == "\"caf\u00e9 \u6f22 \U0001F600\"\n");
}
