// The decision arithmetic, without a database.
#include <catch2/catch.hpp>

#include "toolcmp/base/text.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/model/compare.h"

using namespace toolcmp;

namespace {

Review review(const char* persona, std::optional<int> score, std::optional<Verdict> verdict, double weight = 1) {
  Review r;
  r.persona = persona;
  r.score = score;
  r.verdict = verdict;
  r.persona_weight = weight;
  return r;
}

ToolReport report(const char* name, std::vector<Review> reviews, VoteTally votes = {}) {
  Tool tool;
  tool.name = name;
  return make_report(tool, std::move(reviews), votes);
}

const auto kShip = Verdict::Ship;
const auto kSkip = Verdict::Skip;

ToolReport code_llama() {
  return report("Code Llama 4", {review("Builder", 84, kShip), review("Skeptic", 78, kShip),
                                 review("Futurist", 81, kShip), review("Founder", 55, kSkip)});
}

ToolReport mistral() {
  return report("Mistral 3B", {review("Builder", 87, kShip), review("Skeptic", 80, kShip),
                               review("Futurist", 84, kShip), review("Founder", 75, kShip)});
}

// These cases are of the rule before, ship % first (--rule ship-first).
Recommendation recommend_first(const std::vector<ToolReport>& reports) {
  PickRule rule;
  rule.method = Method::ShipFirst;
  return recommend(reports, rule);
}

}  // namespace

TEST_CASE("the published Code Llama 4 panel is a 3-1 ship at 75% with mean 74.5") {
  PanelSummary panel = code_llama().panel;
  CHECK(panel.verdict == PanelVerdict::Ship);
  CHECK(panel.ship == 3);
  CHECK(panel.skip == 1);
  REQUIRE(panel.ship_pct.has_value());
  CHECK(*panel.ship_pct == Approx(75.0));
  REQUIRE(panel.mean_score.has_value());
  CHECK(*panel.mean_score == Approx(74.5));
}

TEST_CASE("the panel verdict follows the majority and is Split on a tie") {
  CHECK(summarize_panel({review("A", {}, kSkip), review("B", {}, kSkip), review("C", {}, kShip)}).verdict ==
        PanelVerdict::Skip);
  PanelSummary tie = summarize_panel({review("A", {}, kSkip), review("B", {}, kShip)});
  CHECK(tie.verdict == PanelVerdict::Split);
  REQUIRE(tie.ship_pct.has_value());
  CHECK(*tie.ship_pct == Approx(50.0));
}

TEST_CASE("a panel without verdicts or scores has no verdict, percentage or mean") {
  PanelSummary none = summarize_panel({});
  CHECK_FALSE(none.verdict.has_value());
  CHECK_FALSE(none.ship_pct.has_value());
  CHECK_FALSE(none.mean_score.has_value());
  PanelSummary unscored = summarize_panel({review("A", {}, kShip)});
  REQUIRE(unscored.ship_pct.has_value());
  CHECK(*unscored.ship_pct == Approx(100.0));
  CHECK_FALSE(unscored.mean_score.has_value());
}

TEST_CASE("the mean score weights each persona and skips reviews without a score") {
  PanelSummary panel = summarize_panel({review("A", 90, kShip, 3), review("B", 50, kSkip, 1), review("C", {}, kShip)});
  REQUIRE(panel.mean_score.has_value());
  CHECK(*panel.mean_score == Approx(80.0));  // (270 + 50) / 4
  CHECK(summarize_panel({review("A", 70, kShip), review("B", 71, kShip), review("C", 71, kShip)}).mean_score ==
        Approx(70.7));
}

TEST_CASE("community figures count ship and skip votes") {
  CommunitySummary community = summarize_votes({3, 1});
  CHECK(community.votes == 4);
  REQUIRE(community.ship_pct.has_value());
  CHECK(*community.ship_pct == Approx(75.0));
  CHECK_FALSE(summarize_votes({}).ship_pct.has_value());
}

TEST_CASE("compare recommends Mistral 3B over Code Llama 4 and names the figures") {
  Recommendation r = recommend_first({code_llama(), mistral()});
  REQUIRE(r.tool == std::optional<std::string>("Mistral 3B"));
  CHECK(r.reason == "panel 4/4 ship (100%) vs 3/4 (75%), mean 81.5 vs 74.5");
}

