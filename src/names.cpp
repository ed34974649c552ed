#include "toolcmp/names.h"

#include <algorithm>

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

std::string quoted_list(const std::vector<std::string>& names, const char* conjunction) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? fmt::format(" {} ", conjunction) : ", ";
    out += "'" + sanitize_for_terminal(names[i]) + "'";
  }
  return out;
}

}  // namespace

NamedRow resolve_name(Store& store, NameTable table, const std::string& given, Removed removed, Match match) {
  const char* what = table == NameTable::Tool ? "tool" : "persona";
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
  std::vector<std::string> names;
  for (const auto& row : keep(store.all_names(table), removed)) names.push_back(row.name);
  std::string hint = did_you_mean(suggest(given, names));
  if (hint.empty()) {
    hint = table == NameTable::Tool ? "; see 'toolcmp list', or add it with 'toolcmp add'"
                                    : "; see 'toolcmp persona list'";
  }
  throw Error(fmt::format("no {} named '{}'{}", what, sanitize_for_terminal(given), hint));
}

std::vector<std::string> suggest(const std::string& given, const std::vector<std::string>& candidates) {
  // Stored names are at most kMaxNameBytes: a longer key is close to none,
  // and so look-ups stay fast whatever is typed.
  if (given.size() > 4 * kMaxNameBytes) return {};
  std::string key = loose_key(given);
  if (key.empty() || key.size() > kMaxNameBytes) return {};
  int threshold = std::max<int>(1, static_cast<int>(key.size()) / 3);
  std::vector<std::pair<int, std::string>> scored;
  for (const auto& candidate : candidates) {
    std::string other = loose_key(candidate);
    bool contains = key.size() >= 3 && other.find(key) != std::string::npos;
    int distance = edit_distance(key, other, threshold);
    bool close = distance <= threshold;
    if (close || contains) scored.emplace_back(contains ? std::min(distance, 1) : distance, candidate);
  }
  std::stable_sort(scored.begin(), scored.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::string> result;
  for (std::size_t i = 0; i < scored.size() && i < 3; ++i) result.push_back(scored[i].second);
  return result;
}

std::string did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  return fmt::format("; did you mean {}?", quoted_list(suggestions, "or"));
}

}  // namespace toolcmp
