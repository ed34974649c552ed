// Decision cases, one table: each row names what it proves, gives the
// panels and the rule, and the pick, confidence and reason it must give.
#include <catch2/catch.hpp>

#include <cmath>
#include <string>
#include <vector>

#include "toolcmp/base/text.h"
#include "toolcmp/model/compare.h"
#include "toolcmp/model/sensitivity.h"

using namespace toolcmp;

namespace {

struct Given {
  const char* persona;
  std::optional<int> score;
  Verdict verdict;
  bool stale = false;  // older than --max-age
};

const std::vector<std::string> kPanel{"Builder", "Skeptic", "Futurist", "Founder"};

ToolReport tool(const char* name, const std::vector<Given>& reviews, const std::vector<WeightOverride>& weights = {},
                std::optional<double> published = std::nullopt) {
  Tool t;
  t.name = name;
  t.published_ship_pct = published;
  std::vector<Review> current;
  for (const Given& given : reviews) {
    Review r;
    r.persona = given.persona;
    r.score = given.score;
    r.verdict = given.verdict;
    r.stale = given.stale;
    current.push_back(r);
  }
  apply_weights(current, weights);
  return make_report(t, std::move(current), {});
}

const auto kShip = Verdict::Ship;
const auto kSkip = Verdict::Skip;

// The published panels: Code Llama 4 3 ship / 1 skip (mean 74.5), Mistral 3B 4/4 (mean 81.5).
const std::vector<Given> kCodeLlama{{"Builder", 84, kShip}, {"Skeptic", 78, kShip}, {"Futurist", 81, kShip},
                                    {"Founder", 55, kSkip}};
const std::vector<Given> kMistral{{"Builder", 87, kShip}, {"Skeptic", 80, kShip}, {"Futurist", 84, kShip},
                                  {"Founder", 75, kShip}};

struct Case {
  const char* proves;
  std::vector<ToolReport> tools;
  PickRule rule;
  std::optional<std::string> pick;
  std::optional<Confidence> confidence;
  std::string reason;
};

// The cases below were written for the rule before (ship %, then mean),
// which stays available as --rule ship-first; the adjusted mean's own
// cases follow them.
PickRule panel_of_four(std::optional<int> min_verdicts = std::nullopt, Method method = Method::ShipFirst) {
  PickRule rule;
  rule.method = method;
  rule.panel_size = 4;
  rule.min_verdicts = min_verdicts;
  return rule;
}

// The adjusted mean, with the habits measured from the tools given (as
// the loader measures them from the window), or as given.
PickRule adjusted_over(const std::vector<ToolReport>& tools, std::optional<int> min_verdicts = std::nullopt) {
  PickRule rule = panel_of_four(min_verdicts, Method::AdjustedMean);
  std::vector<WindowScore> scores;
  for (std::size_t t = 0; t < tools.size(); ++t) {
    for (const Review& r : tools[t].reviews) {
      if (r.score) scores.push_back({static_cast<std::int64_t>(t), r.persona, *r.score});
    }
  }
  rule.habits = measure_habits(scores);
  return rule;
}

PickRule adjusted_with(const Habits& habits) {
  PickRule rule = panel_of_four(std::nullopt, Method::AdjustedMean);
  rule.habits = habits;
  return rule;
}

// Adjusted by these habits.
ToolReport habitual(const char* name, const std::vector<Given>& reviews, const Habits& habits,
                    const std::vector<WeightOverride>& weights = {}) {
  ToolReport report = tool(name, reviews, weights);
  return make_report(report.tool, report.reviews, {}, habits);
}

const Habits kHarshAndLenient{{{"Skeptic", 30, -10}, {"Builder", 30, 10}}, 30, 8, ""};
const Habits kEven{{}, 30, 8, ""};

std::vector<Case> cases() {
  const std::vector<Given> four_with_a_skip{{"Builder", 95, kShip}, {"Skeptic", 90, kShip}, {"Futurist", 95, kShip},
                                            {"Founder", 95, kSkip}};
  const std::vector<WeightOverride> founder_zero{{"Founder", 0}};
  const std::vector<WeightOverride> founder_ten{{"Founder", 10}};
  const std::vector<WeightOverride> fractional{{"Futurist", 0.7}, {"Founder", 0.6}};
  const std::vector<Given> four_at_95{{"Builder", 95, kShip}, {"Skeptic", 95, kShip}, {"Futurist", 95, kShip},
                                      {"Founder", 95, kShip}};
  const std::vector<Given> four_at_80{{"Builder", 80, kShip}, {"Skeptic", 80, kShip}, {"Futurist", 80, kShip},
                                      {"Founder", 80, kShip}};
  std::vector<ToolReport> published{tool("Code Llama 4", kCodeLlama), tool("Mistral 3B", kMistral)};
  std::vector<ToolReport> forced_tie{tool("A", {{"Builder", 80, kShip}}), tool("B", four_at_80)};
  return {
      // The rule shipped: the adjusted mean.
      {"adjusted mean: the published panels pick Mistral 3B; four reviewers each earn it narrow",
       {habitual("Code Llama 4", kCodeLlama, adjusted_over(published).habits),
        habitual("Mistral 3B", kMistral, adjusted_over(published).habits)},
       adjusted_over(published),
       "Mistral 3B",
       Confidence::Narrow,
       "adjusted mean 81.5 vs 74.5, panel 4/4 ship (100%) vs 3/4 (75%); a lead of 1.2 standard errors"},
      {"adjusted mean: a harsh persona's 70 beats a lenient one's 75, provisionally, and says it despite the mean",
       {habitual("Judged Hard", {{"Skeptic", 70, kShip}}, kHarshAndLenient),
        habitual("Judged Kindly", {{"Builder", 75, kShip}}, kHarshAndLenient)},
       adjusted_with(kHarshAndLenient),
       "Judged Hard",
       Confidence::Provisional,
       "1 of 4 personas scored it, adjusted mean 80.0 vs Judged Kindly 65.0; a lead of 1.3 standard errors; it wins on "
       "the adjusted mean despite a lower mean score"},
      {"adjusted mean: a lead of over two standard errors is never clear against a higher ship %",
       {habitual("Scores High", {{"Builder", 95, kShip}, {"Skeptic", 95, kShip}, {"Futurist", 95, kSkip},
                                 {"Founder", 95, kSkip}}, kEven),
        habitual("Ships More", four_at_80, kEven)},
       adjusted_with(kEven),
       "Scores High",
       Confidence::Narrow,
       "adjusted mean 95.0 vs 80.0, panel 2/4 ship (50%) vs 4/4 (100%); a lead of 2.7 standard errors; it wins on the "
       "adjusted mean despite a lower ship %"},
      {"adjusted mean: a full panel's lead of less than one standard error is provisional",
       {habitual("Nose Ahead", {{"Builder", 83, kShip}, {"Skeptic", 83, kShip}, {"Futurist", 83, kShip},
                                {"Founder", 83, kShip}}, kEven),
        habitual("Close Behind", four_at_80, kEven)},
       adjusted_with(kEven),
       "Nose Ahead",
       Confidence::Provisional,
       "adjusted mean 83.0 vs 80.0, panel 4/4 ship (100%) vs 4/4 (100%); a lead of 0.5 standard errors (less than one)"},
      {"adjusted mean: a tool that cannot win (--min-verdicts) cannot force a tie",
       forced_tie,
       adjusted_over(forced_tie, 2),
       "B",
       Confidence::Provisional,
       "the only one reviewed enough (2 verdicts needed): adjusted mean 80.0 vs 80.0, panel 4/4 ship (100%) vs 1/1 "
       "(100%); not yet reviewed enough: A (1 of 2)"},
      {"ship first: shares equal at the precision shown are a tie, whatever the rounding noise of the weights",
       {tool("A", four_at_95, fractional), tool("B", {{"Builder", 51, kShip}}, fractional)},
       panel_of_four(),
       "A",
       Confidence::Clear,
       "panel 4/4 ship (100%) vs 1/1 (100%), mean 95.0 vs 51.0"},
      {"ship first: the panel verdict is weighed as the ship % is",
       {tool("Weighed", {{"Builder", 60, kShip}, {"Skeptic", 60, kSkip}, {"Futurist", 60, kSkip}}, {{"Builder", 3}}),
        tool("Counted", {{"Builder", 50, kSkip}}, {{"Builder", 3}})},
       panel_of_four(),
       "Weighed",
       Confidence::Provisional,
       "3 of 4 personas gave it a verdict, 60% ship vs Counted 0/1 (0%)"},
      // The rule before, --rule ship-first.
      {"the published panels still recommend Mistral 3B, clearly",
       {tool("Code Llama 4", kCodeLlama), tool("Mistral 3B", kMistral)},
       panel_of_four(),
       "Mistral 3B",
       Confidence::Clear,
       "panel 4/4 ship (100%) vs 3/4 (75%), mean 81.5 vs 74.5"},
      {"one review against four wins by the rule but only provisionally",
       {tool("One", {{"Builder", 51, kShip}}), tool("Four", four_with_a_skip)},
       panel_of_four(),
       "One",
       Confidence::Provisional,
       "1 of 4 personas gave it a verdict, 100% ship vs Four 3/4 (75%); it wins on the ship % despite a lower mean score"},
      {"--min-verdicts keeps the single review from winning, and names it; the pick is the only one left",
       {tool("One", {{"Builder", 51, kShip}}), tool("Four", four_with_a_skip)},
       panel_of_four(2),
       "Four",
       Confidence::Provisional,
       "the only one reviewed enough (2 verdicts needed): panel 3/4 ship (75%) vs 1/1 (100%), mean 93.8 vs 51.0; not "
       "yet reviewed enough: One (1 of 2)"},
      {"when no tool has enough verdicts nothing is recommended",
       {tool("One", {{"Builder", 51, kShip}}), tool("Two", {{"Builder", 60, kShip}, {"Skeptic", 60, kShip}})},
       panel_of_four(3),
       std::nullopt,
       Confidence::Provisional,
       "none is reviewed enough yet (3 verdicts needed); not yet reviewed enough: One (1 of 3), Two (2 of 3)"},
      {"when both panels say skip neither ships and no confidence is claimed",
       {tool("A", {{"Builder", 40, kSkip}, {"Skeptic", 30, kSkip}}), tool("B", {{"Builder", 20, kSkip}})},
       panel_of_four(),
       std::nullopt,
       std::nullopt,
       "neither ships: both panels say skip, A 0/2 ship (0%) and B 0/1 ship (0%)"},
      {"a mean missing on the other side makes the pick provisional",
       {tool("SmolLM3", {}, {}, 75.0), tool("Code Llama 4", kCodeLlama)},
       panel_of_four(),
       "Code Llama 4",
       Confidence::Provisional,
       "both 75% ship; SmolLM3's figures give no mean score"},
      {"overlapping intervals with means within 5 points are narrow",
       {tool("A", {{"Builder", 80, kShip}, {"Skeptic", 80, kShip}, {"Futurist", 80, kShip}, {"Founder", 80, kShip}}),
        tool("B", {{"Builder", 84, kShip}, {"Skeptic", 84, kShip}, {"Futurist", 84, kShip}, {"Founder", 80, kSkip}})},
       panel_of_four(),
       "A",
       Confidence::Narrow,
       "panel 4/4 ship (100%) vs 3/4 (75%), mean 80.0 vs 83.0; ship % intervals [51\u2013100] vs [30\u201395] overlap; it "
       "wins on the ship % despite a lower mean score"},
      {"a weighted skip weighs in the ship % as in the mean",
       {tool("Code Llama 4", kCodeLlama, founder_ten), tool("Mistral 3B", kMistral, founder_ten)},
       panel_of_four(),
       "Mistral 3B",
       Confidence::Clear,
       "panel 4/4 ship (100%) vs 3/4 (23.1% weighted), mean 77.0 vs 61.0"},
      {"a what-if weight of 0 leaves the persona out and can make the lead narrow",
       {tool("Code Llama 4", kCodeLlama, founder_zero), tool("Mistral 3B", kMistral, founder_zero)},
       [] {
         PickRule rule;
         rule.method = Method::ShipFirst;
         rule.panel_size = 3;
         return rule;
       }(),
       "Mistral 3B",
       Confidence::Narrow,
       "panel 3/3 ship (100%) vs 3/3 (100%), mean 83.7 vs 81.0; ship % intervals [44\u2013100] vs [44\u2013100] overlap"},
      {"what-if weights flip the pick",
       {tool("Steady", {{"Builder", 70, kShip}, {"Founder", 90, kSkip}}, {{"Founder", 3}}),
        tool("Bold", {{"Builder", 50, kSkip}, {"Founder", 90, kShip}}, {{"Founder", 3}})},
       [] {
         PickRule rule;
         rule.method = Method::ShipFirst;
         rule.panel_size = 2;
         return rule;
       }(),
       "Bold",
       Confidence::Narrow,  // two verdicts each: the intervals are wide
       "panel 1/2 ship (75% weighted) vs 1/2 (25% weighted), mean 80.0 vs 85.0; ship % intervals [17\u201398] vs "
       "[2\u201383] overlap; it "
       "wins on the ship % despite a lower mean score"},  // weights 1 and 3 are worth 1.6 verdicts, not 2,
      {"stale reviews count for nothing and the reason says how many were left out",
       {tool("Code Llama 4", kCodeLlama),
        tool("Mistral 3B", {{"Builder", 87, kShip, true}, {"Skeptic", 80, kShip, true}, {"Futurist", 84, kShip},
                            {"Founder", 75, kShip}})},
       [] {
         PickRule rule = panel_of_four();
         rule.max_age = "6m";
         return rule;
       }(),
       "Mistral 3B",
       Confidence::Provisional,
       "2 of 4 personas gave it a verdict, 100% ship vs Code Llama 4 3/4 (75%); 2 stale reviews left out (older than 6m)"},
      {"a stale skip no longer holds a tool back",
       {tool("Code Llama 4", {{"Builder", 84, kShip}, {"Skeptic", 78, kShip}, {"Futurist", 81, kShip},
                              {"Founder", 55, kSkip, true}}),
        tool("Old Favourite", {{"Builder", 60, kShip}, {"Skeptic", 60, kShip}, {"Futurist", 60, kShip}})},
       [] {
         PickRule rule;
         rule.method = Method::ShipFirst;
         rule.panel_size = 3;
         rule.max_age = "90d";
         return rule;
       }(),
       "Code Llama 4",
       Confidence::Clear,
       "panel 3/3 ship (100%) vs 3/3 (100%), mean 81.0 vs 60.0; 1 stale review left out (older than 90d)"},
      {"equal figures are too close to call",
       {tool("A", {{"Builder", 80, kShip}}), tool("B", {{"Builder", 80, kShip}})},
       panel_of_four(),
       std::nullopt,
       Confidence::TooClose,
       "too close to call between A and B: panel 1/1 ship (100%) vs 1/1 (100%), mean 80.0 vs 80.0"},
  };
}

}  // namespace

