// Decisions kept: decide and compare --save, decision show then and now,
// changes, the check gate and its exit codes, export and import, MADR.
// Through the whole program, on both back-ends.
#include <catch2/catch.hpp>

#include <fstream>

#include <nlohmann/json.hpp>

#include "support.h"
#include "toolcmp/model/drift.h"

using toolcmp::test::Db;
using toolcmp::test::Env;
using Json = nlohmann::json;

namespace {

const Env kDecidedNow{{"TOOLCMP_NOW", "2026-12-01T12:00:00Z"}};
const Env kLater{{"TOOLCMP_NOW", "2027-02-10T12:00:00Z"}};

// Mistral 3B picked over Code Llama 4 on 2026-12-01, accepted, review by 2027-06-01.
void decide(const Db& db, const std::string& rule = "adjusted-mean") {
  db.load_acceptance_panel();
  db.ok({"decide", "Local code model", "--pick", "Mistral 3B", "--over", "Code Llama 4", "--status", "accepted",
         "--by", "Platform team", "--why", "Apache weights and the best panel.", "--review-by", "2027-06-01", "--rule",
         rule, "-q"},
        "C.UTF-8", kDecidedNow);
}

Json show(const Db& db, const std::string& decision = "Local code model", const Env& env = kLater) {
  return Json::parse(db.ok({"decision", "show", decision, "--json"}, "C.UTF-8", env));
}

bool has_change(const Json& shown, const std::string& kind, const std::string& who) {
  for (const Json& change : shown["changes"]) {
    if (change["kind"] == kind && (change["persona"] == who || change["tool"] == who)) return true;
  }
  return false;
}

void review(const Db& db, const char* tool, const char* persona, const char* score, const char* verdict) {
  db.ok({"review", tool, persona, "--score", score, "--verdict", verdict, "--text", "Looked again.", "--at",
         "2027-02-03", "-q"},
        "C.UTF-8", kLater);
}

}  // namespace

TEST_CASE("a decision's changes lead with the verdict flips, called so, then the rest") {
  Db db;
  decide(db);
  review(db, "Mistral 3B", "Skeptic", "40", "skip");  // a flip
  review(db, "Code Llama 4", "Builder", "60", "ship");  // a score move, no flip
  db.ok({"vote", "Code Llama 4", "ship", "-q"}, "C.UTF-8", kLater);
  std::string text = db.ok({"decision", "show", "local-code-model", "--width", "200"}, "C.UTF-8", kLater);
  INFO(text);
  std::size_t flips = text.find("  Verdict flips (1)\n");
  std::size_t flip = text.find("Skeptic turned skip on Mistral 3B");
  std::size_t rest = text.find("  Everything else (");
  REQUIRE(flips != std::string::npos);
  REQUIRE(flip != std::string::npos);
  REQUIRE(rest != std::string::npos);
  CHECK(flips < flip);
  CHECK(flip < rest);
  CHECK(text.find("Code Llama 4", rest) != std::string::npos);  // the score move and the vote come after
  // Only flips, or no flip at all: no headings.
  Db quiet;
  decide(quiet);
  review(quiet, "Code Llama 4", "Builder", "60", "ship");
  std::string none = quiet.ok({"decision", "show", "local-code-model", "--width", "200"}, "C.UTF-8", kLater);
  CHECK(none.find("Builder") != std::string::npos);
  CHECK(none.find("Verdict flips") == std::string::npos);
  CHECK(none.find("Everything else") == std::string::npos);
}

TEST_CASE("a decision whose pick stops holding after a review says so and which change turned it") {
  Db db;
  decide(db);
  review(db, "Mistral 3B", "Skeptic", "40", "skip");
  review(db, "Code Llama 4", "Founder", "72", "ship");
  Json shown = show(db);
  CHECK(shown["pick"]["holds"] == false);
  CHECK(shown["pick"]["now"] == "Code Llama 4");
  CHECK(shown["pick"]["because"]["kind"] == "verdict_flip");
  CHECK(shown["pick"]["because"]["persona"] == "Skeptic");
  CHECK(shown["pick"]["because"]["tool"] == "Mistral 3B");
  CHECK(shown["changes"][0]["kind"] == "verdict_flip");  // flips first
  CHECK(shown["then"]["recommendation"]["tool"] == "Mistral 3B");
  std::string text = db.ok({"decision", "show", "local-code-model", "--width", "200"}, "C.UTF-8", kLater);
  CHECK_THAT(text, Catch::Contains("The pick no longer holds: now Code Llama 4"));
  CHECK_THAT(text, Catch::Contains("since Skeptic turned skip on Mistral 3B on 2027-02-03"));
  CHECK_THAT(text, Catch::Contains("80/100 · ship → 40/100 · skip"));
  auto check = db.run({"check"}, "C.UTF-8", kLater);
  CHECK(check.code == 4);
  CHECK_THAT(check.out, Catch::StartsWith("decision 1 'Local code model': changed: The pick no longer holds"));
  CHECK(check.err.empty());
}

