// Editing a panel: tools, personas, reviews and votes, one at a time,
// inside a Store::write.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "toolcmp/store/store.h"

namespace toolcmp {

enum class VoteChange { Added, Replaced, Unchanged };

class PanelEdits : StoreView {
 public:
  explicit PanelEdits(Store& store) : StoreView(store) {}

  // Tools.
  std::int64_t insert_tool(const Tool& tool, const std::string& now);
  void update_tool(const Tool& tool, const std::string& now);
  void delete_tool(std::int64_t id);

  // Personas.
  std::int64_t insert_persona(const Persona& persona);
  void update_persona(const Persona& persona);
  void revive_persona(const Persona& persona);
  void remove_persona(std::int64_t id, const std::string& now);

  // Reviews; insert_review returns the new review's id.
  std::int64_t insert_review(std::int64_t tool_id, std::int64_t persona_id, const Review& review);
  void update_review(std::int64_t id, const Review& review);
  bool delete_review(std::int64_t id);  // false: no row went (row-level security let none)

  // Votes. A named voter (matched ignoring ASCII case) has one vote per
  // tool: voting again replaces it. Anonymous votes add up. before: the
  // named voter's vote as read after lock_named_vote (none: there is none),
  // so that it is not looked up twice.
  VoteChange cast_vote(std::int64_t tool_id, Verdict verdict, const std::optional<std::string>& voter,
                       const std::string& now, const std::optional<Vote>& before);
  // In a Rows write, before a named vote is read: two writers of the same
  // voter's vote on a tool (ASCII case folded) take turns.
  void lock_named_vote(std::int64_t tool_id, std::string_view voter);
  // A vote from an import: a named voter's vote changes only for one cast
  // later with another verdict. author: who cast it, else the store's.
  VoteChange import_named_vote(std::int64_t tool_id, const std::string& verdict,
                               const std::optional<std::string>& voter, const std::string& cast_at,
                               const std::optional<std::string>& author);
  // A new vote row, for a caller that knows the voter has none there
  // (cast_vote, import_named_vote, and an import that knows it).
  void insert_vote(std::int64_t tool_id, const std::string& verdict, const std::optional<std::string>& voter,
                   const std::string& cast_at, const std::string& author);
  // A named voter's vote (ignoring ASCII case), or without a voter the
  // latest anonymous vote; false when there is none.
  bool remove_vote(std::int64_t tool_id, const std::optional<std::string>& voter);

  // A row of the audit table: entry's command, subject, forced, before and
  // after; its time, login and author are the store's, now.
  void record_change(const AuditEntry& entry);

 private:
  void write_attributes(std::int64_t tool_id, const Attributes& attributes, bool replace);
};

inline PanelEdits Store::edits() { return PanelEdits(*this); }

}  // namespace toolcmp
