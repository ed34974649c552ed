// The decision arithmetic: pure functions of the model, no store, no I/O.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "toolcmp/base/choice.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

// The sums a panel's figures are made of, one review at a time: the one
// place the arithmetic lives (summarize_panel, and the sensitivity search
// that weighs the panel again and again).
struct PanelTotals {
  int ship = 0, skip = 0, scored = 0;
  double ship_weight = 0, verdict_weight = 0, verdict_weight_sq = 0;
  double weighted_scores = 0, weighted_adjusted = 0, score_weight = 0, score_weight_sq = 0, weighted_age = 0;
  // A review of this weight, its persona's habit `offset` taken out of its
  // score; weight 0 (or less) counts for nothing.
  void add(const std::optional<int>& score, const std::optional<Verdict>& verdict, double weight, double offset = 0,
           double age_years = 0);
  std::optional<double> ship_pct() const;       // the weighted share of ship verdicts, 0-100
  std::optional<double> mean_score() const;     // rounded to one decimal
  std::optional<double> adjusted_mean() const;  // rounded to one decimal
  // (sum w)^2 / sum w^2: how many equal reviews the weighed ones are worth.
  double verdict_neff() const;
  double score_neff() const;
  // By weight, at the precision shown: Ship above 50%, Skip below, Split at 50%.
  std::optional<PanelVerdict> verdict() const;
};

// From current reviews: verdict by weighed majority (Split on a tie), the
// persona-weighted share of ship verdicts (with every weight 1, ships over
// verdicts) and its 95% Wilson interval from the effective number of
// verdicts, persona-weighted mean of scores rounded to one decimal, and the
// same mean with each persona's habit taken out. A review whose persona
// weighs 0 counts for nothing.
PanelSummary summarize_panel(const std::vector<Review>& current_reviews, const Habits& habits = {});
// The 95% Wilson score interval, in percent, of a share of verdicts worth
// `verdicts` unweighted ones.
std::pair<double, double> wilson_interval(double ship_share, double verdicts);
// Sets the what-if weights on the reviews of the personas they name.
void apply_weights(std::vector<Review>& reviews, const std::vector<WeightOverride>& weights);
// Sets them on the panel, and returns how many personas then weigh more than 0.
int weigh_panel(std::vector<Persona>& panel, const std::vector<WeightOverride>& weights);
CommunitySummary summarize_votes(const VoteTally& tally);
// The panel ship % falls back to the tool's published figure when no
// current review has a verdict.
ToolReport make_report(Tool tool, std::vector<Review> current_reviews, const VoteTally& tally,
                       const Habits& habits = {});

// One counted score of the habits' window: a tool's current, fresh review
// by an active persona.
struct WindowScore {
  std::int64_t tool_id = 0;
  std::string persona;
  int score = 0;
};
// How many imagined scores at the panel's mean pull a persona's offset
// toward 0, and the spread assumed before any is measured (points, worth
// kNoisePrior scores).
inline constexpr double kHabitShrink = 3;
inline constexpr double kNoisePrior = 10, kNoisePriorWeight = 4;
// How far a tool's quality may have moved since a score was given, in
// points per square root of a year: an old score vouches less for today.
inline constexpr double kDriftPerYear = 8;
// Each persona's offset from the panel's mean and the pooled spread of an
// adjusted score, from the window's scores (grouped by tool).
Habits measure_habits(const std::vector<WindowScore>& scores);

// Which figure decided between two tools.
enum class DecidedBy { AdjustedMean, PanelShip, MeanScore, CommunityShip, Nothing };
inline constexpr choices::Choice<Method> kMethodWords[] = {{"adjusted-mean", Method::AdjustedMean},
                                                          {"ship-first", Method::ShipFirst}};
const char* method_name(Method method);  // "adjusted-mean", "ship-first"
std::optional<Method> method_from_name(const std::string& name);

// The three figures a decision orders by, apart from the rest of a report,
// so that a ranking of many tools need not keep their reports.
struct RankKey {
  std::optional<double> panel_ship, mean_score, community_ship, adjusted_mean;
};
RankKey rank_key(const ToolReport& report);
RankKey rank_key(const ToolLine& line);

