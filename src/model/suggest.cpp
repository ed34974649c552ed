#include "toolcmp/model/suggest.h"

#include <fmt/format.h>

namespace toolcmp {

std::string quoted_list(const std::vector<std::string>& names, const char* conjunction) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? fmt::format(" {} ", conjunction) : ", ";
    out += "'" + sanitize_for_terminal(names[i]) + "'";
  }
  return out;
}

std::vector<std::string> suggest(const std::string& given, const std::vector<std::string>& candidates) {
  NameScorer scorer(given);
  if (!scorer.usable()) return {};
  std::vector<std::pair<NameScorer::Rank, std::string>> best;
  for (const auto& candidate : candidates) scorer.offer(loose_key(candidate), candidate, best);
  std::vector<std::string> names;
  for (auto& [score, name] : best) names.push_back(std::move(name));
  return names;
}

std::string did_you_mean(const std::vector<std::string>& suggestions) {
  if (suggestions.empty()) return "";
  return fmt::format("; did you mean {}?", quoted_list(suggestions, "or"));
}

}  // namespace toolcmp
