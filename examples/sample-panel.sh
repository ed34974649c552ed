#!/usr/bin/env bash
# The sample panel: four small open models, the figures their published
# comparison pages give, and reviews written for this project.
#
# It is also the example of scripting toolcmp: every line is a plain
# toolcmp command, so a panel can live in version control as a script.
#
#   examples/sample-panel.sh --db demo.db      # load into a new database
#   TOOLCMP=./build/toolcmp examples/sample-panel.sh --db demo.db
#
# Arguments are passed to every toolcmp call (use them for --db).
# Scores are entered only where the published page gives them.
set -euo pipefail

TOOLCMP=${TOOLCMP:-toolcmp}
tc() { "$TOOLCMP" --quiet "$@" "${EXTRA[@]}"; }
EXTRA=("$@")

# --- SmolLM3 ------------------------------------------------------------
tc add SmolLM3 --vendor "Hugging Face" --category "Developer Tools" \
  --tagline "A small open model to fine-tune and run on your own GPU" \
  --description "A three-billion-parameter language model from Hugging Face under Apache 2.0. It is meant for local and edge use and for fine-tuning on one consumer GPU, and it reports strong results for its size on MMLU, HumanEval and GSM8K." \
  --pricing "Free (Apache 2.0 weights)" --entry Free --license "Apache-2.0" \
  --url "https://huggingface.co/HuggingFaceTB/SmolLM3-3B" --attr params=3B --attr weights=open

tc review SmolLM3 Builder --verdict ship --at 2026-11-02 --text \
  "Loads with the usual transformers call and fine-tunes on a single card without renting anything. Keeping it at 3B is a deliberate limit, and for a team that wants a base model it fully controls, that limit is the feature."
tc review SmolLM3 Skeptic --verdict ship --at 2026-11-02 --text \
  "Phi-3-mini, Gemma 3 2B and Qwen2.5-3B all make the same benchmark claims, so the numbers alone prove little. Long tool-call chains are where a model this size falls over. A narrow ship, earned by the license and the fine-tuning story rather than by the leaderboard."
tc review SmolLM3 Futurist --verdict ship --at 2026-11-02 --text \
  "The bet is that most inference moves onto devices and small servers, where a capable permissive model matters more than a frontier one. That bet holds as long as consumer GPU memory grows faster than useful model sizes do."
tc review SmolLM3 Founder --verdict skip --at 2026-11-02 --text \
  "Nobody pays for this model directly: it feeds Hugging Face's hub and hosted inference. Anything built on it can be copied the week a better small model appears, so the value sits in the application, not here. Skip it as a business; use it as plumbing."

# --- Code Llama 4 --------------------------------------------------------
tc add "Code Llama 4" --vendor Meta --category "Developer Tools" \
  --tagline "Self-hosted code model trained for agent loops and tool use" \
  --description "Meta's family of open-weight code models, up to 70B parameters, under the Llama 4 community license. It is tuned for multi-step coding work: writing, debugging and calling tools, with weights you can host and fine-tune yourself." \
  --pricing "Free (open weights, Llama 4 community license)" --entry Free --license "Llama 4 Community" \
  --attr params=70B --attr weights=open

tc review "Code Llama 4" Builder --verdict ship --score 84 --at 2026-11-03 --text \
  "Pull the weights, serve them with Ollama or vLLM, hand it a stack trace and a few tools, and it keeps the loop together. The agent behaviour lives in the weights, not in a fragile prompt, and that is the part you could not rebuild in a weekend."
tc review "Code Llama 4" Skeptic --verdict ship --score 78 --at 2026-11-03 --text \
  "DeepSeek Coder and Qwen2.5-Coder are close, but they mostly complete code; this one was trained to chain tool calls. It still runs out of context in big polyglot repositories. The real risk is the license: a comparable Apache-licensed rival would take its buyers."