TEST_CASE("an equal panel ship % is decided by the mean score, then by the community") {
  ToolReport a = report("A", {review("X", 70, kShip)});
  ToolReport b = report("B", {review("X", 80, kShip)});
  CHECK(recommend_first({a, b}).tool == std::optional<std::string>("B"));

  ToolReport c = report("C", {review("X", 80, kShip)}, {1, 3});
  ToolReport d = report("D", {review("X", 80, kShip)}, {3, 1});
  Recommendation r = recommend_first({c, d});
  CHECK(r.tool == std::optional<std::string>("D"));
  CHECK(r.reason == "panel 1/1 ship (100%) vs 1/1 (100%), mean 80.0 vs 80.0, community 75% vs 25% ship; "
                    "ship % intervals [21\u2013100] vs [21\u2013100] overlap");
  CHECK(r.confidence == Confidence::Narrow);
}

TEST_CASE("equal or missing figures are too close to call") {
  Recommendation same = recommend_first({report("A", {review("X", 80, kShip)}), report("B", {review("X", 80, kShip)})});
  CHECK_FALSE(same.tool.has_value());
  CHECK(same.reason.rfind("too close to call", 0) == 0);
  Recommendation empty = recommend_first({report("A", {}), report("B", {})});
  CHECK_FALSE(empty.tool.has_value());
  CHECK(empty.reason == "too close to call: no reviews or votes to go on");
}

TEST_CASE("a present figure beats a missing one, in the recommendation and the ranking alike") {
  ToolReport scored = report("Scored", {review("X", 60, kShip), review("Y", 50, kSkip)});
  ToolReport unscored = report("Unscored", {review("X", {}, kShip), review("Y", {}, kSkip)});
  Recommendation r = recommend_first({unscored, scored});
  CHECK(r.tool == std::optional<std::string>("Scored"));
  CHECK(r.reason == "both 50% ship; Unscored's figures give no mean score");
  CHECK(r.confidence == Confidence::Provisional);
  CHECK(rank_reports({unscored, scored}, Method::ShipFirst) == std::vector<std::size_t>{1, 0});
  ToolReport full = report("Full", {review("X", 95, kShip), review("Y", 95, kShip)});
  Recommendation over_empty = recommend_first({report("Empty", {}), full});
  CHECK(over_empty.tool == std::optional<std::string>("Full"));
  CHECK(over_empty.reason == "panel 2/2 ship (100%); Empty's figures give no panel verdicts");
  CHECK(over_empty.confidence == Confidence::Provisional);
  CHECK(rank_reports({report("Empty", {}), full}, Method::ShipFirst) == std::vector<std::size_t>{1, 0});
}

TEST_CASE("when the best panel says skip, the recommendation says nothing ships") {
  ToolReport a = report("A", {review("X", 40, kSkip), review("Y", 60, kShip), review("Z", 30, kSkip)});
  ToolReport b = report("B", {review("X", 20, kSkip)});
  Recommendation both = recommend_first({b, a});
  CHECK_FALSE(both.tool.has_value());
  CHECK(both.reason == "neither ships: both panels say skip, A 1/3 ship (33.3%) and B 0/1 ship (0%)");
  Recommendation three = recommend_first({b, a, report("Empty", {})});
  CHECK_FALSE(three.tool.has_value());
  CHECK(three.reason == "none of them ships: the best panel, A's, says skip (1/3 ship (33.3%))");
}

TEST_CASE("a tie keeps the order the tools were given in") {
  ToolReport a = report("A", {review("X", 80, kShip)});
  ToolReport b = report("B", {review("X", 80, kShip)});
  CHECK(recommend_first({b, a}).reason.rfind("too close to call between B and A", 0) == 0);
  CHECK(recommend_first({a, b}).reason.rfind("too close to call between A and B", 0) == 0);
  CHECK(rank_reports({b, a}, Method::ShipFirst) == std::vector<std::size_t>{0, 1});
}

TEST_CASE("with three tools the recommendation names the runner-up") {
  Recommendation r = recommend_first({code_llama(), mistral(), report("Empty", {})});
  CHECK(r.tool == std::optional<std::string>("Mistral 3B"));
  CHECK(r.reason == "ahead of Code Llama 4: panel 4/4 ship (100%) vs 3/4 (75%), mean 81.5 vs 74.5");
  std::vector<std::size_t> order = rank_reports({report("Empty", {}), code_llama(), mistral()}, Method::ShipFirst);
  CHECK(order == std::vector<std::size_t>{2, 1, 0});
}

