// The page renderer: templates parsed once, every value escaped, each page
// its content template inside the layout.
#include "toolcmp/formats/render_html.h"

#include <fmt/format.h>

#include <cctype>

#include "formats/html/html_data.h"
#include "toolcmp/base/error.h"
#include "toolcmp/model/drift.h"
#include "toolcmp/model/values.h"
#include "toolcmp/base/text.h"

#ifndef TOOLCMP_VERSION
#define TOOLCMP_VERSION "0"
#endif

namespace toolcmp {

extern const char* const kTemplateStyle;
extern const char* const kTemplateLayout;
extern const char* const kTemplateCompare;
extern const char* const kTemplateBars;
extern const char* const kTemplateHistory;
extern const char* const kTemplateTool;
extern const char* const kTemplateDecision;
extern const char* const kTemplateIndex;
extern const char* const kTemplateIndexGroup;
extern const char* const kTemplateIndexRow;

namespace {

namespace mus = kainjow::mustache;
using html::Data;
using html::List;
using html::put;

// Stored text made inert first (controls and bidi overrides become visible
// text, as on a terminal), then HTML-escaped.
std::string escape(const std::string& text) { return mus::html_escape(sanitize_for_terminal(text)); }


}  // namespace

TemplateSet builtin_templates() {
  return {{"style.css", kTemplateStyle},           {"layout.mustache", kTemplateLayout},
          {"compare.mustache", kTemplateCompare},   {"bars.mustache", kTemplateBars},
          {"history.mustache", kTemplateHistory},   {"tool.mustache", kTemplateTool},
          {"decision.mustache", kTemplateDecision}, {"index.mustache", kTemplateIndex},
          {"index_group.mustache", kTemplateIndexGroup}, {"index_row.mustache", kTemplateIndexRow}};
}

std::optional<std::string> safe_link(const std::optional<std::string>& url) {
  if (!url) return std::nullopt;
  std::string lower;
  for (char c : url->substr(0, 8)) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower.rfind("http://", 0) != 0 && lower.rfind("https://", 0) != 0) return std::nullopt;
  for (unsigned char c : *url) {
    if (c <= 0x20 || c == 0x7f) return std::nullopt;
  }
  if (has_hidden_or_control(*url)) return std::nullopt;
  return url;
}

struct PageRenderer::Impl {
  TemplateSet texts;
  mutable std::map<std::string, mus::mustache> parsed;

  mus::mustache& get(const std::string& name) const { return parsed.at(name); }

  // What a page may be (the size import reads back, kMaxPageBytes): a
  // template that multiplies its data (sections nested six deep) stops
  // there instead of filling memory.
  //
  // kainjow hands the page over a line at a time, and a line can repeat
  // inside nested sections, so every value it escapes is counted as well:
  // that stops the growth inside one line.
  std::string render(const std::string& name, const Data& data) const {
    mus::mustache& tmpl = get(name);
    std::string out;
    std::size_t escaped = 0;
    auto too_large = [&] {
      return Error(fmt::format("template {} makes a page larger than {} MiB, the limit of a page", name,
                               kMaxPageBytes >> 20));
    };
    tmpl.set_custom_escape([&](const std::string& text) {
      std::string safe = escape(text);
      escaped += safe.size();
      if (escaped > kMaxPageBytes) throw too_large();
      return safe;
    });
    tmpl.render(data, [&](const std::string& part) {
      if (out.size() + part.size() > kMaxPageBytes) throw too_large();
      out += part;
    });
    if (!tmpl.is_valid()) throw Error(fmt::format("template {}: {}", name, tmpl.error_message()));
    return out;
  }

  // The layout around a content template's output.
  // description: the page's answer in one sentence, for link previews.
  std::string page(const std::string& content_name, const Data& content, const std::string& title, List crumbs,
                   const PageLinks& links, const std::string& description = "") const {
    Data layout;
    put(layout, "lang", "en");
    put(layout, "title", std::move(title));
    if (!description.empty()) put(layout, "description", description);
    put(layout, "version", TOOLCMP_VERSION);
    put(layout, "crumbs", std::move(crumbs));
    put(layout, "inline_style", !links.site);
    if (!links.site) put(layout, "style", texts.at("style.css"));
    put(layout, "root", links.root);
    put(layout, "content", render(content_name, content));
    return render("layout.mustache", layout);
  }
};

namespace {

// A template's {{> name}} of one of ours becomes {{{name}}}: that part is
// rendered (and escaped) by its own template, parsed once, not again for
// every page.
std::string with_parts_inlined(std::string text) {
  for (const char* part : {"content", "style", "bars", "answer_bars", "history"}) {
    std::string from = std::string("{{> ") + part + "}}", to = std::string("{{{") + part + "}}}";
    for (std::size_t at; (at = text.find(from)) != std::string::npos;) text.replace(at, from.size(), to);
  }
  return text;
}

}  // namespace

namespace {

List link_list(const std::vector<IndexLink>& from, const std::string& root = "") {
  List list;
  for (const IndexLink& link : from) {
    Data item;
    put(item, "text", link.text);
    put(item, "href", link.href.rfind('#', 0) == 0 ? link.href : root + link.href);
    put(item, "note", link.note);
    if (link.alert) put(item, "alert", true);
    list.push_back(std::move(item));
  }
  return list;
}

// A rendered template cut at its {{{rows}}}: what goes before the rows and after.
std::pair<std::string, std::string> split_at_rows(std::string text, const std::string& name) {
  std::size_t mark = text.find(html::kRowsMark);
  if (mark == std::string::npos) throw Error(fmt::format("template {}: it has no {{{{{{rows}}}}}}", name));
  return {text.substr(0, mark), text.substr(mark + html::kRowsMark.size())};
}

}  // namespace

