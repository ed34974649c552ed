// The values each page template is given: the model turned into mustache
// data (html_pages.cpp). Private to the page renderer.
#pragma once

#include <kainjow/mustache.hpp>

#include <string>
#include <vector>

#include "toolcmp/render_html.h"

namespace toolcmp::html {

using Data = kainjow::mustache::data;
using List = kainjow::mustache::list;

// Text as lines for "{{#lines}}{{#br}}<br>{{/br}}{{part}}{{/lines}}".
Data text_lines(const std::string& text);
// The class a verdict gets: "ship", "skip", "split" or "none".
const char* verdict_class(std::optional<Verdict> verdict);
const char* panel_class(const PanelSummary& panel);
// "87/100 · ship · 2026-11-05T00:00:00Z"
std::string review_score_line(const Review& review);
// A review in a scorecard: its line, verdict class and text.
Data review_data(const std::string& line, const Review* review);
// The last of a page's crumbs is the page itself (current).
Data crumb(const std::string& label, const std::string& href = "", bool current = false);

Data compare_data(const Comparison& comparison, const PageLinks& links);
Data tool_data(const ToolReport& report, const std::vector<Persona>& panel, const std::vector<Review>& history);
Data decision_data(const DecisionView& view);
Data index_row_data(const IndexRow& row);
// A page's title, for <title> and the breadcrumb.
std::string compare_heading(const Comparison& comparison);

}  // namespace toolcmp::html
