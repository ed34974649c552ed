// Plain data: what the store loads and the renderers print. No SQL, no
// formatting.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace toolcmp {

enum class Verdict { Ship, Skip };

using Attributes = std::vector<std::pair<std::string, std::string>>;  // sorted by key

struct VoteTally {
  int ship = 0;
  int skip = 0;
  friend bool operator==(const VoteTally& a, const VoteTally& b) { return a.ship == b.ship && a.skip == b.skip; }
  friend bool operator!=(const VoteTally& a, const VoteTally& b) { return !(a == b); }
};

struct Tool {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> vendor, category, tagline, description, pricing,
      entry, license, url;
  std::optional<double> published_ship_pct;  // a published page's panel ship %, 0-100
  std::optional<VoteTally> published_votes;  // a published page's community figure, never mixed with votes cast here
  Attributes attributes;
  std::string created_at, updated_at;
};

// A tool's eight optional text fields, in the order every view, record and
// option list gives them: the one list of them (JSON keys, record fields,
// page fields, command-line options, the store's columns and show's card
// all take their names from here).
struct ToolTextField {
  const char* name;  // JSON key and record field; the option is --name
  std::optional<std::string> Tool::*member;
  const char* help;  // for the option
  const char* card;  // its label on show's card; none: shown apart (tagline, description)
};
inline constexpr ToolTextField kToolTextFields[] = {
    {"vendor", &Tool::vendor, "Who makes it", "Vendor"},
    {"category", &Tool::category, "Category, e.g. 'Developer Tools'", "Category"},
    {"tagline", &Tool::tagline, "What it is best for, in one line", nullptr},
    {"description", &Tool::description, "A paragraph on what it is", nullptr},
    {"pricing", &Tool::pricing, "Pricing, e.g. 'Free (Apache 2.0)'", "Pricing"},
    {"entry", &Tool::entry, "Entry price, e.g. Free", "Entry"},
    {"license", &Tool::license, "License, e.g. Apache-2.0", "License"},
    {"url", &Tool::url, "Home page", "URL"},
};

struct Persona {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> focus;
  double weight = 1.0;
  bool removed = false;
};

struct Review {
  std::int64_t id = 0;
  std::string tool;
  std::string persona;
  double persona_weight = 1.0;
  std::optional<int> score;
  std::optional<Verdict> verdict;
  std::string text;
  std::string reviewed_at;  // when it was written
  std::string recorded_at;  // when toolcmp recorded it (empty: not read)
  // Where it came from (FILE:LINE, a page's line, or cli): the first of
  // its sources in sort order, then the others, so that the order pages
  // were imported in does not show.
  std::optional<std::string> source;
  std::vector<std::string> also_from;
  // Who wrote it (the database role, the OS user, or --author); absent for
  // reviews written before toolcmp kept it. Written: absent is the writer.
  std::optional<std::string> author;
  // Older than --max-age: shown, marked, and left out of every figure.
  bool stale = false;
  // --half-life: 0.5 ^ (age / half-life), multiplying the persona's weight
  // in every figure; 1 without it.
  double age_weight = 1;
};

struct Vote {
  std::string tool;
  Verdict verdict = Verdict::Ship;
  std::optional<std::string> voter;  // absent: anonymous
  std::string cast_at;
  std::optional<std::string> author;  // who cast it, as Review::author
};

enum class PanelVerdict { Ship, Skip, Split };

// Where a panel ship % comes from: the current reviews' verdicts, or,
// where no review has a verdict, the figure a published page gave.
enum class ShipBasis { Reviews, Published };

struct PanelSummary {
  std::optional<PanelVerdict> verdict;  // absent when no review has a verdict
  int ship = 0;
  int skip = 0;
  std::optional<double> ship_pct;    // 0-100
  std::optional<ShipBasis> basis;    // present exactly when ship_pct is
  std::optional<double> mean_score;  // persona-weighted, rounded to one decimal
  // The 95% Wilson score interval of ship_pct, from the number of verdicts:
  // how far so few verdicts could be from the panel's mind. Reviews only.
  std::optional<std::pair<double, double>> ship_interval;
  // The mean score with each persona's habit taken out (see Habits),
  // persona-weighted, one decimal: the figure the default rule decides by.
  std::optional<double> adjusted_mean;
  // How many reviews the scores are worth once weighed: (sum w)^2 / sum w^2,
  // the count itself when every weight is 1.
  double score_neff = 0;
  int scored = 0;  // current reviews with a score
  double score_age = 0;  // the scores' weighted mean age in years (Habits::now), 0 without one
  int verdicts() const { return ship + skip; }
};

struct CommunitySummary {
  int votes = 0;
  int ship = 0;
  int skip = 0;
  std::optional<double> ship_pct;
  // false: the votes cast here; true: none were, and these are the figures
  // a published page gave.
  bool published = false;
};

