#include "cli/review_fields.h"

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <sys/stat.h>

#include <cerrno>
#include <cstring>
#include <fstream>

#include "toolcmp/base/error.h"
#include "toolcmp/base/io.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

// A date more than a day ahead would stay the current review for good.
void check_not_future(const std::string& at) {
  if (at > latest_allowed_date()) throw UsageError(dated_ahead_message("date", at, "give the date it was reviewed"));
}

}  // namespace

// A text (a review's, a decision's why) from a file, or from standard input for "-": at most the
// text limit is read, so /dev/zero or an endless pipe is refused, not
// read until memory runs out.
std::string read_text_file(Context& ctx, const std::string& path, const std::string& what) {
  std::string where = path == "-" ? "standard input" : "'" + sanitize_for_terminal(path) + "'";
  std::string text;
  if (path == "-") {
    text = read_bounded(ctx.in, kMaxTextBytes, what + " in standard input");
  } else {
    struct stat st {};
    if (::stat(path.c_str(), &st) == 0 && S_ISDIR(st.st_mode)) {
      throw Error(fmt::format("cannot read '{}': it is a directory", sanitize_for_terminal(path)));
    }
    std::ifstream file(path, std::ios::binary);
    if (!file) throw Error(fmt::format("cannot read '{}': {}", sanitize_for_terminal(path), std::strerror(errno)));
    text = read_bounded(file, kMaxTextBytes, what + " in " + where);
  }
  check_text(text, what + " in " + where, kMaxTextBytes);
  while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
  return text;
}

void ReviewFieldOptions::add_to(CLI::App& command) {
  verdict_option = command.add_option("--verdict", verdict, "ship or skip")->type_name("ship|skip");
  score_option = command.add_option("--score", score, "Score from 0 to 100")->type_name("N");
  text_option = command.add_option("--text", text, "The review itself")->type_name("T");
  file_option = command.add_option("--text-file", text_file, "Read the review from a file ('-' = stdin)")
                    ->type_name("FILE");
  text_option->excludes(file_option);
  at_option = command.add_option("--at", at, "When it was reviewed: YYYY-MM-DD or RFC 3339 (default: now)")
                  ->type_name("DATE");
}

bool ReviewFieldOptions::any_given() const {
  return verdict_option->count() || score_option->count() || text_option->count() || file_option->count() ||
         at_option->count();
}

void ReviewFieldOptions::read_files(Context& ctx) const {
  if (file_option->count() && !file_text_) file_text_ = read_text_file(ctx, text_file, "review text");
}

void ReviewFieldOptions::apply(Context& ctx, Review& review) const {
  if (verdict_option->count()) review.verdict = parse_verdict(verdict);
  if (score_option->count()) review.score = score.empty() ? std::nullopt : std::optional<int>(parse_score(score));
  if (file_option->count()) {
    read_files(ctx);
    review.text = *file_text_;
  } else if (text_option->count()) {
    check_text(text, "--text", kMaxTextBytes);
    review.text = text;
  }
  if (at_option->count()) {
    review.reviewed_at = parse_timestamp(at);
    check_not_future(review.reviewed_at);
  }
}

StoredReview load_review_or_fail(Store& store, std::int64_t id) {
  auto stored = store.panel().load_review(id);
  if (!stored) throw Error(fmt::format("no review has id {}; 'toolcmp history TOOL' shows the ids", id));
  return *stored;
}

std::string describe_review(const Review& review) {
  return fmt::format("review {} ({}'s of {}, {})", review.id, sanitize_for_terminal(review.persona),
                     sanitize_for_terminal(review.tool), review.reviewed_at.substr(0, 10));
}

}  // namespace toolcmp
