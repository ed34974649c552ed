// What an import knows without looking: the tools it added, and on a
// server (where each look-up is a round trip) every tool's key and, by
// hash, each review text and voter it wrote to the tools it added. A
// review or vote that certainly matches nothing stored is written unread;
// anything else is looked up.
#include <algorithm>
#include <functional>
#include <string_view>
#include <utility>

#include "toolcmp/app/import.h"
#include "toolcmp/store/name_index.h"

namespace toolcmp {

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
// (on a server) a voter not seen on it so far, folded as both back-ends
// fold voters (ASCII letters only: SQLite's NOCASE, lower() in "C").
bool Importer::first_vote(std::int64_t tool, const std::optional<std::string>& voter) {
  if (tool < first_new_tool_id_) return false;
  if (!voter) return true;
  if (!remote_) return false;
  std::string folded = *voter;
  for (char& c : folded) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return voters_.insert(std::hash<std::string>{}(folded) ^ static_cast<std::uint64_t>(tool) * 0x9E3779B97F4A7C15u);
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
