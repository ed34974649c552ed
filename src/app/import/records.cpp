#include "app/import/records.h"

#include <variant>

#include <cmath>
#include <limits>
#include <map>

#include <algorithm>

#include <fmt/format.h>

#include <limits>

#include "toolcmp/model/suggest.h"
#include "toolcmp/formats/snapshot.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

std::vector<std::string> tool_fields() {
  std::vector<std::string> fields{"name"};
  for (const ToolTextField& field : kToolTextFields) fields.emplace_back(field.name);
  fields.insert(fields.end(), {"published_ship_pct", "published_votes_ship", "published_votes_skip", "attributes"});
  return fields;
}

const std::map<std::string, std::vector<std::string>>& fields_by_type() {
  static const std::map<std::string, std::vector<std::string>> fields{
      {"persona", {"name", "focus", "weight", "removed"}},
      {"tool", tool_fields()},
      {"review", {"tool", "persona", "score", "verdict", "text", "reviewed_at", "source", "recorded_at", "also_from",
                  "author"}},
      {"vote", {"tool", "verdict", "voter", "cast_at", "author"}},
      {"decision", {"title", "status", "pick", "options", "why", "by", "author", "review_by", "decided_at", "updated_at",
                    "superseded_by", "rule", "snapshot"}},
  };
  return fields;
}

// Reads the fields of one record, and checks that none is unknown.
class Fields {
 public:
  Fields(const FieldList& object, bool text_values) : object_(object), text_values_(text_values) {}

  bool has(const char* key) const {
    const FieldValue* value = object_.find(key);
    return value && value->kind != FieldValue::Kind::Null;
  }
  bool given(const char* key) const { return object_.find(key) != nullptr; }

  std::optional<std::string_view> view(const char* key, std::size_t max_bytes = kMaxFieldBytes) const {
    const FieldValue* value = object_.find(key);
    if (!value || value->kind == FieldValue::Kind::Null) return std::nullopt;
    if (value->kind != FieldValue::Kind::String) {
      throw UsageError(fmt::format("{} must be a string, not {}", key, value->type_name()));
    }
    check_text(value->text, key, max_bytes);
    return value->text;
  }
  std::optional<std::string> text(const char* key, std::size_t max_bytes = kMaxFieldBytes) const {
    auto value = view(key, max_bytes);
    return value ? std::optional<std::string>(*value) : std::nullopt;
  }
  // Into a string the caller keeps, whose buffer is reused: "" when absent.
  bool text_into(const char* key, std::string& into, std::size_t max_bytes = kMaxFieldBytes) const {
    auto value = view(key, max_bytes);
    into.assign(value ? *value : std::string_view());
    return value.has_value();
  }

  std::string name(const char* key, const char* what) const {
    auto value = view(key, std::numeric_limits<std::size_t>::max());  // check_name holds it to the name limit
    if (!value) throw UsageError(fmt::format("{} is missing", key));
    return check_name(*value, what);
  }

  // A number, or with text_values its spelling; returned as text for the
  // value parsers, which give the errors users know from the CLI.
  std::optional<std::string> number(const char* key) const {
    const FieldValue* value = object_.find(key);
    if (!value || value->kind == FieldValue::Kind::Null) return std::nullopt;
    if (value->is_number() || (text_values_ && value->kind == FieldValue::Kind::String)) return value->dump_number();
    throw UsageError(fmt::format("{} must be a number, not {}", key, value->type_name()));
  }

  // An array of strings (with text_values, that array as JSON text).
  std::vector<std::string> texts(const char* key) const {
    std::vector<std::string> result;
    std::optional<Json> value = nested(key);
    if (!value) return result;
    if (!value->is_array()) throw UsageError(fmt::format("{} must be an array of strings", key));
    for (const Json& item : *value) {
      if (!item.is_string()) throw UsageError(fmt::format("{} must be an array of strings", key));
      check_text(item.get_ref<const std::string&>(), key);
      result.push_back(item.get<std::string>());
    }
    if (result.size() > 1000) throw UsageError(fmt::format("{} lists more than 1000 sources", key));
    return result;
  }