TEST_CASE("changes without --since goes from the latest decision, or else the last week, and says which") {
  Db undecided;
  undecided.load_acceptance_panel();
  std::string week = undecided.ok({"changes"}, "C.UTF-8", kLater);
  CHECK(week.rfind("What changed in the last week, since 2027-02-03 (no --since given)\n", 0) == 0);
  CHECK(Json::parse(undecided.ok({"changes", "--json"}, "C.UTF-8", kLater))["since"] == "2027-02-03T12:00:00Z");
  Db db;
  decide(db);
  review(db, "Mistral 3B", "Skeptic", "30", "skip");
  std::string since_decision = db.ok({"changes"}, "C.UTF-8", kLater);
  CHECK(since_decision.rfind("What changed since decision 1, 'Local code model', 2026-12-01 (no --since given)\n", 0) == 0);
  // The same changes as --since naming the decision, and the same as --since its time.
  Json by_default = Json::parse(db.ok({"changes", "--json"}, "C.UTF-8", kLater));
  CHECK(by_default == Json::parse(db.ok({"changes", "--since", "Local code model", "--json"}, "C.UTF-8", kLater)));
  CHECK_THAT(since_decision, Catch::Contains("Skeptic"));
  CHECK(by_default["changes"].size() > 0);
}

TEST_CASE("a decision that holds passes check silently and says it still holds") {
  Db db;
  decide(db);
  db.ok({"vote", "Mistral 3B", "ship", "--voter", "ana", "-q"}, "C.UTF-8", kLater);
  auto check = db.run({"check"}, "C.UTF-8", kLater);
  CHECK(check.code == 0);
  CHECK(check.out.empty());
  CHECK(check.err.empty());
  CHECK_THAT(db.ok({"decision", "show", "1"}, "C.UTF-8", kLater), Catch::Contains("The pick still holds (Mistral 3B, "));
  CHECK(has_change(show(db), "votes", "Mistral 3B"));
  Json gates = Json::parse(db.ok({"check", "--json"}, "C.UTF-8", kLater));
  CHECK(gates["ok"] == true);
  CHECK(gates["decisions"][0]["gates"].size() == 2);  // changed and overdue
}

TEST_CASE("a renamed tool and a removed or reweighted persona show as changes and the snapshot stays as it was") {
  Db db;
  decide(db);
  db.ok({"edit", "Mistral 3B", "--rename", "Mistral Small 3B", "-q"}, "C.UTF-8", kLater);
  db.ok({"persona", "rm", "Founder", "-q"}, "C.UTF-8", kLater);
  db.ok({"persona", "edit", "Skeptic", "--weight", "3", "-q"}, "C.UTF-8", kLater);
  Json shown = show(db);
  CHECK(has_change(shown, "tool_renamed", "Mistral Small 3B"));
  CHECK(has_change(shown, "persona_removed", "Founder"));
  CHECK(has_change(shown, "persona_reweighted", "Skeptic"));
  CHECK(shown["decision"]["pick"] == "Mistral Small 3B");
  CHECK(shown["then"]["tools"][0]["name"] == "Mistral 3B");
  CHECK(shown["then"]["panel"].size() == 4);
  CHECK(shown["pick"]["holds"] == true);
  Json since = Json::parse(db.ok({"changes", "--since", "Local code model", "--json"}, "C.UTF-8", kLater));
  bool reweighted = false;
  for (const Json& change : since["changes"]) reweighted = reweighted || change["kind"] == "persona_reweighted";
  CHECK(reweighted);
  // Removing a tool a decision names asks, says so, and keeps the decision readable.
  auto refused = db.run({"rm", "Code Llama 4"});
  CHECK(refused.code == 2);
  CHECK_THAT(refused.err, Catch::Contains("named by 1 decision: 'Local code model'"));
  db.ok({"rm", "Code Llama 4", "--yes", "-q"});
  Json after = show(db);
  CHECK(has_change(after, "tool_removed", "Code Llama 4"));
  CHECK(after["decision"]["over"][0] == "Code Llama 4");
}