TEST_CASE("decision cases") {
  for (const Case& c : cases()) {
    SECTION(c.proves) {
      Recommendation r = recommend(c.tools, c.rule);
      CHECK(r.tool == c.pick);
      CHECK(r.confidence == c.confidence);
      CHECK(r.reason == c.reason);
    }
  }
}

TEST_CASE("without weights the pick of Steady and Bold is the other way round") {
  ToolReport steady = tool("Steady", {{"Builder", 70, kShip}, {"Founder", 90, kSkip}});
  ToolReport bold = tool("Bold", {{"Builder", 50, kSkip}, {"Founder", 90, kShip}});
  PickRule rule;
  rule.method = Method::ShipFirst;
  Recommendation r = recommend({steady, bold}, rule);  // 50% and 50%, means 80 and 70: Steady by the mean
  CHECK(r.tool == std::optional<std::string>("Steady"));
  CHECK(r.reason.rfind("panel 1/2 ship (50%) vs 1/2 (50%), mean 80.0 vs 70.0", 0) == 0);
}

TEST_CASE("the Wilson interval of a few verdicts is wide and of many narrow") {
  auto [low, high] = wilson_interval(0.75, 4);
  CHECK(low == Approx(30.06).epsilon(0.001));
  CHECK(high == Approx(95.44).epsilon(0.001));
  auto [low_all, high_all] = wilson_interval(1.0, 4);
  CHECK(low_all == Approx(51.01).epsilon(0.001));
  CHECK(high_all == Approx(100.0));
  auto [low_many, high_many] = wilson_interval(0.75, 400);
  CHECK(high_many - low_many < 9);
  CHECK(low_many < 75);
  CHECK(high_many > 75);
}