  // An object or array field as JSON (with text_values, parsed from its
  // text); none when absent, and a scalar as it is.
  std::optional<Json> nested(const char* key) const {
    const FieldValue* value = object_.find(key);
    if (!value || value->kind == FieldValue::Kind::Null) return std::nullopt;
    bool json_text = text_values_ && value->kind == FieldValue::Kind::String;
    if (value->kind != FieldValue::Kind::Object && value->kind != FieldValue::Kind::Array && !json_text) {
      return value->json();
    }
    Json parsed;
    if (parse_json_bounded(value->text, kMaxJsonDepth, parsed) != JsonStatus::Ok) {
      if (json_text) return Json(std::string(value->text));  // not JSON: the caller says what it wanted
      throw UsageError(fmt::format("{} is not valid JSON", key));
    }
    return parsed;
  }

  std::optional<bool> boolean(const char* key) const {
    const FieldValue* value = object_.find(key);
    if (!value || value->kind == FieldValue::Kind::Null) return std::nullopt;
    if (value->kind == FieldValue::Kind::Boolean) return value->boolean;
    if (text_values_ && value->kind == FieldValue::Kind::String) {
      if (value->text == "true" || value->text == "1") return true;
      if (value->text == "false" || value->text == "0") return false;
    }
    throw UsageError(fmt::format("{} must be true or false, not {}", key, sanitize_for_terminal(value->dump())));
  }

  std::optional<std::string> timestamp(const char* key) const {
    auto value = view(key);
    if (!value) return std::nullopt;
    return parse_timestamp(*value);
  }

  // Unknown fields are errors, not silently dropped data.
  void check_known(const std::string& type) const {
    const std::vector<std::string>& known = fields_by_type().at(type);
    for (const Field& field : object_) {
      std::string_view key = field.key;
      if (key == "type" || std::find(known.begin(), known.end(), key) != known.end()) continue;
      if (text_values_ && type == "tool" && key.rfind("attr.", 0) == 0) continue;
      throw UsageError(fmt::format("{} record has no field '{}'{}", type, sanitize_for_terminal(key),
                                   did_you_mean(suggest(std::string(key), known))));
    }
  }

  std::vector<std::string> given_fields(const std::string& type) const {
    std::vector<std::string> fields;
    for (const std::string& key : fields_by_type().at(type)) {
      if (key != "name" && (text_values_ ? has(key.c_str()) : given(key.c_str()))) fields.push_back(key);
    }
    return fields;
  }

  const FieldList& list() const { return object_; }
  bool text_values() const { return text_values_; }

 private:
  const FieldList& object_;
  bool text_values_;
};

// A timestamp field into a kept string: "" when absent.
void timestamp_into(const Fields& fields, const char* key, std::string& into) {
  auto value = fields.view(key);
  if (value) {
    parse_timestamp_into(*value, into);
  } else {
    into.clear();
  }
}

// A parsed object's fields, as views into it.
void fields_of(const Json& object, FieldList& list) {
  for (const auto& [key, value] : object.items()) list.add(key, field_value(value));
}

void add_attribute(Attributes& attributes, const std::string& key, const Json& value) {
  check_attribute_key(key);
  if (!value.is_string()) throw UsageError(fmt::format("attribute {} must be a string, not {}", key, value.type_name()));
  const std::string& text = value.get_ref<const std::string&>();
  check_text(text, "attribute " + key);
  if (!text.empty()) attributes.emplace_back(key, text);
}

Attributes read_attributes(const Fields& fields) {
  Attributes attributes;
  if (fields.text_values()) {
    for (const Field& field : fields.list()) {
      if (field.key.rfind("attr.", 0) == 0) add_attribute(attributes, std::string(field.key.substr(5)), field.value.json());
    }
  } else if (std::optional<Json> map = fields.nested("attributes")) {
    if (!map->is_object()) throw UsageError(fmt::format("attributes must be an object, not {}", map->type_name()));
    for (const auto& [key, value] : map->items()) add_attribute(attributes, key, value);
  }
  std::sort(attributes.begin(), attributes.end());
  return attributes;
}

