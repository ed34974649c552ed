#include "toolcmp/formats/snapshot.h"

#include <fmt/format.h>

#include "toolcmp/model/compare.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

Json snapshot_json(const Comparison& comparison, const std::vector<std::vector<std::int64_t>>& vote_ids) {
  Json json = compare_json(comparison);
  for (std::size_t i = 0; i < json["tools"].size(); ++i) {
    const std::vector<Review>& reviews = comparison.tools[i].reviews;
    for (std::size_t j = 0; j < reviews.size(); ++j) json["tools"][i]["reviews"][j]["id"] = reviews[j].id;
    if (i < vote_ids.size()) json["tools"][i]["vote_ids"] = vote_ids[i];
  }
  return json;
}

std::string evidence_of(const std::string& snapshot) {
  Json json = Json::parse(snapshot);
  for (Json& tool : json.at("tools")) {
    Json kept = Json::object();
    for (const char* key : {"name", "panel", "community"}) kept[key] = tool.at(key);
    kept["reviews"] = Json::array();
    for (const Json& review : tool.at("reviews")) {
      Json figures = Json::object();
      for (const char* key : {"id", "persona", "score", "verdict", "reviewed_at"}) figures[key] = review.at(key);
      kept["reviews"].push_back(std::move(figures));
    }
    tool = std::move(kept);
  }
  for (Json& persona : json.at("panel")) persona.erase("focus");
  return json.dump();
}

namespace {

constexpr int kSnapshotDepth = 16;  // a snapshot nests 5 deep; as deep as an import line may

// Every read below throws nlohmann's exceptions on a missing key or a
// wrong type; comparison_from_snapshot turns them into one Error.
struct BadValue : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// The evidence leaves out what only a person reads: a missing key reads as null.
std::optional<std::string> optional_text(const Json& json, const char* key) {
  auto found = json.find(key);
  if (found == json.end()) return std::nullopt;
  const Json& value = *found;
  if (value.is_null()) return std::nullopt;
  return value.get<std::string>();
}

std::optional<double> optional_number(const Json& json, const char* key) {
  const Json& value = json.at(key);
  if (value.is_null()) return std::nullopt;
  return value.get<double>();
}

// A percent or a mean score: 0 to 100, as toolcmp writes them (an
// imported snapshot saying 1e308 would show as "inf%").
std::optional<double> optional_percent(const Json& json, const char* key) {
  std::optional<double> value = optional_number(json, key);
  if (value && !(*value >= 0 && *value <= 100)) throw BadValue(fmt::format("{} {} is out of range (0 to 100)", key, *value));
  return value;
}

template <typename Enum>
Enum named(const std::string& text, Enum first, int count, const char* (*name)(Enum), const char* what) {
  for (int i = 0; i < count; ++i) {
    Enum value = static_cast<Enum>(static_cast<int>(first) + i);
    if (text == name(value)) return value;
  }
  throw BadValue(fmt::format("'{}' is not a {}", sanitize_for_terminal(text), what));
}

Review read_review(const Json& json) {
  Review review;
  review.id = json.at("id").get<std::int64_t>();
  review.persona = json.at("persona").get<std::string>();
  if (auto score = optional_number(json, "score")) {
    if (*score < 0 || *score > 100) throw BadValue(fmt::format("score {} is out of range", *score));
    review.score = static_cast<int>(*score);
  }
  if (auto verdict = optional_text(json, "verdict")) review.verdict = named(*verdict, Verdict::Ship, 2, verdict_name, "verdict");
  if (json.contains("text")) review.text = optional_text(json, "text").value_or("");  // not in the evidence
  review.reviewed_at = json.at("reviewed_at").get<std::string>();
  if (json.contains("source")) review.source = optional_text(json, "source");
  review.recorded_at = optional_text(json, "recorded_at").value_or("");
  review.stale = json.value("stale", false);
  review.age_weight = json.value("age_weight", 1.0);
  if (!(review.age_weight >= 0 && review.age_weight <= 1)) throw BadValue("age_weight is out of range (0 to 1)");
  return review;
}

PanelSummary read_panel(const Json& json) {
  PanelSummary panel;
  if (auto verdict = optional_text(json, "verdict")) {
    panel.verdict = named(*verdict, PanelVerdict::Ship, 3, panel_verdict_name, "panel verdict");
  }
  panel.ship = json.at("ship").get<int>();
  panel.skip = json.at("skip").get<int>();
  panel.ship_pct = optional_percent(json, "ship_pct");
  if (auto basis = optional_text(json, "basis")) panel.basis = *basis == "published" ? ShipBasis::Published : ShipBasis::Reviews;
  panel.mean_score = optional_percent(json, "mean_score");
  if (json.contains("adjusted_mean")) panel.adjusted_mean = optional_percent(json, "adjusted_mean");
  if (json.contains("scored")) panel.scored = json.at("scored").get<int>();
  if (json.contains("score_neff")) panel.score_neff = json.at("score_neff").get<double>();
  if (json.contains("score_age_years")) panel.score_age = json.at("score_age_years").get<double>();
  const Json& interval = json.at("ship_pct_interval");
  if (!interval.is_null()) {
    panel.ship_interval = {interval.at(0).get<double>(), interval.at(1).get<double>()};
    if (!(panel.ship_interval->first >= 0 && panel.ship_interval->first <= panel.ship_interval->second &&
          panel.ship_interval->second <= 100)) {
      throw BadValue("ship_pct_interval is out of range (0 to 100, low to high)");
    }
  }
  return panel;
}

ToolReport read_tool(const Json& json) {
  ToolReport report;
  Tool& tool = report.tool;
  tool.name = json.at("name").get<std::string>();
  for (const ToolTextField& field : kToolTextFields) tool.*field.member = optional_text(json, field.name);
  if (json.contains("published_ship_pct")) tool.published_ship_pct = optional_percent(json, "published_ship_pct");
  if (json.contains("attributes")) {
    for (const auto& [key, value] : json.at("attributes").items()) tool.attributes.emplace_back(key, value.get<std::string>());
  }
  report.panel = read_panel(json.at("panel"));
  const Json& community = json.at("community");
  report.community.votes = community.at("votes").get<int>();
  report.community.ship = community.at("ship").get<int>();
  report.community.skip = community.at("skip").get<int>();
  report.community.ship_pct = optional_percent(community, "ship_pct");
  report.community.published = optional_text(community, "basis").value_or("") == "published";
  for (const Json& review : json.at("reviews")) {
    report.reviews.push_back(read_review(review));
    report.reviews.back().tool = tool.name;
  }
  return report;
}

Method parse_method(const std::string& text) {
  std::optional<Method> method = method_from_name(text);
  if (!method) throw BadValue(fmt::format("'{}' is not a rule", sanitize_for_terminal(text)));
  return *method;
}

// A decision saved before the adjusted mean keeps the rule it was made with.
Method read_method(const Json& json) {
  return json.contains("rule") ? parse_method(json.at("rule").get<std::string>()) : Method::ShipFirst;
}

void read_rule(const Json& json, PickRule& rule) {
  rule.method = read_method(json);
  for (const auto& [persona, weight] : json.at("what_if_weights").items()) {
    rule.weights.push_back({persona, weight.get<double>()});
  }
  if (json.contains("min_verdicts") && !json.at("min_verdicts").is_null()) rule.min_verdicts = json.at("min_verdicts").get<int>();
  rule.as_of = optional_text(json, "as_of");
  rule.written_only = json.contains("as_of_written_only") && json.at("as_of_written_only").get<bool>();
  rule.max_age = optional_text(json, "max_age");
  if (json.contains("half_life")) rule.half_life = optional_text(json, "half_life");
  rule.stale_before = optional_text(json, "stale_before");
}

Comparison read_comparison(const Json& json) {
  Comparison comparison;
  for (const Json& entry : json.at("panel")) {
    Persona persona;
    persona.name = entry.at("name").get<std::string>();
    persona.focus = optional_text(entry, "focus");
    persona.weight = entry.at("weight").get<double>();
    comparison.panel.push_back(std::move(persona));
  }
  for (const Json& tool : json.at("tools")) comparison.tools.push_back(read_tool(tool));
  const Json& pick = json.at("recommendation");
  comparison.recommendation.tool = optional_text(pick, "tool");
  comparison.recommendation.reason = pick.at("reason").get<std::string>();
  if (auto confidence = optional_text(pick, "confidence")) {
    comparison.recommendation.confidence = named(*confidence, Confidence::Clear, 4, confidence_name, "confidence");
  }
  read_rule(json, comparison.rule);
  comparison.rule.panel_size = static_cast<int>(comparison.panel.size());
  if (comparison.tools.size() < 2) throw BadValue("it compares fewer than two tools");
  return comparison;
}

}  // namespace