// A review kept in the history that no figure uses (compare --explain).
enum class LeftOutReason { Superseded, RemovedPersona };
struct LeftOutReview {
  Review review;
  LeftOutReason reason = LeftOutReason::Superseded;
};

// Everything the decision needs about one tool.
struct ToolReport {
  Tool tool;
  std::vector<Review> reviews;  // current review per active persona, panel order
  std::vector<LeftOutReview> left_out;  // with --explain: the rest of its history as it stood at --as-of, newest first
  std::int64_t left_out_total = 0;       // and how many there are in all (left_out lists the latest only)
  PanelSummary panel;
  CommunitySummary community;
};

// One line of list and rank: what the table shows and the orders need,
// small enough to keep for every tool of a large database.
struct ToolLine {
  std::int64_t id = 0;
  std::string name;
  std::optional<std::string> category;
  std::string updated_at;
  PanelSummary panel;
  CommunitySummary community;
  std::string key;  // name_key(name): the order of lines no figure separates
};

// How sure a pick is. Provisional: the pick has fewer verdicts than the
// panel (or --min-verdicts), or the figure that decided is missing on the
// other side. Narrow: the ship % intervals overlap and the mean scores are
// within 5 points. Too close: no figure separates them.
enum class Confidence { Clear, Narrow, Provisional, TooClose };

// A ranked line's place ("2=" when shared) and how sure it is (rank).
struct RankPlace {
  std::string label;
  std::optional<Confidence> confidence;
  // The deciding figure's 95% interval (the adjusted mean's, or under ship
  // first the ship %'s), and the places it allows among every tool ranked:
  // tools whose intervals overlap share a band, rank_upper-rank_lower.
  std::optional<std::pair<double, double>> interval;
  int rank_upper = 0, rank_lower = 0;
};

struct Recommendation {
  std::optional<std::string> tool;  // absent: too close to call, or none ships
  std::string reason;
  std::optional<Confidence> confidence;  // absent only when none of them ships
  // The pick's lead on the adjusted mean over its standard error, when
  // that figure decided (the basis of the confidence label).
  std::optional<double> lead_se;
};

// A persona's weight for one command only (--weight PERSONA=W): nothing is
// written. Weight 0 leaves the persona out.
struct WeightOverride {
  std::string persona;  // as stored
  double weight = 1.0;
};

// Which figure decides first. AdjustedMean (the default): the mean score
// with each persona's habitual strictness taken out, then panel ship %,
// then community ship %. ShipFirst (the rule before, --rule ship-first):
// panel ship %, then mean score, then community ship %.
enum class Method { AdjustedMean, ShipFirst };

// A persona's habit: how far its current scores sit from the panel's mean,
// across the tools of the window, shrunk toward 0 by kHabitShrink imagined
// scores at the panel's mean (a persona that scored 3 tools keeps half of
// its distance). A persona absent here has offset 0.
struct PersonaHabit {
  std::string persona;
  int scored = 0;
  double offset = 0;  // points above (+) or below (-) the panel
};
struct Habits {
  std::vector<PersonaHabit> personas;
  int tools = 0;      // tools in the window that have a counted score
  double noise = 10;  // the spread of one adjusted score around its tool's mean, pooled (points)
  std::string now;    // scores' ages are counted to this (empty: ages count for nothing)
  double offset_of(const std::string& persona) const {
    for (const PersonaHabit& habit : personas) {
      if (habit.persona == persona) return habit.offset;
    }
    return 0;
  }
};

// Which reviews a read sees: those written (reviewed_at) by `written` and
// recorded (recorded_at) by `recorded`; either absent is no bound. --as-of T
// sets both, what toolcmp knew at T; --written-before T the first only.
struct ReviewCut {
  std::optional<std::string> written, recorded;
};

// The rule that picks a tool (the README's "decision rule"): what it takes
// besides the reports. A saved decision (Decision) keeps one as rule_json.
struct PickRule {
  Method method = Method::AdjustedMean;
  Habits habits;  // measured by the loader for AdjustedMean (zero offsets: the plain mean)
  int panel_size = 0;                // active personas: a pick with fewer verdicts is provisional
  std::optional<int> min_verdicts;   // --min-verdicts: fewer verdicts cannot win
  std::vector<WeightOverride> weights;
  std::optional<std::string> as_of;  // --as-of: the reviews written and recorded by then, the votes cast (UTC timestamp)
  bool written_only = false;         // --written-before: as_of bounds when reviews were written, not recorded
  ReviewCut cut() const { return {as_of, written_only ? std::nullopt : as_of}; }
  std::optional<std::string> max_age;       // --max-age as given ("90d"), or TOOLCMP_MAX_AGE
  std::optional<std::string> stale_before;  // with max_age: reviews written before this are stale
  std::optional<std::string> half_life;     // --half-life as given ("90d"), or TOOLCMP_HALF_LIFE
  std::string now;  // reviews' ages are counted to this: as_of, or now (empty: no ages shown)
};