// The one decision rule, for compare, rank, publish and check alike, by
// method (see Method); at each step a present figure beats a missing one,
// and figures are compared at the precision shown (a tenth), so that
// rounding noise never decides. Returns <0, 0 or >0.
int compare_keys(const RankKey& a, const RankKey& b, Method method, DecidedBy* decided_by = nullptr);
int compare_reports(const ToolReport& a, const ToolReport& b, Method method, DecidedBy* decided_by = nullptr);

// Indexes of reports from best to worst (stable: ties keep the order given).
std::vector<std::size_t> rank_reports(const std::vector<ToolReport>& reports, Method method = Method::AdjustedMean);

// How sure a lead of `best` over `next` is, decided by `decided_by`, and
// why (see Confidence); `lead_se` gets the lead over its standard error
// when the adjusted mean decided.
Confidence lead_confidence(const PanelSummary& best, const PanelSummary& next, bool next_has_community,
                           DecidedBy decided_by, const PickRule& rule, std::string* why = nullptr,
                           std::optional<double>* lead_se = nullptr);

// A stable sort of many lines without a second copy of them.
using LineOrder = std::function<bool(const ToolLine&, const ToolLine&)>;
void sort_lines(std::vector<ToolLine>& lines, const LineOrder& before);

// The deciding intervals of every line a ranking was offered, sorted, so
// that a line's band counts the tools it overlaps however few are kept.
struct RankBounds {
  std::vector<double> lows, highs;
  void add(const std::optional<std::pair<double, double>>& interval);
  void sort();
};

// rank: lines best first by the decision rule (worst first when reversed),
// ties in the order offered (the store's name order). With a limit only
// the best N so far are kept, so memory stays flat however many are offered.
// With min_verdicts, a line with fewer verdicts comes after every line
// with enough, as it cannot win.
class LineRanking {
 public:
  LineRanking(std::size_t limit, bool reverse, const PickRule& rule);
  void reserve(std::size_t count) { lines_.reserve(count); }
  void offer(ToolLine line);
  std::vector<ToolLine> take();  // in order; the ranking is empty after
  const RankBounds& bounds() const { return bounds_; }  // of every line offered, sorted after take()

 private:
  const PickRule& rule_;
  RankBounds bounds_;
  std::size_t limit_;
  LineOrder before_;
  std::vector<ToolLine> lines_;
};

// The variance of a panel's adjusted mean: the pooled spread over its
// effective number of scores, and the drift its scores' age allows.
double adjusted_variance(const PanelSummary& panel, const Habits& habits);
// The deciding figure's 95% interval by rule; none without that figure.
std::optional<std::pair<double, double>> deciding_interval(const PanelSummary& panel, const PickRule& rule);

// Each ranked line's place: "1", "2=", "2=", "4" (lines no figure
// separates share one), how sure its place above the next line is
// (TooClose for a shared place; the last line only says Provisional), and
// its band among all the lines in `bounds` (or among `lines` alone).
std::vector<RankPlace> rank_places(const std::vector<ToolLine>& lines, const PickRule& rule,
                                   const RankBounds* bounds = nullptr);
// The same for one line, from the lines ranked just above and below it
// (none at the ends), its 1-based position, the label of the line above
// and the sorted bounds of every line ranked: a ranking too large to hold
// is placed as it streams by (publish's index).
RankPlace place_between(const ToolLine* above, const ToolLine& line, const ToolLine* below, std::size_t position,
                        const std::string& above_label, const PickRule& rule, const RankBounds& bounds);
// The places alone, from the keys of lines in ranked order.
std::vector<std::string> place_labels(const std::vector<RankKey>& keys, Method method = Method::AdjustedMean);

// The first of the ranking and the figures that say why, with how sure the
// pick is (see Confidence); none when the top two are equal on all three
// figures (too close to call), when the best panel's verdict is skip (none
// of them ships), or when no tool has rule.min_verdicts verdicts.
Recommendation recommend(const std::vector<ToolReport>& reports, const PickRule& rule = {});

}  // namespace toolcmp
