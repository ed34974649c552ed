// What changed since a decision (or a date), whether its pick still holds,
// and the gates `toolcmp check` runs. Pure functions of the model.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "toolcmp/base/choice.h"
#include "toolcmp/model/model.h"

namespace toolcmp {

// In the order a list shows them: verdict flips first, then score moves of
// 10 points or more, then the rest.
enum class ChangeKind {
  VerdictFlip,     // a persona's current verdict on a tool turned
  ScoreMove,       // by kScoreMove points or more
  ReviewAdded,     // a persona reviewed a tool it had not
  ReviewReplaced,  // a newer review, verdict and score (nearly) the same
  ReviewGone,      // the review counted then is no longer current (removed, or its persona left the panel)
  Votes,           // the community tally moved
  PersonaAdded,
  PersonaRemoved,
  PersonaReweighted,
  ToolAdded,
  ToolRenamed,
  ToolRemoved,
};
inline constexpr int kScoreMove = 10;

struct Change {
  ChangeKind kind = ChangeKind::ReviewAdded;
  std::string tool;     // as named now (as then when removed)
  std::string persona;  // for review and persona changes
  std::string before, after;  // "ship" → "skip", "84" → "61", "3 ship / 1 skip", weights, names
  std::string at;       // when, where known: the new review's date, a removal's
};

// One tool at the two moments: its report then and now (none: it did not
// exist at that moment).
struct ToolMoments {
  const ToolReport* then = nullptr;
  const ToolReport* now = nullptr;
};

// The changes to these tools' reviews and votes, then the panel's, in list
// order (see ChangeKind). Reviews are matched by persona name.
std::vector<Change> tool_changes(const std::vector<ToolMoments>& tools);
std::vector<Change> panel_changes(const std::vector<Persona>& then, const std::vector<Persona>& now);
void sort_changes(std::vector<Change>& changes);

// Whether a decision's pick still holds against the comparison now.
struct PickCheck {
  bool holds = false;
  std::string pick;                       // the pick, as named now
  // Chosen over the recommendation: what the comparison recommended when
  // it was decided (as named now; none: it recommended nothing). An
  // override holds while the recommendation is still that one (or has come
  // round to the pick): only a change since can break it.
  bool is_override = false;
  std::optional<std::string> then_pick;
  std::optional<std::string> now_pick;    // what the comparison recommends now
  std::optional<Confidence> confidence;   // now
  std::optional<Change> because;          // the change that most likely turned it
};
// then_pick: what the comparison recommended when it was decided, as named
// now (none: nothing).
PickCheck check_pick(const std::string& pick, const std::optional<std::string>& then_pick, const Recommendation& now,
                     const std::vector<Change>& changes);
// "The pick still holds (Mistral 3B, clear)" or "The pick no longer holds:
// now Code Llama 4 (narrow), since Skeptic turned skip on Mistral 3B on 2027-02-03".
std::string pick_line(const PickCheck& check, const char* arrow = "\u2192");
// "Quill Coder 2 was chosen over the recommendation, Ferrox LSP" for an
// override; empty for a pick that was the recommendation.
std::string override_line(const PickCheck& check);
// "Skeptic turned skip on Mistral 3B on 2027-02-03", and the rest of the kinds.
std::string describe_change(const Change& change, const char* arrow = "\u2192");

// The gates of `toolcmp check`.
enum class Gate { Changed, Flipped, Narrow, Provisional, Stale, Overdue, Skip };
inline constexpr choices::Choice<Gate> kGateWords[] = {
    {"changed", Gate::Changed}, {"flipped", Gate::Flipped}, {"narrow", Gate::Narrow}, {"provisional", Gate::Provisional},
    {"stale", Gate::Stale},     {"overdue", Gate::Overdue}, {"skip", Gate::Skip}};
const char* gate_name(Gate gate);
std::optional<Gate> try_parse_gate(std::string_view text);

// Everything a decision's gates look at.
struct DecisionState {
  PickCheck pick;
  std::vector<Change> changes;
  std::optional<PanelVerdict> pick_verdict;  // the pick's panel verdict now
  std::vector<Review> stale;                 // the pick's current reviews older than max-age
  bool overdue = false;                      // review-by has passed
  std::optional<std::string> review_by;
};
struct GateResult {
  Gate gate = Gate::Changed;
  bool failed = false;
  std::string detail;  // why it failed, in a few words
};
std::vector<GateResult> run_gates(const DecisionState& state, const std::vector<Gate>& gates);

// A decision then and now: what decision show, its Markdown record and
// check look at. Holds pointers into then and now: moved, never copied.
struct DecisionView {
  Decision decision;
  Comparison then;  // from the snapshot
  Comparison now;   // the tools still there, by the decision's rule, today
  std::vector<ToolMoments> moments;  // one per option, in order
  DecisionState state;
  DecisionView() = default;
  DecisionView(DecisionView&&) = default;
  DecisionView& operator=(DecisionView&&) = default;
  DecisionView(const DecisionView&) = delete;
};

}  // namespace toolcmp