TEST_CASE("with every weight 1 the ship % is the plain share of ship verdicts") {
  for (int ships = 0; ships <= 5; ++ships) {
    std::vector<Given> given;
    for (int i = 0; i < 5; ++i) given.push_back({kPanel[static_cast<std::size_t>(i % 4)].c_str(), 50, i < ships ? kShip : kSkip});
    PanelSummary panel = tool("T", given).panel;
    REQUIRE(panel.ship_pct);
    CHECK(*panel.ship_pct == Approx(ships * 100.0 / 5));
    CHECK(panel.ship == ships);
    CHECK(panel.skip == 5 - ships);
  }
}

TEST_CASE("rank places: ties share one, and each says how sure it is") {
  auto line = [](const char* name, const std::vector<Given>& given) {
    ToolReport r = tool(name, given);
    return ToolLine{0, r.tool.name, std::nullopt, "", r.panel, r.community, name_key(r.tool.name)};
  };
  std::vector<ToolLine> lines{line("Top", kMistral), line("TwinA", kCodeLlama), line("TwinB", kCodeLlama),
                              line("Lone", {{"Builder", 40, kShip}})};
  std::vector<RankPlace> places = rank_places(lines, panel_of_four());
  REQUIRE(places.size() == 4);
  CHECK(places[0].label == "1");
  CHECK(places[0].confidence == Confidence::Clear);
  CHECK(places[1].label == "2=");
  CHECK(places[2].label == "2=");
  CHECK(places[1].confidence == Confidence::TooClose);
  CHECK(places[2].confidence == Confidence::TooClose);
  CHECK(places[3].label == "4");
  CHECK(places[3].confidence == Confidence::Provisional);
}