TEST_CASE("check fails each gate it is asked for with exit 4 and passes the others") {
  Db db;
  decide(db, "ship-first");  // kept with the decision: check weighs by it, whatever the default is now
  CHECK(db.run({"check", "--fail-on", "changed,flipped,narrow,provisional,stale,overdue,skip"}, "C.UTF-8", kDecidedNow).code == 0);
  // Founder turns ship on Code Llama 4: a flip behind the decision, the pick narrow but still held.
  review(db, "Code Llama 4", "Founder", "70", "ship");
  CHECK(db.run({"check", "--fail-on", "changed"}, "C.UTF-8", kLater).code == 0);
  auto flipped = db.run({"check", "--fail-on", "flipped"}, "C.UTF-8", kLater);
  CHECK(flipped.code == 4);
  CHECK_THAT(flipped.out, Catch::Contains("flipped: Founder turned ship on Code Llama 4"));
  CHECK(db.run({"check", "--fail-on", "narrow"}, "C.UTF-8", kLater).code == 4);
  CHECK(db.run({"check", "--fail-on", "provisional"}, "C.UTF-8", kLater).code == 0);
  CHECK(db.run({"check", "--fail-on", "stale", "--max-age", "1y"}, "C.UTF-8", kLater).code == 0);
  auto stale = db.run({"check", "--fail-on", "stale", "--max-age", "30d"}, "C.UTF-8", kLater);
  CHECK(stale.code == 4);
  CHECK_THAT(stale.out, Catch::Contains("stale: 4 reviews behind Mistral 3B"));
  CHECK(db.run({"check", "--fail-on", "overdue"}, "C.UTF-8", kLater).code == 0);
  auto overdue = db.run({"check"}, "C.UTF-8", {{"TOOLCMP_NOW", "2027-07-01T00:00:00Z"}});
  CHECK(overdue.code == 4);
  CHECK_THAT(overdue.out, Catch::Contains("overdue: review-by 2027-06-01 has passed"));
  // Skip: three skips on the pick.
  for (const char* persona : {"Builder", "Skeptic", "Futurist"}) review(db, "Mistral 3B", persona, "30", "skip");
  CHECK(db.run({"check", "--fail-on", "skip"}, "C.UTF-8", kLater).code == 4);
  CHECK(db.run({"check", "--fail-on", "changed"}, "C.UTF-8", kLater).code == 4);
  // A proposed decision is checked only when named.
  db.ok({"add", "Tiny", "-q"});
  for (const char* persona : {"Builder", "Skeptic"}) review(db, "Tiny", persona, "95", "ship");
  db.ok({"decide", "Tiny first", "--pick", "Tiny", "--over", "Code Llama 4", "-q"}, "C.UTF-8", kLater);
  CHECK(db.run({"check", "Tiny first", "--fail-on", "provisional"}, "C.UTF-8", kLater).code == 4);
  Json all = Json::parse(db.run({"check", "--json", "--fail-on", "provisional"}, "C.UTF-8", kLater).out);
  CHECK(all["decisions"].size() == 1);  // the accepted one only
  auto bad = db.run({"check", "--fail-on", "changed,flipd"});
  CHECK(bad.code == 2);
  CHECK_THAT(bad.err, Catch::Contains("'flipd' is not a check"));
}

TEST_CASE("compare --save keeps the recommendation and is refused when it is too close") {
  Db db;
  db.ok({"add", "Alpha", "-q"});
  db.ok({"add", "Beta", "-q"});
  auto refused = db.run({"compare", "Alpha", "Beta", "--save", "Pick one"});
  CHECK(refused.code == 1);
  CHECK_THAT(refused.err, Catch::Contains("not saved"));
  CHECK_THAT(refused.err, Catch::Contains("--pick"));
  CHECK(Json::parse(db.ok({"decision", "list", "--json"}))["decisions"].empty());
  db.ok({"compare", "Alpha", "Beta", "--save", "Pick one", "--pick", "beta"});
  Json list = Json::parse(db.ok({"decision", "list", "--json"}));
  CHECK(list["decisions"][0]["pick"] == "Beta");
  CHECK(list["decisions"][0]["status"] == "proposed");
  db.load_acceptance_panel();
  db.ok({"compare", "Code Llama 4", "Mistral 3B", "--save", "Code model", "--brief"});
  CHECK(Json::parse(db.ok({"decision", "show", "code model", "--json"}))["decision"]["pick"] == "Mistral 3B");
  CHECK(db.run({"compare", "Code Llama 4", "Mistral 3B", "--save", "CODE MODEL"}).code == 1);  // titles are unique
  CHECK(db.run({"compare", "Alpha", "Beta", "--pick", "Alpha"}).code == 2);
  auto quiet = db.run({"compare", "Alpha", "Beta", "--save", "Quietly", "--pick", "Alpha", "-q"});
  CHECK(quiet.code == 0);
  CHECK(quiet.err.empty());  // -q: no "Saved as" line
  CHECK_THAT(db.run({"compare", "Alpha", "Beta", "--save", "Loudly", "--pick", "Alpha"}).err,
             Catch::Contains("Saved as decision"));
}

