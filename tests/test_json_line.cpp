// The import's JSON Lines parser (simdjson, in toolcmp-jsonl.so) agrees
// with nlohmann's on what is JSON and what it means.
#include <catch2/catch.hpp>

#include "toolcmp/formats/field_list.h"
#include "toolcmp/formats/jsonl_parser.h"

using toolcmp::FieldList;
using toolcmp::Json;
using toolcmp::JsonlParser;
using toolcmp::JsonlStatus;

namespace {

// The fields as one object, a repeated key's last value winning.
Json as_object(const FieldList& fields) {
  Json object = Json::object();
  for (const auto& field : fields) object[std::string(field.key)] = field.value.json();
  return object;
}

// Both parsers accept text and read the same values, or both refuse it.
void agrees(JsonlParser& parser, const std::string& text) {
  INFO(text);
  std::string line = text;
  FieldList fields;
  JsonlStatus status = parser.parse(line, fields);
  Json theirs = Json::parse(text, nullptr, false);
  if (theirs.is_discarded()) {
    CHECK(status != JsonlStatus::Ok);
    CHECK(status != JsonlStatus::NotObject);
  } else if (!theirs.is_object()) {
    CHECK(status == JsonlStatus::NotObject);
    CHECK(parser.top_type() == std::string(theirs.type_name()));
  } else {
    REQUIRE(status == JsonlStatus::Ok);
    CHECK(as_object(fields) == theirs);
    CHECK(as_object(fields).dump() == theirs.dump());
  }
}

}  // namespace

TEST_CASE("the JSON Lines parser reads what nlohmann reads, the same way") {
  JsonlParser parser(16);
  for (const char* text : {
           R"({"type":"review","tool":"A","score":84,"verdict":"ship","text":"x"})",
           R"(  { "a" : [1, 2.5, -3, 0, -0.0, 1e3, 2E-2, true, false, null] , "b": {"c": {}} }  )",
           R"({"esc":"quote \" backslash \\ slash \/ \b\f\n\r\t end"})",
           R"({"u":"\u00e9 \u20ac \ud83d\ude00 \u0000 \u001b"})",
           R"({"dup":1,"dup":2})",
           R"({"big":12345678901234567890, "neg":-9223372036854775808, "huge":123456789012345678901234567890})",
           R"({"s":"x","n":null,"t":true,"f":false,"o":{"k":[1,{"z":"y"}]},"e":[]})",
           R"("just a string")", "42", "[]", "{}", "[[[]]]", "true", "null",
           R"({"a":1,})", R"({"a":1)", R"({a:1})", R"({"a":01})", R"({"a":1.})", R"({"a":.5})", R"({"a":-})",
           R"({"a":"unterminated)", R"({"a":"bad \x escape"})", R"({"a":"\ud800 alone"})", R"({"a":"\udc00"})",
           R"({"a":"\u12G4"})", "{\"a\":\"raw\ttab\"}", "{\"a\":\"raw\nnewline\"}", R"({"a":tru})", R"({"a":nul})",
           R"({"a":1} trailing)", R"({"a":1}{"b":2})", "", "   ", R"({"a":1e})", R"({"a":1e+})", R"({"a":+1})",
           R"([1 2])", R"({"a":[1 2]})", R"({"a":{"b" 1}})", R"({"a":[1,]})", R"({"a":{"b":tru}})", R"(["x",)",
           "{\"caf\xc3\xa9\":\"na\xc3\xafve\"}",
       }) {
    agrees(parser, text);
  }
}

TEST_CASE("the JSON Lines parser refuses bad UTF-8 and numbers beyond a double") {
  JsonlParser parser(16);
  FieldList fields;
  std::string line = "{\"a\":\"\xff\"}";
  CHECK(parser.parse(line, fields) == JsonlStatus::NotUtf8);
  line = "{\"a\":\"\xc3\"}";
  CHECK(parser.parse(line, fields) == JsonlStatus::NotUtf8);
  for (const char* text : {R"({"a":1e309})", R"({"a":-1e999})", R"({"a":[1e400]})"}) {
    line = text;
    CHECK(parser.parse(line, fields) == JsonlStatus::OutOfRange);
  }
}

TEST_CASE("the JSON Lines parser stops at its depth limit") {
  JsonlParser parser(16);
  FieldList fields;
  std::string line = std::string(16, '[') + std::string(16, ']');
  CHECK(parser.parse(line, fields) == JsonlStatus::NotObject);
  line = std::string(17, '[') + std::string(17, ']');
  CHECK(parser.parse(line, fields) == JsonlStatus::TooDeep);
  line = "{\"a\":" + std::string(15, '[') + std::string(15, ']') + "}";
  CHECK(parser.parse(line, fields) == JsonlStatus::Ok);
  line = "{\"a\":" + std::string(16, '[') + std::string(16, ']') + "}";
  CHECK(parser.parse(line, fields) == JsonlStatus::TooDeep);
  line.clear();
  for (int i = 0; i < 100000; ++i) line += "{\"a\":";
  CHECK(parser.parse(line, fields) != JsonlStatus::Ok);
  line = std::string(1000000, '[') + std::string(1000000, ']');
  CHECK(parser.parse(line, fields) == JsonlStatus::TooDeep);
}

TEST_CASE("the fields of a JSON line point into the line and the parser and nothing else") {
  JsonlParser parser(16);
  FieldList fields;
  std::string line = R"({"type":"review","text":"plain","esc":"a\nb","o":{"k":1}})";
  REQUIRE(parser.parse(line, fields) == JsonlStatus::Ok);
  CHECK(fields.find("text")->text == "plain");
  CHECK(fields.find("esc")->text == "a\nb");
  CHECK(fields.find("o")->text == R"({"k":1})");
  CHECK(fields.find("missing") == nullptr);
  CHECK(line.capacity() >= line.size() + toolcmp::kJsonlPadding);
}
