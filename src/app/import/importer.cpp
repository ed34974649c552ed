// Applying import records to the store: what is new is added, what is
// already there is left alone, and a tool or persona whose fields differ
// is a conflict settled by --on-conflict.
#include <algorithm>

#include <fmt/format.h>

#include <cmath>
#include <tuple>

#include "toolcmp/app/import.h"
#include "toolcmp/app/names.h"
#include "toolcmp/store/batch_import.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_edits.h"
#include "toolcmp/store/panel_reads.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

constexpr std::size_t kMaxCachedNames = 200000;

bool given(const std::vector<std::string>& fields, const char* field) {
  return std::find(fields.begin(), fields.end(), field) != fields.end();
}

std::string shown(const std::optional<std::string>& value) {
  if (!value) return "none";
  std::string text = sanitize_for_terminal(*value);
  if (text.size() > 60) text = text.substr(0, 57) + "...";
  return "'" + text + "'";
}

std::string shown(const std::optional<double>& value) { return value ? format_percent(*value) : "none"; }

std::string shown(const std::optional<VoteTally>& value) {
  return value ? fmt::format("{} ship / {} skip", value->ship, value->skip) : "none";
}

// The record's given fields laid over the row in the database. A field
// the database lacks is filled in, whatever --on-conflict says; one it
// holds otherwise is a conflict (the first is named, with detail), taken
// over only with --on-conflict replace.
struct Merge {
  explicit Merge(OnConflict mode) : mode(mode) {}
  OnConflict mode;
  bool changed = false;
  std::string conflict, detail;

  // Notes a conflict; true when the record's value is to be taken.
  bool conflicts(const std::string& name, std::string what) {
    if (conflict.empty()) {
      conflict = name;
      detail = std::move(what);
    }
    return mode == OnConflict::Replace;
  }

  template <typename T>
  void field(const std::string& name, std::optional<T>& into, const std::optional<T>& given) {
    if (into == given) return;
    if (into && !conflicts(name, fmt::format("{} in the database, {} here", shown(into), shown(given)))) return;
    into = given;
    changed = true;
  }
};

Merge merge_tool(Tool& into, const ToolRecord& record, OnConflict mode) {
  Merge merge(mode);
  for (const ToolTextField& field : kToolTextFields) {
    if (given(record.fields, field.name)) merge.field(field.name, into.*field.member, record.tool.*field.member);
    if (given(record.inferred, field.name) && !(into.*field.member) && (record.tool.*field.member)) {
      into.*field.member = record.tool.*field.member;
      merge.changed = true;
    }
  }
  if (given(record.fields, "published_ship_pct")) {
    merge.field("published ship %", into.published_ship_pct, record.tool.published_ship_pct);
  }
  if (given(record.fields, "published_votes_ship")) {
    merge.field("published community votes", into.published_votes, record.tool.published_votes);
  }
  for (const auto& attribute : record.tool.attributes) {
    const std::string& key = attribute.first;
    const std::string& value = attribute.second;
    auto it = std::find_if(into.attributes.begin(), into.attributes.end(), [&](const auto& a) { return a.first == key; });
    std::optional<std::string> old;
    if (it != into.attributes.end()) old = it->second;
    merge.field("attribute " + key, old, std::optional<std::string>(value));
    if (it != into.attributes.end()) {
      it->second = *old;
    } else {
      into.attributes.emplace_back(key, *old);
    }
  }
  std::sort(into.attributes.begin(), into.attributes.end());
  return merge;
}

// A persona's weight and state always have a value, so a difference is a
// conflict; a focus the database lacks is filled in.
Merge merge_persona(Persona& into, const PersonaRecord& record, OnConflict mode) {
  Merge merge(mode);
  if (given(record.fields, "focus")) merge.field("focus", into.focus, record.persona.focus);
  if (given(record.fields, "weight") && into.weight != record.persona.weight &&
      merge.conflicts("weight", fmt::format("{} in the database, {} here", format_number(into.weight),
                                            format_number(record.persona.weight)))) {
    into.weight = record.persona.weight;
    merge.changed = true;
  }
  if (given(record.fields, "removed") && into.removed != record.persona.removed &&
      merge.conflicts("removed", into.removed ? "removed in the database, active here"
                                              : "active in the database, removed here")) {
    into.removed = record.persona.removed;
    merge.changed = true;
  }
  return merge;
}

// Whether a record that merged into an existing tool or persona is
// written: a conflict is an error, or with skip counted as skipped (what
// it filled in is still written); nothing changed is "already there".
// what names the row in the error: "tool 'X'".
bool settle(const Merge& merge, ImportCounts& counts, const std::string& what, const std::string& where) {
  if (!merge.conflict.empty() && merge.mode == OnConflict::Error) {
    throw RecordError(fmt::format("{}: {} already exists with a different {} ({}); use --on-conflict skip or replace",
                                  where, what, merge.conflict, merge.detail));
  }
  if (!merge.conflict.empty() && merge.mode == OnConflict::Skip) ++counts.skipped;
  if (!merge.changed && merge.conflict.empty()) ++counts.unchanged;
  return merge.changed;
}

