#include "toolcmp/formats/json.h"
#include "toolcmp/base/text.h"

#include <cmath>

#include <fmt/format.h>

#include "toolcmp/model/compare.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

Json optional_string(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }

Json rounded(const std::optional<double>& value) { return value ? Json(round_to_tenth(*value)) : Json(nullptr); }

}  // namespace

Json versioned_json() {
  Json json = Json::object();
  json["schema_version"] = kJsonSchemaVersion;
  return json;
}

Json review_json(const Review& review) {
  Json json = Json::object();
  json["persona"] = review.persona;
  json["score"] = review.score ? Json(*review.score) : Json(nullptr);
  json["verdict"] = review.verdict ? Json(verdict_name(*review.verdict)) : Json(nullptr);
  json["text"] = review.text.empty() ? Json(nullptr) : Json(review.text);
  json["reviewed_at"] = review.reviewed_at;
  json["source"] = optional_string(review.source);
  json["recorded_at"] = review.recorded_at.empty() ? Json(nullptr) : Json(review.recorded_at);
  json["also_from"] = review.also_from;
  json["author"] = optional_string(review.author);
  return json;
}

namespace {

void add_tool_fields(Json& json, const Tool& tool) {
  json["name"] = tool.name;
  for (const ToolTextField& field : kToolTextFields) json[field.name] = optional_string(tool.*field.member);
  json["published_ship_pct"] = rounded(tool.published_ship_pct);
  json["published_votes_ship"] = tool.published_votes ? Json(tool.published_votes->ship) : Json(nullptr);
  json["published_votes_skip"] = tool.published_votes ? Json(tool.published_votes->skip) : Json(nullptr);
  json["attributes"] = Json::object();
  for (const auto& [key, value] : tool.attributes) json["attributes"][key] = value;
}

}  // namespace

Json tool_json(const ToolReport& report) {
  Json json = Json::object();
  add_tool_fields(json, report.tool);

  const PanelSummary& panel = report.panel;
  json["panel"] = Json::object();
  json["panel"]["verdict"] = panel.verdict ? Json(panel_verdict_name(*panel.verdict)) : Json(nullptr);
  json["panel"]["ship"] = panel.ship;
  json["panel"]["skip"] = panel.skip;
  json["panel"]["ship_pct"] = rounded(panel.ship_pct);
  json["panel"]["basis"] = !panel.basis                           ? Json(nullptr)
                           : *panel.basis == ShipBasis::Published ? Json("published")
                                                                   : Json("reviews");
  json["panel"]["mean_score"] = rounded(panel.mean_score);
  json["panel"]["adjusted_mean"] = rounded(panel.adjusted_mean);
  json["panel"]["scored"] = panel.scored;
  json["panel"]["score_neff"] = std::round(panel.score_neff * 100) / 100;
  json["panel"]["score_age_years"] = std::round(panel.score_age * 100) / 100;
  json["panel"]["ship_pct_interval"] =
      panel.ship_interval ? Json::array({round_to_tenth(panel.ship_interval->first), round_to_tenth(panel.ship_interval->second)})
                          : Json(nullptr);

  const CommunitySummary& community = report.community;
  json["community"] = Json::object();
  json["community"]["votes"] = community.votes;
  json["community"]["ship"] = community.ship;
  json["community"]["skip"] = community.skip;
  json["community"]["ship_pct"] = rounded(community.ship_pct);
  json["community"]["basis"] = community.votes == 0 ? Json(nullptr) : Json(community.published ? "published" : "votes");

  json["reviews"] = Json::array();
  for (const Review& review : report.reviews) {
    json["reviews"].push_back(review_json(review));
    json["reviews"].back()["stale"] = review.stale;
    json["reviews"].back()["age_weight"] = std::round(review.age_weight * 1000) / 1000;
  }
  return json;
}

Json persona_json(const Persona& persona) {
  Json json = Json::object();
  json["name"] = persona.name;
  json["focus"] = optional_string(persona.focus);
  json["weight"] = persona.weight;
  json["removed"] = persona.removed;
  return json;
}

