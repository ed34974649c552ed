#include "toolcmp/app/export.h"

#include "toolcmp/formats/render_decision.h"

#include <ostream>

#include <algorithm>

#include <fmt/format.h>

#include "app/import/records.h"
#include "toolcmp/formats/csv.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/store/saved_decisions.h"
#include "toolcmp/base/text.h"

namespace toolcmp {

namespace {

// One CSV file for every record type: a type column, then the union of
// the record fields; attributes are attr.KEY columns.
class CsvWriter {
 public:
  CsvWriter(std::ostream& out, const std::vector<std::string>& attribute_keys, const CsvOptions& options, char delimiter)
      : out_(out), options_(options), delimiter_(delimiter) {
    columns_.push_back("type");
    for (const char* type : {"persona", "tool", "review", "vote"}) {
      for (const std::string& field : record_fields(type)) {
        if (field == "attributes") {
          for (const std::string& key : attribute_keys) columns_.push_back("attr." + key);
        } else if (std::find(columns_.begin(), columns_.end(), field) == columns_.end()) {
          columns_.push_back(field);
        }
      }
    }
    std::string header;
    for (const std::string& column : columns_) header += (header.empty() ? "" : std::string(1, delimiter_)) + csv_cell(column, delimiter_);
    out_ << header << "\r\n";
  }

  void write(const Json& record) {
    std::string line;
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i > 0) line += delimiter_;
      const std::string& column = columns_[i];
      const Json* value = nullptr;
      if (column.rfind("attr.", 0) == 0 && record.contains("attributes")) {
        auto it = record["attributes"].find(column.substr(5));
        if (it != record["attributes"].end()) value = &*it;
      } else if (record.contains(column)) {
        value = &record[column];
      }
      if (!value || value->is_null()) continue;
      std::string text = value->is_string() ? value->get<std::string>() : value->dump();
      if (!options_.keep_formulas && value->is_string()) text = guard_csv_cell(text);
      line += csv_cell(options_.for_terminal ? sanitize_for_terminal(text) : text, delimiter_);
    }
    out_ << line << "\r\n";
  }

 private:
  std::ostream& out_;
  CsvOptions options_;
  char delimiter_;
  std::vector<std::string> columns_;
};

}  // namespace

void export_records(Store& store, const std::vector<std::int64_t>& tools, ExportFormat format, std::ostream& out,
                    const CsvOptions& csv_options, const DamagedRowHandler& on_damaged) {
  std::optional<CsvWriter> csv;
  if (format == ExportFormat::Csv || format == ExportFormat::Tsv) {
    csv.emplace(out, store.panel().attribute_keys(tools), csv_options, format == ExportFormat::Tsv ? '\t' : ',');
  }
  auto write = [&](const Json& record) {
    if (csv) {
      csv->write(record);
    } else {
      out << dump_json_line(record);
    }
  };
  for (const Persona& persona : store.panel().personas(true)) write(persona_record_json(persona));
  if (tools.empty()) {
    store.panel().each_tool([&](const Tool& tool) { write(tool_record_json(tool)); });
    store.panel().each_review(std::nullopt, [&](const Review& review) { write(review_record_json(review)); }, on_damaged);
    store.panel().each_vote(std::nullopt, [&](const Vote& vote) { write(vote_record_json(vote)); }, on_damaged);
    // Decisions, with their snapshots, in JSON Lines only: a CSV cell is no place for a comparison.
    if (!csv) store.decisions().each_decision(std::nullopt, std::nullopt, true, [&](Decision d) { write(decision_record_json(d)); });
    return;
  }
  for (std::int64_t id : tools) write(tool_record_json(store.panel().load_tool(id)));
  for (std::int64_t id : tools) {
    store.panel().each_review(id, [&](const Review& review) { write(review_record_json(review)); }, on_damaged);
  }
  for (std::int64_t id : tools) store.panel().each_vote(id, [&](const Vote& vote) { write(vote_record_json(vote)); }, on_damaged);
}

}  // namespace toolcmp
