#include "cli/decision_fields.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "cli/choices.h"
#include "cli/review_fields.h"
#include "toolcmp/base/error.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

void DecisionFieldOptions::add_to(CLI::App& command, const std::vector<std::string>& statuses) {
  why_option = command.add_option("--why", why, "Why this one: the context and the reasons")->type_name("TEXT");
  file_option = command.add_option("--why-file", why_file, "Read the why from a file ('-' = stdin)")->type_name("FILE");
  why_option->excludes(file_option);
  by_option = command.add_option("--by", by, "Who decided (MADR's deciders)")->type_name("NAME");
  review_by_option = command.add_option("--review-by", review_by, "A date to look at it again: YYYY-MM-DD ('' for none)")
                         ->type_name("DATE");
  std::string names;
  for (const std::string& status : statuses) names += (names.empty() ? "" : "|") + status;
  status_option = command.add_option("--status", status, "The decision's status: " + names)
                      ->type_name(names)
                      ->check(CLI::IsMember(statuses));
}

bool DecisionFieldOptions::any_given() const {
  return why_option->count() + file_option->count() + by_option->count() + review_by_option->count() +
             status_option->count() > 0;
}

void DecisionFieldOptions::read_files(Context& ctx) const {
  if (file_option->count() && !file_text_) file_text_ = read_text_file(ctx, why_file, "the decision's why");
}

void DecisionFieldOptions::apply(Context& ctx, Decision& decision) const {
  if (why_option->count()) {
    check_text(why, "--why", kMaxTextBytes);
    decision.why = why;
  }
  if (file_option->count()) {
    read_files(ctx);
    decision.why = *file_text_;
  }
  if (by_option->count()) decision.by = by.empty() ? std::nullopt : std::optional<std::string>(check_name(by, "--by"));
  if (review_by_option->count()) {
    decision.review_by = review_by.empty() ? std::nullopt : std::optional<std::string>(parse_date(review_by));
    // A date already past would make the decision overdue the moment it is kept.
    if (decision.review_by && *decision.review_by < now_utc().substr(0, 10)) {
      throw UsageError(fmt::format("--review-by {} has passed; give a date from today on", *decision.review_by));
    }
  }
  if (status_option->count()) decision.status = parse_decision_status(status);
}

}  // namespace toolcmp
