// Reviews an import finds again: a repeat of the current review from
// another source adds that source and the score or verdict it lacked,
// never taking one away; on a panel with row security, only for its author.
#include <fmt/format.h>

#include <algorithm>

#include "toolcmp/app/import.h"
#include "toolcmp/base/text.h"
#include "toolcmp/store/batch_import.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

// A review that repeats the current one (same text, written at the same
// time or undated, no figure that disagrees) from another source
// is the same review found again: it adds its source and the score or
// verdict the current one lacks, and never takes one away. So pages that
// quote the same reviewers, some with scores and some without, give the
// same panel in whatever order they are imported.
bool Importer::merge_repeat(const Review& review, Review& current, bool dated) {
  if (dated && current.reviewed_at != review.reviewed_at) return false;
  auto agrees = [](const auto& a, const auto& b) { return !a || !b || *a == *b; };
  if (!agrees(current.score, review.score) || !agrees(current.verdict, review.verdict)) return false;
  // The same row from the same source is left to equal_reviews: k equal
  // rows in an export stay k (history that differs only in id).
  if (current.score == review.score && current.verdict == review.verdict) {
    if (current.source == review.source) return false;
    store_.panel().read_sources(current);
    if (current.source == review.source ||
        (review.source && std::count(current.also_from.begin(), current.also_from.end(), *review.source))) {
      return false;
    }
  }
  ++(merge_into(current, review) ? counts_.updated : counts_.unchanged);
  return true;
}

// On a panel with setup-roles --row-security only a review's author (or
// anyone, for a review without one) may change it: the server would
// refuse another role's fill with a bare policy error, so the import stops
// first and says whose review it is.
void Importer::refuse_another_authors(std::int64_t id) {
  std::optional<StoredReview> stored = store_.panel().load_review(id);
  if (!stored || !stored->review.author || *stored->review.author == store_.login()) return;
  const std::string& author = *stored->review.author;
  throw Error(fmt::format("this review repeats review {}, written by {}, and gives the score or verdict it lacks; on "
                          "this panel only a review's author may change it (row-level security), and you are "
                          "connected as {}: nothing was imported (import the file as {}, or leave the figure out)",
                          id, sanitize_for_terminal(author), sanitize_for_terminal(store_.login()),
                          sanitize_for_terminal(author)));
}

// A review found again (current, as stored): the score or verdict it
// lacked, its source and its other sources (an exported also_from).
bool Importer::merge_into(const Review& current, const Review& review) {
  bool fills = (!current.score && review.score) || (!current.verdict && review.verdict);
  if (fills && store_.authors_only()) refuse_another_authors(current.id);
  bool changed = fills && store_.batch().fill_review(current.id, review);
  if (review.source) changed = store_.batch().add_review_source(current.id, *review.source) || changed;
  return add_sources(current.id, review) || changed;
}

// The review's other sources (an exported also_from) on review id.
bool Importer::add_sources(std::int64_t id, const Review& review) {
  bool changed = false;
  for (const std::string& source : review.also_from) changed = store_.batch().add_review_source(id, source) || changed;
  return changed;
}

}  // namespace toolcmp
