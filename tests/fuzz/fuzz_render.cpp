// libFuzzer target: the renderers. The input is cut at NUL bytes into the
// fields of two or three tools and their reviews, which are drawn as a
// table at a width the first byte picks, as JSON and as Markdown, and the
// Markdown is read back as a page.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "toolcmp/model/compare.h"
#include "toolcmp/formats/json.h"
#include "toolcmp/formats/page.h"
#include "toolcmp/formats/render.h"

using namespace toolcmp;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  OutputOptions output;
  output.width = 20 + data[0] % 200;
  output.unicode = data[1] & 1;
  output.color = data[1] & 2;
  std::vector<std::string> fields;
  std::string input(reinterpret_cast<const char*>(data + 2), size - 2);
  std::size_t start = 0;
  while (start <= input.size() && fields.size() < 64) {
    std::size_t end = input.find('\0', start);
    if (end == std::string::npos) end = input.size();
    fields.push_back(input.substr(start, end - start));
    start = end + 1;
  }
  auto field = [&](std::size_t i) { return i < fields.size() ? fields[i] : std::string(); };
  Comparison comparison;
  const char* personas[] = {"Builder", "Skeptic", "Futurist", "Founder"};
  for (const char* name : personas) comparison.panel.push_back(Persona{0, name, field(0), 1.0, false});
  std::size_t tools = 2 + data[1] % 2;
  for (std::size_t t = 0; t < tools; ++t) {
    Tool tool;
    tool.name = field(1 + t * 8) + std::to_string(t);
    tool.category = field(2 + t * 8);
    tool.tagline = field(3 + t * 8);
    tool.pricing = field(4 + t * 8);
    tool.description = field(5 + t * 8);
    if (!field(6 + t * 8).empty()) tool.attributes.emplace_back("key", field(6 + t * 8));
    std::vector<Review> reviews;
    for (std::size_t p = 0; p < 4; ++p) {
      std::string text = field(7 + t * 8 + p);
      if (text.empty()) continue;
      Review review;
      review.persona = personas[p];
      review.text = text;
      review.score = static_cast<int>(static_cast<unsigned char>(text[0]) % 101);
      review.verdict = text.size() % 2 ? Verdict::Ship : Verdict::Skip;
      review.reviewed_at = "2026-11-01T00:00:00Z";
      review.source = field(0);
      review.stale = text.size() % 3 == 0;
      if (text.size() % 5 == 0) review.also_from.push_back(text);
      reviews.push_back(review);
    }
    comparison.tools.push_back(make_report(tool, reviews, VoteTally{static_cast<int>(t), 1}));
  }
  comparison.rule.now = "2026-12-01T00:00:00Z";
  comparison.rule.max_age = "30d";
  comparison.rule.stale_before = "2026-11-01T00:00:00Z";
  comparison.recommendation = recommend(comparison.tools, comparison.rule);
  comparison.sensitivity = Sensitivity{};
  if (!comparison.tools[0].reviews.empty()) {
    comparison.tools[0].left_out.push_back({comparison.tools[0].reviews[0], LeftOutReason::RemovedPersona});
  }
  render_explain(comparison, output);
  render_compare(comparison, output, false);
  render_compare(comparison, output, true);
  dump_json(compare_json(comparison));
  std::string markdown = render_compare_markdown(comparison);
  try {
    parse_page(markdown, true, {"Builder", "Skeptic", "Futurist", "Founder"});
  } catch (const Error&) {
  }
  return 0;
}
