// The options decide and decision edit share: why (or a file holding it),
// who decided, the review-by date and the status.
#pragma once

#include <optional>
#include <string>

#include "cli/command.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

struct DecisionFieldOptions {
  std::string why, why_file, by, review_by, status;
  CLI::Option *why_option = nullptr, *file_option = nullptr, *by_option = nullptr, *review_by_option = nullptr,
              *status_option = nullptr;

  // statuses: what --status may say (decide: proposed or accepted; edit: any).
  void add_to(CLI::App& command, const std::vector<std::string>& statuses);
  bool any_given() const;
  // Sets on decision the fields that were given; '' clears --by and --review-by.
  // Reads --why-file now: call it before the database is opened, so a
  // FIFO or a person typing at '-' holds no lock. apply uses what it read.
  void read_files(Context& ctx) const;
  void apply(Context& ctx, Decision& decision) const;

 private:
  mutable std::optional<std::string> file_text_;
};

}  // namespace toolcmp
