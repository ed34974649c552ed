#!/usr/bin/env bash
# Whatever happens, a write is whole or absent: parallel writers, kill -9
# in the middle of an import, and a full disk.
#   tests/reliability_test.sh BUILT_TOOLCMP [KILL_ITERATIONS]
set -u
toolcmp=$1
iterations=${2:-100}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/check.sh"
# sql DB QUERY: one value, through Python's sqlite3 (not through toolcmp).
sql() { python3 -c 'import sqlite3,sys; print(sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone()[0])' "$1" "$2"; }
# panel FILE TAG REVIEWS: JSON Lines with ten tools and REVIEWS reviews whose texts carry TAG.
panel() {
  python3 - "$1" "$2" "$3" <<'PY'
import json, sys
path, tag, count = sys.argv[1], sys.argv[2], int(sys.argv[3])
personas = ["Builder", "Skeptic", "Futurist", "Founder"]
with open(path, "w") as out:
    for t in range(10):
        out.write(json.dumps({"type": "tool", "name": f"Tool {t}", "category": "Test"}) + "\n")
    for i in range(count):
        out.write(json.dumps({"type": "review", "tool": f"Tool {i % 10}", "persona": personas[i % 4],
                              "score": i % 101, "verdict": "ship" if i % 3 else "skip",
                              "text": f"{tag} review {i}: " + "words " * 40,
                              "reviewed_at": f"2026-11-{1 + i % 28:02d}T12:00:00Z"}) + "\n")
PY
}

# --- 8 writers at once, and readers meanwhile ------------------------------------
db=$work/parallel.db
"$toolcmp" --db "$db" -q add "Tool 0"  # the file exists before the race starts
for w in $(seq 8); do panel "$work/writer$w.jsonl" "writer$w" 2000; done
pids=()
for w in $(seq 8); do
  "$toolcmp" --db "$db" -q import "$work/writer$w.jsonl" 2>"$work/writer$w.err" &
  pids+=($!)
done
readers_failed=0
reads=0
while kill -0 "${pids[@]}" 2>/dev/null; do
  if ! "$toolcmp" --db "$db" compare "Tool 0" "Tool 1" --json >/dev/null 2>"$work/reader.err"; then
    grep -q "no tool named" "$work/reader.err" || { readers_failed=$((readers_failed + 1)); cat "$work/reader.err" >&2; }
  fi
  reads=$((reads + 1))
done
writers_failed=0
for pid in "${pids[@]}"; do wait "$pid" || writers_failed=$((writers_failed + 1)); done
cat "$work"/writer*.err >&2
check "all 8 writers succeed" test "$writers_failed" -eq 0
check "exactly 16,000 reviews" test "$(sql "$db" 'select count(*) from review')" -eq 16000
check "integrity_check is ok" test "$(sql "$db" 'pragma integrity_check')" = ok
check "no reader failed ($reads reads)" test "$readers_failed" -eq 0
echo "writers: 8 x 2,000 reviews -> $(sql "$db" 'select count(*) from review') rows; $reads compare runs meanwhile, $readers_failed failed"

# --- kill -9 in the middle of an import ---------------------------------------------
db=$work/killed.db
"$toolcmp" --db "$db" -q add "Tool 0"
survived=0
killed_midway=0
for i in $(seq "$iterations"); do
  panel "$work/kill.jsonl" "kill$i" 3000
  before=$(sql "$db" 'select count(*) from review')
  "$toolcmp" --db "$db" -q import "$work/kill.jsonl" 2>/dev/null &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 400)))"
  kill -9 "$pid" 2>/dev/null && killed_midway=$((killed_midway + 1))
  wait "$pid" 2>/dev/null
  after=$(sql "$db" 'select count(*) from review')
  integrity=$(sql "$db" 'pragma integrity_check')
  if [ "$integrity" = ok ] && { [ "$after" -eq "$before" ] || [ "$after" -eq $((before + 3000)) ]; }; then
    survived=$((survived + 1))
  else
    echo "kill $i: integrity $integrity, reviews $before -> $after" >&2
  fi
done
check "every kill left all of the import or none ($survived of $iterations, $killed_midway killed mid-import)" \
  test "$survived" -eq "$iterations"
check "some kills landed mid-import" test "$killed_midway" -gt 0
echo "kill -9: $iterations imports of 3,000 reviews, $killed_midway killed mid-import, $survived left all or none"

# --- a full disk ---------------------------------------------------------------------
db=$work/full.db
"$toolcmp" --db "$db" -q import "$work/writer1.jsonl"
panel "$work/big.jsonl" big 20000
cp "$db" "$work/full-before.db"
(
  trap '' XFSZ
  ulimit -f 2048  # 2 MiB: the import needs more
  "$toolcmp" --db "$db" import "$work/big.jsonl"
) >"$work/full.out" 2>"$work/full.err"
code=$?
check "a full disk fails the import" test "$code" -ne 0
check "with a clear message" grep -q "^toolcmp: error: .*\(disk\|full\|large\|write\)" "$work/full.err"
check "the data before is intact" test "$(sql "$db" 'select count(*) from review')" -eq 2000
check "and consistent" test "$(sql "$db" 'pragma integrity_check')" = ok
check "the import works once there is room" "$toolcmp" --db "$db" -q import "$work/big.jsonl"
echo "full disk: exit $code, '$(head -c 120 "$work/full.err")'"

finish