TEST_CASE("a line ranking keeps the best N as they come and ties in the order offered") {
  auto line = [](const char* name, std::optional<double> ship, std::optional<double> mean) {
    ToolLine l;
    l.name = name;
    l.panel.ship_pct = ship;
    l.panel.mean_score = mean;
    return l;
  };
  std::vector<ToolLine> offered{line("a", 50, 70), line("b", 100, 60), line("c", 50, 70), line("d", {}, 90),
                                line("e", 100, 60), line("f", 75, {})};
  auto names = [](const std::vector<ToolLine>& lines) {
    std::string out;
    for (const ToolLine& l : lines) out += l.name;
    return out;
  };
  for (std::size_t limit = 0; limit <= 7; ++limit) {
    INFO("limit " << limit);
    PickRule rule;
    rule.method = Method::ShipFirst;
    LineRanking best(limit, false, rule), worst(limit, true, rule);
    for (const ToolLine& l : offered) {
      best.offer(l);
      worst.offer(l);
    }
    std::string all_best = "befacd", all_worst = "dacfbe";
    std::size_t n = limit == 0 ? 6 : std::min<std::size_t>(limit, 6);
    CHECK(names(best.take()) == all_best.substr(0, n));
    CHECK(names(worst.take()) == all_worst.substr(0, n));
  }
}

namespace {

Comparison comparison_of(std::vector<ToolReport> reports) {
  Comparison comparison;
  comparison.tools = std::move(reports);
  comparison.recommendation = recommend(comparison.tools, comparison.rule);
  return comparison;
}

std::string first_line(const std::string& text) { return text.substr(0, text.find('\n')); }

}  // namespace

TEST_CASE("compare's terminal output leads with the pick on one line and marks its column in words") {
  OutputOptions output;
  output.width = 100;
  Comparison comparison = comparison_of({code_llama(), mistral()});
  REQUIRE(comparison.recommendation.tool == std::optional<std::string>("Mistral 3B"));
  std::string out = render_compare(comparison, output, false);
  CHECK(first_line(out) == "Pick: Mistral 3B (provisional) \u2014 adjusted mean 81.5 vs 74.5");
  // The winner's heading, and only the winner's, says so.
  std::string heading = out.substr(out.find("Decision"));
  heading = first_line(heading);
  CHECK(heading.find("Mistral 3B (pick)") != std::string::npos);
  CHECK(heading.find("Code Llama 4 (pick)") == std::string::npos);
  // The same with the tools the other way round: the mark follows the pick, not the column.
  std::string swapped = render_compare(comparison_of({mistral(), code_llama()}), output, false);
  CHECK(first_line(swapped.substr(swapped.find("Decision"))).find("Mistral 3B (pick)") != std::string::npos);

  SECTION("at any width the summary is one line, cut at a word") {
    for (int width : {20, 30, 45, 60, 80}) {
      output.width = width;
      std::string line = first_line(render_compare(comparison, output, false));
      CHECK(display_width(line) <= width);
      CHECK(line.rfind("Pick: ", 0) == 0);
    }
    output.width = 45;
    CHECK(first_line(render_compare(comparison, output, false)) == "Pick: Mistral 3B (provisional) \u2014 adjusted\u2026");
    output.unicode = false;
    CHECK(first_line(render_compare(comparison, output, false)) == "Pick: Mistral 3B (provisional) - adjusted...");
  }
  SECTION("with color, the pick's name is bold in the summary and in the recommendation") {
    output.color = true;
    out = render_compare(comparison, output, false);
    CHECK(first_line(out).find(output.paint("Pick: Mistral 3B (provisional)", Style::Bold)) == 0);
    CHECK(out.find(output.paint("Recommendation (provisional): Mistral 3B", Style::Bold)) != std::string::npos);
  }
}

TEST_CASE("with no pick the summary says so and no column is marked") {
  OutputOptions output;
  Comparison comparison = comparison_of({report("A", {review("Builder", 80, kShip)}), report("B", {review("Builder", 80, kShip)})});
  REQUIRE_FALSE(comparison.recommendation.tool);
  std::string out = render_compare(comparison, output, false);
  CHECK(first_line(out).rfind("No pick: too close to call between", 0) == 0);
  CHECK(out.find("(pick)") == std::string::npos);
}