TEST_CASE("decision edit supersede and rm and list filters") {
  Db db;
  decide(db);
  db.ok({"decide", "Local code model 2027", "--pick", "Code Llama 4", "--over", "Mistral 3B", "--why", "Tool calls.", "-q"});
  db.ok({"decision", "supersede", "Local code model", "--by-decision", "Local code model 2027", "-q"});
  Json old = show(db, "1");
  CHECK(old["decision"]["status"] == "superseded");
  CHECK(old["decision"]["superseded_by"]["title"] == "Local code model 2027");
  db.ok({"decision", "edit", "2", "--status", "accepted", "--review-by", "2027-09-01", "--by", "Ana", "-q"}, "C.UTF-8",
        kDecidedNow);  // a review date still ahead, whatever today is
  Json list = Json::parse(db.ok({"decision", "list", "--status", "accepted", "--json"}));
  REQUIRE(list["decisions"].size() == 1);
  CHECK(list["decisions"][0]["review_by"] == "2027-09-01");
  CHECK(db.run({"decision", "edit", "2"}).code == 2);
  CHECK(db.run({"decision", "edit", "2", "--review-by", "soon"}).code == 2);
  CHECK(db.run({"decision", "rm", "local code model 2"}).code == 1);  // rm takes the full title
  db.ok({"decision", "rm", "Local code model 2027", "--yes", "-q"});
  CHECK(Json::parse(db.ok({"decision", "list", "--tool", "code-llama-4", "--json"}))["decisions"].size() == 1);
  CHECK_THAT(db.run({"decision", "show", "Lokal code modle"}).err, Catch::Contains("did you mean 'Local code model'"));
}

TEST_CASE("export and import carry decisions with their snapshots to the same decision show") {
  Db db;
  decide(db);
  db.ok({"decide", "Second look", "--pick", "Code Llama 4", "--over", "Mistral 3B", "--why", "Tool calls.", "-q"},
        "C.UTF-8", kDecidedNow);
  db.ok({"decision", "supersede", "1", "--by-decision", "Second look", "-q"}, "C.UTF-8", kDecidedNow);
  review(db, "Mistral 3B", "Skeptic", "40", "skip");
  std::string file = db.dir().file("all.jsonl");
  db.ok({"export", "-o", file, "-q"});
  Db copy;
  Json imported = Json::parse(copy.ok({"import", file, "--json"}, "C.UTF-8", kLater));  // a review is dated 2027-02-03
  CHECK(imported["imported"]["decisions"] == 2);
  for (const char* decision : {"Local code model", "Second look"}) {
    Json a = show(db, decision), b = show(copy, decision);
    a["decision"].erase("id"), b["decision"].erase("id");
    if (a["decision"]["superseded_by"].is_object()) a["decision"]["superseded_by"].erase("id");
    if (b["decision"]["superseded_by"].is_object()) b["decision"]["superseded_by"].erase("id");
    CHECK(a == b);
  }
  Json again = Json::parse(copy.ok({"import", file, "--json"}, "C.UTF-8", kLater));
  CHECK(again["imported"]["decisions"] == 0);
  // A record whose snapshot is not a comparison is refused with FILE:LINE, nothing written.
  std::string bad = copy.dir().file("bad.jsonl");
  std::ofstream(bad) << R"({"type":"decision","title":"T","pick":"A","options":[{"name":"A"},{"name":"B"}],)"
                     << R"("decided_at":"2026-12-01","snapshot":{"tools":[]}})" << "\n";
  auto refused = copy.run({"import", bad});
  CHECK(refused.code == 1);
  CHECK_THAT(refused.err, Catch::Contains("bad.jsonl:1:"));
  CHECK_THAT(refused.err, Catch::Contains("snapshot"));
}

