// The values each page template is given: the model turned into mustache
// data (html_pages.cpp). Private to the page renderer.
#pragma once

#include <kainjow/mustache.hpp>

#include <string>
#include <vector>

#include "toolcmp/formats/render_html.h"
#include "toolcmp/base/terminal.h"

namespace toolcmp::html {

using Data = kainjow::mustache::data;

// A list built in place. kainjow copies a list whole when it becomes data,
// and a page's data is lists of lists: moved instead, a page's data is
// copied once, not once per level (publish makes 100,000 pages).
class List {
 public:
  List() : data_(Data::type::list) {}
  void push_back(const Data& item) { data_.push_back(item); }
  // kainjow's lists copy what they are given, deeply (a chart's every
  // point, a page's every review): an empty item goes in, and the item is
  // moved into its place. The list's elements are not const; only the
  // accessor is.
  void push_back(Data&& item) {
    data_.push_back(Data(false));
    const_cast<Data&>(data_.list_value().back()) = std::move(item);
  }
  bool empty() const { return data_.is_empty_list(); }
  Data take() { return std::move(data_); }

 private:
  Data data_;
};

// object[key] = value, moved in (Data::set copies).
inline void put(Data& object, const std::string& key, Data&& value) { object[key] = std::move(value); }
inline void put(Data& object, const std::string& key, List&& value) { object[key] = value.take(); }

// Unicode, no color, no wrapping: the texts the terminal shows, for a page.
inline const OutputOptions kPlain{false, true, kUnlimitedWidth, false};

// A chart's label in at most 20 characters (code points, never a cut one), "…" when cut.
std::string chart_label(const std::string& label);

// Text as lines for "{{#lines}}{{#br}}<br>{{/br}}{{part}}{{/lines}}".
Data text_lines(const std::string& text);
// The class a verdict gets: "ship", "skip", "split" or "none".
const char* verdict_class(std::optional<Verdict> verdict);
const char* panel_class(const PanelSummary& panel);
// "87/100 · ship · 2026-11-05T00:00:00Z"
std::string review_score_line(const Review& review);
// A review in a scorecard: its line, verdict class and text.
Data review_data(const std::string& line, const Review* review, const std::string& now);
// The last of a page's crumbs is the page itself (current).
Data crumb(const std::string& label, const std::string& href = "", bool current = false);

Data compare_data(const Comparison& comparison, const PageLinks& links);
// now: what review ages are counted from ("3mo ago"); empty: dates only.
Data tool_data(const ToolReport& report, const std::vector<Persona>& panel, const std::vector<Review>& history,
               const std::string& now);
Data decision_data(const DecisionView& view, const PageLinks& links);
Data index_row_data(const IndexRow& row, Method method);
// A category's table on the index, its rows at kRowsMark.
Data index_group_data(const IndexLink& category, Method method);
// Stands for the index's rows while the page or table around them is rendered.
inline const std::string kRowsMark = "\x01rows\x01";
// A page's title, for <title> and the breadcrumb.
std::string compare_heading(const Comparison& comparison);
// "Pick: Mistral 3B (narrow) — adjusted mean 81.5 vs 74.5": the page's
// meta and og: description, the terminal's first line.
std::string pick_summary(const Comparison& comparison);

}  // namespace toolcmp::html
