# Sourced by the shell tests: count checks and report the failed ones.
passed=0
failed=0
check() {  # check DESCRIPTION COMMAND...: the command must succeed
  local name=$1
  shift
  if "$@"; then passed=$((passed + 1)); else echo "FAILED: $name" >&2; failed=$((failed + 1)); fi
}
same() {  # same DESCRIPTION EXPECTED ACTUAL
  if [ "$2" = "$3" ]; then passed=$((passed + 1)); else
    printf 'FAILED: %s\n  expected: %q\n  actual:   %q\n' "$1" "$2" "$3" >&2
    failed=$((failed + 1))
  fi
}
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
# writers_race TOOLCMP DB WORK [REVIEWS]: 8 imports of REVIEWS reviews
# (2,000; panel files WORK/writerN.jsonl) at once into DB, with compare
# --json run in a loop meanwhile; sets writers_failed, readers_failed and reads.
writers_race() {
  local toolcmp=$1 db=$2 work=$3 size=${4:-2000} w pid pids=()
  "$toolcmp" --db "$db" -q add "Tool 0"  # the database exists before the race starts
  for w in $(seq 8); do panel "$work/writer$w.jsonl" "writer$w" "$size"; done
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
}
# wait_blocked PID PATTERN [SECONDS]: waits (60 s at most) until process
# PID sleeps in a kernel function matching PATTERN (/proc/PID/wchan:
# fifo_open, pipe_write, ...), so that a signal sent next lands while it
# waits there and not before its handler is installed, however slow the
# machine. Fails if it never does.
wait_blocked() {
  local pid=$1 pattern=$2 limit=$((${3:-60} * 20)) i
  for ((i = 0; i < limit; i++)); do
    grep -qE "$pattern" "/proc/$pid/wchan" 2>/dev/null && return 0
    kill -0 "$pid" 2>/dev/null || return 1
    sleep 0.05
  done
  echo "process $pid never blocked in $pattern (wchan: $(cat "/proc/$pid/wchan" 2>/dev/null))" >&2
  return 1
}
finish() {  # the last line of a test script
  echo "$passed passed, $failed failed"
  [ "$failed" -eq 0 ]
}
