// What an import knows without looking: the tools it added, and on a
// server (where each look-up is a round trip) every tool's key and, by
// hash, each review text and voter it wrote to the tools it added. A
// review or vote that certainly matches nothing stored is written unread;
// anything else is looked up.
#include <algorithm>
#include <functional>
#include <iterator>
#include <string_view>
#include <tuple>
#include <utility>

#include "toolcmp/app/import.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/name_index.h"
#include "toolcmp/store/panel_reads.h"

namespace toolcmp {

namespace {

// At most this many named votes are kept.
constexpr std::size_t kMaxKnownVotes = 300000;

// A named vote's key: its tool and its voter folded (ascii_lower).
std::string vote_key(std::int64_t tool, std::string_view voter) {
  return std::to_string(tool) + '\x1f' + ascii_lower(voter);
}

}  // namespace

// The persona's reviews of the tool with this text, as
// BatchImport::same_text_reviews gives them: on a server, for a tool that
// was there before the import, from its reviews read once.
BatchImport::SameText Importer::same_text(std::int64_t tool, std::int64_t persona, const std::string& text) {
  const HeldReviews* held = nullptr;
  if (remote_ && tool < first_new_tool_id_) held = stored_reviews_.reviews(store_.batch(), tool, first_new_tool_id_);
  if (!held) return store_.batch().same_text_reviews(tool, persona, text, rows_);
  // The pair's current review: written last, then recorded last, then the highest id.
  const HeldReviews::Row* current = nullptr;
  auto order = [&](const HeldReviews::Row& r) { return std::make_tuple(held->reviewed_at(r), held->recorded_at(r), r.id); };
  for (const HeldReviews::Row& row : held->rows()) {
    if (row.persona_id == persona && (!current || order(row) > order(*current))) current = &row;
  }
  BatchImport::SameText found;
  for (const HeldReviews::Row& row : held->rows()) {
    if (row.persona_id != persona || held->text(row) != text) continue;
    if (found.count == rows_.size()) rows_.emplace_back();
    Review& out = rows_[found.count];
    out.id = row.id;
    out.score = row.score;
    out.verdict = row.verdict;
    out.reviewed_at.assign(held->reviewed_at(row));
    if (std::optional<std::string_view> source = held->source(row)) {
      out.source.emplace(*source);
    } else {
      out.source.reset();
    }
    out.also_from.clear();
    if (&row == current) found.current = found.count;
    ++found.count;
  }
  return found;
}

// A tool that was there before the import, as the store has it now.
Tool Importer::known_tool(std::int64_t id) {
  // As for the reviews (ToolReviewCache): past so many read one by one,
  // the rest at once, up to kMaxHeldTools.
  constexpr std::size_t kMaxHeldTools = 50000;
  if (remote_ && !tools_read_all_ && ToolReviewCache::time_to_read_all(++tool_reads_, first_new_tool_id_)) {
    store_.batch().load_tools(first_new_tool_id_, kMaxHeldTools, held_tools_);
    tools_read_all_ = true;
  }
  auto held = held_tools_.find(id);
  if (held == held_tools_.end()) return store_.panel().load_tool(id);
  Tool tool = std::move(held->second);
  held_tools_.erase(held);
  return tool;
}

void HeldReviews::add(const BatchImport::StoredReviewView& row) {
  Row held{row.persona_id, row.id, row.score, row.verdict, bytes_.size(), row.text.size(),
           row.reviewed_at.size(), row.recorded_at.size(), row.source ? row.source->size() : 0, row.source.has_value()};
  bytes_.append(row.text).append(row.reviewed_at).append(row.recorded_at);
  if (row.source) bytes_.append(*row.source);
  rows_.push_back(held);
}

const HeldReviews* ToolReviewCache::reviews(BatchImport batch, std::int64_t tool, std::int64_t below_id) {
  auto held = held_.find(tool);
  if (held != held_.end()) return &held->second;
  if (looked_up_.count(tool)) return nullptr;
  if (covered_below_ == 0 && time_to_read_all(++reads_, below_id)) {
    read_all(batch, below_id);
    return reviews(batch, tool, below_id);
  }
  HeldReviews rows;
  if (tool >= covered_below_ &&
      !batch.tool_reviews(tool, kMaxPerTool, [&](const BatchImport::StoredReviewView& row) { rows.add(row); })) {
    looked_up_.insert(tool);
    return nullptr;
  }
  hold(tool, std::move(rows));  // (below covered_below_: none, or read_all would hold them)
  keep_within_bounds();
  held = held_.find(tool);
  return held == held_.end() ? nullptr : &held->second;
}

void ToolReviewCache::hold(std::int64_t tool, HeldReviews reviews) {
  bytes_ += reviews.size_in_bytes();
  count_ += reviews.rows().size();
  held_.emplace(tool, std::move(reviews));
  order_.push_back(tool);
}

// Every tool's reviews in one statement, tool by tool, up to the bounds;
// the tools held or let go already are left as they are.
void ToolReviewCache::read_all(BatchImport batch, std::int64_t below_id) {
  std::int64_t current = 0, stopped_at = 0;
  bool skip = true;
  HeldReviews rows;  // the current tool's, its buffers kept for the next
  auto done_with_current = [&] {
    if (!skip) hold(current, rows);  // a copy at its size: growing had left room unused
    rows.clear();
  };
  batch.reviews_below(below_id, [&](std::int64_t tool, const BatchImport::StoredReviewView& row) {
    if (tool != current) {
      done_with_current();
      current = tool;
      skip = held_.count(tool) != 0 || looked_up_.count(tool) != 0;
    }
    if (skip) return true;
    if (rows.rows().size() == kMaxPerTool) {  // as tool_reviews: looked up record by record
      looked_up_.insert(tool);
      skip = true;
      return true;
    }
    rows.add(row);
    if (count_ + rows.rows().size() > kMaxHeld || bytes_ + rows.size_in_bytes() > kMaxBytes) {
      skip = true;  // this tool, and every one after it, read one at a time
      stopped_at = tool;
      return false;
    }
    return true;
  });
  done_with_current();
  covered_below_ = stopped_at != 0 ? stopped_at : below_id;
}

void ToolReviewCache::inserted(std::int64_t tool, std::int64_t persona, const Review& review) {
  auto held = held_.find(tool);
  if (held == held_.end()) return;
  std::size_t before = held->second.size_in_bytes();
  BatchImport::StoredReviewView row{persona, review.id, review.score, review.verdict, review.text,
                                    review.reviewed_at, review.recorded_at, std::nullopt};
  if (review.source) row.source = *review.source;
  held->second.add(row);
  ++count_;
  bytes_ += held->second.size_in_bytes() - before;
  if (held->second.rows().size() > kMaxPerTool) {
    let_go(tool);
  } else {
    keep_within_bounds();
  }
}

void ToolReviewCache::changed(std::int64_t tool) { let_go(tool); }

// The tools read longest ago go first, down to the bounds.
void ToolReviewCache::keep_within_bounds() {
  while ((count_ > kMaxHeld || bytes_ > kMaxBytes) && next_out_ < order_.size()) let_go(order_[next_out_++]);
}

void ToolReviewCache::let_go(std::int64_t tool) {
  looked_up_.insert(tool);
  auto held = held_.find(tool);
  if (held == held_.end()) return;
  count_ -= held->second.rows().size();
  bytes_ -= held->second.size_in_bytes();
  held_.erase(held);
}

// A vote through the store, unless (on a server, every named vote known)
// what is known says it changes nothing or that the voter has none there.
VoteChange Importer::import_vote(std::int64_t tool, const Vote& vote) {
  if (vote.voter && remote_ && votes_ == VotesKnown::NotRead) {
    // Room made at once: grown vote by vote, it moved every entry again at each doubling.
    auto expect = [&](std::size_t count) { known_votes_.reserve(count); };
    votes_ = store_.batch().each_named_vote(kMaxKnownVotes, expect, [&](std::int64_t id, std::string_view voter,
                                                                std::string_view verdict, std::string_view cast_at) {
      known_votes_.insert_or_assign(vote_key(id, voter), KnownVote{std::string(verdict), std::string(cast_at)});
    }) ? VotesKnown::All : VotesKnown::Not;
    if (votes_ == VotesKnown::Not) known_votes_.clear();
  }
  bool added_tool = tool >= first_new_tool_id_;
  auto none = added_tool ? BatchImport::Known::NoVoteBulk : BatchImport::Known::NoVote;
  if (!vote.voter || votes_ != VotesKnown::All) {
    return store_.batch().import_vote(tool, vote, first_new_vote_id_,
                                      first_vote(tool, vote.voter) ? none : BatchImport::Known::Nothing);
  }
  first_vote(tool, vote.voter);  // noted there too, for when these stop being kept
  std::string key = vote_key(tool, *vote.voter);
  const char* verdict = verdict_name(vote.verdict);
  auto known = known_votes_.find(key);
  // As PanelEdits::import_named_vote decides: only a later vote with another verdict replaces one.
  if (known != known_votes_.end() && (known->second.verdict == verdict || known->second.cast_at > vote.cast_at)) {
    return VoteChange::Unchanged;
  }
  VoteChange change = store_.batch().import_vote(tool, vote, first_new_vote_id_,
                                                 known == known_votes_.end() ? none : BatchImport::Known::Nothing);
  if (known_votes_.size() >= kMaxKnownVotes) {
    known_votes_.clear();  // memory stays bounded; the rest are looked up
    votes_ = VotesKnown::Not;
  } else {
    known_votes_[key] = {verdict, vote.cast_at};
  }
  return change;
}

// Whether this is the persona's first review of a tool this import added
// (then there is nothing to match it against, and no need to look); notes
// that it has come. A bit per persona per new tool: 8 bytes a tool.
bool Importer::first_of_new_tool(std::int64_t tool, std::int64_t persona) {
  constexpr std::int64_t kMaxTracked = 2000000;
  if (tool < first_new_tool_id_ || tool - first_new_tool_id_ >= kMaxTracked || persona < 0 || persona >= 64) return false;
  auto index = static_cast<std::size_t>(tool - first_new_tool_id_);
  if (index >= new_tools_.size()) new_tools_.resize(std::max(index + 1, new_tools_.size() * 2), 0);
  std::uint64_t bit = std::uint64_t{1} << persona;
  bool first = (new_tools_[index] & bit) == 0;
  new_tools_[index] |= bit;
  return first;
}

// Whether the persona has certainly no review of the tool with this text:
// the tool is one this import added, and (on a server, by hash) no review
// of the import so far had it, or (else) this is the persona's first. Notes
// that it has come.
bool Importer::nothing_to_match(std::int64_t tool, std::int64_t persona, const std::string& text) {
  if (tool < first_new_tool_id_) return false;
  if (!remote_) return first_of_new_tool(tool, persona);
  std::uint64_t hash = std::hash<std::string_view>{}(text);
  hash ^= static_cast<std::uint64_t>(tool) * 0x9E3779B97F4A7C15u + static_cast<std::uint64_t>(persona) * 0xC2B2AE3D27D4EB4Fu;
  return texts_.insert(hash);
}

// Whether the tool certainly holds no vote of this voter: one this import
// added, and the vote anonymous (none from before the import to match) or
// (on a server) a voter not seen on it so far, folded.
bool Importer::first_vote(std::int64_t tool, const std::optional<std::string>& voter) {
  if (tool < first_new_tool_id_) return false;
  if (!voter) return true;
  if (!remote_) return false;
  return voters_.insert(std::hash<std::string>{}(ascii_lower(*voter)) ^ static_cast<std::uint64_t>(tool) * 0x9E3779B97F4A7C15u);
}

bool SeenHashes::insert(std::uint64_t hash) {
  if (full_) return false;
  if (hash == 0) hash = 1;  // 0 marks an empty slot
  if ((size_ + 1) * 2 > slots_.size()) {
    if (size_ >= capacity_) {
      full_ = true;
      slots_ = {};
      return false;
    }
    std::size_t grown = std::max<std::size_t>(1024, slots_.size() * 2);
    std::vector<std::uint64_t> old = std::exchange(slots_, std::vector<std::uint64_t>(grown));
    size_ = 0;
    for (std::uint64_t kept : old) {
      if (kept != 0) insert(kept);
    }
  }
  std::size_t mask = slots_.size() - 1;
  for (std::size_t at = hash & mask;; at = (at + 1) & mask) {
    if (slots_[at] == hash) return false;
    if (slots_[at] == 0) {
      slots_[at] = hash;
      ++size_;
      return true;
    }
  }
}

// By key: the import's own, else the database's; with every tool's key
// known (tool_keys_complete_), a tool not there is not in the database.
std::optional<std::int64_t> Importer::stored_id(NameTable table, const std::string& key) {
  auto& cache = table == NameTable::Tool ? tool_ids_ : persona_ids_;
  auto cached = cache.find(key);
  if (cached != cache.end()) return cached->second;
  if (table == NameTable::Tool && tool_keys_complete_) return std::nullopt;
  return store_.names().id_by_key(table, key);
}

}  // namespace toolcmp
