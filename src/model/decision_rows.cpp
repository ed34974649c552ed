#include "toolcmp/model/decision_rows.h"

#include <algorithm>

namespace toolcmp {

const Review* review_by(const ToolReport& report, const std::string& persona) {
  for (const Review& review : report.reviews) {
    if (review.persona == persona) return &review;
  }
  return nullptr;
}

std::vector<std::string> attribute_keys(const std::vector<const ToolReport*>& tools) {
  std::vector<std::string> keys;
  for (const ToolReport* report : tools) {
    for (const auto& [key, value] : report->tool.attributes) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  std::sort(keys.begin(), keys.end());
  return keys;
}

const std::string* attribute_value(const Tool& tool, const std::string& key) {
  for (const auto& [k, value] : tool.attributes) {
    if (k == key) return &value;
  }
  return nullptr;
}

}  // namespace toolcmp