TEST_CASE("sensitivity names the smallest weight change that turns the pick, checked a hundredth either side") {
  // Both 3 ship / 1 skip, so the mean decides for High; Low's skip is the
  // Builder's, High's the Founder's.
  std::vector<Persona> panel;
  for (const std::string& name : kPanel) panel.push_back(Persona{0, name, std::nullopt, 1.0, false});
  auto reports_with = [&](const std::vector<WeightOverride>& weights) {
    return std::vector<ToolReport>{
        tool("High", {{"Builder", 90, kShip}, {"Skeptic", 90, kShip}, {"Futurist", 90, kShip}, {"Founder", 90, kSkip}},
             weights),
        tool("Low", {{"Builder", 60, kSkip}, {"Skeptic", 60, kShip}, {"Futurist", 60, kShip}, {"Founder", 60, kShip}},
             weights)};
  };
  PickRule rule = panel_of_four();
  REQUIRE(recommend(reports_with({}), rule).tool == std::optional<std::string>("High"));
  Sensitivity s = sensitivity(reports_with({}), panel, rule);
  REQUIRE(s.weight);
  CHECK(s.weight->persona == "Builder");  // 0.01 down, as small as the Founder's 0.01 up, and first in the panel
  CHECK(s.weight->weight == Approx(0.99));
  CHECK(s.weight->new_pick == "Low");
  // Recomputed: at the threshold the pick turns; a hundredth nearer the current weight it does not.
  CHECK(recommend(reports_with({{"Builder", s.weight->weight}}), rule).tool == std::optional<std::string>("Low"));
  CHECK(recommend(reports_with({{"Builder", s.weight->weight + 0.01}}), rule).tool ==
        std::optional<std::string>("High"));
  REQUIRE(s.verdict);
  CHECK(s.verdict->tool == "High");
  CHECK(s.verdict->persona == "Builder");
  CHECK(s.verdict->turns_to == Verdict::Skip);
  CHECK(s.verdict->new_pick == "Low");
}

