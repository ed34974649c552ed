// A saved decision's page: the record, then and now side by side, whether
// the pick holds, and what changed, as mustache data.
#include <algorithm>

#include <fmt/format.h>

#include "formats/html/html_data.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/model/values.h"

namespace toolcmp::html {

namespace {

Data field(const std::string& label, const std::string& text) {
  Data item;
  put(item, "label", std::move(label));
  put(item, "lines", text_lines(text));
  return item;
}

std::string moment(const Recommendation& recommendation) {
  if (!recommendation.tool) return recommendation.reason;
  return fmt::format("{} ({}) \u2014 {}", *recommendation.tool,
                     recommendation.confidence ? confidence_name(*recommendation.confidence) : "",
                     recommendation.reason);
}

List record_fields(const Decision& decision, const DecisionState& state) {
  List fields;
  fields.push_back(field("Status", decision_status_name(decision.status)));
  fields.push_back(field("Decided", decision.decided_at.substr(0, 10) + (decision.by ? " by " + *decision.by : "")));
  if (decision.review_by) fields.push_back(field("Review by", *decision.review_by + (state.overdue ? " (passed)" : "")));
  fields.push_back(field("Decision", pick_over(decision)));
  if (state.pick.is_override) fields.push_back(field("Override", override_line(state.pick)));
  if (!decision.why.empty()) fields.push_back(field("Why", decision.why));
  if (decision.superseded_by) {
    fields.push_back(field("Superseded by", fmt::format("{}: {}", *decision.superseded_by,
                                                        decision.superseded_by_title.value_or(""))));
  }
  return fields;
}

// The answer first: the pick, and whether it still holds (how sure, if it does).
void put_answer(Data& page, const PickCheck& check) {
  put(page, "pick", check.pick);
  if (!check.holds) {
    put(page, "broken", true);
    put(page, "status", "no longer holds");
    put(page, "pill", "pill-broken");
    return;
  }
  std::string status = check.confidence ? confidence_name(*check.confidence) : "holds";
  put(page, "status", "holds · " + status);
  std::replace(status.begin(), status.end(), ' ', '-');
  put(page, "pill", "pill-" + status);
}

}  // namespace

Data decision_data(const DecisionView& view, const PageLinks& links) {
  const Decision& decision = view.decision;
  const DecisionState& state = view.state;
  std::vector<std::vector<Cell>> table = then_and_now_rows(view, kPlain);
  List header, rows, changes, notes;
  // Each option's name links to its tool's page, when the tool is still there.
  for (std::size_t c = 0; c < table.front().size(); ++c) {
    Data cell;
    put(cell, "text", table.front()[c].text);
    const ToolReport* now = c > 0 && c <= view.moments.size() ? view.moments[c - 1].now : nullptr;
    if (now && links.tool_page) {
      if (auto page = links.tool_page(now->tool)) put(cell, "href", links.root + *page);
    }
    header.push_back(std::move(cell));
  }
  for (std::size_t i = 1; i < table.size(); ++i) {
    if (table[i].empty()) continue;  // the terminal's rule
    List cells;
    for (std::size_t c = 1; c < table[i].size(); ++c) {
      Data cell;
      put(cell, "text", table[i][c].text);
      put(cell, "class", table[i][c].style == Style::Bold ? "moved" : "");
      cells.push_back(std::move(cell));
    }
    Data row;
    put(row, "label", table[i][0].text);
    put(row, "cells", std::move(cells));
    rows.push_back(std::move(row));
  }
  for (const Change& change : state.changes) changes.push_back(Data(describe_change(change)));
  if (state.overdue) notes.push_back(Data(fmt::format("Review-by {} has passed.", *decision.review_by)));
  for (const Review& review : state.stale) {
    notes.push_back(Data(fmt::format("{}'s review of {} ({}) is older than the max age.", review.persona, review.tool,
                                     review.reviewed_at.substr(0, 10))));
  }
  Data page;
  put(page, "heading", fmt::format("Decision {}: {}", decision.id, decision.title));
  put(page, "pick_over", pick_over(decision));
  put(page, "fields", record_fields(decision, state));
  put(page, "header", std::move(header));
  put(page, "rows", std::move(rows));
  put(page, "then", moment(view.then.recommendation));
  put(page, "now", moment(view.now.recommendation));
  put(page, "pick_line", pick_line(state.pick));
  put_answer(page, state.pick);
  put(page, "notes", std::move(notes));
  put(page, "decided", decision.decided_at.substr(0, 10));
  put(page, "changes", std::move(changes));
  return page;
}

}  // namespace toolcmp::html
