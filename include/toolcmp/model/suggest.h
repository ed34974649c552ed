// "Did you mean": the names closest to a mistyped one, from any list of
// candidates (commands, fields, categories) or, through names.h, from the
// names a store keeps. Below the store: the record readers use it too.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

// Scores candidates against what was typed, by their loose keys: close
// in edits (a third of the key's length), or containing it.
class NameScorer {
 public:
  explicit NameScorer(const std::string& given) {
    // Stored names are at most kMaxNameBytes: a longer key is close to
    // none, and so look-ups stay fast whatever is typed.
    if (given.size() > 4 * kMaxNameBytes) return;
    key_ = loose_key(given);
    if (key_.size() > kMaxNameBytes) key_.clear();
    threshold_ = std::max<int>(1, static_cast<int>(key_.size()) / 3);
  }
  bool usable() const { return !key_.empty(); }
  // Lower is closer; none when too far.
  std::optional<int> score(std::string_view other, int limit) const {
    bool contains = key_.size() >= 3 && other.find(key_) != std::string_view::npos;
    int distance = edit_distance(key_, other, limit);
    if (contains) return std::min(distance, 1);
    if (distance <= limit) return distance;
    return std::nullopt;
  }

  // Offers a candidate to the three closest so far: fewest edits, then
  // nearest in length, then first offered. Once three are held, only a
  // closer one can enter, so the edit distance stops sooner: a look-up
  // among 100,000 names stays far under the 50 ms a prompt can spare.
  using Rank = std::pair<int, std::size_t>;
  template <typename T>
  void offer(std::string_view other, T value, std::vector<std::pair<Rank, T>>& best) const {
    // A tie in edits enters only nearer in length, and none is nearer than 0.
    int limit = best.size() < 3 ? threshold_ : best.back().first.first - (best.back().first.second == 0 ? 1 : 0);
    if (limit < 0) return;
    auto score = this->score(other, limit);
    if (!score) return;
    Rank rank{*score, other.size() > key_.size() ? other.size() - key_.size() : key_.size() - other.size()};
    if (best.size() == 3 && !(rank < best.back().first)) return;
    auto at = std::upper_bound(best.begin(), best.end(), rank, [](const Rank& r, const auto& held) { return r < held.first; });
    best.insert(at, {rank, std::move(value)});
    if (best.size() > 3) best.pop_back();
  }

 private:
  std::string key_;
  int threshold_ = 0;
};

// Up to three candidates close to given, closest first.
std::vector<std::string> suggest(const std::string& given, const std::vector<std::string>& candidates);

// "'a', 'b' and 'c'", each sanitized for the terminal.
std::string quoted_list(const std::vector<std::string>& names, const char* conjunction);

// "; did you mean 'a' or 'b'?" or "" when there is nothing close.
std::string did_you_mean(const std::vector<std::string>& suggestions);

}  // namespace toolcmp
