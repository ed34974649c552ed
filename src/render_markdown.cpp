// compare --format markdown: the full comparison-page layout as Markdown.
// import --format page reads it back (see page.cpp), so every value is
// escaped to read back the same.
#include <algorithm>

#include <fmt/format.h>

#include "toolcmp/page.h"
#include "toolcmp/render.h"
#include "toolcmp/text.h"
#include "toolcmp/values.h"

namespace toolcmp {

namespace {

const char* const kMissing = "—";

// Stored text is made harmless first: a page may well be printed.
std::string cell(const std::optional<std::string>& value) {
  if (!value || value->empty()) return kMissing;
  return markdown_escape(sanitize_for_terminal(*value), true);
}

std::string paragraph(const std::string& text) { return markdown_escape(sanitize_for_terminal(text), false); }

std::string panel_ship(const ToolReport& report) {
  const PanelSummary& panel = report.panel;
  if (!panel.ship_pct) return kMissing;
  if (panel.basis == ShipBasis::Published) return format_percent(*panel.ship_pct) + " (published)";
  std::string text = format_percent(*panel.ship_pct);
  if (report.tool.published_ship_pct) text += " · published " + format_percent(*report.tool.published_ship_pct);
  return text;
}

std::string score_line(const std::string& tool, const Review& review) {
  std::string line = markdown_escape(sanitize_for_terminal(tool), false) + " · ";
  line += review.score ? fmt::format("{}/100", *review.score) : "no score";
  line += fmt::format(" · {}", review.verdict ? verdict_name(*review.verdict) : "no verdict");
  if (!review.reviewed_at.empty()) line += " · " + review.reviewed_at;
  return line;
}

}  // namespace

std::string render_compare_markdown(const Comparison& comparison) {
  OutputOptions plain;  // Unicode, no color
  std::string out;
  std::vector<std::string> names;
  for (const ToolReport& report : comparison.tools) names.push_back(sanitize_for_terminal(report.tool.name));
  std::string title;
  for (const std::string& name : names) title += (title.empty() ? "" : " vs ") + name;
  out += fmt::format("# {}\n\n", markdown_escape(title, false));
  out += comparison.tools.size() == 1
             ? "Whether to ship with it: the panel's verdicts and scores, pricing and community votes.\n\n"
             : "Which one to ship with: the panel's verdicts and scores, pricing and community votes, side by side.\n\n";

  auto row = [&](const std::string& label, auto&& value) {
    out += "| " + label + " |";
    for (const ToolReport& report : comparison.tools) out += " " + value(report) + " |";
    out += "\n";
  };
  row("Decision", [](const ToolReport& r) { return cell(r.tool.name); });
  out += "|---|";
  for (std::size_t i = 0; i < comparison.tools.size(); ++i) out += "---|";
  out += "\n";
  row("Panel verdict", [&](const ToolReport& r) { return panel_verdict_cell(r.panel, plain).text; });
  row("Panel ship", [](const ToolReport& r) { return panel_ship(r); });
  row("Mean score", [](const ToolReport& r) {
    return r.panel.mean_score ? format_mean(*r.panel.mean_score) : std::string(kMissing);
  });
  row("Community", [&](const ToolReport& r) { return community_cell(r.community, plain).text; });
  row("Community votes", [](const ToolReport& r) {  // exact, for import
    return fmt::format("{} ship / {} skip", r.community.ship, r.community.skip);
  });
  row("Pricing", [](const ToolReport& r) { return cell(r.tool.pricing); });
  row("Entry", [](const ToolReport& r) { return cell(r.tool.entry); });
  row("Best for", [](const ToolReport& r) { return cell(r.tool.tagline); });
  row("Category", [](const ToolReport& r) { return cell(r.tool.category); });
  row("Vendor", [](const ToolReport& r) { return cell(r.tool.vendor); });
  row("License", [](const ToolReport& r) { return cell(r.tool.license); });
  row("URL", [](const ToolReport& r) { return cell(r.tool.url); });
  row("Description", [](const ToolReport& r) { return cell(r.tool.description); });
  std::vector<std::string> keys;
  for (const ToolReport& report : comparison.tools) {
    for (const auto& [key, value] : report.tool.attributes) {
      if (std::find(keys.begin(), keys.end(), key) == keys.end()) keys.push_back(key);
    }
  }
  std::sort(keys.begin(), keys.end());
  for (const std::string& key : keys) {
    row(markdown_escape("attr." + key, true), [&](const ToolReport& r) {
      for (const auto& [k, value] : r.tool.attributes) {
        if (k == key) return cell(value);
      }
      return std::string(kMissing);
    });
  }

  const Recommendation& recommendation = comparison.recommendation;
  out += "\nRecommendation: ";
  out += recommendation.tool ? fmt::format("**{}** — {}", markdown_escape(sanitize_for_terminal(*recommendation.tool), false),
                                           paragraph(recommendation.reason))
                             : paragraph(recommendation.reason);
  out += "\n\n## Panel\n\n| Persona | Weight | Focus |\n|---|---|---|\n";
  for (const Persona& persona : comparison.panel) {
    out += fmt::format("| {} | {} | {} |\n", cell(persona.name), format_number(persona.weight), cell(persona.focus));
  }
  out += "\n## Reviewer scorecard\n";
  for (const Persona& persona : comparison.panel) {
    out += fmt::format("\n### {}\n", markdown_escape(sanitize_for_terminal(persona.name), false));
    for (const ToolReport& report : comparison.tools) {
      const Review* review = nullptr;
      for (const Review& r : report.reviews) {
        if (r.persona == persona.name) review = &r;
      }
      if (!review) {
        out += fmt::format("\n{} · no review\n", markdown_escape(sanitize_for_terminal(report.tool.name), false));
        continue;
      }
      out += "\n" + score_line(report.tool.name, *review) + "\n";
      if (!review->text.empty()) out += "\n" + paragraph(review->text) + "\n";
    }
  }
  return out;
}

}  // namespace toolcmp
