// show, list, rank, history, persona list and info as text.
#include <fmt/format.h>

#include <algorithm>

#include "toolcmp/model/decision_rows.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/formats/render.h"
#include "toolcmp/formats/text_table.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

std::string indented(const std::string& text, int indent, const OutputOptions& output) {
  std::string out;
  std::string pad(static_cast<std::size_t>(indent), ' ');
  for (const std::string& line : wrap_text(sanitize_for_terminal(text), output.width - indent)) {
    out += line.empty() ? "\n" : pad + line + "\n";
  }
  return out;
}

// "2026-11-01" for midnight, else "2026-11-01 14:30".
std::string short_time(const std::string& timestamp) {
  if (timestamp.size() < 16) return timestamp;
  if (timestamp.compare(10, 9, "T00:00:00") == 0) return timestamp.substr(0, 10);
  return timestamp.substr(0, 10) + " " + timestamp.substr(11, 5);
}

}  // namespace

Style verdict_style(std::optional<Verdict> verdict) {
  if (!verdict) return Style::Dim;
  return *verdict == Verdict::Ship ? Style::Green : Style::Red;
}

Cell panel_verdict_cell(const PanelSummary& panel, const OutputOptions& output) {
  if (!panel.verdict) return Cell("No panel verdict yet", Style::Dim);
  static const char* const names[] = {"Ship", "Skip", "Split"};
  static const Style styles[] = {Style::Green, Style::Red, Style::Yellow};
  auto index = static_cast<std::size_t>(*panel.verdict);
  return Cell(fmt::format("{} {} {} ship / {} skip", names[index], output.glyphs().dot, panel.ship, panel.skip),
              styles[index]);
}

Cell panel_ship_cell(const PanelSummary& panel, const OutputOptions& output) {
  if (!panel.ship_pct) return Cell(output.glyphs().missing, Style::Dim);
  if (panel.basis == ShipBasis::Published) return Cell(format_percent(*panel.ship_pct) + " (published)");
  return Cell(format_percent(*panel.ship_pct));
}

Cell mean_score_cell(const PanelSummary& panel, const OutputOptions& output) {
  if (!panel.mean_score) return Cell(output.glyphs().missing, Style::Dim);
  return Cell(format_mean(*panel.mean_score));
}

Cell community_cell(const CommunitySummary& community, const OutputOptions& output) {
  if (community.votes == 0) return Cell("No community votes yet", Style::Dim);
  return Cell(fmt::format("{} {} {} ship{}", plural(community.votes, "vote"), output.glyphs().dot,
                          format_percent(*community.ship_pct), community.published ? " (published)" : ""));
}

Cell score_verdict_cell(const Review& review, const OutputOptions& output, const std::string& now) {
  std::string score = review.score ? fmt::format("{}/100", *review.score) : output.glyphs().missing;
  std::string verdict = review.verdict ? verdict_name(*review.verdict) : "no verdict";
  std::string text = fmt::format("{} {} {}", score, output.glyphs().dot, verdict);
  std::string age = now.empty() ? "" : format_age(review.reviewed_at, now);
  if (!age.empty()) text += fmt::format(" {} {}", output.glyphs().dot, age);
  if (review.stale) return Cell(fmt::format("{} {} stale", text, output.glyphs().dot), Style::Dim);
  return Cell(text, verdict_style(review.verdict));
}

Cell optional_cell(const std::optional<std::string>& value, const OutputOptions& output) {
  if (!value || value->empty()) return Cell(output.glyphs().missing, Style::Dim);
  return Cell(*value);
}

