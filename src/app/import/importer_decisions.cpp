// Importing decisions (export --format jsonl writes them): linked to the
// tools of the database they land in by name, and to the decisions that
// superseded them once the whole import has been read.
#include <fmt/format.h>

#include <algorithm>

#include "toolcmp/app/import.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/saved_decisions.h"

namespace toolcmp {

void Importer::apply_decision(const DecisionRecord& record, const std::string& where) {
  Decision decision = record.decision;
  for (std::size_t i = 0; i < decision.options.size(); ++i) {
    if (record.tools[i]) decision.options[i].tool_id = store_.names().id_by_key(NameTable::Tool, name_key(*record.tools[i]));
  }
  std::vector<NamedRow> existing = store_.names().find_by_key(NameTable::Decision, name_key(decision.title));
  std::optional<Decision> old;
  if (!existing.empty()) old = store_.decisions().load_decision(existing.front().id);
  if (old && old->decided_at == decision.decided_at) {
    // The same decision: its fields follow the later edit.
    bool newer = decision.updated_at > old->updated_at;
    if (newer && (old->status != decision.status || old->why != decision.why || old->by != decision.by ||
                  old->review_by != decision.review_by)) {
      if (old->status != decision.status) change_status(*old, decision.status, where);
      old->status = decision.status, old->why = decision.why, old->by = decision.by;
      old->review_by = decision.review_by, old->updated_at = decision.updated_at;
      store_.decisions().update_decision(*old);
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
    store_.decisions().delete_decision(old->id);
  }
  decision.id = store_.decisions().insert_decision(decision);
  ++counts_.decisions;
  if (record.superseded_by) successors_.push_back({decision.id, *record.superseded_by, where});
}

// A status an import changes is said by name; an accepted decision (the
// ones check gates) is never demoted without --on-conflict replace, so
// that importing a file can never quietly lower what check reports.
void Importer::change_status(const Decision& old, DecisionStatus status, const std::string& where) {
  if (old.status == DecisionStatus::Accepted && options_.on_conflict != OnConflict::Replace) {
    throw RecordError(fmt::format("{}: decision '{}' is accepted here, and the record would make it {}, which check "
                                  "does not gate; use --on-conflict replace to take the record's status",
                                  where, sanitize_for_terminal(old.title), decision_status_name(status)));
  }
  changes_.push_back(fmt::format("decision '{}': status {} -> {}", old.title, decision_status_name(old.status),
                                 decision_status_name(status)));
}

void Importer::finish() {
  for (const PendingLink& link : successors_) {
    std::optional<std::int64_t> successor = store_.names().id_by_key(NameTable::Decision, name_key(link.successor));
    if (!successor) {
      throw RecordError(fmt::format("{}: superseded_by '{}' names no decision", link.where,
                                    sanitize_for_terminal(link.successor)));
    }
    std::optional<Decision> decision = store_.decisions().load_decision(link.decision, false);
    if (*successor == decision->id) {
      throw RecordError(fmt::format("{}: decision '{}' cannot supersede itself", link.where,
                                    sanitize_for_terminal(decision->title)));
    }
    if (decision->superseded_by == successor) continue;
    if (decision->superseded_by) {
      changes_.push_back(fmt::format("decision '{}': superseded by '{}' instead of '{}'", decision->title,
                                     link.successor, store_.names().name_of(NameTable::Decision, *decision->superseded_by)));
    }
    decision->superseded_by = successor;
    store_.decisions().update_decision(*decision);
  }
  refuse_supersede_cycles();
  successors_.clear();
}

// A chain of superseded_by that comes back to where it started would
// leave no current decision: refused, naming the decisions on it.
void Importer::refuse_supersede_cycles() {
  for (const PendingLink& link : successors_) {
    std::vector<std::int64_t> chain{link.decision};
    for (std::int64_t at = link.decision;;) {
      std::optional<Decision> decision = store_.decisions().load_decision(at, false);
      if (!decision || !decision->superseded_by) break;
      at = *decision->superseded_by;
      if (std::find(chain.begin(), chain.end(), at) != chain.end()) {
        std::string names;
        for (std::int64_t id : chain) names += (names.empty() ? "'" : " -> '") + store_.names().name_of(NameTable::Decision, id) + "'";
        throw RecordError(fmt::format("{}: superseded_by makes a cycle: {} -> '{}'", link.where,
                                      sanitize_for_terminal(names), sanitize_for_terminal(store_.names().name_of(NameTable::Decision, at))));
      }
      chain.push_back(at);
    }
  }
}

}  // namespace toolcmp
