// import: reading a file (or standard input) of records into the database in one transaction.
#include <CLI/CLI.hpp>

#include <fmt/format.h>

#include <chrono>
#include <memory>

#include "cli/choices.h"
#include "cli/validators.h"
#include "cli/authorship.h"
#include "cli/command.h"
#include "toolcmp/app/import.h"
#include "toolcmp/app/import_input.h"
#include "toolcmp/base/io.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/formats/jsonl_parser.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/store/batch_import.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/model/values.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

constexpr std::size_t kErrorsKept = 100;
using Clock = std::chrono::steady_clock;

// On a terminal, a line that says how far a long import has got.
class Progress {
 public:
  Progress(std::ostream& err, bool shown) : err_(err), shown_(shown), start_(Clock::now()), last_(start_) {}
  void tick(const std::string& file, std::int64_t records) {
    if (!shown_ || (records & 0x3FF) != 0) return;
    auto now = Clock::now();
    if (now - start_ < std::chrono::seconds(1) || now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    err_ << "\r\033[Kimporting " << sanitize_for_terminal(file) << ": " << records << " records" << std::flush;
    drawn_ = true;
  }
  void clear() {
    if (drawn_) err_ << "\r\033[K" << std::flush;
    drawn_ = false;
  }

 private:
  std::ostream& err_;
  bool shown_, drawn_ = false;
  Clock::time_point start_, last_;
};

struct ImportRun {
  Context& ctx;
  ImportSummary& summary;
  bool keep_going;