std::string render_show(const ToolReport& report, const std::vector<Persona>& panel, const PickRule& rule,
                        const OutputOptions& output) {
  const Tool& tool = report.tool;
  std::string out = output.paint(sanitize_for_terminal(tool.name), Style::Bold) + "\n";
  if (tool.tagline) out += indented(*tool.tagline, 0, output);
  out += "\n";

  TextTable card(TextTable::Borders::None);
  auto field = [&](const char* label, Cell value) { card.add_row({Cell(label, Style::Dim), std::move(value)}); };
  for (const ToolTextField& text : kToolTextFields) {
    if (text.card) field(text.card, optional_cell(tool.*text.member, output));
  }
  for (const auto& [key, value] : tool.attributes) card.add_row({Cell(key, Style::Dim), Cell(value)});
  card.add_blank();
  field(decision_table::kPanelVerdict, panel_verdict_cell(report.panel, output));
  field(decision_table::kPanelShip, panel_ship_cell(report.panel, output));
  field(decision_table::kMeanScore, mean_score_cell(report.panel, output));
  field(decision_table::kCommunity, community_cell(report.community, output));
  out += card.render(output);
  if (tool.description) out += "\n" + indented(*tool.description, 0, output);

  out += "\n" + output.paint(decision_table::kScorecard, Style::Bold) + "\n";
  for (const Persona& persona : panel) {
    const Review* review = review_by(report, persona.name);
    out += "\n" + output.paint(sanitize_for_terminal(persona.name), Style::Bold) + "  ";
    if (!review) {
      out += output.paint("no review", Style::Dim) + "\n";
      continue;
    }
    Cell verdict = score_verdict_cell(*review, output, rule.now);
    out += output.paint(verdict.text, verdict.style) + "  " +
           output.paint(short_time(review->reviewed_at), Style::Dim) + "\n";
    if (!review->text.empty()) out += indented(review->text, 2, output);
  }
  return out;
}

namespace {

}  // namespace

// "Ship 3/1": the panel verdict with ships and skips, for one-line rows.
Cell short_panel_cell(const PanelSummary& panel, const OutputOptions& output) {
  if (!panel.verdict) return Cell(output.glyphs().missing, Style::Dim);
  static const char* const names[] = {"Ship", "Skip", "Split"};
  static const Style styles[] = {Style::Green, Style::Red, Style::Yellow};
  auto index = static_cast<std::size_t>(*panel.verdict);
  return Cell(fmt::format("{} {}/{}", names[index], panel.ship, panel.skip), styles[index]);
}