TEST_CASE("sensitivity finds a threshold far from the current weight") {
  std::vector<Persona> panel;
  for (const std::string& name : kPanel) panel.push_back(Persona{0, name, std::nullopt, 1.0, false});
  auto reports_with = [&](const std::vector<WeightOverride>& weights) {
    return std::vector<ToolReport>{tool("Code Llama 4", kCodeLlama, weights), tool("Mistral 3B", kMistral, weights)};
  };
  // Mistral 3B leads on every figure: no weight and no single verdict turns it.
  Sensitivity none = sensitivity(reports_with({}), panel, panel_of_four());
  CHECK_FALSE(none.weight);
  CHECK_FALSE(none.verdict);
  // Steady's Founder skip against Bold's Founder ship: the Founder's weight turns it once it passes the Builder's.
  auto duel = [&](const std::vector<WeightOverride>& weights) {
    return std::vector<ToolReport>{tool("Steady", {{"Builder", 70, kShip}, {"Founder", 90, kSkip}}, weights),
                                   tool("Bold", {{"Builder", 50, kSkip}, {"Founder", 60, kShip}}, weights)};
  };
  PickRule two;
  two.panel_size = 2;
  REQUIRE(recommend(duel({}), two).tool == std::optional<std::string>("Steady"));
  Sensitivity s = sensitivity(duel({}), panel, two);
  REQUIRE(s.weight);
  INFO(s.weight->persona << " " << s.weight->weight);
  CHECK(recommend(duel({{s.weight->persona, s.weight->weight}}), two).tool != std::optional<std::string>("Steady"));
  double nearer = s.weight->weight + (s.weight->weight > 1 ? -0.01 : 0.01);
  CHECK(recommend(duel({{s.weight->persona, nearer}}), two).tool == std::optional<std::string>("Steady"));
}