namespace {

Json new_pick(const std::string& tool) { return tool.empty() ? Json(nullptr) : Json(tool); }

// compare --explain --json: the smallest weight change and a verdict that turn the pick, or nulls.
Json sensitivity_json(const Sensitivity& sensitivity) {
  Json json = Json::object();
  json["weight"] = nullptr;
  if (const auto& turn = sensitivity.weight) {
    json["weight"] = Json{{"persona", turn->persona}, {"reaches", turn->weight}, {"new_pick", new_pick(turn->new_pick)}};
  }
  json["verdict"] = nullptr;
  if (const auto& turn = sensitivity.verdict) {
    json["verdict"] = Json{{"tool", turn->tool},
                           {"persona", turn->persona},
                           {"turns", verdict_name(turn->turns_to)},
                           {"new_pick", new_pick(turn->new_pick)}};
  }
  return json;
}

// What the figures were made by, besides the stored panel: --weight,
// --as-of and --max-age.
void add_rule_fields(Json& json, const PickRule& rule) {
  json["rule"] = method_name(rule.method);
  if (rule.method == Method::AdjustedMean) {
    Json& habits = json["habits"] = Json::object();
    habits["tools"] = rule.habits.tools;
    habits["noise"] = round_to_tenth(rule.habits.noise);
    habits["personas"] = Json::array();
    for (const PersonaHabit& habit : rule.habits.personas) {
      habits["personas"].push_back(
          {{"persona", habit.persona}, {"scored", habit.scored}, {"offset", round_to_tenth(habit.offset)}});
    }
  }
  json["what_if_weights"] = Json::object();
  for (const WeightOverride& weight : rule.weights) json["what_if_weights"][weight.persona] = weight.weight;
  json["min_verdicts"] = rule.min_verdicts ? Json(*rule.min_verdicts) : Json(nullptr);
  json["as_of"] = optional_string(rule.as_of);
  json["as_of_written_only"] = rule.written_only;
  json["max_age"] = optional_string(rule.max_age);
  json["half_life"] = optional_string(rule.half_life);
  json["stale_before"] = optional_string(rule.stale_before);
}

}  // namespace

Json compare_json(const Comparison& comparison) {
  Json json = versioned_json();
  json["tools"] = Json::array();
  for (const ToolReport& report : comparison.tools) {
    json["tools"].push_back(tool_json(report));
    if (!comparison.sensitivity) continue;  // --explain: and the reviews no figure uses, with why
    json["tools"].back()["left_out_total"] = report.left_out_total;  // left_out lists the latest 100
    Json& left_out = json["tools"].back()["left_out"] = Json::array();
    for (const LeftOutReview& left : report.left_out) {
      left_out.push_back(review_json(left.review));
      left_out.back()["reason"] = left.reason == LeftOutReason::Superseded ? "superseded" : "persona removed";
    }
  }
  json["recommendation"] = Json::object();
  json["recommendation"]["tool"] = optional_string(comparison.recommendation.tool);
  json["recommendation"]["reason"] = comparison.recommendation.reason;
  const std::optional<Confidence>& confidence = comparison.recommendation.confidence;
  json["recommendation"]["confidence"] = confidence ? Json(confidence_name(*confidence)) : Json(nullptr);
  const std::optional<double>& lead = comparison.recommendation.lead_se;
  json["recommendation"]["lead_se"] = lead ? Json(std::round(*lead * 100) / 100) : Json(nullptr);
  add_rule_fields(json, comparison.rule);
  json["panel"] = Json::array();  // the weights in force
  for (const Persona& persona : comparison.panel) json["panel"].push_back(persona_json(persona));
  if (comparison.sensitivity) json["sensitivity"] = sensitivity_json(*comparison.sensitivity);
  return json;
}

Json show_json(const ToolReport& report) {
  Json json = versioned_json();
  json["tool"] = tool_json(report);
  return json;
}

