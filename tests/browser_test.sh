#!/usr/bin/env bash
# Every kind of page in a real browser: headless Chromium at 390, 768 and 1440
# pixels wide, light and dark; a comparison, pair or decision page must show
# its pick and its confidence (a decision: whether it still holds) in the
# first 700 px. Fails when anything overflows the page sideways or is
# clipped (a table may scroll inside its .scroll box), when a line breaks
# inside a number or a short word, when chart text is drawn under 12 px,
# when text has less than 4.5:1 contrast, when a page has an error by tidy,
# or when Chromium cannot start (never skipped). Screenshots are left in
# OUT/screenshots for a person to look at; TOOLCMP_UPDATE_SCREENSHOT=1
# copies the comparison at 1440 px to
# docs/screenshot.png and its first screen on a phone to
# docs/screenshot-phone.png, the README's pictures.
#   tests/browser_test.sh TOOLCMP SOURCE_DIR OUT_DIR
set -uo pipefail
toolcmp=$(realpath "$1")
source_dir=$(realpath "$2")
out=$(realpath "$3")/screenshots
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"
failed=0
fail() { echo "FAILED: $*" >&2; failed=$((failed + 1)); }

chromium=$(command -v chromium || command -v chromium-browser || true)
[ -n "$chromium" ] || { echo "FAILED: chromium is not installed (apt-get install chromium)" >&2; exit 1; }
command -v tidy >/dev/null || { echo "FAILED: tidy is not installed (apt-get install tidy)" >&2; exit 1; }

browser() {  # browser WIDTH HEIGHT ARGS...: headless, no profile of the user's, no network
  local width=$1 height=$2
  shift 2
  # HOME too: beside its profile Chromium writes crash-report settings and dconf there.
  HOME="$work" XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run \
    --user-data-dir="$work/profile" --disable-extensions --disable-background-networking \
    --window-size="$width,$height" "$@" 2>>"$work/chromium.log"
}

# --- the pages: the sample panel, a decision, a pair, a long name, hostile text
db="$work/panel.db"
export TOOLCMP_NOW=2026-12-01T12:00:00Z
"$toolcmp" --db "$db" import "$source_dir/data/sample.jsonl" -q
"$toolcmp" --db "$db" decide "Local code model" --pick "Mistral 3B" --over "Code Llama 4" --status accepted \
  --why "Apache weights and the best panel." -q
"$toolcmp" --db "$db" add "Averyveryverylongtoolnamewithoutanyspacesatallthatgoesonandon" \
  --url "https://example.com/$(printf 'x%.0s' {1..150})" --tagline '<script>alert(1)</script>' -q
"$toolcmp" --db "$db" review "Averyveryverylongtoolnamewithoutanyspacesatallthatgoesonandon" Builder \
  --score 40 --verdict skip --text "$(printf 'unbroken%.0s' {1..40}) and \"><img src=x onerror=alert(1)>" -q
"$toolcmp" --db "$db" publish "$work/site" --pair "Mistral 3B,Code Llama 4" \
  --pair "SmolLM3,Code Llama 4,Averyveryverylongtoolnamewithoutanyspacesatallthatgoesonandon" -q ||
  fail "publish"
"$toolcmp" --db "$db" compare "Mistral 3B" "Code Llama 4" SmolLM3 --format html > "$work/compare.html" || fail "compare --format html"

pages=("$work/compare.html" "$work/site/index.html" "$work/site/tools/code-llama-4.html"
       "$work"/site/tools/averyvery*.html "$work/site/decisions/local-code-model.html"
       "$work/site/compare/mistral-3b-vs-code-llama-4.html" "$work"/site/compare/smollm3-vs-*.html)

