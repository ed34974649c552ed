// Pages: the model in, HTML out, through mustache templates (kainjow's,
// which escapes every value). The templates are src/formats/html/templates/*, embedded
// at build time; `--template DIR` replaces any of them by name.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "toolcmp/model/drift.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

// Template name ("compare.mustache", "style.css") -> its text.
using TemplateSet = std::map<std::string, std::string>;
// The templates built into the binary.
TemplateSet builtin_templates();

// Where a page sits in a site: links are relative to it, so a site works
// from any directory, a file:// URL or a web server.
struct PageLinks {
  bool site = false;  // a page of publish's site: the stylesheet is the site's style.css, else inline
  std::string root;  // from the page to the site's root: "" or "../"
  // A tool's page from the root ("tools/smollm3.html"), or none: not linked.
  std::function<std::optional<std::string>(const Tool&)> tool_page;
  std::string now;  // what a tool page counts review ages from ("3mo ago"); empty: dates only
};

// A link in a list of pages: the index's decisions and comparisons, a
// tool page's "Compared in", the index's categories.
struct IndexLink {
  std::string text, href, note;  // href from the site's root ("decisions/x.html", "#category-x")
  bool alert = false;  // the note is a warning: a decision that no longer holds
};

// One line of the index's ranking.
struct IndexRow {
  RankPlace place;  // within its category: "2=", how sure, the deciding figure's interval
  ToolLine line;
  std::optional<std::string> page;  // from the root
  std::size_t group = 0;  // its category's place in IndexLists::categories
};

// The index's lists: the ranking's categories (text, "#anchor", "3 tools"),
// in the order their rows come; saved decisions; compared pairs.
struct IndexLists {
  std::vector<IndexLink> categories, decisions, comparisons;
};

class PageRenderer {
 public:
  // Parses every template; throws Error naming the template that does not parse.
  // templates: any to use instead of the built-in ones, by name.
  explicit PageRenderer(const TemplateSet& templates = {});
  ~PageRenderer();
  PageRenderer(const PageRenderer&) = delete;
  PageRenderer& operator=(const PageRenderer&) = delete;

  std::string compare_page(const Comparison& comparison, const PageLinks& links) const;
  // related: the comparisons and decisions the tool is in.
  std::string tool_page(const ToolReport& report, const std::vector<Persona>& panel,
                        const std::vector<Review>& history, const PageLinks& links,
                        const std::vector<IndexLink>& related = {}) const;
  std::string decision_page(const DecisionView& view, const PageLinks& links) const;
  // The site's style.css.
  std::string stylesheet() const;
  // Streams the index: the page around the ranking is rendered once, and
  // each row as next() gives it, so any number of tools fits in memory; a
  // row of another group than the last starts its category's table. It
  // says which rule ordered it.
  void index_page(const std::function<bool(IndexRow&)>& next, const IndexLists& lists, std::ostream& out,
                  Method method = Method::AdjustedMean) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// A URL worth a link: http or https, no spaces or controls; else none.
std::optional<std::string> safe_link(const std::optional<std::string>& url);

}  // namespace toolcmp
