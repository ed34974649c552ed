// export: every record, or the named tools', as JSON Lines, CSV/TSV or a Markdown page.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "cli/choices.h"
#include "cli/validators.h"
#include "cli/command.h"
#include "toolcmp/app/export.h"
#include "toolcmp/app/loader.h"
#include "toolcmp/base/io.h"
#include "toolcmp/app/names.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

// --format, else -o's extension, else JSON Lines; an extension that import
// would read as another format (.csv, .tsv, .md, .txt) is refused.
ExportFormat export_format(const std::string& flag, const std::string& output) {
  static const std::pair<const char*, ExportFormat> kExtensions[] = {
      {"jsonl", ExportFormat::Jsonl}, {"ndjson", ExportFormat::Jsonl}, {"csv", ExportFormat::Csv},
      {"tsv", ExportFormat::Tsv}, {"md", ExportFormat::Markdown}, {"txt", ExportFormat::Markdown}};
  std::optional<ExportFormat> by_flag = choices::value_of(choices::kExportFormatChoices, flag), by_extension;
  auto slash = output.rfind('/');
  auto dot = output.rfind('.');
  std::string ext = dot == std::string::npos || (slash != std::string::npos && dot < slash) ? "" : output.substr(dot + 1);
  for (const auto& [name, format] : kExtensions) {
    if (ext == name) by_extension = format;
  }
  if (by_flag && by_extension && *by_flag != *by_extension) {
    throw UsageError(fmt::format("'{}' would be imported as .{}, not as {}; name the file .{} or drop --format",
                                 sanitize_for_terminal(output), ext, flag, flag == "markdown" ? "md" : flag));
  }
  if (by_flag) return *by_flag;
  if (by_extension) return *by_extension;
  return ExportFormat::Jsonl;
}

struct Options {
  std::string format, output;
  std::vector<std::string> tools;
  bool keep_formulas = false, keep_going = false;
};

// The run step: one snapshot of the store, written as records or a page.
void run(Context& ctx, const Options& o) {
  Store store(ctx.db_path, Store::Access::Read);
  std::vector<std::int64_t> ids;
  for (const std::string& name : o.tools) {
    std::int64_t id = resolve_name(store, NameTable::Tool, name).id;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
  ExportFormat format = export_format(o.format, o.output);
  bool to_terminal = (o.output.empty() || o.output == "-") && ctx.stdout_is_terminal;
  std::int64_t left_out = 0;
  DamagedRowHandler on_damaged;
  if (o.keep_going) {
    on_damaged = [&](const DamagedRowError& error) {
      ++left_out;
      ctx.err << "toolcmp: warning: " << error.what() << "; left out\n";
    };
  }
  auto write = [&](std::ostream& out) {
    if (format != ExportFormat::Markdown) {
      export_records(store, ids, format, out, CsvOptions{to_terminal, o.keep_formulas}, on_damaged);
      return;
    }
    if (ids.empty()) {
      for (const NamedRow& row : store.names().all_names(NameTable::Tool)) ids.push_back(row.id);
    }
    if (ids.empty()) throw Error("there are no tools to put on a page");
    out << render_compare_markdown(load_comparison(store, ids));
  };
  if (o.output.empty() || o.output == "-") {
    write(ctx.out);
  } else {
    write_file_safely(o.output, write);
    static const char* const kFormatNames[] = {"JSON Lines", "CSV", "TSV", "Markdown"};
    if (!ctx.output.quiet && !ctx.json) {
      ctx.err << "Wrote " << kFormatNames[static_cast<int>(format)] << " to '" << sanitize_for_terminal(o.output)
              << "'\n";
    }
  }
  if (left_out > 0) {
    throw NotOursError(fmt::format("left out {}; everything else was exported", plural(left_out, "damaged row")));
  }
}

}  // namespace

// The options step.
Runner setup_export(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("--format", o->format, "jsonl, csv, tsv or markdown (default: from -o's extension, else jsonl)")
      ->type_name("FORMAT")
      ->check(choices::one_of(choices::kExportFormats));
  command.add_option("--tool", o->tools, "Only this tool (repeatable)")->type_name("NAME")->allow_extra_args(false);
  command.add_option("-o,--output", o->output, "Write to FILE instead of standard output")->type_name("FILE");
  command.add_flag("--keep-formulas", o->keep_formulas,
                   "CSV: write cells starting with = + - @ as they are (default: a ' in front, so that a "
                   "spreadsheet shows them instead of running them)");
  command.add_flag("--keep-going", o->keep_going,
                   "Leave out reviews and votes the database holds damaged, name each on standard error, "
                   "exit 3 after writing the rest");
  command.footer("JSON Lines and CSV hold every field, review and vote: importing them into an empty database\n"
                 "gives the same answers. Markdown is the comparison page of the tools.\n\n"
                 "Examples:\n  toolcmp export -o backup.jsonl\n  toolcmp export --format csv --tool SmolLM3 > smollm3.csv\n"
                 "  toolcmp export --format markdown --tool SmolLM3 --tool 'Code Llama 4' -o p.md");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
