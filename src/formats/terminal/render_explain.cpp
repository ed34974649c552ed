// compare --explain: how each figure was made, and what would change the pick.
#include <algorithm>
#include <functional>

#include <fmt/format.h>

#include "toolcmp/model/decision_rows.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

std::string figures_line(const ToolReport& report) {
  const PanelSummary& panel = report.panel;
  std::string ship = !panel.ship_pct ? "no panel ship %"
                     : panel.basis == ShipBasis::Published
                         ? format_percent(*panel.ship_pct) + " ship, published"
                         : fmt::format("{} ship{} from {}", format_percent(*panel.ship_pct), panel.ship_interval ? " " + format_interval(*panel.ship_interval) : "",
                                       plural(panel.verdicts(), "verdict"));
  int scores = 0;
  for (const Review& review : report.reviews) scores += review.score && review.persona_weight > 0 && !review.stale ? 1 : 0;
  std::string mean = panel.mean_score ? fmt::format("mean {} from {}", format_mean(*panel.mean_score), plural(scores, "score"))
                                      : "no mean score";
  std::string adjusted = panel.adjusted_mean && panel.adjusted_mean != panel.mean_score
                             ? fmt::format(", adjusted {}", format_mean(*panel.adjusted_mean))
                             : "";
  return fmt::format("{}: {}; {}{}", report.tool.name, ship, mean, adjusted);
}

// The rule, and under the adjusted mean each persona's habit: one sentence.
std::string rule_line(const PickRule& rule) {
  if (rule.method == Method::ShipFirst) return "Rule: ship first (panel ship %, then mean score, then community).";
  std::string habits;
  for (const PersonaHabit& habit : rule.habits.personas) {
    habits += fmt::format("{}{} {:+.1f} ({})", habits.empty() ? "" : ", ", habit.persona, habit.offset,
                          plural(habit.scored, "score"));
  }
  return fmt::format("Rule: adjusted mean, each score less its persona's habit: how far that persona's scores sit "
                     "from the panel's across {} (shrunk toward 0 when it scored few){}{}. One adjusted score "
                     "spreads about {} points.",
                     plural(rule.habits.tools, "tool"), habits.empty() ? "" : ": ", habits,
                     format_mean(rule.habits.noise));
}

std::string review_line(const Review& review, const OutputOptions& output) {
  std::string dot = std::string(" ") + output.glyphs().dot + " ";
  std::string line = review.persona + dot + review.reviewed_at.substr(0, 10) + dot;
  line += review.score ? fmt::format("{}/100", *review.score) : "no score";
  line += fmt::format(" {}{}weight {}", review.verdict ? verdict_name(*review.verdict) : "no verdict", dot,
                      format_weight(review.persona_weight));
  if (review.age_weight != 1) line += fmt::format(", {:.2f} for its age", review.age_weight);
  if (review.stale) {
    line += " (stale: left out)";
  } else if (review.persona_weight <= 0) {
    line += " (left out)";
  }
  if (review.source) line += dot + *review.source;
  for (const std::string& source : review.also_from) line += ", " + source;
  return line;
}

// At most this many left-out reviews per tool are listed; the rest are counted.
constexpr std::size_t kLeftOutShown = 8;

void add_left_out(const ToolReport& report, const OutputOptions& output,
                  const std::function<void(const std::string&, int)>& add) {
  if (report.left_out.empty()) return;
  add(fmt::format("Left out: {}", plural(report.left_out_total, "review")), 2);
  for (std::size_t i = 0; i < report.left_out.size() && i < kLeftOutShown; ++i) {
    const LeftOutReview& left = report.left_out[i];
    Review shown = left.review;
    shown.persona_weight = 1;
    std::string line = review_line(shown, output);
    line = line.substr(0, line.find(std::string(" ") + output.glyphs().dot + " weight"));
    add(line + fmt::format(" ({})", left.reason == LeftOutReason::Superseded ? "superseded" : "persona removed"), 4);
  }
  auto shown = static_cast<std::int64_t>(std::min(report.left_out.size(), kLeftOutShown));
  if (report.left_out_total > shown) {
    add(fmt::format("and {} more ('toolcmp history {}')", report.left_out_total - shown, report.tool.name), 4);
  }
}

std::string pick_after(const std::string& new_pick) {
  return new_pick.empty() ? "nothing is recommended" : new_pick + " is picked";
}

}  // namespace

std::string sensitivity_line(const Comparison& comparison) {
  if (!comparison.sensitivity || !comparison.recommendation.tool) {
    return "What would change it: there is no pick to change.";
  }
  const Sensitivity& s = *comparison.sensitivity;
  const std::string& pick = *comparison.recommendation.tool;
  if (!s.weight && !s.verdict) {
    return fmt::format("What would change it: no single change; {} stays the pick whatever one persona's weight "
                       "(0 to 100), and whichever one verdict turns.", pick);
  }
  std::string line = fmt::format("What would change it: {} stays the pick unless ", pick);
  if (s.weight) {
    line += fmt::format("{}'s weight reaches {} (then {})", s.weight->persona, format_weight(s.weight->weight),
                        pick_after(s.weight->new_pick));
  }
  if (s.weight && s.verdict) line += ", or ";
  if (s.verdict) {
    line += fmt::format("{}'s verdict on {} turns {} (then {})", s.verdict->persona,
                        s.verdict->tool == pick ? "it" : s.verdict->tool, verdict_name(s.verdict->turns_to),
                        pick_after(s.verdict->new_pick));
  }
  return line + ".";
}

std::string render_explain(const Comparison& comparison, const OutputOptions& output) {
  std::string out = "\n" + output.paint("How the figures were made", Style::Bold) + "\n";
  auto add = [&](const std::string& text, int indent) {
    for (const std::string& line : wrap_text(output.in_glyphs(sanitize_for_terminal(text)), output.width - indent)) {
      out += std::string(static_cast<std::size_t>(indent), ' ') + line + "\n";
    }
  };
  add(rule_line(comparison.rule), 0);
  for (const ToolReport& report : comparison.tools) {
    add(figures_line(report), 0);
    for (const Persona& persona : comparison.panel) {
      const Review* review = review_by(report, persona.name);
      add(review ? review_line(*review, output) : persona.name + " " + output.glyphs().dot + " no review", 2);
    }
    add_left_out(report, output, add);
  }
  out += "\n";
  add(sensitivity_line(comparison), 0);
  return out;
}

}  // namespace toolcmp