tc review "Code Llama 4" Futurist --verdict ship --score 81 --at 2026-11-03 --text \
  "It bets that data rules and inference prices push coding agents onto self-hosted models. If so, the bottleneck moves to review and testing, and teams without strong automated checks will ship generated bugs faster than ever."
tc review "Code Llama 4" Founder --verdict skip --score 55 --at 2026-11-03 --text \
  "Meta sells nothing here; the release makes inference cheaper for everyone. A startup whose edge is this model fine-tuned on your code is one release away from parity. Build on it as a cheap engine, never as the business itself."

# --- SmolVLM2 -----------------------------------------------------------
tc add SmolVLM2 --vendor "Hugging Face" --category "Developer Tools" \
  --tagline "A 2B vision-language model that fits a consumer GPU" \
  --description "An open 2-billion-parameter vision-language model from Hugging Face under Apache 2.0. It reads images and video, fine-tunes on custom data, and reports results on MMBench and TextVQA that rival models several times its size." \
  --pricing "Free (Apache 2.0 weights)" --entry Free --license "Apache-2.0" \
  --attr params=2B --attr weights=open --attr modality=vision

tc review SmolVLM2 Builder --verdict ship --at 2026-11-04 --text \
  "Inference works in a handful of lines with transformers, with no account or platform in the way, which is rare for a vision model. To beat it you would need a 7B or 8B model that does not fit a 16 GB card."
tc review SmolVLM2 Skeptic --verdict ship --at 2026-11-04 --text \
  "Moondream2, PaliGemma 2 and Qwen2-VL-2B crowd this space. Multi-image and long-document reasoning will hit the 2B ceiling. The Apache license is what lets cautious enterprise teams adopt it, and that carries it to a ship."
tc review SmolVLM2 Futurist --verdict ship --at 2026-11-04 --text \
  "If vision moves onto devices for latency, cost and privacy, a small model you can tune in an afternoon opens custom vision to companies without an ML team. It is a little early on that curve, but it moves the line."
tc review SmolVLM2 Founder --verdict ship --at 2026-11-04 --text \
  "The buyer is an ML engineer at a mid-sized company who wants images understood without a per-image bill or a legal review. The weights are not the moat; the hub, the tooling and the accounts everyone already has are. Converting free users to paid is the leaky part."

# --- Mistral 3B -----------------------------------------------------------
tc add "Mistral 3B" --vendor Mistral --category "Developer Tools" \
  --tagline "Small, fast open model for phones, laptops and edge boxes" \
  --description "An open-weight Mistral model under Apache 2.0, built for on-device and edge inference with weights on Hugging Face. Mistral reports that it beats several 7B models while using far less memory." \
  --pricing "Free (Apache 2.0 weights)" --entry Free --license "Apache-2.0" \
  --attr params=3B --attr weights=open

tc review "Mistral 3B" Builder --verdict ship --score 87 --at 2026-11-05 --text \
  "Quantizes well and fits in 4 GB with room left for the KV cache, and the model card explains how it was evaluated. Choosing Apache 2.0 over a custom license makes it easy to build on."
tc review "Mistral 3B" Skeptic --verdict ship --score 80 --at 2026-11-05 --text \
  "Phi, Gemma and Qwen all have a free 3B model and their own favourite benchmarks. Small models still invent tool schemas in long agent runs, and nothing published here tests that. On today's evidence it is among the best of its size."
tc review "Mistral 3B" Futurist --verdict ship --score 84 --at 2026-11-05 --text \
  "The wager is that latency and privacy, not cost, push inference to the edge. 3B is sized for the 8 GB devices most people own, and as NPU memory bandwidth improves, a tuned local copy inside every compliance-bound app looks likely."
tc review "Mistral 3B" Founder --verdict ship --score 75 --at 2026-11-05 --text \
  "Teams shipping on devices need a model with no runtime fee, and this is one. Open weights are no moat; the model is marketing for Mistral's paid API. The plan is coherent even if the defence is thin."

echo "Loaded the sample panel: 4 tools, 16 reviews." >&2