TEST_CASE("an import never quietly demotes an accepted decision and refuses what the CLI would refuse") {
  Db db;
  decide(db);
  std::string file = db.dir().file("all.jsonl");
  db.ok({"export", "-o", file, "-q"});
  // The same decision, edited later elsewhere to rejected.
  std::ifstream in(file);
  std::string line, edited, record;
  while (std::getline(in, line)) {
    Json json = Json::parse(line);
    if (json["type"] != "decision") continue;
    json["status"] = "rejected";
    json["updated_at"] = "2027-01-05T00:00:00Z";
    edited = json.dump();
    record = line;
  }
  REQUIRE(!edited.empty());
  std::string week = db.dir().file("week.jsonl");
  std::ofstream(week) << edited << "\n";
  auto refused = db.run({"import", week});
  CHECK(refused.code == 1);
  CHECK_THAT(refused.err, Catch::Contains("week.jsonl:1:") && Catch::Contains("is accepted here") &&
                              Catch::Contains("--on-conflict replace"));
  CHECK(show(db)["decision"]["status"] == "accepted");
  auto replaced = db.run({"import", week, "--on-conflict", "replace"});
  CHECK(replaced.code == 0);
  CHECK_THAT(replaced.err, Catch::Contains("decision 'Local code model': status accepted -> rejected"));
  CHECK(show(db)["decision"]["status"] == "rejected");

  // A decision superseding itself, and a chain that comes back round.
  Json self = Json::parse(record);
  self["title"] = "Self";
  self["decided_at"] = "2026-12-02T00:00:00Z";
  self["superseded_by"] = "Self";
  std::string selfish = db.dir().file("self.jsonl");
  std::ofstream(selfish) << self.dump() << "\n";
  auto self_refused = db.run({"import", selfish});
  CHECK(self_refused.code == 1);
  CHECK_THAT(self_refused.err, Catch::Contains("cannot supersede itself"));
  Json a = self, b = self;
  a["title"] = "A", a["superseded_by"] = "B";
  b["title"] = "B", b["superseded_by"] = "A";
  std::string cycle = db.dir().file("cycle.jsonl");
  std::ofstream(cycle) << a.dump() << "\n" << b.dump() << "\n";
  auto cycle_refused = db.run({"import", cycle});
  CHECK(cycle_refused.code == 1);
  CHECK_THAT(cycle_refused.err, Catch::Contains("makes a cycle"));
  CHECK(db.run({"decision", "show", "A"}).code != 0);  // nothing written

  // Snapshot figures outside 0-100.
  Json huge = Json::parse(record);
  huge["title"] = "Huge";
  huge["decided_at"] = "2026-12-03T00:00:00Z";
  huge["snapshot"]["tools"][0]["panel"]["ship_pct"] = 1e308;
  std::string big = db.dir().file("huge.jsonl");
  std::ofstream(big) << huge.dump() << "\n";
  auto huge_refused = db.run({"import", big});
  CHECK(huge_refused.code == 1);
  CHECK_THAT(huge_refused.err, Catch::Contains("huge.jsonl:1:") && Catch::Contains("out of range"));
}

TEST_CASE("decision export writes a MADR record") {
  Db db;
  decide(db);
  review(db, "Mistral 3B", "Skeptic", "40", "skip");
  toolcmp::test::check_golden("decision_madr.md",
                              db.ok({"decision", "export", "Local code model", "--with-changes"}, "C.UTF-8", kLater));
  toolcmp::test::check_golden("decision_show.txt", db.ok({"decision", "show", "1"}, "C.UTF-8", kLater));
}

TEST_CASE("a verdict flip on the pick explains a pick that no longer holds before any other change") {
  using namespace toolcmp;
  std::vector<Change> changes{{ChangeKind::PersonaReweighted, "", "Founder", "1", "2", ""},
                              {ChangeKind::VerdictFlip, "Other", "Builder", "ship", "skip", "2027-01-01"},
                              {ChangeKind::VerdictFlip, "Pick", "Skeptic", "ship", "skip", "2027-02-03"}};
  sort_changes(changes);
  Recommendation now{std::string("Other"), "", Confidence::Narrow, std::nullopt};
  PickCheck check = check_pick("Pick", std::string("Pick"), now, changes);
  CHECK_FALSE(check.holds);
  REQUIRE(check.because);
  CHECK(check.because->persona == "Skeptic");
  CHECK(pick_line(check) == "The pick no longer holds: now Other (narrow), since Skeptic turned skip on Pick on 2027-02-03");
  Recommendation same{std::string("Pick"), "", Confidence::Clear, std::nullopt};
  CHECK(pick_line(check_pick("Pick", std::string("Pick"), same, changes)) == "The pick still holds (Pick, clear)");
  DecisionState state;
  state.pick = check_pick("Pick", std::string("Pick"), same, changes);
  state.changes = changes;
  auto results = run_gates(state, {Gate::Changed, Gate::Flipped, Gate::Skip});
  CHECK_FALSE(results[0].failed);
  CHECK(results[1].failed);
  CHECK_FALSE(results[2].failed);
}

TEST_CASE("a removed pick no longer holds and says why") {
  Db db;
  decide(db);
  db.ok({"rm", "Mistral 3B", "--yes", "-q"});
  Json shown = show(db);
  CHECK(shown["pick"]["holds"] == false);
  CHECK(shown["pick"]["because"]["kind"] == "tool_removed");
  CHECK(shown["pick"]["text"] == "The pick no longer holds: now nothing is recommended, since Mistral 3B was removed");
  CHECK(db.run({"check"}, "C.UTF-8", kLater).code == 4);
}

