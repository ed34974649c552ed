// Who wrote what (authorship.h).
#include "cli/authorship.h"

#include <fmt/format.h>

#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"
#include "toolcmp/store/panel_edits.h"

namespace toolcmp {

bool check_author(Store& store, const std::optional<std::string>& owner, bool force, const std::string& what) {
  if (!owner || *owner == store.author()) return false;
  if (!force) {
    throw Error(fmt::format("{} was written by {}, and you write as {}; nothing was changed (add --force to change "
                            "another author's work: the log records it)",
                            sanitize_for_terminal(what), sanitize_for_terminal(*owner),
                            sanitize_for_terminal(store.author())));
  }
  return true;
}

bool check_review_author(Store& store, const std::optional<std::string>& owner, bool force, const std::string& what) {
  if (owner && store.authors_only() && *owner != store.login()) {
    throw Error(fmt::format("{} was written by {}, and you are connected as {}; on this panel only a review's author "
                            "may change or remove it (row-level security, setup-roles --row-security), so --force "
                            "cannot; nothing was changed",
                            sanitize_for_terminal(what), sanitize_for_terminal(*owner),
                            sanitize_for_terminal(store.login())));
  }
  return check_author(store, owner, force, what);
}

void record_change(Store& store, const char* command, const std::string& subject, const Json& before,
                   const Json& after, bool forced) {
  AuditEntry entry;
  entry.command = command;
  entry.subject = subject;
  entry.forced = forced;
  auto line = [](const Json& json) {
    std::string text = dump_json_line(json);
    text.pop_back();  // its newline
    return text;
  };
  if (!before.is_null()) entry.before = line(before);
  if (!after.is_null()) entry.after = line(after);
  store.edits().record_change(entry);
}

std::string review_subject(std::int64_t id, const Review& review) {
  return fmt::format("review {} ({} · {})", id, review.tool, review.persona);
}

}  // namespace toolcmp