namespace {

// Narrower than this a name or category column reads badly: drop the category, then
// print a block per tool.
constexpr int kMinNameColumn = 12;
// The last resort before blocks: names cut to this, and the rest kept.
constexpr int kMinCutName = 8;

// How sure a ranked line's place is: "clear", "narrow", "provisional", or
// "tie" for a shared place; a dash for the last line when nothing is said.
// cut: "prov." for "provisional", where the width is short.
Cell place_cell(const RankPlace& place, const OutputOptions& output, bool cut = false) {
  if (!place.confidence) return Cell(output.glyphs().missing, Style::Dim);
  if (*place.confidence == Confidence::TooClose) return Cell("tie", Style::Dim);
  std::string name = cut && *place.confidence == Confidence::Provisional ? "prov." : confidence_name(*place.confidence);
  return Cell(name, *place.confidence == Confidence::Clear ? Style::Plain : Style::Yellow);
}

// A ranked line's place, or the band of places its interval allows when
// that is wider: "3", "2=", or "2-4" (as LMArena shows ranks).
Cell place_label_cell(const RankPlace& place) {
  if (place.rank_upper == 0 || place.rank_upper >= place.rank_lower) return Cell(place.label);
  return Cell(fmt::format("{}-{}", place.rank_upper, place.rank_lower));
}

TextTable tool_list_table(const ToolListView& view, bool with_category) {
  TextTable table(TextTable::Borders::None);
  std::vector<Cell> header{Cell("Name", Style::Bold), Cell("Category", Style::Bold), Cell("Panel", Style::Bold),
                           Cell("Ship", Style::Bold), Cell("Mean", Style::Bold), Cell("Votes", Style::Bold)};
  if (view.updated) header.push_back(Cell("Updated", Style::Bold));
  if (view.ranked) header.push_back(Cell("Lead", Style::Bold));
  if (!with_category) header.erase(header.begin() + 1);
  if (view.ranked) header.insert(header.begin(), Cell("#", Style::Bold));
  std::size_t panel = (view.ranked ? 1 : 0) + (with_category ? 2 : 1);
  for (std::size_t c = panel; c < header.size(); ++c) table.set_fixed(c);
  for (std::size_t c = panel + 1; c < panel + 4; ++c) table.set_align(c, Align::Right);
  if (view.ranked) {
    table.set_align(0, Align::Right);
    table.set_fixed(0);
  }
  table.set_header(std::move(header));
  return table;
}

// name_width, category_width: the columns' widths, names and categories
// cut to them (0 when measuring).
std::vector<Cell> tool_list_row(const ToolLine& line, std::size_t position, const ToolListView& view,
                                bool with_category, bool cut_lead, const OutputOptions& output, int name_width = 0,
                                int category_width = 0) {
  Cell category = line.category ? Cell(fit_line(*line.category, category_width, output.unicode))
                                : optional_cell(line.category, output);
  std::vector<Cell> cells{Cell(fit_line(line.name, name_width, output.unicode)), category,
                          short_panel_cell(line.panel, output),
                          panel_ship_cell(line.panel, output), mean_score_cell(line.panel, output),
                          Cell(std::to_string(line.community.votes))};
  if (line.panel.basis == ShipBasis::Published) cells[3] = Cell(format_percent(*line.panel.ship_pct) + "*");
  if (view.updated) cells.emplace_back(line.updated_at.substr(0, 10));
  if (!with_category) cells.erase(cells.begin() + 1);
  if (view.ranked) {
    const RankPlace& place = view.places.at(position - 1);
    cells.push_back(place_cell(place, output, cut_lead));
    cells.insert(cells.begin(), place_label_cell(place));
  }
  return cells;
}

// Too narrow for a table: the name on a line, the figures below it.
void write_tool_blocks(const std::vector<ToolLine>& lines, const OutputOptions& output, const ToolListView& view,
                       std::ostream& out) {
  std::string dot = std::string(" ") + output.glyphs().dot + " ";
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const ToolLine& line = lines[i];
    std::string name = (view.ranked ? place_label_cell(view.places.at(i)).text + ". " : "") + sanitize_for_terminal(line.name);
    for (const std::string& part : wrap_text(name, output.width)) out << output.paint(part, Style::Bold) << "\n";
    std::string figures = short_panel_cell(line.panel, output).text + dot + panel_ship_cell(line.panel, output).text +
                          " ship" + dot + "mean " + mean_score_cell(line.panel, output).text + dot +
                          plural(line.community.votes, "vote");
    if (line.category) figures += dot + sanitize_for_terminal(*line.category);
    if (view.updated) figures += dot + line.updated_at.substr(0, 10);
    if (view.ranked) figures += dot + place_cell(view.places.at(i), output).text;
    for (const std::string& part : wrap_text(figures, output.width - 2)) out << "  " << part << "\n";
  }
}

}  // namespace

void render_tool_list(const std::vector<ToolLine>& lines, const OutputOptions& output, const ToolListView& view,
                      std::ostream& out) {
  if (lines.empty()) {
    out << sanitize_for_terminal(view.empty_message) << "\n";
    return;
  }
  int widest_name = 4, widest_category = 8;  // "Name", "Category"
  bool published = false;
  for (const ToolLine& line : lines) {
    widest_name = std::max(widest_name, display_width(sanitize_for_terminal(line.name)));
    if (line.category) widest_category = std::max(widest_category, display_width(sanitize_for_terminal(*line.category)));
    published = published || line.panel.basis == ShipBasis::Published;
  }
  std::size_t name_column = view.ranked ? 1 : 0;
  bool written = false;
  // Narrower and narrower: without the category, then names cut shorter,
  // then "prov." for "provisional", then blocks. rank keeps its Lead: without it a one-review tool at #1
  // would look as sure as any.
  struct Layout {
    bool with_category;
    int min_name;
    bool cut_lead;  // "prov."
  };
  const Layout layouts[] = {{true, kMinNameColumn, false}, {false, kMinNameColumn, false}, {false, kMinCutName, false},
                            {false, kMinCutName, true}};
  for (const auto& [with_category, min_name, cut_lead] : layouts) {
    // The cells are made twice, to measure and to write, rather than kept.
    TextTable table = tool_list_table(view, with_category);
    for (std::size_t i = 0; i < lines.size(); ++i) {
      table.measure_row(tool_list_row(lines[i], i + 1, view, with_category, cut_lead, output));
    }
    std::vector<int> widths = table.column_widths(output.width);
    bool cramped = widths[name_column] < std::min(widest_name, min_name) ||
                   (with_category && widths[name_column + 1] < std::min(widest_category, min_name));
    if (cramped) continue;
    table.write_header(widths, output, out);
    int category_width = with_category ? widths[name_column + 1] : 0;
    for (std::size_t i = 0; i < lines.size(); ++i) {
      table.write_row(tool_list_row(lines[i], i + 1, view, with_category, cut_lead, output, widths[name_column],
                                    category_width),
                      widths, output, out);
    }
    written = true;
    break;
  }
  if (!written) write_tool_blocks(lines, output, view, out);
  if (published) out << output.paint("* published: the figure a comparison page gave", Style::Dim) << "\n";
}

