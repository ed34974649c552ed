// The loader's name look-up: a name as typed to its row, forgiving or
// exact, with did-you-mean from the stored loose keys.
#include "toolcmp/names.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "toolcmp/error.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

namespace {

std::vector<NamedRow> keep(std::vector<NamedRow> rows, Removed removed) {
  if (removed == Removed::Include) return rows;
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const NamedRow& r) { return r.removed; }), rows.end());
  return rows;
}

// Scores candidates against what was typed, by their loose keys: close
// in edits (a third of the key's length), or containing it.
class Scorer {
 public:
  explicit Scorer(const std::string& given) {
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

}  // namespace

std::string quoted_list(const std::vector<std::string>& names, const char* conjunction) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? fmt::format(" {} ", conjunction) : ", ";
    out += "'" + sanitize_for_terminal(names[i]) + "'";
  }
  return out;
}

NamedRow resolve_name(Store& store, NameTable table, const std::string& given, Removed removed, Match match) {
  const char* what = table == NameTable::Tool ? "tool" : table == NameTable::Decision ? "decision" : "persona";
  // Keys are unique, so the key finds the exact name too.
  std::vector<NamedRow> by_key = keep(store.find_by_key(table, name_key(given)), removed);
  if (by_key.size() == 1) return by_key.front();
  std::string loose = loose_key(given);
  std::vector<NamedRow> rows = loose.empty() ? std::vector<NamedRow>{}
                                             : keep(store.find_by_loose_key(table, loose), removed);
  if (match == Match::Exact && !rows.empty()) {
    std::vector<std::string> names;
    for (const auto& row : rows) names.push_back(row.name);
    throw Error(fmt::format("no {} is named exactly '{}'; did you mean {}? This command changes or removes data, "
                            "so it takes the full name (any case)",
                            what, sanitize_for_terminal(given), quoted_list(names, "or")));
  }
  if (rows.size() == 1) return rows.front();
  if (rows.size() > 1) {
    std::vector<std::string> names;
    for (const auto& row : rows) names.push_back(row.name);
    throw Error(fmt::format("{} '{}' could be {}; give the full name", what, sanitize_for_terminal(given),
                            quoted_list(names, "or")));
  }
  std::string hint = did_you_mean(suggest_stored(store, table, given, removed));
  if (hint.empty()) {
    hint = table == NameTable::Tool       ? "; see 'toolcmp list', or add it with 'toolcmp add'"
           : table == NameTable::Decision ? "; see 'toolcmp decision list'"
                                          : "; see 'toolcmp persona list'";
  }
  throw Error(fmt::format("no {} named '{}'{}", what, sanitize_for_terminal(given), hint));
}

std::vector<std::string> suggest(const std::string& given, const std::vector<std::string>& candidates) {
  Scorer scorer(given);
  if (!scorer.usable()) return {};
  std::vector<std::pair<Scorer::Rank, std::string>> best;
  for (const auto& candidate : candidates) scorer.offer(loose_key(candidate), candidate, best);
  std::vector<std::string> names;
  for (auto& [score, name] : best) names.push_back(std::move(name));
  return names;
}

// Suggestions for a name not found, from the loose keys the store keeps:
// nothing is folded again and only the three names shown are read.
std::vector<std::string> suggest_stored(Store& store, NameTable table, const std::string& given, Removed removed) {
  Scorer scorer(given);
  if (!scorer.usable()) return {};
  std::vector<std::pair<Scorer::Rank, std::int64_t>> best;
  store.each_loose_key(table, removed == Removed::Include,
                       [&](std::int64_t id, std::string_view key) { scorer.offer(key, id, best); });
  std::vector<std::string> names;
  for (const auto& [score, id] : best) names.push_back(store.name_of(table, id));
  return names;
}

std::string did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  return fmt::format("; did you mean {}?", quoted_list(suggestions, "or"));
}

}  // namespace toolcmp
