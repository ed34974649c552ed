// The import readers and the Importer as parts: records as read, errors
// with FILE:LINE, a reader that goes on after a bad record, and what the
// Importer counts and writes.
#include <catch2/catch.hpp>

#include <string>
#include <variant>
#include <vector>

#include "support.h"
#include "toolcmp/base/byte_source.h"
#include "toolcmp/app/import.h"
#include "toolcmp/store/batch_import.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/base/text.h"

using namespace toolcmp;

namespace {

const std::vector<std::string> kPanel{"Builder", "Skeptic", "Futurist", "Founder"};

// Every record of text, or the error message in its place.
std::vector<std::variant<Record, std::string>> read_all(ImportFormat format, const std::string& text,
                                                         const std::string& name) {
  ByteSource source(text, name);
  auto reader = make_reader(format, source, kPanel);
  std::vector<std::variant<Record, std::string>> out;
  for (;;) {
    Record record;
    try {
      if (!reader->next(record)) break;
      out.emplace_back(std::move(record));
    } catch (const RecordError& e) {
      out.emplace_back(std::string(e.what()));
      if (reader->fatal()) break;
    }
  }
  return out;
}

Record record_from(const std::string& jsonl) {
  auto records = read_all(ImportFormat::Jsonl, jsonl + "\n", "one.jsonl");
  REQUIRE(records.size() == 1);
  REQUIRE(std::holds_alternative<Record>(records[0]));
  return std::get<Record>(records[0]);
}

}  // namespace

TEST_CASE("a JSON line becomes a checked record that knows where it was read") {
  Record record = record_from(R"({"type":"tool","name":"SmolLM3","vendor":"Hugging Face","attributes":{"params":"3B"}})");
  CHECK(record.where == "one.jsonl:1");
  REQUIRE(std::holds_alternative<ToolRecord>(record.value));
  const ToolRecord& tool = std::get<ToolRecord>(record.value);
  CHECK(tool.tool.name == "SmolLM3");
  REQUIRE(tool.tool.vendor);
  CHECK(*tool.tool.vendor == "Hugging Face");
  CHECK_FALSE(tool.tool.category);
  CHECK(tool.tool.attributes == Attributes{{"params", "3B"}});
  CHECK(tool.fields == std::vector<std::string>{"vendor", "attributes"});
}

TEST_CASE("a review record keeps its score and verdict and says whether it named a source") {
  Record record = record_from(R"({"type":"review","tool":"A","persona":"Skeptic","score":61,"verdict":"skip","text":"t"})");
  REQUIRE(std::holds_alternative<ReviewRecord>(record.value));
  const ReviewRecord& review = std::get<ReviewRecord>(record.value);
  REQUIRE(review.review.score);
  CHECK(*review.review.score == 61);
  REQUIRE(review.review.verdict);
  CHECK(*review.review.verdict == Verdict::Skip);
  CHECK_FALSE(review.source_given);
  CHECK(review.review.reviewed_at.empty());
}

TEST_CASE("a bad JSON line is named by FILE:LINE and the reader goes on") {
  auto records = read_all(ImportFormat::Jsonl,
                          "{\"type\":\"tool\",\"name\":\"A\"}\n"
                          "{\"type\":\"review\",\"tool\":\"A\",\"persona\":\"Builder\",\"score\":101}\n"
                          "not json\n"
                          "{\"type\":\"vote\",\"tool\":\"A\",\"verdict\":\"ship\",\"voter\":\"ana\"}\n",
                          "mixed.jsonl");
  REQUIRE(records.size() == 4);
  CHECK(std::holds_alternative<Record>(records[0]));
  REQUIRE(std::holds_alternative<std::string>(records[1]));
  CHECK_THAT(std::get<std::string>(records[1]), Catch::StartsWith("mixed.jsonl:2: ") && Catch::Contains("101"));
  REQUIRE(std::holds_alternative<std::string>(records[2]));
  CHECK_THAT(std::get<std::string>(records[2]), Catch::StartsWith("mixed.jsonl:3: "));
  REQUIRE(std::holds_alternative<Record>(records[3]));
  CHECK(std::holds_alternative<VoteRecord>(std::get<Record>(records[3]).value));
}