TEST_CASE("an imported decision holding terminal escapes in its snapshot prints them harmless") {
  Db db;
  decide(db);
  std::string file = db.dir().file("all.jsonl");
  db.ok({"export", "-o", file, "-q"});
  std::string text = toolcmp::test::read_file(file);
  std::string last = text.substr(text.rfind('\n', text.size() - 2) + 1);
  Json record = Json::parse(last);
  REQUIRE(record["type"] == "decision");
  record["snapshot"]["tools"][1]["reviews"][0]["persona"] = "Builder\x1b]0;owned\x07";
  record["snapshot"]["recommendation"]["reason"] = "trust me\x1b[2J";
  record["title"] = "Hostile";
  std::ofstream(db.dir().file("hostile.jsonl")) << record.dump() << "\n";
  db.ok({"import", db.dir().file("hostile.jsonl"), "-q"});
  for (const std::vector<std::string>& args : {std::vector<std::string>{"decision", "show", "Hostile"},
                                               {"decision", "export", "Hostile", "--with-changes"},
                                               {"changes", "--since", "Hostile"}}) {
    std::string out = db.ok(args, "C.UTF-8", kLater);
    CHECK(out.find('\x1b') == std::string::npos);
    CHECK(out.find('\x07') == std::string::npos);
  }
  // A title a terminal would act on is refused.
  CHECK(db.run({"decide", "Bad\x1b[2J", "--pick", "Mistral 3B", "--over", "Code Llama 4"}).code != 0);
}

TEST_CASE("a decision row damaged outside toolcmp is named and not trusted", "[sqlite]") {
  Db db;
  decide(db);
  toolcmp::test::exec_sql(db.path(), "UPDATE decision SET evidence = '{\"tools\": 3}', snapshot = '[' WHERE id = 1");
  auto damaged = db.run({"decision", "show", "1"});
  CHECK(damaged.code == 1);
  CHECK_THAT(damaged.err, Catch::Contains("the snapshot of decision 1 is damaged"));
  CHECK(db.run({"check"}).code == 1);
  toolcmp::test::exec_sql(db.path(), "PRAGMA ignore_check_constraints = ON; UPDATE decision SET status = 'maybe' WHERE id = 1");
  auto status = db.run({"decision", "list"});
  CHECK(status.code == 3);
  CHECK_THAT(status.err, Catch::Contains("decision 1 has status 'maybe'"));
}

TEST_CASE("a decision replayed --as-of its date gives the saved pick, even after back-dated reviews") {
  Db db;
  // The panel recorded in November, the decision on 1 December at noon: Mistral 3B.
  const Env november{{"TOOLCMP_NOW", "2026-11-20T00:00:00Z"}};
  for (const char* name : {"Code Llama 4", "Mistral 3B"}) db.ok({"add", name, "-q"}, "C.UTF-8", november);
  const char* personas[] = {"Builder", "Skeptic", "Futurist", "Founder"};
  const char* llama[] = {"84", "78", "81", "55"};
  const char* mistral[] = {"87", "80", "84", "75"};
  for (int i = 0; i < 4; ++i) {
    db.ok({"review", "Code Llama 4", personas[i], "--score", llama[i], "--verdict", i == 3 ? "skip" : "ship", "-q"},
          "C.UTF-8", november);
    db.ok({"review", "Mistral 3B", personas[i], "--score", mistral[i], "--verdict", "ship", "-q"}, "C.UTF-8", november);
  }
  db.ok({"decide", "Local code model", "--pick", "Mistral 3B", "--over", "Code Llama 4", "--status", "accepted", "-q"},
        "C.UTF-8", kDecidedNow);
  // Recorded in February, written (it says) in November, before the decision.
  for (const char* persona : {"Builder", "Skeptic", "Futurist", "Founder"}) {
    db.ok({"review", "Mistral 3B", persona, "--score", "20", "--verdict", "skip", "--text", "Broke in production.",
           "--at", "2026-11-25", "-q"},
          "C.UTF-8", kLater);
  }
  const std::string then = "2026-12-01T12:00:00Z";
  Json known = Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--as-of", then, "--json"}, "C.UTF-8", kLater));
  CHECK(known["recommendation"]["tool"] == "Mistral 3B");  // what toolcmp knew when the decision was made
  CHECK(known["as_of_written_only"] == false);
  Json written = Json::parse(
      db.ok({"compare", "Code Llama 4", "Mistral 3B", "--written-before", then, "--json"}, "C.UTF-8", kLater));
  CHECK(written["recommendation"]["tool"] == "Code Llama 4");  // the back-dated reviews count in that reading
  CHECK(written["as_of_written_only"] == true);
  CHECK_THAT(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--as-of", then, "--brief"}, "C.UTF-8", kLater),
             Catch::Contains("what was written and recorded by then"));
  CHECK(db.run({"compare", "Code Llama 4", "Mistral 3B", "--as-of", then, "--written-before", then}).code == 2);
  // changes since the decision names the flips the back-dated reviews made.
  Json changes = Json::parse(db.ok({"changes", "--since", "Local code model", "--json"}, "C.UTF-8", kLater));
  bool flip = false;
  for (const Json& change : changes["changes"]) {
    flip = flip || (change["kind"] == "verdict_flip" && change["tool"] == "Mistral 3B" && change["persona"] == "Builder");
  }
  CHECK(flip);
  CHECK(db.run({"check"}, "C.UTF-8", kLater).code == 4);
}

