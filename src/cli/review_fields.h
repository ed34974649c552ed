// The options review and review edit share: verdict, score, text or a
// text file, and the date; and a review found by its id, for review
// edit and review rm.
#pragma once

#include <optional>
#include <string>

#include "cli/command.h"
#include "toolcmp/model/model.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

struct ReviewFieldOptions {
  std::string verdict, score, text, text_file, at;
  CLI::Option *verdict_option = nullptr, *score_option = nullptr, *text_option = nullptr,
              *file_option = nullptr, *at_option = nullptr;

  void add_to(CLI::App& command);
  bool any_given() const;
  // Sets on review the fields that were given; --score '' clears the
  // score, --text '' the text.
  // Reads --text-file now: call it before the database is opened, so a
  // FIFO or a person typing at '-' holds no lock. apply uses what it read.
  void read_files(Context& ctx) const;
  void apply(Context& ctx, Review& review) const;

 private:
  mutable std::optional<std::string> file_text_;
};

// A text read from a file, or standard input for "-": bounded, checked,
// trailing newlines dropped. what: "review text", "decision's why".
std::string read_text_file(Context& ctx, const std::string& path, const std::string& what);

// The review with this id, or an Error that says where ids are shown.
StoredReview load_review_or_fail(Store& store, std::int64_t id);
// "review 42 (Skeptic's of SmolLM3, 2026-11-02)", safe to print.
std::string describe_review(const Review& review);

}  // namespace toolcmp
