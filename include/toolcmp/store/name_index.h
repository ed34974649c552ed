// Finding tools, personas and decisions by name: the look-ups names.h
// builds on, and the ones completion and import make.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "toolcmp/store/store.h"

namespace toolcmp {

enum class NameTable { Tool, Persona, Decision };

struct NamedRow {
  std::int64_t id = 0;
  std::string name;
  bool removed = false;  // personas only
};

class NameIndex : StoreView {
 public:
  explicit NameIndex(Store& store) : StoreView(store) {}

  // From strict to forgiving; see names.h.
  std::vector<NamedRow> find_by_key(NameTable table, const std::string& key);
  std::vector<NamedRow> find_by_loose_key(NameTable table, const std::string& loose_key);
  std::vector<NamedRow> all_names(NameTable table);
  // Every row's loose key: tools in loose-key order, read from index
  // tool_loose_key alone (no row is read); personas in panel order.
  void each_loose_key(NameTable table, bool include_removed,
                      const std::function<void(std::int64_t, std::string_view)>& visit);
  std::string name_of(NameTable table, std::int64_t id);
  // The id under this exact key, prepared once: import looks up many.
  std::optional<std::int64_t> id_by_key(NameTable table, const std::string& key);
  std::vector<std::string> categories();  // distinct, sorted
  // Tool names whose key starts with key_prefix, in key order, straight
  // from index tool_names: shell completion on a large database.
  void each_tool_name(const std::string& key_prefix, const std::function<void(const std::string&)>& visit);
};

inline NameIndex Store::names() { return NameIndex(*this); }

}  // namespace toolcmp