TEST_CASE("an imported review or vote dated more than a day ahead is refused, naming the line") {
  Db db;
  db.load_acceptance_panel();
  toolcmp::test::TempDir dir;
  std::string path = dir.file("ahead.jsonl");
  std::ofstream(path) << ("{\"type\":\"review\",\"tool\":\"Mistral 3B\",\"persona\":\"Builder\",\"score\":90,"
                                  "\"verdict\":\"ship\",\"text\":\"From the future.\",\"reviewed_at\":\"2099-01-01T00:00:00Z\"}\n");
  toolcmp::test::Result ahead = db.run({"import", path});
  CHECK(ahead.code != 0);
  CHECK_THAT(ahead.err, Catch::Contains(":1") && Catch::Contains("more than a day in the future"));
  std::ofstream(path) << ("{\"type\":\"vote\",\"tool\":\"Mistral 3B\",\"verdict\":\"ship\",\"voter\":\"ana\","
                                  "\"cast_at\":\"2099-01-01T00:00:00Z\"}\n");
  CHECK(db.run({"import", path}).code != 0);
  CHECK(Json::parse(db.ok({"compare", "Code Llama 4", "Mistral 3B", "--json"}))["tools"][1]["community"]["votes"] == 0);
}

TEST_CASE("undated reviews without scores never supersede scored ones, whatever the order of imports") {
  auto scored_and_plain = [](const Db& db) {
    std::string scored = db.dir().file("scored.jsonl"), plain = db.dir().file("plain.jsonl");
    std::ofstream s(scored), p(plain);
    s << R"({"type":"tool","name":"Code Llama 4"})" << "\n";
    p << R"({"type":"tool","name":"Code Llama 4"})" << "\n";
    int scores[] = {84, 78, 81, 55};
    const char* personas[] = {"Builder", "Skeptic", "Futurist", "Founder"};
    for (int i = 0; i < 4; ++i) {
      s << R"({"type":"review","tool":"Code Llama 4","persona":")" << personas[i] << R"(","score":)" << scores[i]
        << R"(,"verdict":")" << (i == 3 ? "skip" : "ship") << R"(","text":"Scored by )" << personas[i] << "\"}\n";
      p << R"({"type":"review","tool":"Code Llama 4","persona":")" << personas[i]
        << R"(","text":"A compact page's words for )" << personas[i] << "\"}\n";
    }
    return std::make_pair(scored, plain);
  };
  auto figures = [](const Db& db) {
    Json shown = Json::parse(db.ok({"show", "Code Llama 4", "--json"}));
    Json out = shown["tool"]["panel"];
    for (const Json& review : shown["tool"]["reviews"]) out["texts"].push_back(review["text"]);
    return out;
  };
  Db first, last;
  auto [scored1, plain1] = scored_and_plain(first);
  first.ok({"import", scored1, "-q"});
  toolcmp::test::Result said = first.run({"import", plain1});
  CHECK(said.code == 0);
  CHECK_THAT(said.out + said.err, Catch::Contains("4 reviews without score or verdict kept as history behind a scored one"));
  auto [scored2, plain2] = scored_and_plain(last);
  last.ok({"import", plain2, "-q"});
  last.ok({"import", scored2, "-q"});
  Json a = figures(first), b = figures(last);
  CHECK(a == b);
  CHECK(a["mean_score"] == 74.5);
  CHECK(a["ship"] == 3);
  CHECK(a["texts"][0] == "Scored by Builder");
  CHECK(Json::parse(first.ok({"history", "Code Llama 4", "--json"}))["reviews"].size() == 8);  // nothing lost
}

TEST_CASE("check says what it did not check, and a proposal can be accepted or saved accepted") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"compare", "Code Llama 4", "Mistral 3B", "--save", "Local code model", "-q"}, "C.UTF-8", kDecidedNow);
  review(db, "Mistral 3B", "Skeptic", "10", "skip");
  review(db, "Mistral 3B", "Builder", "10", "skip");
  review(db, "Mistral 3B", "Futurist", "10", "skip");
  auto quiet = db.run({"check"}, "C.UTF-8", kLater);
  CHECK(quiet.code == 0);  // only accepted decisions gate by default...
  CHECK(quiet.out.empty());
  CHECK_THAT(quiet.err, Catch::Contains("1 proposed decision not checked; --include-proposed"));  // ...and it says so
  CHECK(Json::parse(db.ok({"check", "--json"}, "C.UTF-8", kLater))["proposed_not_checked"] == 1);
  CHECK(db.run({"check", "--include-proposed"}, "C.UTF-8", kLater).code == 4);
  CHECK_THAT(db.ok({"decision", "accept", "Local code model"}, "C.UTF-8", kLater), Catch::Contains("Accepted decision 1"));
  auto gated = db.run({"check"}, "C.UTF-8", kLater);
  CHECK(gated.code == 4);
  CHECK(gated.err.empty());
  db.ok({"compare", "Code Llama 4", "Mistral 3B", "--save", "Second look", "--status", "accepted", "-q"}, "C.UTF-8",
        kLater);
  CHECK(show(db, "Second look")["decision"]["status"] == "accepted");
  CHECK(db.run({"compare", "Code Llama 4", "Mistral 3B", "--status", "accepted"}).code == 2);
  CHECK(db.run({"compare", "Code Llama 4", "Mistral 3B", "--save", "Third", "--status", "rejected"}).code == 2);
}