# Measures in the page itself: the page must not scroll sideways, no box may
# reach past the window's edges, and no box that hides its overflow may hide
# any. The result is written into the page, which --dump-dom prints.
checker='<script>
(function () {
  var width = document.documentElement.clientWidth, bad = [];
  if (document.documentElement.scrollWidth > width) bad.push("the page is " + document.documentElement.scrollWidth + " px wide");
  document.querySelectorAll("body *").forEach(function (e) {
    if (e.closest("svg") && e.tagName.toLowerCase() !== "svg") return;
    var r = e.getBoundingClientRect(), s = getComputedStyle(e);
    var name = e.tagName.toLowerCase() + (e.className && e.className.baseVal === undefined ? "." + e.className : "");
    // A table wider than the screen scrolls sideways inside its .scroll box: what is in it may reach past the edge.
    var scroller = e.parentElement && e.parentElement.closest(".scroll");
    if (!scroller && r.width > 0 && (r.right > width + 0.5 || r.left < -0.5)) bad.push(name + " reaches " + Math.round(r.left) + ".." + Math.round(r.right));
    if (e.scrollWidth > e.clientWidth + 1 && s.overflowX !== "visible" && !e.classList.contains("scroll")) bad.push(name + " hides or scrolls " + (e.scrollWidth - e.clientWidth) + " px");
  });
  // No line breaks inside a number or a short word ("100./0", "Pan/el"): a
  // word of up to 16 characters, or any with a digit, is on one line. A
  // break after a hyphen, a slash or a dash is a break between words.
  var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), node;
  while ((node = walker.nextNode())) {
    if (!node.parentElement || node.parentElement.closest("svg, script, style, pre")) continue;
    if (/^\s*https?:\/\//.test(node.data)) continue;  // a URL is neither a word nor a number: it may break
    var re = /[^\s\-\/\u2013\u2014\u00b7]+/g, m;
    while ((m = re.exec(node.data))) {
      if (m[0].length > 16 && !/[0-9]/.test(m[0])) continue;
      var range = document.createRange();
      range.setStart(node, m.index);
      range.setEnd(node, m.index + m[0].length);
      var tops = {};
      Array.prototype.forEach.call(range.getClientRects(), function (rect) { if (rect.width > 0) tops[Math.round(rect.top)] = 1; });
      if (Object.keys(tops).length > 1) bad.push("\"" + m[0] + "\" breaks across lines");
    }
  }
  // Chart text at least 12 px as drawn, whatever the chart is scaled to.
  document.querySelectorAll("svg text").forEach(function (t) {
    var size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;
    if (size < 11.95) bad.push("chart text \"" + t.textContent + "\" is " + size.toFixed(1) + " px");
  });
  // Text contrast at least 4.5:1 against what is behind it, in the scheme the browser asked for.
  function rgb(c) { var v = c.match(/[0-9.]+/g).map(Number); return v.length > 3 && v[3] === 0 ? null : v; }
  function lum(v) { var a = v.slice(0, 3).map(function (x) { x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4); }); return 0.2126 * a[0] + 0.7152 * a[1] + 0.0722 * a[2]; }
  document.querySelectorAll("body *").forEach(function (e) {
    if (e.closest("svg") || !Array.prototype.some.call(e.childNodes, function (n) { return n.nodeType === 3 && n.data.trim(); })) return;
    var bg = null;
    for (var p = e; p && !bg; p = p.parentElement) bg = rgb(getComputedStyle(p).backgroundColor);
    bg = bg || [255, 255, 255];
    var fg = rgb(getComputedStyle(e).color), l1 = lum(fg), l2 = lum(bg);
    var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
    if (ratio < 4.5) bad.push(e.tagName.toLowerCase() + " \"" + e.textContent.trim().slice(0, 20) + "\" has contrast " + ratio.toFixed(1));
  });
  // A comparison or a decision leads with its answer: the pick and its confidence inside the first screen.
  var pick = document.getElementById("pick");
  if (document.getElementById("tools") && !pick) bad.push("a comparison without its pick");
  if (document.getElementById("record") && !pick) bad.push("a decision without its pick");
  if (pick) {
    var block = pick.closest("section"), bottom = block.getBoundingClientRect().bottom + window.scrollY;
    if (bottom > 700) bad.push("the pick ends " + Math.round(bottom) + " px down (the first screen is 700)");
  }
  var out = document.createElement("pre");
  out.id = "overflow-result";
  out.textContent = bad.length ? bad.slice(0, 10).join(" | ") : "OK";
  document.body.appendChild(out);
})();
</script>'

for page in "${pages[@]}"; do
  name=$(basename "$page" .html)
  [ -f "$page" ] || { fail "$name: not written"; continue; }
  # tidy: 0 clean, 1 warnings only, 2 errors.
  tidy -errors -q "$page" 2>"$work/tidy.txt"
  [ $? -le 1 ] || fail "$name: tidy finds errors: $(grep -i error "$work/tidy.txt" | head -3)"
  probe="$(dirname "$page")/.probe-$name.html"
  CHECKER=$checker python3 -c 'import os,sys; page=open(sys.argv[1]).read(); open(sys.argv[2],"w").write(page.replace("</body>", os.environ["CHECKER"] + "</body>"))' "$page" "$probe"
  for width in 390 768 1440; do
    for scheme in light dark; do
      # Chromium's own switches for prefers-color-scheme.
      if [ "$scheme" = dark ]; then look=--force-dark-mode; else look=--blink-settings=preferredColorScheme=1; fi
      dom=$(browser "$width" 900 "$look" --virtual-time-budget=2000 --dump-dom "file://$probe")
      if [ -z "$dom" ]; then
        fail "chromium did not start or render $name: $(tail -3 "$work/chromium.log")"
        continue
      fi
      result=$(printf '%s' "$dom" | python3 -c 'import sys,re,html; m=re.search(r"<pre id=\"overflow-result\">(.*?)</pre>", sys.stdin.read(), re.S); print(html.unescape(m.group(1)) if m else "no result")')
      [ "$result" = OK ] || fail "$name at $width px, $scheme: $result"
      browser "$width" 1600 "$look" --screenshot="$out/$name-$width-$scheme.png" "file://$page" >/dev/null
      [ -s "$out/$name-$width-$scheme.png" ] || fail "no screenshot of $name at $width px, $scheme"
    done
  done
  rm -f "$probe"
done

if [ "${TOOLCMP_UPDATE_SCREENSHOT:-}" = 1 ] && [ -s "$out/compare-1440-light.png" ]; then
  cp "$out/compare-1440-light.png" "$source_dir/docs/screenshot.png"
  # A phone's first screen (390 by 844): the pick must be on it.
  browser 390 844 --screenshot="$source_dir/docs/screenshot-phone.png" "file://$work/compare.html" >/dev/null
fi
echo "screenshots in $out" >&2
[ "$failed" -eq 0 ] && echo "browser test: ${#pages[@]} pages at 390, 768 and 1440 px, light and dark: all fit, no number or short word broken, chart text 12 px or more, contrast 4.5:1 or more, every comparison's and decision's pick in the first 700 px" >&2
exit $((failed > 0))