// How much it would take to change a pick (compare --explain).
struct WeightTurn {
  std::string persona;
  double weight = 0;  // the pick changes when the persona's weight reaches this (two decimals)
  std::string new_pick;  // empty: then nothing is recommended
};

struct VerdictTurn {
  std::string tool, persona;
  Verdict turns_to = Verdict::Skip;
  std::string new_pick;  // empty: then nothing is recommended
};

struct Sensitivity {
  std::optional<WeightTurn> weight;    // none: no weight from 0 to 100 changes the pick
  std::optional<VerdictTurn> verdict;  // none: no single verdict changes it
};

struct Comparison {
  std::vector<Persona> panel;  // active personas, panel order, with what-if weights applied
  std::vector<ToolReport> tools;
  Recommendation recommendation;
  PickRule rule;  // as decided: the panel size, --weight (labelled what-if), --as-of
  std::optional<Sensitivity> sensitivity;  // with --explain
};

// A decision kept (decide, compare --save): which tool was picked over
// which, why, and the comparison as it stood then. Statuses as MADR has them.
enum class DecisionStatus { Proposed, Accepted, Rejected, Superseded };

struct DecisionOption {
  std::string name;                    // as it was when decided
  std::optional<std::int64_t> tool_id;  // none: the tool has been removed since
  std::optional<std::string> name_now;  // its name today, when it still exists
};

struct Decision {
  std::int64_t id = 0;
  std::string title;
  DecisionStatus status = DecisionStatus::Proposed;
  std::vector<DecisionOption> options;  // every tool weighed, in the order compared
  std::size_t pick = 0;                 // which of them was picked
  std::string why;
  std::optional<std::string> by;         // who decided
  std::optional<std::string> author;     // who recorded it, as Review::author
  std::optional<std::string> review_by;  // a date to look at it again (YYYY-MM-DD)
  std::optional<std::int64_t> superseded_by;
  std::optional<std::string> superseded_by_title;
  std::string decided_at;  // when the snapshot was taken (UTC timestamp)
  // The rule it was decided by, as JSON: {"weights": {...}, "min_verdicts": N, "max_age": "90d"}.
  std::string rule_json = "{}";
  std::string snapshot;  // compare --json as it was, with the ids of the reviews and votes it counted (loaded when asked)
  std::string evidence;  // the snapshot without review texts and sources: what show, check and changes read
  std::string updated_at;
  const DecisionOption& picked() const { return options.at(pick); }
};

// One change as the audit table keeps it (toolcmp log): who was connected
// (login) and who they wrote as (author), when, the command, what it
// changed, and the row before and after as JSON (absent: added, removed).
struct AuditEntry {
  std::int64_t id = 0;
  std::string at, login, author, command, subject;
  bool forced = false;  // another author's work, changed with --force
  std::optional<std::string> before, after;
};

// Which changes toolcmp log shows, newest first.
struct AuditFilter {
  std::optional<std::string> author;  // written as this author (ignoring ASCII case)
  std::optional<std::string> since;   // a UTC timestamp
  std::size_t limit = 0;              // 0: all
};

struct DatabaseInfo {
  std::string path;
  bool exists = false;  // false: no file (or no toolcmp schema on the server) yet, read as an empty database
  std::string backend;  // "SQLite 3.40.1", "PostgreSQL 15.4"
  int schema = 0;
  std::int64_t tools = 0, personas = 0, reviews = 0, votes = 0, decisions = 0;
};

// What an import did: counted by the Importer, shown by the renderers.
struct ImportCounts {
  std::int64_t reviews = 0, tools = 0, votes = 0, personas = 0, decisions = 0;  // added
  std::int64_t updated = 0;    // tools and personas given fields, votes replaced by later ones
  std::int64_t unchanged = 0;  // already there
  std::int64_t skipped = 0;    // conflicts left alone (--on-conflict skip)
  std::int64_t failed = 0;     // bad records (--keep-going)
  // Added as history: undated reviews with neither score nor verdict, whose
  // persona's current review of the tool has one (they never supersede it).
  std::int64_t kept_back = 0;
};

// What publish did to a site's files: counted by the site, shown by the renderers.
struct SiteCounts {
  std::int64_t written = 0, unchanged = 0, removed = 0;
};

struct ImportSummary {
  ImportCounts counts;
  std::vector<std::string> errors;  // "FILE:LINE: reason", the first ones, with --keep-going
  // What the import changed in decisions already there, by name:
  // "decision 'Edge model': status accepted -> rejected".
  std::vector<std::string> changes;
  double seconds = 0;
  bool dry_run = false;
};

}  // namespace toolcmp
