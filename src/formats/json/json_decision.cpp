// Decisions as JSON: for scripts (list, show, changes) and as import and
// export records.
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

Json optional_string(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }
Json text_or_null(const std::string& value) { return value.empty() ? Json(nullptr) : Json(value); }

const char* change_kind_name(ChangeKind kind) {
  constexpr const char* kNames[] = {"verdict_flip",   "score_move",     "review_added",       "review_replaced",
                                    "review_gone",    "votes",          "persona_added",      "persona_removed",
                                    "persona_reweighted", "tool_added", "tool_renamed",       "tool_removed"};
  return kNames[static_cast<int>(kind)];
}

Json parsed_or_text(const std::string& text) {
  Json json = Json::parse(text, nullptr, false);
  return json.is_discarded() ? Json(text) : json;
}

}  // namespace

Json decision_json(const Decision& decision) {
  Json json = Json::object();
  json["id"] = decision.id;
  json["title"] = decision.title;
  json["status"] = decision_status_name(decision.status);
  const DecisionOption& pick = decision.picked();
  json["pick"] = pick.name_now.value_or(pick.name);
  json["over"] = Json::array();
  json["options"] = Json::array();
  for (std::size_t i = 0; i < decision.options.size(); ++i) {
    const DecisionOption& option = decision.options[i];
    if (i != decision.pick) json["over"].push_back(option.name_now.value_or(option.name));
    json["options"].push_back({{"name", option.name}, {"name_now", optional_string(option.name_now)}});
  }
  json["why"] = text_or_null(decision.why);
  json["by"] = optional_string(decision.by);
  json["author"] = optional_string(decision.author);
  json["review_by"] = optional_string(decision.review_by);
  json["decided_at"] = decision.decided_at;
  json["updated_at"] = decision.updated_at;
  json["superseded_by"] = decision.superseded_by ? Json{{"id", *decision.superseded_by},
                                                        {"title", optional_string(decision.superseded_by_title)}}
                                                 : Json(nullptr);
  json["rule"] = parsed_or_text(decision.rule_json);
  return json;
}

Json decision_list_json(const std::vector<Decision>& decisions) {
  Json json = Json::object();
  json["schema_version"] = kJsonSchemaVersion;
  json["decisions"] = Json::array();
  for (const Decision& decision : decisions) json["decisions"].push_back(decision_json(decision));
  return json;
}

Json change_json(const Change& change) {
  return {{"kind", change_kind_name(change.kind)}, {"tool", text_or_null(change.tool)},
          {"persona", text_or_null(change.persona)}, {"before", text_or_null(change.before)},
          {"after", text_or_null(change.after)},   {"at", text_or_null(change.at)},
          {"text", describe_change(change, "->")}};
}

Json changes_json(const std::string& since, const std::vector<Change>& changes) {
  Json json = Json::object();
  json["schema_version"] = kJsonSchemaVersion;
  json["since"] = since;
  json["changes"] = Json::array();
  for (const Change& change : changes) json["changes"].push_back(change_json(change));
  return json;
}

Json decision_show_json(const DecisionView& view) {
  const DecisionState& state = view.state;
  Json json = Json::object();
  json["schema_version"] = kJsonSchemaVersion;
  json["decision"] = decision_json(view.decision);
  json["then"] = parsed_or_text(view.decision.snapshot);
  json["now"] = compare_json(view.now);
  json["changes"] = Json::array();
  for (const Change& change : state.changes) json["changes"].push_back(change_json(change));
  json["pick"] = {{"holds", state.pick.holds},
                  {"pick", state.pick.pick},
                  {"now", optional_string(state.pick.now_pick)},
                  {"override", state.pick.is_override},
                  {"recommended_then", optional_string(state.pick.then_pick)},
                  {"confidence", state.pick.confidence ? Json(confidence_name(*state.pick.confidence)) : Json(nullptr)},
                  {"because", state.pick.because ? change_json(*state.pick.because) : Json(nullptr)},
                  {"text", pick_line(state.pick, "->")}};
  json["overdue"] = state.overdue;
  json["stale_reviews"] = Json::array();
  for (const Review& review : state.stale) json["stale_reviews"].push_back(review.id);
  return json;
}

Json decision_record_json(const Decision& decision) {
  Json json = Json::object();
  json["type"] = "decision";
  json["title"] = decision.title;
  json["status"] = decision_status_name(decision.status);
  json["pick"] = decision.picked().name;
  json["options"] = Json::array();  // the name then, and the tool it is linked to now
  for (const DecisionOption& option : decision.options) {
    json["options"].push_back({{"name", option.name}, {"tool", optional_string(option.name_now)}});
  }
  json["why"] = text_or_null(decision.why);
  json["by"] = optional_string(decision.by);
  json["author"] = optional_string(decision.author);
  json["review_by"] = optional_string(decision.review_by);
  json["decided_at"] = decision.decided_at;
  json["updated_at"] = decision.updated_at;
  json["superseded_by"] = optional_string(decision.superseded_by_title);
  json["rule"] = parsed_or_text(decision.rule_json);
  json["snapshot"] = parsed_or_text(decision.snapshot);
  return json;
}

// A decision's checks: what names it, the pick then and now, and each gate.
Json check_result_json(const DecisionView& view, const std::vector<GateResult>& results) {
  const Decision& decision = view.decision;
  const PickCheck& pick = view.state.pick;
  Json json = Json::object();
  json["id"] = decision.id;
  json["title"] = decision.title;
  json["status"] = decision_status_name(decision.status);
  json["pick"] = pick.pick;
  json["now"] = pick.now_pick ? Json(*pick.now_pick) : Json(nullptr);
  json["confidence"] = pick.confidence ? Json(confidence_name(*pick.confidence)) : Json(nullptr);
  json["holds"] = pick.holds;
  json["override"] = pick.is_override;
  json["recommended_then"] = pick.then_pick ? Json(*pick.then_pick) : Json(nullptr);
  json["gates"] = Json::array();
  for (const GateResult& result : results) {
    json["gates"].push_back({{"gate", gate_name(result.gate)}, {"failed", result.failed}, {"detail", result.detail}});
  }
  return json;
}

Json check_json(bool ok, const std::vector<Gate>& gates, Json decisions, std::int64_t proposed_not_checked) {
  Json json = Json::object();
  json["schema_version"] = kJsonSchemaVersion;
  json["ok"] = ok;
  json["fail_on"] = Json::array();
  for (Gate gate : gates) json["fail_on"].push_back(gate_name(gate));
  json["decisions"] = std::move(decisions);
  json["proposed_not_checked"] = proposed_not_checked;
  return json;
}

}  // namespace toolcmp