// published_votes_ship and _skip: both or neither, each a count.
std::optional<VoteTally> published_votes(const Fields& fields) {
  auto ship = fields.number("published_votes_ship"), skip = fields.number("published_votes_skip");
  if (!ship && !skip) return std::nullopt;
  if (!ship || !skip) throw UsageError("published_votes_ship and published_votes_skip go together: give both");
  auto count = [](const char* key, const std::string& text) {
    std::optional<double> value = try_parse_number(text, 0, 1e9);
    if (!value || *value != std::floor(*value)) {
      throw UsageError(fmt::format("{} '{}' is not a whole number of votes", key, sanitize_for_terminal(text)));
    }
    return static_cast<int>(*value);
  };
  return VoteTally{count("published_votes_ship", *ship), count("published_votes_skip", *skip)};
}

ToolRecord tool_record(const Fields& fields) {
  ToolRecord record;
  Tool& tool = record.tool;
  tool.name = fields.name("name", "tool name");
  for (const ToolTextField& field : kToolTextFields) tool.*field.member = fields.text(field.name);
  if (auto pct = fields.number("published_ship_pct")) {
    std::optional<double> value = try_parse_number(*pct, 0, 100);
    if (!value) {
      throw UsageError(fmt::format("published_ship_pct '{}' is not a number from 0 to 100", sanitize_for_terminal(*pct)));
    }
    tool.published_ship_pct = round_to_tenth(*value);
  }
  tool.published_votes = published_votes(fields);
  tool.attributes = read_attributes(fields);
  record.fields = fields.given_fields("tool");
  bool any_attribute = false;
  for (const Field& field : fields.list()) any_attribute = any_attribute || field.key.rfind("attr.", 0) == 0;
  if (fields.text_values() && any_attribute) record.fields.push_back("attributes");
  return record;
}

PersonaRecord persona_record(const Fields& fields) {
  PersonaRecord record;
  record.persona.name = fields.name("name", "persona name");
  record.persona.focus = fields.text("focus");
  if (auto weight = fields.number("weight")) record.persona.weight = parse_weight(*weight);
  record.persona.removed = fields.boolean("removed").value_or(false);
  record.fields = fields.given_fields("persona");
  return record;
}

// In place: a record read into the same Record as the last one reuses
// its strings' buffers, so that a long import allocates nothing per review.
void read_review(const Fields& fields, ReviewRecord& record) {
  Review& review = record.review;
  review.tool = fields.name("tool", "tool name");
  review.persona = fields.name("persona", "persona name");
  review.score.reset();
  review.verdict.reset();
  if (auto score = fields.number("score")) review.score = parse_score(*score);
  if (auto verdict = fields.view("verdict")) review.verdict = parse_verdict(*verdict);
  fields.text_into("text", review.text, kMaxTextBytes);
  timestamp_into(fields, "reviewed_at", review.reviewed_at);
  std::string source;
  if (fields.text_into("source", source)) {
    review.source = std::move(source);
  } else {
    review.source.reset();
  }
  timestamp_into(fields, "recorded_at", review.recorded_at);
  review.also_from = fields.texts("also_from");
  review.author.reset();
  if (fields.has("author")) review.author = fields.name("author", "author");
  record.source_given = fields.text_values() ? review.source.has_value() : fields.given("source");
  if (!review.score && !review.verdict && review.text.empty()) {
    throw UsageError("review has no score, verdict or text");
  }
}

VoteRecord vote_record(const Fields& fields) {
  VoteRecord record;
  Vote& vote = record.vote;
  vote.tool = fields.name("tool", "tool name");
  auto verdict = fields.text("verdict");
  if (!verdict) throw UsageError("verdict is missing");
  vote.verdict = parse_verdict(*verdict);
  if (fields.has("voter")) vote.voter = fields.name("voter", "voter name");
  vote.cast_at = fields.timestamp("cast_at").value_or("");
  if (fields.has("author")) vote.author = fields.name("author", "author");
  if (!vote.voter && vote.cast_at.empty()) {
    throw UsageError("an anonymous vote needs cast_at (or a voter), so that importing it again does not count it twice");
  }
  return record;
}