std::string render_history(const std::vector<Review>& reviews, const OutputOptions& output) {
  if (reviews.empty()) return "No reviews yet.\n";
  std::size_t time_width = 0;  // dates alone and dates with times line up
  std::size_t id_width = 0;  // and so do ids, which 'review edit' and 'review rm' take
  for (const Review& review : reviews) {
    time_width = std::max(time_width, short_time(review.reviewed_at).size());
    id_width = std::max(id_width, std::to_string(review.id).size());
  }
  std::string out;
  for (const Review& review : reviews) {
    if (!out.empty()) out += "\n";
    Cell verdict = score_verdict_cell(review, output);
    std::string time = short_time(review.reviewed_at);
    time.resize(time_width, ' ');
    out += output.paint(time, Style::Dim) + "  " + output.paint(fmt::format("#{:<{}}", review.id, id_width), Style::Dim) +
           "  " + output.paint(sanitize_for_terminal(review.persona), Style::Bold) + "  " +
           output.paint(verdict.text, verdict.style);
    if (review.author) out += "  " + output.paint("by " + sanitize_for_terminal(*review.author), Style::Dim);
    if (review.source) out += "  " + output.paint("(" + sanitize_for_terminal(*review.source) + ")", Style::Dim);
    out += "\n";
    if (!review.text.empty()) out += indented(review.text, 2, output);
  }
  return out;
}

std::string render_votes(const std::vector<Vote>& votes, const OutputOptions& output) {
  if (votes.empty()) return "No votes yet.\n";
  TextTable table(TextTable::Borders::None);
  table.set_header({Cell("Voter", Style::Bold), Cell("Vote", Style::Bold), Cell("Cast", Style::Bold),
                    Cell("By", Style::Bold)});
  for (const Vote& vote : votes) {
    table.add_row({vote.voter ? Cell(sanitize_for_terminal(*vote.voter)) : Cell("(anonymous)", Style::Dim),
                   Cell(verdict_name(vote.verdict), vote.verdict == Verdict::Ship ? Style::Green : Style::Red),
                   Cell(short_time(vote.cast_at), Style::Dim),
                   vote.author ? Cell(sanitize_for_terminal(*vote.author), Style::Dim) : Cell("")});
  }
  return table.render(output);
}

namespace {

// What an audit row changed, in a few words: the fields an edit changed
// ("score 72 → 80"), or added / removed.
std::string change_summary(const AuditEntry& entry, const OutputOptions& output) {
  Json before, after;
  bool has_before = entry.before && parse_json_bounded(*entry.before, 16, before) == JsonStatus::Ok && before.is_object();
  bool has_after = entry.after && parse_json_bounded(*entry.after, 16, after) == JsonStatus::Ok && after.is_object();
  if (!has_before) return has_after ? "added" : "";
  if (!has_after) return "removed";
  auto shown = [&output](const Json& value) {
    std::string text = sanitize_for_terminal(value.is_string() ? value.get<std::string>() : value.dump());
    return display_width(text) > 24 ? fit_line(text, 24, output.unicode) : text;
  };
  std::string out;
  const char* arrow = output.unicode ? " → " : " -> ";
  for (const auto& [key, value] : after.items()) {
    if (before.contains(key) && before[key] == value) continue;
    if (!out.empty()) out += ", ";
    out += key == "text" ? std::string("text changed") : key + " " + shown(before.value(key, Json())) + arrow + shown(value);
  }
  return out.empty() ? "no change" : out;
}

}  // namespace