Json history_json(const std::string& tool, const std::vector<Review>& reviews) {
  Json json = versioned_json();
  json["tool"] = tool;
  json["reviews"] = Json::array();
  for (const Review& review : reviews) {
    Json entry = Json::object();
    entry["id"] = review.id;  // what review edit and review rm take
    entry.update(review_json(review));
    json["reviews"].push_back(std::move(entry));
  }
  return json;
}

Json votes_json(const std::string& tool, const std::vector<Vote>& votes) {
  Json json = versioned_json();
  json["tool"] = tool;
  json["votes"] = Json::array();
  for (const Vote& v : votes) json["votes"].push_back({{"verdict", verdict_name(v.verdict)}, {"voter", optional_string(v.voter)}, {"cast_at", v.cast_at}, {"author", optional_string(v.author)}});
  return json;
}

Json log_json(const std::vector<AuditEntry>& entries) {
  Json json = versioned_json();
  json["changes"] = Json::array();
  auto row = [](const std::optional<std::string>& text) {
    Json value;
    if (!text || parse_json_bounded(*text, 16, value) != JsonStatus::Ok) return text ? Json(*text) : Json(nullptr);
    return value;
  };
  for (const AuditEntry& entry : entries) {
    json["changes"].push_back({{"id", entry.id},
                               {"at", entry.at},
                               {"author", entry.author},
                               {"login", entry.login},
                               {"command", entry.command},
                               {"subject", entry.subject},
                               {"forced", entry.forced},
                               {"before", row(entry.before)},
                               {"after", row(entry.after)}});
  }
  return json;
}

Json personas_json(const std::vector<Persona>& personas) {
  Json json = versioned_json();
  json["personas"] = Json::array();
  for (const Persona& persona : personas) json["personas"].push_back(persona_json(persona));
  return json;
}

Json info_json(const DatabaseInfo& info) {
  Json json = versioned_json();
  json["db"] = info.path;
  json["backend"] = info.backend;
  json["schema"] = info.schema;
  json["tools"] = info.tools;
  json["personas"] = info.personas;
  json["reviews"] = info.reviews;
  json["votes"] = info.votes;
  json["decisions"] = info.decisions;
  return json;
}

Json persona_record_json(const Persona& persona) {
  Json json = Json::object();
  json["type"] = "persona";
  json.update(persona_json(persona));
  return json;
}

Json tool_record_json(const Tool& tool) {
  Json json = Json::object();
  json["type"] = "tool";
  add_tool_fields(json, tool);
  return json;
}

Json review_record_json(const Review& review) {
  Json json = Json::object();
  json["type"] = "review";
  json["tool"] = review.tool;
  json.update(review_json(review));
  return json;
}

Json vote_record_json(const Vote& vote) {
  Json json = Json::object();
  json["type"] = "vote";
  json["tool"] = vote.tool;
  json["verdict"] = verdict_name(vote.verdict);
  json["voter"] = optional_string(vote.voter);
  json["cast_at"] = vote.cast_at;
  json["author"] = optional_string(vote.author);
  return json;
}


namespace {

// JSON escapes control characters but passes DEL, C1 controls and bidi
// overrides raw, and those reorder or hide text on a terminal that shows
// the output. Written as \uXXXX they mean the same to any JSON reader.
// They only occur inside strings: JSON's own syntax is ASCII.
std::string escape_invisible(std::string text) {
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size(); ++i) {
    auto byte = [&](std::size_t k) { return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0; };
    // The text is valid UTF-8 (dump replaced what was not): two- and
    // three-byte sequences are decoded to ask about their code point.
    char32_t code = byte(0) < 0x80 ? byte(0) : 0xFFFD;  // a lead byte of four, kept as it is
    std::size_t length = 1;
    if (byte(0) >= 0xC2 && byte(0) <= 0xDF) {
      code = ((byte(0) & 0x1Fu) << 6) | (byte(1) & 0x3Fu), length = 2;
    } else if (byte(0) >= 0xE0 && byte(0) <= 0xEF) {
      code = ((byte(0) & 0x0Fu) << 12) | ((byte(1) & 0x3Fu) << 6) | (byte(2) & 0x3Fu), length = 3;
    }
    // DEL and C1 controls, which JSON leaves raw too, and the same bidi
    // controls the terminal sanitizer shows as <U+...>.
    bool hidden = code == 0x7F || (code >= 0x80 && code < 0xA0) || is_bidi_control(code);
    if (!hidden) {
      out.append(text, i, length);
      i += length - 1;
      continue;
    }
    out += fmt::format("\\u{:04x}", static_cast<unsigned>(code));
    i += length - 1;
  }
  return out;
}

}  // namespace

