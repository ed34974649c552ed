#!/usr/bin/env python3
"""Writes bench/results.md from what bench/run measured (build/bench/runs).

  bench/report.py WORK SIZE...

Times are hyperfine medians; ratios are toolcmp's median over sqlite3's,
measured in the same run on the same file."""
import json
import os
import platform
import re
import subprocess
import sys

work, sizes = sys.argv[1], sys.argv[2:]
runs = os.path.join(work, "runs")
COMMANDS = [
    ("compare", "compare A B --json"),
    ("explain", "compare A B --json --explain"),
    ("asof", "compare A B --json --explain --as-of 2026-06-01 --max-age 1y"),
    ("show", "show A"),
    ("rank", "rank --limit 20"),
    ("list", "list --category C"),
    ("history", "history A"),
]
COUNTS = {"small": "100 tools, 1,000 reviews, 1,000 votes",
          "medium": "10,000 tools, 100,000 reviews, 100,000 votes",
          "large": "100,000 tools, 1,000,000 reviews, 1,000,000 votes"}


def medians(path):
    with open(path) as f:
        return [r["median"] for r in json.load(f)["results"]]


def rss_mb(name):
    path = os.path.join(runs, f"{name}.rss")
    if not os.path.exists(path):
        return None
    text = open(path).read().split()
    return int(text[-1]) / 1024 if text else None


def ms(seconds):
    return f"{seconds * 1000:.1f}"


def version(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().split("\n")[0]
    except OSError:
        return "?"


def verdict(ok):
    return "yes" if ok else "**no**"


cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
print("# Benchmark results\n")
print(f"Made by `bench/run {' '.join(sizes)}` in one run on one machine. Times are hyperfine medians "
      "(3 warm-up runs, at least 10 timed; the file is in the OS cache, as on a machine in use); "
      "\"vs sqlite3\" is toolcmp's time over the `sqlite3` CLI's running the SQL in `bench/sql/` on "
      "the same file in the same run. Peak RSS is from `/usr/bin/time`, one run each.\n")
print(f"- Machine: {cpu}, {os.cpu_count()} cores, {platform.system()} {platform.release()}; shared and noisy")
print(f"- {version(['build/release/toolcmp', '--version'])} (Release), "
      f"sqlite3 {version(['sqlite3', '-version']).split(' ')[0]}, {version(['hyperfine', '--version'])}\n")

print("## Targets\n")
print("| target | measured | met |")
print("|---|---|---|")
worst = {}
for size in sizes:
    for name, _ in COMMANDS:
        t, s = medians(os.path.join(runs, f"{size}-{name}.json"))
        worst[(size, name)] = t / s
ratio_name, ratio = max(worst.items(), key=lambda kv: kv[1])
print(f"| every read command within 1.3x of sqlite3, at every size | worst {ratio:.2f}x "
      f"({ratio_name[1]}, {ratio_name[0]}) | {verdict(ratio <= 1.3)} |")
if "small" in sizes and "large" in sizes:
    small = medians(os.path.join(runs, "small-compare.json"))[0]
    large = medians(os.path.join(runs, "large-compare.json"))[0]
    print(f"| compare on large within 1.2x of compare on small | {ms(large)} ms vs {ms(small)} ms: "
          f"{large / small:.2f}x | {verdict(large / small <= 1.2)} |")
last = sizes[-1]
version_t, missing_t, _ = medians(os.path.join(runs, f"{last}-startup.json"))
print(f"| `toolcmp --version` under 5 ms | {ms(version_t)} ms | {verdict(version_t < 0.005)} |")
print(f"| `compare` on a missing database under 5 ms | {ms(missing_t)} ms | {verdict(missing_t < 0.005)} |")
complete = medians(os.path.join(runs, f"{last}-complete.json"))[0]
print(f"| `__complete tools` under 20 ms on the {last} database | {ms(complete)} ms | {verdict(complete < 0.020)} |")
peak = max(((rss_mb(f"{last}-{name}-toolcmp") or 0), name) for name, _ in COMMANDS)
peak_complete = rss_mb(f"{last}-complete-toolcmp") or 0
peak = max(peak, (peak_complete, "__complete tools"))
print(f"| peak RSS under 30 MB for every read command on the {last} database | most {peak[0]:.1f} MB "
      f"({peak[1]}) | {verdict(peak[0] < 30)} |")
print()

for size in sizes:
    seconds, kib = open(os.path.join(runs, f"{size}-import.time")).read().split()
    print(f"## {size}: {COUNTS.get(size, size)}\n")
    print(f"Imported by toolcmp in {float(seconds):.2f} s, peak RSS {int(kib) / 1024:.1f} MB.\n")
    print("| command | toolcmp ms | sqlite3 ms | vs sqlite3 | toolcmp peak RSS | sqlite3 peak RSS |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, label in COMMANDS:
        t, s = medians(os.path.join(runs, f"{size}-{name}.json"))
        t_rss, s_rss = rss_mb(f"{size}-{name}-toolcmp"), rss_mb(f"{size}-{name}-sqlite3")
        print(f"| `{label}` | {ms(t)} | {ms(s)} | {t / s:.2f}x | {t_rss:.1f} MB | {s_rss:.1f} MB |")
    version_t, missing_t, sqlite_version_t = medians(os.path.join(runs, f"{size}-startup.json"))
    complete = medians(os.path.join(runs, f"{size}-complete.json"))[0]
    print(f"| `--version` (sqlite3 `-version`) | {ms(version_t)} | {ms(sqlite_version_t)} | "
          f"{version_t / sqlite_version_t:.2f}x | | |")
    print(f"| `compare` on a missing database | {ms(missing_t)} | | | | |")
    print(f"| `__complete tools` | {ms(complete)} | | | {rss_mb(f'{size}-complete-toolcmp'):.1f} MB | |")
    print()

print("## Import\n")
print("From `bench/import SIZE` (reviews only, as JSON Lines for toolcmp and sqlite-utils, as CSV for "
      "`sqlite3 .import`, which appends rows to a bare table without checks or indexes).\n")
for size in sizes:
    text = open(os.path.join(runs, f"import-{size}.md")).read()
    table = [l for l in text.split("\n") if l.startswith("|")]
    summary = re.search(r"^toolcmp is .*$", text, re.M)
    print(f"### {size}\n")
    print("\n".join(table))
    if summary:
        print(f"\n{summary.group(0)}")
    print()

print(f"## Query plans ({last})\n")
print("Every statement the read commands run, as traced with `TOOLCMP_TRACE_SQL=1` (PRAGMAs left out), "
      "with SQLite's `EXPLAIN QUERY PLAN` on the same file. No statement scans a whole table: the "
      "summaries for rank and list walk the tool table once and reach reviews and votes through "
      "covering indexes.\n")
print(open(os.path.join(runs, "plans.md")).read())