// A review record that changes a stored review (counted updated) leaves
// its tool's held reviews out of date: from then on they are looked up.
struct ForgetIfUpdated {
  const std::int64_t& updated;
  std::int64_t updated_before;
  ToolReviewCache& cache;
  std::int64_t tool;
  ~ForgetIfUpdated() {
    if (updated != updated_before) cache.changed(tool);
  }
};

}  // namespace

Importer::Importer(Store& store, const ImportOptions& options)
    : store_(store), options_(options), started_at_(now_utc()), a_day_ahead_(latest_allowed_date()),
      first_new_vote_id_(store.batch().max_vote_id() + 1),
      first_new_review_id_(store.batch().max_review_id() + 1), first_new_tool_id_(store.batch().max_tool_id() + 1),
      remote_(store.batch().remote()) {
  if (remote_) tool_keys_complete_ = store.batch().load_tool_keys(tool_ids_, kMaxCachedNames);
}

void Importer::apply(const Record& record) {
  try {
    std::visit(
        [&](const auto& value) {
          using T = std::decay_t<decltype(value)>;
          if constexpr (std::is_same_v<T, PersonaRecord>) apply_persona(value, record.where);
          if constexpr (std::is_same_v<T, ToolRecord>) apply_tool(value, record.where);
          if constexpr (std::is_same_v<T, ReviewRecord>) apply_review(value, record.where);
          if constexpr (std::is_same_v<T, VoteRecord>) apply_vote(value, record.where);
          if constexpr (std::is_same_v<T, DecisionRecord>) apply_decision(value, record.where);
        },
        record.value);
  } catch (const RecordError&) {
    throw;
  } catch (const Error& e) {
    throw RecordError(fmt::format("{}: {}", record.where, e.what()));
  }
}

void Importer::apply_persona(const PersonaRecord& record, const std::string& where) {
  std::string key = name_key(record.persona.name);
  std::optional<std::int64_t> id = store_.names().id_by_key(NameTable::Persona, key);
  if (!id) {
    id = store_.edits().insert_persona(record.persona);
    if (record.persona.removed) store_.batch().set_persona_removed(*id, true, started_at_);
    persona_ids_[key] = *id;
    ++counts_.personas;
    return;
  }
  Persona current = store_.panel().load_persona(*id);
  Persona merged = current;
  // A persona nobody has reviewed with yet (the default panel of a new
  // database) simply takes the file's settings.
  bool reviewed = store_.panel().count_persona_reviews(*id) > 0;
  Merge merge = merge_persona(merged, record, reviewed ? options_.on_conflict : OnConflict::Replace);
  std::string what = fmt::format("persona '{}'", sanitize_for_terminal(current.name));
  if (!settle(merge, counts_, what, where)) return;
  store_.edits().update_persona(merged);
  store_.batch().set_persona_removed(*id, merged.removed, started_at_);
  ++counts_.updated;
}

void Importer::apply_tool(const ToolRecord& record, const std::string& where) {
  std::string key = name_key(record.tool.name);
  std::optional<std::int64_t> id = stored_id(NameTable::Tool, key);
  if (tool_ids_.size() >= kMaxCachedNames) {
    tool_ids_.clear();  // memory stays flat
    tool_keys_complete_ = false;
  }
  if (!id) {
    tool_ids_[key] = store_.batch().add_tool(record.tool, started_at_);
    ++counts_.tools;
    return;
  }
  // Kept, so that the tool's reviews and votes do not look it up again
  // (a statement per tool record, 3% of a re-import on SQLite).
  tool_ids_[key] = *id;
  Tool current = known_tool(*id);
  Tool merged = current;
  Merge merge = merge_tool(merged, record, options_.on_conflict);  // filling in what the database lacks is no conflict
  std::string what = fmt::format("tool '{}'", sanitize_for_terminal(current.name));
  if (!settle(merge, counts_, what, where)) return;
  store_.edits().update_tool(merged, started_at_);
  ++counts_.updated;
}