std::string render_log(const std::vector<AuditEntry>& entries, const OutputOptions& output) {
  if (entries.empty()) return "No changes recorded yet.\n";
  TextTable table(TextTable::Borders::None);
  table.set_header({Cell("When", Style::Bold), Cell("Who", Style::Bold), Cell("Command", Style::Bold),
                    Cell("What", Style::Bold), Cell("Change", Style::Bold)});
  for (const AuditEntry& entry : entries) {
    std::string who = sanitize_for_terminal(entry.author);
    if (entry.login != entry.author) who += " (login " + sanitize_for_terminal(entry.login) + ")";
    std::string change = change_summary(entry, output);
    if (entry.forced) change = "forced: " + change;
    table.add_row({Cell(short_time(entry.at), Style::Dim), Cell(who), Cell(sanitize_for_terminal(entry.command)),
                   Cell(sanitize_for_terminal(entry.subject)), Cell(change, entry.forced ? Style::Red : Style::Plain)});
  }
  return table.render(output);
}

std::string render_personas(const std::vector<Persona>& personas, const OutputOptions& output) {
  TextTable table(TextTable::Borders::None);
  table.set_header({Cell("Persona", Style::Bold), Cell("Weight", Style::Bold), Cell("Focus", Style::Bold)});
  table.set_align(1, Align::Right);
  for (const Persona& persona : personas) {
    Cell name = persona.removed ? Cell(persona.name + " (removed)", Style::Dim) : Cell(persona.name);
    table.add_row({name, Cell(format_number(persona.weight)), optional_cell(persona.focus, output)});
  }
  return table.render(output);
}

std::string render_info(const DatabaseInfo& info, const OutputOptions& output) {
  TextTable table(TextTable::Borders::None);
  auto field = [&](const char* label, const std::string& value) { table.add_row({Cell(label, Style::Dim), Cell(value)}); };
  field("Database", info.exists ? info.path : info.path + " (not created yet)");
  field("Back-end", info.backend);
  field("Schema", std::to_string(info.schema));
  field("Tools", std::to_string(info.tools));
  field("Personas", std::to_string(info.personas));
  field("Reviews", std::to_string(info.reviews));
  field("Votes", std::to_string(info.votes));
  field("Decisions", std::to_string(info.decisions));
  return table.render(output);
}

std::string site_counts_line(const std::string& dir, const SiteCounts& counts) {
  return sanitize_for_terminal(fmt::format("published {} to '{}': {} written, {} unchanged, {} removed\n",
                                           plural(counts.written + counts.unchanged, "file"), dir, counts.written,
                                           counts.unchanged, counts.removed));
}

std::string summary_line(const ImportSummary& summary) {
  const ImportCounts& c = summary.counts;
  std::string line = fmt::format("{} {}, {}, {}", summary.dry_run ? "would import" : "imported",
                                 plural(c.reviews, "review"), plural(c.tools, "tool"), plural(c.votes, "vote"));
  if (c.personas > 0) line += ", " + plural(c.personas, "persona");
  if (c.decisions > 0) line += ", " + plural(c.decisions, "decision");
  line += fmt::format(" in {:.1f} s", summary.seconds);
  if (c.updated > 0) line += fmt::format("; {} updated", c.updated);
  if (c.unchanged > 0) line += fmt::format("; {} already there", c.unchanged);
  if (c.kept_back > 0) {
    line += fmt::format("; {} without score or verdict kept as history behind a scored one", plural(c.kept_back, "review"));
  }
  if (c.skipped > 0) line += fmt::format("; {} skipped", c.skipped);
  if (c.failed > 0) line += fmt::format("; {} failed", c.failed);
  if (summary.dry_run) line += " (dry run: nothing written)";
  for (const std::string& change : summary.changes) line += "\n  " + sanitize_for_terminal(change);
  return line;
}

}  // namespace toolcmp