  // With --keep-going a bad record is reported and counted; without, it
  // ends the import and nothing is written.
  void fail(const RecordError& error) {
    if (!keep_going) throw error;
    ++summary.counts.failed;
    if (summary.errors.size() < kErrorsKept) summary.errors.push_back(error.what());
    if (!ctx.output.quiet) ctx.err << "toolcmp: error: " << sanitize_for_terminal(error.what()) << "\n";
  }
};

// Every input planned, and the JSON Lines module loaded when one needs it,
// all before the database is opened.
std::vector<PlannedInput> plan_inputs(Context& ctx, const std::vector<std::string>& files,
                                      const std::vector<std::optional<ImportFormat>>& formats) {
  std::vector<PlannedInput> plans;
  bool jsonl = false;
  for (std::size_t i = 0; i < files.size(); ++i) {
    if (files[i] == "-" && ctx.stdin_is_terminal && !ctx.output.quiet) {
      ctx.err << "toolcmp: reading records from standard input; end with Ctrl-D (Ctrl-C cancels)" << std::endl;
    }
    plans.push_back(plan_input(files[i], formats[i]));
    jsonl = jsonl || plans.back().format == ImportFormat::Jsonl;
  }
  if (jsonl) load_jsonl_module();
  return plans;
}

void import_file(ImportRun& run, Importer& importer, PlannedInput& plan, const std::vector<std::string>& panel,
                 Progress& progress) {
  if (plan.error) return run.fail(*plan.error);
  if (!plan.format) return;
  std::unique_ptr<RecordReader> reader;
  try {
    if (!plan.open) plan.open = std::make_unique<ImportInput>(plan.path);
    reader = make_reader(*plan.format, plan.open->source(), panel);
  } catch (const RecordError& e) {
    run.fail(with_format_hint(e, plan));
    return;
  }
  Record record;
  std::int64_t seen = 0;
  for (;;) {
    try {
      if (!reader->next(record)) break;
    } catch (const RecordError& e) {
      run.fail(seen == 0 ? with_format_hint(e, plan) : e);
      if (reader->fatal()) break;
      progress.tick(plan.path, ++seen);
      continue;
    }
    try {
      importer.apply(record);
    } catch (const RecordError& e) {
      run.fail(e);
    }
    progress.tick(plan.path, ++seen);
  }
  reader.reset();
  plan.open.reset();
}

struct Options {
  std::vector<std::string> files, formats;
  std::string on_conflict = "error", at;
  CLI::Option* at_option = nullptr;
  CLI::Option* file_option = nullptr;
  CLI::Option* format_option = nullptr;
  const CLI::App* command = nullptr;
  bool dry_run = false, keep_going = false;
};

// --at, checked: a date more than a day ahead would stay current for good.
std::optional<std::string> review_date(const Options& o) {
  if (o.at_option->count() == 0) return std::nullopt;
  std::string at = parse_timestamp(o.at);
  if (at > latest_allowed_date()) throw UsageError(dated_ahead_message("--at", o.at, "give the date the reviews were written"));
  return at;
}

// The run step: the files, through the store, into a summary for the renderer.
// After records failed (--keep-going): whether the rest went in.
const char* others_line(const ImportCounts& c) {
  bool others = c.reviews + c.tools + c.votes + c.personas + c.decisions + c.updated + c.unchanged + c.kept_back > 0;
  return others ? "; the others were" : ", and there were no others";
}

std::vector<std::string> import_formats_or_auto() {
  std::vector<std::string> names = choices::kImportFormats;
  names.push_back("auto");
  return names;
}

// Each file's --format: one --format is every file's; of several, each is
// the format of the files after it ('auto' or none: told from the file).
std::vector<std::optional<ImportFormat>> file_formats(const Options& o, std::size_t files) {
  auto format_of = [](const std::string& name) {
    return name == "auto" ? std::nullopt : parse_import_format(name);
  };
  std::vector<std::optional<ImportFormat>> formats(files);
  if (o.formats.size() == 1) std::fill(formats.begin(), formats.end(), format_of(o.formats[0]));
  if (o.formats.size() <= 1) return formats;
  std::optional<ImportFormat> current;
  std::size_t file = 0, format = 0;
  for (const CLI::Option* option : o.command->parse_order()) {
    if (option == o.format_option) current = format_of(o.formats.at(format++));
    if (option == o.file_option && file < files) formats[file++] = current;
  }
  return formats;
}

// One audit row for the whole import: its files, and what it added, updated and left.
void record_import(Store& store, const std::vector<std::string>& files, const ImportSummary& summary) {
  Json after = import_summary_json(summary);
  for (const char* key : {"schema_version", "dry_run", "seconds", "errors", "changes"}) after.erase(key);
  std::string names;
  for (const std::string& file : files) names += (names.empty() ? "" : ", ") + (file == "-" ? std::string("stdin") : file);
  record_change(store, "import", names, nullptr, after);
}

void run(Context& ctx, const Options& o) {
  ImportOptions options;
  options.dry_run = o.dry_run;
  options.keep_going = o.keep_going;
  options.on_conflict = choices::value_of(choices::kOnConflictChoices, o.on_conflict).value_or(OnConflict::Error);
  options.at = review_date(o);
  std::vector<std::string> files = o.files.empty() ? std::vector<std::string>{"-"} : o.files;
  if (std::count(files.begin(), files.end(), "-") > 1) throw UsageError("standard input ('-') can be read only once");

  auto start = Clock::now();
  std::vector<PlannedInput> plans = plan_inputs(ctx, files, file_formats(o, files.size()));
  keep_heap_top();
  Store store(ctx.db_path, options.dry_run ? Store::Access::Trial : Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  std::vector<std::string> panel;
  for (const Persona& persona : store.panel().personas(false)) panel.push_back(persona.name);
  ImportSummary summary;
  summary.dry_run = options.dry_run;
  ImportRun state{ctx, summary, options.keep_going};
  Progress progress(ctx.err, ctx.stderr_is_terminal && !ctx.output.quiet);
  auto body = [&] {
    Importer importer(store, options);
    for (PlannedInput& plan : plans) import_file(state, importer, plan, panel, progress);
    importer.finish();
    std::int64_t failed = summary.counts.failed;  // counted here, the rest by the importer
    summary.counts = importer.counts();
    summary.changes = importer.changes();
    summary.counts.failed = failed;
    record_import(store, files, summary);
  };
  {
    // The progress line goes, whether the import succeeded or not.
    struct ClearProgress {
      Progress& progress;
      ~ClearProgress() { progress.clear(); }
    } clear{progress};
    options.dry_run ? store.trial(body) : store.write(body);
  }
  summary.seconds = std::chrono::duration<double>(Clock::now() - start).count();
  if (ctx.json) {
    ctx.out << dump_json(import_summary_json(summary));
  } else if (!ctx.output.quiet) {
    ctx.err << summary_line(summary) << "\n";
  }
  if (summary.counts.failed > 0) {
    throw Error(fmt::format("{} could not be imported{}", plural(summary.counts.failed, "record"),
                            options.dry_run ? "" : others_line(summary.counts)));
  }
}

}  // namespace

// The options step.
Runner setup_import(CLI::App& command) {
  auto o = std::make_shared<Options>();
  o->command = &command;
  o->file_option = command.add_option("FILE", o->files, "Files to import; '-' or none reads standard input");
  o->format_option = command.add_option("--format", o->formats,
                                        "jsonl, csv, tsv, page or auto (default: told from each file's start, "
                                        "else its extension); given twice or more, each is for the files after it")
                         ->type_name("FORMAT")
                         ->allow_extra_args(false)
                         ->check(choices::one_of(import_formats_or_auto()));
  command.add_flag("--dry-run", o->dry_run, "Check everything, write nothing");
  command.add_flag("--keep-going", o->keep_going, "Import the good records, report the bad ones, exit 1 if any");
  command.add_option("--on-conflict", o->on_conflict,
                     "When a tool or persona exists with other fields: error, skip or replace")
      ->type_name("WHAT")
      ->check(choices::one_of(choices::kOnConflict));
  o->at_option = command.add_option("--at", o->at,
                                    "When the reviews were written, for records and pages that do not say "
                                    "(default: the time of the import)")
                     ->type_name("DATE");
  command.footer(
      "The whole import is one transaction: a bad record (FILE:LINE says where) and nothing is written.\n"
      "Importing the same file again adds nothing. JSON Lines records look like\n"
      "  {\"type\":\"tool\",\"name\":\"SmolLM3\",\"category\":\"Developer Tools\"}\n"
      "  {\"type\":\"review\",\"tool\":\"SmolLM3\",\"persona\":\"Builder\",\"score\":82,\"verdict\":\"ship\",\"text\":\"...\"}\n"
      "  {\"type\":\"vote\",\"tool\":\"SmolLM3\",\"verdict\":\"ship\",\"voter\":\"ana\"}\n"
      "Pages are published comparison pages, or what 'compare --format markdown' writes.\n\n"
      "Examples:\n  toolcmp import data/sample.jsonl\n  toolcmp import reviews.csv --dry-run\n"
      "  generate-reviews | toolcmp import --format jsonl --keep-going\n"
      "  toolcmp import pages/*.txt --on-conflict replace");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
