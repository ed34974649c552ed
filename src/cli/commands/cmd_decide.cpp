// decide: record a decision with the comparison it was made on.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <memory>

#include "cli/choices.h"
#include "cli/authorship.h"
#include "cli/command.h"
#include "cli/decision_fields.h"
#include "toolcmp/app/decisions.h"
#include "toolcmp/app/loader.h"
#include "toolcmp/base/error.h"
#include "toolcmp/formats/render_decision.h"
#include "toolcmp/store/store.h"
#include "toolcmp/base/text.h"
#include "toolcmp/model/values.h"

namespace toolcmp {

namespace {

struct Options {
  std::string title, pick;
  std::vector<std::string> over, weights;
  int min_verdicts = 0;
  std::string rule;
  DecisionFieldOptions fields;
};

// A pick the comparison does not recommend is an override, and the record
// must say why, or no one reading it later can tell a choice from a slip.
void require_a_reason(const Decision& decision, const Recommendation& recommended) {
  if (recommended.tool == decision.picked().name || !decision.why.empty()) return;
  std::string what = recommended.tool ? fmt::format("the comparison recommends {}", *recommended.tool)
                                      : std::string("the comparison recommends none of them");
  throw UsageError(fmt::format("{} is not the recommendation ({}): say why it was chosen over it with --why or "
                               "--why-file",
                               decision.picked().name, what));
}

void run(Context& ctx, const Options& o) {
  o.fields.read_files(ctx);
  Store store(ctx.db_path, Store::Access::Write, ctx.db_is_default);
  store.set_author(ctx.author);
  Decision decision;
  Recommendation recommended;
  std::string now = now_utc();
  store.write([&] {
    PickRule rule;
    rule.weights = resolve_weights(store, o.weights);
    if (o.min_verdicts > 0) rule.min_verdicts = o.min_verdicts;
    rule.method = resolve_method(o.rule);
    rule.now = now;
    std::vector<std::string> names{o.pick};
    names.insert(names.end(), o.over.begin(), o.over.end());
    Comparison comparison = load_comparison(store, resolve_tools(store, names), rule);
    recommended = comparison.recommendation;
    decision = make_decision(store, comparison, 0, o.title, now);
    o.fields.apply(ctx, decision);
    require_a_reason(decision, recommended);
    save_decision(store, decision);
    decision.author = store.author();
    record_change(store, "decide", fmt::format("decision {} '{}'", decision.id, decision.title), nullptr,
                  decision_json(decision));
  });
  if (ctx.json) {
    print_decision_json(ctx, decision);
    return;
  }
  std::string message = fmt::format("Recorded decision {} '{}': {} ({})", decision.id, decision.title,
                                    pick_over(decision), decision_status_name(decision.status));
  if (recommended.tool != decision.picked().name) {
    message += recommended.tool ? fmt::format(", chosen over the recommendation, {}", *recommended.tool)
                                : ", chosen when the comparison recommends none of them";
  }
  print_done(ctx, message);
}

}  // namespace

void print_decision_json(Context& ctx, const Decision& decision) {
  Json json = Json::object();
  json["schema_version"] = kJsonSchemaVersion;
  json["decision"] = decision_json(decision);
  ctx.out << dump_json(json);
}

Runner setup_decide(CLI::App& command) {
  auto o = std::make_shared<Options>();
  command.add_option("TITLE", o->title, "What was decided, e.g. 'Local code model'")->required();
  command.add_option("--pick", o->pick, "The tool chosen")->type_name("TOOL")->required();
  command.add_option("--over", o->over, "The tools it was chosen over")->type_name("TOOL")->required()->expected(1, 1 << 20);
  o->fields.add_to(command, choices::kDecideStatuses);
  add_decision_options(command, o->weights, o->min_verdicts, o->rule);
  command.footer("Keeps the comparison as it stands now (figures, confidence, weights, and the ids of the reviews\n"
                 "and votes counted), so that 'decision show' can say later what changed and whether the pick holds.\n"
                 "A pick other than the recommendation is an override: it needs --why, and it holds while the\n"
                 "recommendation it was chosen over stays the recommendation.\n\n"
                 "Examples:\n"
                 "  toolcmp decide 'Local code model' --pick 'Mistral 3B' --over 'Code Llama 4' \\\n      --status accepted\n"
                 "  toolcmp decide 'Edge model' --pick SmolLM3 --over 'Mistral 3B' SmolVLM2 \\\n"
                 "      --why-file why.md --by 'Platform team' --review-by 2027-03-01");
  return [o](Context& ctx) { run(ctx, *o); };
}

}  // namespace toolcmp
