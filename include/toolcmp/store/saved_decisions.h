// Decisions kept (decide, compare --save). A decision's options come with
// it, each with its tool's name today; its snapshot only when asked for.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "toolcmp/store/store.h"

namespace toolcmp {

class SavedDecisions : StoreView {
 public:
  explicit SavedDecisions(Store& store) : StoreView(store) {}

  std::int64_t insert_decision(const Decision& decision);
  std::optional<Decision> load_decision(std::int64_t id, bool with_snapshot = true);
  // In the order decided, filtered by status and by a tool they weighed; streamed.
  void each_decision(const std::optional<DecisionStatus>& status, const std::optional<std::int64_t>& tool_id,
                     bool with_snapshot, const std::function<void(Decision)>& visit);
  void update_decision(const Decision& decision);  // title, status, why, by, review-by, superseded-by, updated_at
  void delete_decision(std::int64_t id);
  std::int64_t count_decisions(DecisionStatus status);
  std::vector<std::string> decisions_naming(std::int64_t tool_id);  // titles, for rm's question

 private:
  void read_options(Decision& decision);
};

inline SavedDecisions Store::decisions() { return SavedDecisions(*this); }

}  // namespace toolcmp
