// The decision arithmetic: pure functions of the model, no store, no I/O.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "toolcmp/model.h"

namespace toolcmp {

// From current reviews: verdict by majority (Split on a tie), ship % of
// verdicts, persona-weighted mean of scores rounded to one decimal.
PanelSummary summarize_panel(const std::vector<Review>& current_reviews);
CommunitySummary summarize_votes(const VoteTally& tally);
// The panel ship % falls back to the tool's published figure when no
// current review has a verdict.
ToolReport make_report(Tool tool, std::vector<Review> current_reviews, const VoteTally& tally);

// Which figure decided between two tools.
enum class DecidedBy { PanelShip, MeanScore, CommunityShip, Nothing };

// The three figures a decision orders by, apart from the rest of a report,
// so that a ranking of many tools need not keep their reports.
struct RankKey {
  std::optional<double> panel_ship, mean_score, community_ship;
};
RankKey rank_key(const ToolReport& report);
RankKey rank_key(const ToolLine& line);

// The one decision rule, for compare and rank alike: panel ship %, then
// mean score, then community ship %; at each step a present figure beats
// a missing one. Returns <0, 0 or >0.
int compare_keys(const RankKey& a, const RankKey& b, DecidedBy* decided_by = nullptr);
int compare_reports(const ToolReport& a, const ToolReport& b, DecidedBy* decided_by = nullptr);

// Indexes of reports from best to worst (stable: ties keep the order given).
std::vector<std::size_t> rank_reports(const std::vector<ToolReport>& reports);

// A stable sort of many lines without a second copy of them.
using LineOrder = std::function<bool(const ToolLine&, const ToolLine&)>;
void sort_lines(std::vector<ToolLine>& lines, const LineOrder& before);

// rank: lines best first by the decision rule (worst first when reversed),
// ties in the order offered (the store's name order). With a limit only
// the best N so far are kept, so memory stays flat however many are offered.
class LineRanking {
 public:
  LineRanking(std::size_t limit, bool reverse);
  void reserve(std::size_t count) { lines_.reserve(count); }
  void offer(ToolLine line);
  std::vector<ToolLine> take();  // in order; the ranking is empty after

 private:
  std::size_t limit_;
  LineOrder before_;
  std::vector<ToolLine> lines_;
};

// The first of the ranking and the figures that say why; none when the
// top two are equal on all three figures (too close to call), or when the
// best panel's verdict is skip (none of them ships).
Recommendation recommend(const std::vector<ToolReport>& reports);

}  // namespace toolcmp
