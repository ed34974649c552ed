// Who wrote what, for the write commands: the check before changing
// another author's review or vote, and the audit table's rows.
#pragma once

#include <optional>
#include <string>

#include "toolcmp/formats/json.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

class Store;

// Before changing what owner wrote (what: "review 42"): when owner is
// another author, an Error naming both unless force; true when the change
// is another author's work (the log marks it forced). A row written before
// toolcmp kept authors (owner absent) is anyone's.
bool check_author(Store& store, const std::optional<std::string>& owner, bool force, const std::string& what);
// The same for a review, where the panel may let only its author change it
// (Store::authors_only: its login, not --author): then force cannot.
bool check_review_author(Store& store, const std::optional<std::string>& owner, bool force, const std::string& what);

// One audit row: command, subject, forced, and the row before and after
// (null: added or removed), written inside the command's transaction.
void record_change(Store& store, const char* command, const std::string& subject, const Json& before,
                   const Json& after, bool forced = false);

// "review 42 (SmolLM3 · Builder)", as the log names a review.
std::string review_subject(std::int64_t id, const Review& review);

}  // namespace toolcmp
