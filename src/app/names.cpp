// The loader's name look-up: a name as typed to its row, forgiving or
// exact, with did-you-mean from the stored loose keys.
#include "toolcmp/app/names.h"

#include <algorithm>
#include <optional>
#include <string_view>

#include <fmt/format.h>

#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"
#include "toolcmp/store/name_index.h"

namespace toolcmp {

namespace {

std::vector<NamedRow> keep(std::vector<NamedRow> rows, Removed removed) {
  if (removed == Removed::Include) return rows;
  rows.erase(std::remove_if(rows.begin(), rows.end(), [](const NamedRow& r) { return r.removed; }), rows.end());
  return rows;
}


}  // namespace

NamedRow resolve_name(Store& store, NameTable table, const std::string& given, Removed removed, Match match) {
  const char* what = table == NameTable::Tool ? "tool" : table == NameTable::Decision ? "decision" : "persona";
  // Keys are unique, so the key finds the exact name too.
  std::vector<NamedRow> by_key = keep(store.names().find_by_key(table, name_key(given)), removed);
  if (by_key.size() == 1) return by_key.front();
  std::string loose = loose_key(given);
  std::vector<NamedRow> rows = loose.empty() ? std::vector<NamedRow>{}
                                             : keep(store.names().find_by_loose_key(table, loose), removed);
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

// Suggestions for a name not found, from the loose keys the store keeps:
// nothing is folded again and only the three names shown are read.
std::vector<std::string> suggest_stored(Store& store, NameTable table, const std::string& given, Removed removed) {
  NameScorer scorer(given);
  if (!scorer.usable()) return {};
  std::vector<std::pair<NameScorer::Rank, std::int64_t>> best;
  store.names().each_loose_key(table, removed == Removed::Include,
                       [&](std::int64_t id, std::string_view key) { scorer.offer(key, id, best); });
  std::vector<std::string> names;
  for (const auto& [score, id] : best) names.push_back(store.names().name_of(table, id));
  return names;
}

}  // namespace toolcmp