PageRenderer::PageRenderer(const TemplateSet& templates) : impl_(std::make_unique<Impl>()) {
  impl_->texts = builtin_templates();
  for (const auto& [name, text] : templates) impl_->texts[name] = text;
  for (const auto& [name, text] : impl_->texts) {
    if (name.size() < 9 || name.compare(name.size() - 9, 9, ".mustache") != 0) continue;
    if (name == "layout.mustache" && text.find("{{> content}}") == std::string::npos) {
      throw Error("template layout.mustache: it has no {{> content}} for the page");
    }
    std::string source = with_parts_inlined(text);
    auto [it, added] = impl_->parsed.emplace(name, mus::mustache(source));
    if (!it->second.is_valid()) throw Error(fmt::format("template {}: {}", name, it->second.error_message()));
    it->second.set_custom_escape(escape);
  }
}

PageRenderer::~PageRenderer() = default;

std::string PageRenderer::stylesheet() const { return impl_->texts.at("style.css"); }

std::string PageRenderer::compare_page(const Comparison& comparison, const PageLinks& links) const {
  List crumbs;
  crumbs.push_back(html::crumb("toolcmp", links.site ? links.root + "index.html" : ""));
  crumbs.push_back(html::crumb("Comparisons", links.site ? links.root + "index.html#comparisons" : ""));
  std::string heading = html::compare_heading(comparison);
  crumbs.push_back(html::crumb(heading, "", true));
  Data data = html::compare_data(comparison, links);
  put(data, "bars", impl_->render("bars.mustache", data));
  put(data, "answer_bars", impl_->render("bars.mustache", *data.get("answer_charts")));
  return impl_->page("compare.mustache", data, heading, crumbs, links, html::pick_summary(comparison));
}

std::string PageRenderer::tool_page(const ToolReport& report, const std::vector<Persona>& panel,
                                    const std::vector<Review>& history, const PageLinks& links,
                                    const std::vector<IndexLink>& related) const {
  List crumbs;
  crumbs.push_back(html::crumb("toolcmp", links.root + "index.html"));
  crumbs.push_back(html::crumb("Tools", links.root + "index.html#ranking"));
  crumbs.push_back(html::crumb(report.tool.name, "", true));
  Data data = html::tool_data(report, panel, history, links.now);
  put(data, "has_related", !related.empty());
  put(data, "related", link_list(related, links.root));
  put(data, "history", impl_->render("history.mustache", data));
  return impl_->page("tool.mustache", data, report.tool.name, crumbs, links);
}

std::string PageRenderer::decision_page(const DecisionView& view, const PageLinks& links) const {
  List crumbs;
  crumbs.push_back(html::crumb("toolcmp", links.root + "index.html"));
  crumbs.push_back(html::crumb("Decisions", links.root + "index.html#decisions"));
  crumbs.push_back(html::crumb(view.decision.title, "", true));
  return impl_->page("decision.mustache", html::decision_data(view, links), view.decision.title, crumbs, links,
                     pick_line(view.state.pick));
}


void PageRenderer::index_page(const std::function<bool(IndexRow&)>& next, const IndexLists& lists,
                              std::ostream& out, Method method) const {
  IndexRow row;
  bool first = next(row);
  Data content;
  put(content, "heading", "The panel's ranking");
  put(content, "question",
      method == Method::ShipFirst
          ? "Every tool, best first, as compare decides by ship % first: panel ship %, then mean score, then "
            "community ship %."
          : "Every tool, best first, as compare decides: by the mean score with each persona's habitual strictness "
            "taken out, then panel ship %, then community ship %.");
  put(content, "has_decisions", !lists.decisions.empty());
  put(content, "decisions", link_list(lists.decisions));
  put(content, "has_comparisons", !lists.comparisons.empty());
  put(content, "comparisons", link_list(lists.comparisons));
  put(content, "has_groups", lists.categories.size() > 1);
  put(content, "categories", link_list(lists.categories));
  put(content, "has_rows", std::move(first));
  put(content, "rows", html::kRowsMark);
  List crumbs;
  crumbs.push_back(html::crumb("toolcmp", "", true));
  PageLinks site;
  site.site = true;
  auto [head, tail] = split_at_rows(
      impl_->page("index.mustache", content, "toolcmp: the panel's ranking", crumbs, site), "index.mustache");
  out << head;
  std::string group_tail;
  std::optional<std::size_t> group;
  for (bool more = first; more; more = next(row)) {
    if (row.group != group) {
      if (row.group >= lists.categories.size()) throw Error("index: a row of no listed category");
      out << group_tail;
      std::string group_head;
      std::tie(group_head, group_tail) = split_at_rows(
          impl_->render("index_group.mustache", html::index_group_data(lists.categories[row.group], method)),
          "index_group.mustache");
      out << group_head;
      group = row.group;
    }
    out << impl_->render("index_row.mustache", html::index_row_data(row, method));
  }
  out << group_tail << tail;
}

}  // namespace toolcmp