TEST_CASE("rank bands: tools whose intervals overlap share a band, counted among every tool offered") {
  auto line = [](const char* name, int score) {
    ToolReport r = habitual(name, {{"Builder", score, kShip}, {"Skeptic", score, kShip}, {"Futurist", score, kShip},
                                   {"Founder", score, kShip}}, kEven);
    return ToolLine{0, r.tool.name, std::nullopt, "", r.panel, r.community, name_key(r.tool.name)};
  };
  PickRule rule = adjusted_with(kEven);  // one score spreads 8 points: four of them, about ±7.8
  std::vector<ToolLine> lines{line("Top", 90), line("Close", 89), line("Far", 50)};
  std::vector<RankPlace> places = rank_places(lines, rule);
  REQUIRE(places.size() == 3);
  CHECK(places[0].rank_upper == 1);
  CHECK(places[0].rank_lower == 2);
  CHECK(places[1].rank_upper == 1);
  CHECK(places[1].rank_lower == 2);
  CHECK(places[2].rank_upper == 3);
  CHECK(places[2].rank_lower == 3);
  REQUIRE(places[0].interval);
  CHECK(places[0].interval->first == Approx(90 - 1.96 * 4).epsilon(0.01));
  // Kept: the top one only, yet its band counts the tool it overlaps.
  LineRanking ranking(1, false, rule);
  for (const ToolLine& l : lines) ranking.offer(l);
  std::vector<ToolLine> kept = ranking.take();
  std::vector<RankPlace> top = rank_places(kept, rule, &ranking.bounds());
  REQUIRE(top.size() == 1);
  CHECK(top[0].rank_lower == 2);
}