TEST_CASE("a pick chosen over the recommendation is an override: recorded so, and it holds until something turns") {
  Db db;
  db.load_acceptance_panel();
  // Without a reason an override is refused: a record must tell a choice from a slip.
  auto bare = db.run({"decide", "Local code model", "--pick", "Code Llama 4", "--over", "Mistral 3B"}, "C.UTF-8",
                     kDecidedNow);
  CHECK(bare.code == 2);
  CHECK_THAT(bare.err, Catch::Contains("Code Llama 4 is not the recommendation (the comparison recommends Mistral 3B)"));
  CHECK_THAT(bare.err, Catch::Contains("--why"));
  std::string said = db.ok({"decide", "Local code model", "--pick", "Code Llama 4", "--over", "Mistral 3B", "--status",
                            "accepted", "--why", "Our agents need its tool calling."},
                           "C.UTF-8", kDecidedNow);
  CHECK_THAT(said, Catch::Contains("chosen over the recommendation, Mistral 3B"));
  // Nothing has changed: the gate passes, and every view says it was an override.
  auto check = db.run({"check"}, "C.UTF-8", kLater);
  CHECK(check.code == 0);
  CHECK(check.out.empty());
  Json shown = show(db);
  CHECK(shown["pick"]["holds"] == true);
  CHECK(shown["pick"]["override"] == true);
  CHECK(shown["pick"]["recommended_then"] == "Mistral 3B");
  std::string text = db.ok({"decision", "show", "1", "--width", "200"}, "C.UTF-8", kLater);
  CHECK_THAT(text, Catch::Contains("Override"));
  CHECK_THAT(text, Catch::Contains("Code Llama 4 was chosen over the recommendation, Mistral 3B"));
  CHECK_THAT(text, Catch::Contains("The pick still holds: Code Llama 4 was chosen over the recommendation, Mistral 3B"));
  CHECK_THAT(db.ok({"decision", "export", "1"}, "C.UTF-8", kLater),
             Catch::Contains("Code Llama 4 was chosen over the recommendation, Mistral 3B."));
  std::string site = db.dir().file("site");
  db.ok({"publish", site, "-q"}, "C.UTF-8", kLater);
  std::string page = toolcmp::test::read_file(site + "/decisions/local-code-model.html");
  CHECK_THAT(page, Catch::Contains("Code Llama 4 was chosen over the recommendation, Mistral 3B"));
  CHECK_THAT(page, !Catch::Contains("no longer holds"));
  // The recommendation comes round to the pick: still holds.
  review(db, "Mistral 3B", "Skeptic", "20", "skip");
  review(db, "Mistral 3B", "Builder", "20", "skip");
  CHECK(show(db)["pick"]["now"] == "Code Llama 4");
  CHECK(db.run({"check"}, "C.UTF-8", kLater).code == 0);
}

TEST_CASE("an override stops holding when the comparison turns to a third tool, and check says which and why") {
  Db db;
  db.load_acceptance_panel();
  db.ok({"add", "Quill Coder 2", "-q"});
  db.ok({"decide", "Local code model", "--pick", "Code Llama 4", "--over", "Mistral 3B", "Quill Coder 2", "--status",
         "accepted", "--why", "Tool calling.", "-q"},
        "C.UTF-8", kDecidedNow);
  CHECK(db.run({"check"}, "C.UTF-8", kLater).code == 0);
  for (const char* persona : {"Builder", "Skeptic", "Futurist", "Founder"}) review(db, "Quill Coder 2", persona, "97", "ship");
  auto check = db.run({"check"}, "C.UTF-8", kLater);
  CHECK(check.code == 4);
  CHECK_THAT(check.out, Catch::Contains("The pick (chosen over the recommendation, Mistral 3B) no longer holds: now Quill Coder 2"));
  Json gated = Json::parse(db.run({"check", "--json"}, "C.UTF-8", kLater).out);
  CHECK(gated["decisions"][0]["override"] == true);
  CHECK(gated["decisions"][0]["recommended_then"] == "Mistral 3B");
}