namespace {

// Runs read; whatever it finds wrong becomes one Error naming what was read.
template <typename Read>
auto read_or_damaged(const std::string& what, Read&& read) {
  auto damaged = [&](const std::exception& e) { return Error(fmt::format("{} is damaged: {}", what, e.what())); };
  try {
    return read();
  } catch (const Json::exception& e) {
    throw damaged(e);
  } catch (const BadValue& e) {
    throw damaged(e);
  } catch (const UsageError& e) {
    throw damaged(e);
  }
}

}  // namespace

Comparison comparison_from_snapshot(const std::string& text, const std::string& what) {
  return read_or_damaged(what, [&] {
    Json json;
    if (!is_valid_utf8(text) || parse_json_bounded(text, kSnapshotDepth, json) != JsonStatus::Ok) {
      throw BadValue("it is not valid JSON");
    }
    return read_comparison(json);
  });
}

std::string rule_to_json(const PickRule& rule) {
  Json json = Json::object();
  json["weights"] = Json::object();
  for (const WeightOverride& weight : rule.weights) json["weights"][weight.persona] = weight.weight;
  json["min_verdicts"] = rule.min_verdicts ? Json(*rule.min_verdicts) : Json(nullptr);
  json["rule"] = method_name(rule.method);
  json["max_age"] = rule.max_age ? Json(*rule.max_age) : Json(nullptr);
  if (rule.half_life) json["half_life"] = *rule.half_life;
  return json.dump();
}

PickRule rule_from_json(const std::string& text, const std::string& what) {
  return read_or_damaged(what, [&] {
    PickRule rule;
    Json json = Json::parse(text);
    if (json.contains("weights")) {
      for (const auto& [persona, weight] : json.at("weights").items()) {
        double value = weight.get<double>();
        if (!(value >= 0 && value <= 100)) throw BadValue(fmt::format("weight {} is out of range", value));
        rule.weights.push_back({persona, value});
      }
    }
    if (json.contains("min_verdicts") && !json.at("min_verdicts").is_null()) rule.min_verdicts = json.at("min_verdicts").get<int>();
    rule.method = read_method(json);
    if (json.contains("max_age") && !json.at("max_age").is_null()) rule.max_age = parse_max_age(json.at("max_age").get<std::string>());
    if (json.contains("half_life")) rule.half_life = parse_max_age(json.at("half_life").get<std::string>());
    return rule;
  });
}

}  // namespace toolcmp
