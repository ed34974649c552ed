// The import JSON parser agrees with nlohmann's on what is JSON and what it means.
#include <catch2/catch.hpp>

#include "toolcmp/json_line.h"

using toolcmp::Json;
using toolcmp::JsonLineStatus;
using toolcmp::parse_json_line;

namespace {

// Both parsers accept text and build the same value, or both refuse it.
void agrees(const std::string& text) {
  INFO(text);
  Json ours;
  JsonLineStatus status = parse_json_line(text, 16, ours);
  Json theirs = Json::parse(text, nullptr, false);
  if (theirs.is_discarded()) {
    CHECK(status != JsonLineStatus::Ok);
  } else {
    REQUIRE(status == JsonLineStatus::Ok);
    CHECK(ours == theirs);
    CHECK(ours.dump() == theirs.dump());
  }
}

}  // namespace

TEST_CASE("the import JSON parser reads what nlohmann reads, the same way") {
  for (const char* text : {
           R"({"type":"review","tool":"A","score":84,"verdict":"ship","text":"x"})",
           R"(  { "a" : [1, 2.5, -3, 0, -0.0, 1e3, 2E-2, true, false, null] , "b": {"c": {}} }  )",
           R"({"esc":"quote \" backslash \\ slash \/ \b\f\n\r\t end"})",
           R"({"u":"\u00e9 \u20ac \ud83d\ude00 \u0000 \u001b"})",
           R"({"dup":1,"dup":2})",
           R"({"big":12345678901234567890, "neg":-9223372036854775808})",
           R"("just a string")", "42", "[]", "{}", "[[[]]]",
           R"({"a":1,})", R"({"a":1)", R"({a:1})", R"({"a":01})", R"({"a":1.})", R"({"a":.5})", R"({"a":-})",
           R"({"a":"unterminated)", R"({"a":"bad \x escape"})", R"({"a":"\ud800 alone"})", R"({"a":"\udc00"})",
           R"({"a":"\u12G4"})", "{\"a\":\"raw\ttab\"}", "{\"a\":\"raw\nnewline\"}", R"({"a":tru})", R"({"a":nul})",
           R"({"a":1} trailing)", "", "   ", R"({"a":1e})", R"({"a":1e+})", R"({"a":+1})", R"([1 2])",
           "{\"caf\xc3\xa9\":\"na\xc3\xafve\"}",
       }) {
    agrees(text);
  }
}

TEST_CASE("the import JSON parser stops at its depth limit") {
  Json out;
  CHECK(parse_json_line(std::string(16, '[') + std::string(16, ']'), 16, out) == JsonLineStatus::Ok);
  CHECK(parse_json_line(std::string(17, '[') + std::string(17, ']'), 16, out) == JsonLineStatus::TooDeep);
  std::string nested;
  for (int i = 0; i < 100000; ++i) nested += "{\"a\":";
  CHECK(parse_json_line(nested, 16, out) == JsonLineStatus::TooDeep);
}
