// The decision against a known truth: simulated panels whose tools' true
// quality is set here, decided by the library as compare and rank decide.
// bench/decision-quality measures the same through the binary, at length.
#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <string>
#include <vector>

#include "toolcmp/model/compare.h"

using namespace toolcmp;

namespace {

struct World {
  std::vector<double> quality;
  std::vector<ToolReport> reports;
  Habits habits;
};

// q ~ N(70, 8); score = q + persona bias N(0, 6) + noise N(0, 8); ship at
// the persona's threshold N(70, 5); 40% of tools reviewed by part of the
// panel.
World simulate(std::mt19937& rng, Method method) {
  std::normal_distribution<double> quality(70, 8), bias(0, 6), noise(0, 8), threshold(70, 5);
  std::uniform_int_distribution<int> tools(5, 20), personas(2, 8);
  std::uniform_real_distribution<double> chance(0, 1);
  World world;
  int n_tools = tools(rng), n_personas = personas(rng);
  std::vector<double> biases, thresholds;
  for (int p = 0; p < n_personas; ++p) {
    biases.push_back(bias(rng));
    thresholds.push_back(threshold(rng));
  }
  std::vector<std::vector<Review>> reviews(static_cast<std::size_t>(n_tools));
  std::vector<WindowScore> window;
  for (int t = 0; t < n_tools; ++t) {
    world.quality.push_back(quality(rng));
    bool part = chance(rng) < 0.4;
    for (int p = 0; p < n_personas; ++p) {
      if (part && chance(rng) < 0.5 && p > 0) continue;
      Review review;
      review.persona = "P" + std::to_string(p);
      int score = static_cast<int>(std::lround(std::clamp(world.quality.back() + biases[static_cast<std::size_t>(p)] + noise(rng), 0.0, 100.0)));
      review.score = score;
      review.verdict = score >= thresholds[static_cast<std::size_t>(p)] ? Verdict::Ship : Verdict::Skip;
      reviews[static_cast<std::size_t>(t)].push_back(review);
      window.push_back({t, review.persona, score});
    }
  }
  if (method == Method::AdjustedMean) world.habits = measure_habits(window);
  for (int t = 0; t < n_tools; ++t) {
    Tool tool;
    tool.name = "T" + std::to_string(t);
    world.reports.push_back(make_report(tool, reviews[static_cast<std::size_t>(t)], {}, world.habits));
  }
  return world;
}

struct Score {
  double pairs = 0, right = 0;
  int clear = 0, clear_right = 0;
};

Score measure(Method method, int worlds) {
  std::mt19937 rng(20261203);
  Score score;
  for (int w = 0; w < worlds; ++w) {
    World world = simulate(rng, method);
    std::vector<std::size_t> order = rank_reports(world.reports, method);
    for (std::size_t i = 0; i < order.size(); ++i) {
      for (std::size_t j = i + 1; j < order.size(); ++j) {
        score.pairs += 1;
        if (compare_reports(world.reports[order[i]], world.reports[order[j]], method) == 0) {
          score.right += 0.5;
        } else {
          score.right += world.quality[order[i]] > world.quality[order[j]];
        }
      }
    }
    PickRule rule;
    rule.method = method;
    rule.habits = world.habits;
    rule.panel_size = 8;
    for (std::size_t a = 0; a + 1 < world.reports.size(); a += 2) {
      Recommendation r = recommend({world.reports[a], world.reports[a + 1]}, rule);
      if (r.confidence != Confidence::Clear || !r.tool) continue;
      std::size_t pick = *r.tool == world.reports[a].tool.name ? a : a + 1;
      ++score.clear;
      score.clear_right += world.quality[pick] > world.quality[pick == a ? a + 1 : a];
    }
  }
  return score;
}

}  // namespace

TEST_CASE("against a known truth the adjusted mean orders tools better than ship % first, and clear is right") {
  Score adjusted = measure(Method::AdjustedMean, 300);
  Score ship_first = measure(Method::ShipFirst, 300);
  double adjusted_accuracy = adjusted.right / adjusted.pairs, ship_first_accuracy = ship_first.right / ship_first.pairs;
  INFO("pairwise: adjusted " << adjusted_accuracy << ", ship first " << ship_first_accuracy);
  CHECK(adjusted_accuracy > ship_first_accuracy + 0.01);
  CHECK(adjusted_accuracy > 0.8);
  INFO("clear: " << adjusted.clear_right << " right of " << adjusted.clear);
  REQUIRE(adjusted.clear > 100);
  CHECK(adjusted.clear_right >= 0.95 * adjusted.clear);
}