void Importer::apply_review(const ReviewRecord& record, const std::string& where) {
  std::int64_t tool = id_of(NameTable::Tool, record.review.tool, where);
  std::int64_t persona = id_of(NameTable::Persona, record.review.persona, where);
  Review& review = review_;
  std::string spare;  // the last source's buffer, for this one's FILE:LINE
  if (review.source) spare = std::move(*review.source);
  review = record.review;  // into the buffers of the last one: no allocation
  refuse_ahead("reviewed_at", review.reviewed_at);
  if (review.reviewed_at.empty() && options_.at) review.reviewed_at = *options_.at;
  bool dated = !review.reviewed_at.empty();
  if (!dated) review.reviewed_at = started_at_;
  if (review.recorded_at.empty()) review.recorded_at = started_at_;
  if (!record.source_given) {
    if (!review.source) review.source.emplace(std::move(spare));
    review.source->assign(where);
  }
  // The persona's first review of a tool this import added has nothing
  // to match: no need to look.
  ForgetIfUpdated forget{counts_.updated, counts_.updated, stored_reviews_, tool};
  BatchImport::SameText same;
  if (!nothing_to_match(tool, persona, review.text)) same = same_text(tool, persona, review.text);
  if (same.current && merge_repeat(review, rows_[*same.current], dated)) return;
  // Already there? With a date, k equal rows in a file leave k in the
  // database (history that differs only in id): rows from before the
  // import are matched one for one. Without, one is enough.
  std::int64_t before = 0, added = 0;
  const Review* first = nullptr;
  for (std::size_t i = 0; i < same.count; ++i) {
    const Review& row = rows_[i];
    if (row.score != review.score || row.verdict != review.verdict || (dated && row.reviewed_at != review.reviewed_at)) continue;
    ++(row.id < first_new_review_id_ ? before : added);
    if (!first || row.id < first->id) first = &row;
  }
  if (dated ? before <= added : !first) {
    ++counts_.reviews;
    keep_behind_evidence(tool, persona, review, dated);
    add_review(tool, persona, review);
    return;
  }
  // Found again, perhaps as an older review: it adds this source.
  bool changed = false;
  if (review.source && first->source != review.source) changed = store_.batch().add_review_source(first->id, *review.source);
  changed = add_sources(first->id, review) || changed;
  ++(changed ? counts_.updated : counts_.unchanged);
}

// A new review: in bulk, into a tool the import added or one whose
// reviews it holds (its later records are matched without reading it
// back), else inserted.
void Importer::add_review(std::int64_t tool, std::int64_t persona, Review& review) {
  std::optional<std::int64_t> id;
  if (review.also_from.empty() && (tool >= first_new_tool_id_ || stored_reviews_.holds(tool))) {
    id = store_.batch().append_review(tool, persona, review);
  }
  if (!id) id = store_.edits().insert_review(tool, persona, review);
  if (add_sources(*id, review) || !review.also_from.empty()) {
    stored_reviews_.changed(tool);
  } else {
    review.id = *id;
    stored_reviews_.inserted(tool, persona, review);
  }
}

// A review or vote dated more than a day ahead would stay current for
// good: refused, as review --at and import --at refuse it.
void Importer::refuse_ahead(const char* key, const std::string& at) const {
  if (at > a_day_ahead_) throw Error(dated_ahead_message(key, at, "give the date it was written"));
}

// An undated review with neither score nor verdict never supersedes a
// current review that has one, whatever the order of imports: it is dated
// a second before it, as history. Its source may date it later instead.
void Importer::keep_behind_evidence(std::int64_t tool, std::int64_t persona, Review& review, bool dated) {
  if (dated || review.score || review.verdict) return;
  std::optional<CurrentReview> current = store_.panel().current_review(tool, persona);
  if (!current || !current->has_evidence) return;
  review.reviewed_at = second_before(current->reviewed_at);
  ++counts_.kept_back;
}

void Importer::apply_vote(const VoteRecord& record, const std::string& where) {
  Vote vote = record.vote;
  refuse_ahead("cast_at", vote.cast_at);
  if (vote.cast_at.empty()) vote.cast_at = started_at_;
  switch (import_vote(id_of(NameTable::Tool, vote.tool, where), vote)) {
    case VoteChange::Unchanged: ++counts_.unchanged; break;
    case VoteChange::Replaced: ++counts_.updated; break;
    case VoteChange::Added: ++counts_.votes; break;
  }
}

// The id of a named tool or persona, by name key, through a bounded cache.
std::int64_t Importer::id_of(NameTable table, const std::string& name, const std::string& where) {
  auto& names = table == NameTable::Tool ? tool_names_ : persona_names_;
  auto known = names.find(name);
  if (known != names.end()) return known->second;
  std::int64_t id = id_by_key(table, name, where);
  if (names.size() >= kMaxCachedNames) names.clear();  // memory stays flat
  names.emplace(name, id);
  return id;
}

std::int64_t Importer::id_by_key(NameTable table, const std::string& name, const std::string& where) {
  auto& cache = table == NameTable::Tool ? tool_ids_ : persona_ids_;
  std::string key = name_key(name);
  auto cached = cache.find(key);
  if (cached != cache.end()) return cached->second;
  std::optional<std::int64_t> id = stored_id(table, key);
  if (!id) {
    // Suggestions read every stored key: a file of many unknown names must
    // not hold the write lock for minutes, so only the first few get them.
    std::string hint;
    if (suggestions_left_ > 0) {
      --suggestions_left_;
      hint = did_you_mean(suggest_stored(store_, table, name, Removed::Include));
    }
    bool tool = table == NameTable::Tool;
    throw RecordError(fmt::format(
        "{}: no {} named '{}'{}{}", where, tool ? "tool" : "persona", sanitize_for_terminal(name),
        tool ? " in the database or earlier in the import" : "",
        !hint.empty() ? hint
        : tool        ? "; give a tool record before its reviews and votes"
                      : "; add it with 'toolcmp persona add' or a persona record"));
  }
  if (cache.size() >= kMaxCachedNames) {
    cache.clear();  // memory stays flat
    if (table == NameTable::Tool) tool_keys_complete_ = false;
  }
  cache[key] = *id;
  return *id;
}



}  // namespace toolcmp