std::string dump_json_line(const Json& json) {
  return escape_invisible(json.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

std::string dump_json(const Json& json) {
  return escape_invisible(json.dump(2, ' ', false, nlohmann::json::error_handler_t::replace)) + "\n";
}

ToolListJson::ToolListJson(std::ostream& out, const PickRule* rule) : out_(out) {
  Json shell = versioned_json();
  if (rule) add_rule_fields(shell, *rule);
  shell["tools"] = Json::array();
  std::string text = dump_json(shell);  // ... "tools": []\n}\n
  std::size_t open = text.rfind("[]");
  out_ << text.substr(0, open + 1);
  tail_ = text.substr(open + 1);
}

void ToolListJson::add(const ToolReport& report, const RankPlace* place) {
  Json tool = tool_json(report);
  if (place) {
    tool["place"] = place->label;
    tool["confidence"] = place->confidence ? Json(confidence_name(*place->confidence)) : Json(nullptr);
    tool["rank_upper"] = place->rank_upper;
    tool["rank_lower"] = place->rank_lower;
    tool["interval"] = place->interval ? Json::array({round_to_tenth(place->interval->first),
                                                       round_to_tenth(place->interval->second)})
                                       : Json(nullptr);
  }
  // Nested two levels down: each line of the element indented by four.
  std::string element = dump_json(tool);
  out_ << (empty_ ? "\n" : ",\n");
  std::size_t start = 0;
  while (start < element.size()) {
    std::size_t end = element.find('\n', start);
    out_ << "    " << std::string_view(element).substr(start, end - start) << (end + 1 < element.size() ? "\n" : "");
    start = end + 1;
  }
  empty_ = false;
}

void ToolListJson::finish() { out_ << (empty_ ? "" : "\n  ") << tail_; }

namespace {

// nlohmann's DOM builder, refusing to open a container past the limit.
class BoundedSax : public nlohmann::detail::json_sax_dom_parser<Json> {
 public:
  BoundedSax(Json& out, int max_depth) : json_sax_dom_parser(out, false), max_depth_(max_depth) {}
  bool start_object(std::size_t size) { return open() && json_sax_dom_parser::start_object(size); }
  bool start_array(std::size_t size) { return open() && json_sax_dom_parser::start_array(size); }
  bool end_object() { return --depth_, json_sax_dom_parser::end_object(); }
  bool end_array() { return --depth_, json_sax_dom_parser::end_array(); }
  template <class Exception>
  bool parse_error(std::size_t position, const std::string& token, const Exception& error) {
    out_of_range_ = error.id == 406;  // a number beyond a double
    return json_sax_dom_parser::parse_error(position, token, error);
  }
  bool too_deep() const { return too_deep_; }
  bool out_of_range() const { return out_of_range_; }

 private:
  bool open() {
    if (++depth_ <= max_depth_) return true;
    too_deep_ = true;
    return false;
  }
  int max_depth_, depth_ = 0;
  bool too_deep_ = false, out_of_range_ = false;
};

}  // namespace

JsonStatus parse_json_bounded(std::string_view text, int max_depth, Json& out) {
  BoundedSax sax(out, max_depth);
  bool ok = Json::sax_parse(text.begin(), text.end(), &sax);
  if (sax.too_deep()) return JsonStatus::TooDeep;
  if (sax.out_of_range()) return JsonStatus::OutOfRange;
  return ok ? JsonStatus::Ok : JsonStatus::Invalid;
}

}  // namespace toolcmp