// A decision as export writes it: its options as {"name", "tool"}, its
// rule and snapshot as objects, checked here as decision show reads them.
DecisionRecord decision_record(const Fields& fields) {
  DecisionRecord record;
  Decision& decision = record.decision;
  decision.title = fields.name("title", "decision title");
  decision.status = parse_decision_status(fields.text("status").value_or("proposed"));
  std::string pick = fields.name("pick", "tool name");
  const Json options = fields.nested("options").value_or(Json());
  if (!options.is_array() || options.size() < 2 || options.size() > 1000) {
    throw UsageError("options must be an array of 2 to 1000 {\"name\", \"tool\"} objects");
  }
  for (const Json& option : options) {
    if (!option.is_object()) throw UsageError("options must be an array of {\"name\", \"tool\"} objects");
    FieldList list;
    fields_of(option, list);
    Fields one(list, false);
    decision.options.push_back({one.name("name", "tool name"), std::nullopt, std::nullopt});
    record.tools.push_back(one.has("tool") ? std::optional<std::string>(one.name("tool", "tool name")) : std::nullopt);
    if (decision.options.back().name == pick) decision.pick = decision.options.size() - 1;
  }
  if (decision.options[decision.pick].name != pick) throw UsageError("pick is not one of the options");
  decision.why = fields.text("why", kMaxTextBytes).value_or("");
  decision.by = fields.text("by");
  if (fields.has("author")) decision.author = fields.name("author", "author");
  if (auto date = fields.text("review_by")) decision.review_by = parse_date(*date);
  decision.decided_at = fields.timestamp("decided_at").value_or("");
  if (decision.decided_at.empty()) throw UsageError("decided_at is missing");
  decision.updated_at = fields.timestamp("updated_at").value_or(decision.decided_at);
  if (fields.has("superseded_by")) record.superseded_by = fields.name("superseded_by", "decision title");
  std::optional<Json> snapshot = fields.nested("snapshot");
  if (!snapshot || !snapshot->is_object()) throw UsageError("snapshot must be an object");
  decision.snapshot = snapshot->dump();
  if (comparison_from_snapshot(decision.snapshot, "its snapshot").tools.size() != decision.options.size()) {
    throw UsageError("its snapshot does not hold its options");
  }
  decision.evidence = evidence_of(decision.snapshot);
  std::optional<Json> rule = fields.nested("rule");
  decision.rule_json = rule ? rule->dump() : "{}";
  rule_from_json(decision.rule_json, "its rule");
  return record;
}

}  // namespace

const std::vector<std::string>& record_fields(const std::string& type) { return fields_by_type().at(type); }

void read_record(const FieldList& list, const std::string& where, bool text_values, Record& record) {
  try {
    const FieldValue* type_value = list.find("type");
    if (!type_value || type_value->kind != FieldValue::Kind::String) {
      throw UsageError("record has no type (persona, tool, review, vote or decision)");
    }
    std::string_view type = type_value->text;
    if (type == "review") {  // the many: read in place
      if (!std::holds_alternative<ReviewRecord>(record.value)) record.value = ReviewRecord{};
      Fields fields(list, text_values);
      fields.check_known("review");
      read_review(fields, std::get<ReviewRecord>(record.value));
      record.where.assign(where);
      return;
    }
    if (!fields_by_type().count(std::string(type))) {
      throw UsageError(fmt::format("type '{}' is not persona, tool, review, vote or decision{}", sanitize_for_terminal(type),
                                   did_you_mean(suggest(std::string(type), kRecordTypes))));
    }
    Fields fields(list, text_values);
    fields.check_known(std::string(type));
    if (type == "tool") record.value = tool_record(fields);
    if (type == "persona") record.value = persona_record(fields);
    if (type == "vote") record.value = vote_record(fields);
    if (type == "decision") {
      if (text_values) throw UsageError("decision records come in JSON Lines only");
      record.value = decision_record(fields);
    }
    record.where.assign(where);
  } catch (const RecordError&) {
    throw;
  } catch (const Error& e) {
    throw RecordError(fmt::format("{}: {}", where, e.what()));
  }
}

}  // namespace toolcmp
