// publish DIR: its options, the --pair names, and what it says when done;
// the site itself is app/publish.cpp's.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>
#include <set>

#include "cli/command.h"
#include "cli/page_templates.h"
#include "toolcmp/app/loader.h"
#include "toolcmp/app/publish.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/formats/render_html.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

namespace {

struct Options {
  std::string dir;
  std::vector<std::string> pairs;
  std::string template_dir;
  bool force = false;
  std::string rule;
};

std::vector<std::vector<std::int64_t>> resolve_pairs(Store& store, const std::vector<std::string>& pairs) {
  std::vector<std::vector<std::int64_t>> resolved;
  std::set<std::vector<std::int64_t>> seen;
  for (const std::string& pair : pairs) {
    std::vector<std::string> names;
    std::size_t start = 0;
    for (std::size_t comma; (comma = pair.find(',', start)) != std::string::npos; start = comma + 1) {
      names.push_back(pair.substr(start, comma - start));
    }
    names.push_back(pair.substr(start));
    if (names.size() < 2) {
      throw UsageError(fmt::format("--pair '{}' names one tool; give two or more: --pair A,B", sanitize_for_terminal(pair)));
    }
    resolved.push_back(resolve_tools(store, names));
    if (!seen.insert(resolved.back()).second) {
      throw UsageError(fmt::format("--pair '{}' is given twice", sanitize_for_terminal(pair)));
    }
  }
  return resolved;
}

void print_counts(Context& ctx, const std::string& dir, const SiteCounts& counts);

void run(Context& ctx, const Options& o) {
  PageRenderer pages(load_template_dir(ctx, o.template_dir));
  Store store(ctx.db_path, Store::Access::Read);
  std::vector<std::vector<std::int64_t>> pairs = resolve_pairs(store, o.pairs);
  print_counts(ctx, o.dir, publish_site(store, pages, o.dir, pairs, resolve_method(o.rule), o.force));
}

void print_counts(Context& ctx, const std::string& dir, const SiteCounts& counts) {
  if (ctx.json) {
    ctx.out << dump_json(site_counts_json(dir, counts));
  } else if (!ctx.output.quiet) {
    ctx.err << site_counts_line(dir, counts);
  }
}

}  // namespace

Runner setup_publish(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("DIR", o->dir, "The site's directory (made if missing)")->required();
  command.add_option("--pair", o->pairs, "A comparison page for these tools: A,B (repeatable)")->type_name("A,B");
  command.add_flag("--force", o->force, "Replace files in DIR that publish did not write (default: refuse)");
  add_rule_option(command, o->rule);
  command.add_option("--template", o->template_dir, "Page templates in DIR replace the built-in ones")
      ->type_name("DIR");
  command.footer("Writes index.html (the ranking), tools/NAME.html per tool, decisions/TITLE.html per saved\n"
                 "decision and compare/A-vs-B.html per --pair, with style.css. Names are stable slugs; a\n"
                 "page is rewritten only when it changes, and pages of tools that are gone are removed.\n"
                 "Only the files listed in DIR/.toolcmp-site are ever replaced or removed.\n\n"
                 "Examples:\n  toolcmp publish site\n  toolcmp publish site --pair SmolLM3,'Code Llama 4'\n"
                 "  toolcmp publish /srv/www/panel --template my-templates -q");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
