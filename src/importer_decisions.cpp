// Importing decisions (export --format jsonl writes them): linked to the
// tools of the database they land in by name, and to the decisions that
// superseded them once the whole import has been read.
#include <fmt/format.h>

#include "toolcmp/import.h"
#include "toolcmp/text.h"

namespace toolcmp {

void Importer::apply_decision(const DecisionRecord& record, const std::string& where) {
  Decision decision = record.decision;
  for (std::size_t i = 0; i < decision.options.size(); ++i) {
    if (record.tools[i]) decision.options[i].tool_id = store_.id_by_key(NameTable::Tool, name_key(*record.tools[i]));
  }
  std::vector<NamedRow> existing = store_.find_by_key(NameTable::Decision, name_key(decision.title));
  std::optional<Decision> old;
  if (!existing.empty()) old = store_.load_decision(existing.front().id);
  if (old && old->decided_at == decision.decided_at) {
    // The same decision: its fields follow the later edit.
    bool newer = decision.updated_at > old->updated_at;
    if (newer && (old->status != decision.status || old->why != decision.why || old->by != decision.by ||
                  old->review_by != decision.review_by)) {
      old->status = decision.status, old->why = decision.why, old->by = decision.by;
      old->review_by = decision.review_by, old->updated_at = decision.updated_at;
      store_.update_decision(*old);
      ++counts_.updated;
    } else {
      ++counts_.unchanged;
    }
    if (record.superseded_by) successors_.push_back({old->id, *record.superseded_by, where});
    return;
  }
  if (old) {
    if (options_.on_conflict == OnConflict::Error) {
      throw RecordError(fmt::format("{}: a decision titled '{}' already exists, decided at {}; use --on-conflict skip "
                                    "or replace",
                                    where, sanitize_for_terminal(old->title), old->decided_at));
    }
    if (options_.on_conflict == OnConflict::Skip) {
      ++counts_.skipped;
      return;
    }
    store_.delete_decision(old->id);
  }
  decision.id = store_.insert_decision(decision);
  ++counts_.decisions;
  if (record.superseded_by) successors_.push_back({decision.id, *record.superseded_by, where});
}

void Importer::finish() {
  for (const PendingLink& link : successors_) {
    std::optional<std::int64_t> successor = store_.id_by_key(NameTable::Decision, name_key(link.successor));
    if (!successor) {
      throw RecordError(fmt::format("{}: superseded_by '{}' names no decision", link.where,
                                    sanitize_for_terminal(link.successor)));
    }
    std::optional<Decision> decision = store_.load_decision(link.decision, false);
    if (decision->superseded_by == successor) continue;
    decision->superseded_by = successor;
    store_.update_decision(*decision);
  }
  successors_.clear();
}

}  // namespace toolcmp