TEST_CASE("a CSV without a type column is typed by its columns, and its values are text") {
  auto records = read_all(ImportFormat::Csv, "tool,persona,score,verdict\nA,Builder,80,ship\nA,Skeptic,x,skip\n",
                          "reviews.csv");
  REQUIRE(records.size() == 2);
  REQUIRE(std::holds_alternative<Record>(records[0]));
  const Record& first = std::get<Record>(records[0]);
  CHECK(first.where == "reviews.csv:2");
  REQUIRE(std::holds_alternative<ReviewRecord>(first.value));
  CHECK(std::get<ReviewRecord>(first.value).review.score == 80);
  REQUIRE(std::holds_alternative<std::string>(records[1]));
  CHECK_THAT(std::get<std::string>(records[1]), Catch::StartsWith("reviews.csv:3: "));
}

TEST_CASE("the Importer adds what is new, leaves what is there and settles conflicts as asked") {
  test::TempDir dir;
  Store store(dir.file("parts.db"), Store::Access::Write);
  auto apply_all = [&](const std::string& jsonl, OnConflict mode) {
    ImportOptions options;
    options.on_conflict = mode;
    ImportCounts counts;
    store.write([&] {
      Importer importer(store, options);
      for (auto& item : read_all(ImportFormat::Jsonl, jsonl, "in.jsonl")) {
        importer.apply(std::get<Record>(item));
      }
      counts = importer.counts();
    });
    return counts;
  };
  const std::string panel = "{\"type\":\"tool\",\"name\":\"A\",\"vendor\":\"V\"}\n"
                            "{\"type\":\"review\",\"tool\":\"a\",\"persona\":\"builder\",\"score\":70,\"verdict\":\"ship\","
                            "\"text\":\"t\",\"reviewed_at\":\"2026-01-02T00:00:00Z\"}\n";
  ImportCounts first = apply_all(panel, OnConflict::Error);
  CHECK(first.tools == 1);
  CHECK(first.reviews == 1);
  ImportCounts again = apply_all(panel, OnConflict::Error);
  CHECK(again.tools == 0);
  CHECK(again.reviews == 0);
  CHECK(again.unchanged == 2);

  const std::string other_vendor = "{\"type\":\"tool\",\"name\":\"A\",\"vendor\":\"W\"}\n";
  CHECK_THROWS_WITH(apply_all(other_vendor, OnConflict::Error),
                    Catch::StartsWith("in.jsonl:1: tool 'A' already exists with a different vendor"));
  CHECK(apply_all(other_vendor, OnConflict::Skip).skipped == 1);
  CHECK(*store.panel().load_tool(store.names().find_by_key(NameTable::Tool, name_key("A")).front().id).vendor == "V");
  CHECK(apply_all(other_vendor, OnConflict::Replace).updated == 1);
  CHECK(*store.panel().load_tool(store.names().find_by_key(NameTable::Tool, name_key("A")).front().id).vendor == "W");
}

TEST_CASE("a record the Importer refuses leaves nothing of itself behind") {
  test::TempDir dir;
  Store store(dir.file("parts.db"), Store::Access::Write);
  Record review = record_from(R"({"type":"review","tool":"Nope","persona":"Builder","score":50,"verdict":"ship","text":"t"})");
  store.write([&] {
    Importer importer(store, ImportOptions{});
    CHECK_THROWS_WITH(importer.apply(review), Catch::StartsWith("one.jsonl:1: no tool named 'Nope'"));
    CHECK(importer.counts().reviews == 0);
  });
  CHECK(store.batch().max_review_id() == 0);
}