TEST_CASE("rank: lines no figure separates come out in name order, whatever order they are offered in") {
  auto line = [](const char* name, int score) {
    ToolReport r = habitual(name, {{"Builder", score, kShip}, {"Skeptic", score, kShip}}, kEven);
    return ToolLine{0, r.tool.name, std::nullopt, "", r.panel, r.community, name_key(r.tool.name)};
  };
  PickRule rule = adjusted_with(kEven);
  // As a server streams them (by id, newest first): not in name order.
  std::vector<ToolLine> offered{line("delta", 70), line("Charlie", 70), line("Top", 90), line("bravo", 70),
                                line("Alpha", 70)};
  for (bool reverse : {false, true}) {
    for (std::size_t limit : {std::size_t{0}, std::size_t{3}}) {
      LineRanking ranking(limit, reverse, rule);
      for (const ToolLine& l : offered) ranking.offer(l);
      std::vector<std::string> names;
      for (const ToolLine& l : ranking.take()) names.push_back(l.name);
      std::vector<std::string> tied{"Alpha", "bravo", "Charlie", "delta"};  // folded: case does not order them
      std::vector<std::string> expected;
      if (!reverse) expected.push_back("Top");
      expected.insert(expected.end(), tied.begin(), tied.end());
      if (reverse) expected.push_back("Top");
      if (limit > 0) expected.resize(limit);
      CAPTURE(reverse, limit);
      CHECK(names == expected);
    }
  }
}

TEST_CASE("a half-life weighs an old review down, and can turn the pick") {
  ToolReport old_praise = tool("Old Praise", {{"Builder", 95, kShip}, {"Skeptic", 60, kShip}});
  old_praise.reviews[0].age_weight = std::pow(0.5, 730.0 / 90);  // two years old, half-life 90 days
  ToolReport steady = tool("Steady", {{"Builder", 70, kShip}, {"Skeptic", 70, kShip}});
  PickRule rule = panel_of_four(std::nullopt, Method::AdjustedMean);
  rule.panel_size = 2;
  CHECK(recommend({tool("Old Praise", {{"Builder", 95, kShip}, {"Skeptic", 60, kShip}}), steady}, rule).tool ==
        std::optional<std::string>("Old Praise"));  // 77.5 against 70
  ToolReport weighed = make_report(old_praise.tool, old_praise.reviews, {});
  REQUIRE(weighed.panel.adjusted_mean);
  CHECK(*weighed.panel.adjusted_mean == Approx(60.1).margin(0.1));
  CHECK(weighed.panel.score_neff < 1.01);  // worth one review now
  CHECK(recommend({weighed, steady}, rule).tool == std::optional<std::string>("Steady"));
}

TEST_CASE("with fractional weights the sensitivity search names the exact point where the pick turns") {
  // The case: Futurist 0.7 and Founder 0.6 stored; shares that
  // rounding made unequal no longer decide, so each claim is minimal.
  std::vector<Persona> panel;
  for (const std::string& name : kPanel) {
    double weight = name == "Futurist" ? 0.7 : name == "Founder" ? 0.6 : 1.0;
    panel.push_back(Persona{0, name, std::nullopt, weight, false});
  }
  auto reports_with = [&](std::vector<WeightOverride> weights) {
    weights.insert(weights.begin(), {{"Futurist", 0.7}, {"Founder", 0.6}});
    return std::vector<ToolReport>{
        tool("Even", {{"Builder", 90, kShip}, {"Skeptic", 70, kShip}, {"Futurist", 95, kShip}, {"Founder", 95, kShip}},
             weights),
        tool("Odd", {{"Builder", 70, kShip}, {"Skeptic", 95, kShip}, {"Futurist", 80, kShip}, {"Founder", 80, kShip}},
             weights)};
  };
  PickRule rule = panel_of_four(std::nullopt, Method::AdjustedMean);
  std::optional<std::string> now = recommend(reports_with({}), rule).tool;
  REQUIRE(now);
  Sensitivity s = sensitivity(reports_with({}), panel, rule);
  REQUIRE(s.weight);
  // At the weight named the pick turns; a hundredth nearer the current weight it holds.
  double current = s.weight->persona == "Futurist" ? 0.7 : s.weight->persona == "Founder" ? 0.6 : 1.0;
  double nearer = s.weight->weight + (s.weight->weight > current ? -0.01 : 0.01);
  CHECK(recommend(reports_with({{s.weight->persona, s.weight->weight}}), rule).tool != now);
  CHECK(recommend(reports_with({{s.weight->persona, nearer}}), rule).tool == now);
}
