#!/usr/bin/env bash
# A panel a team shares on PostgreSQL: several panels in one database by
# schema=, every command behind pgbouncer in transaction mode with nothing
# left on the pool's connections, the writers of one panel never waiting
# for another's, a writer suspended mid-import blocking its own panel no
# longer than the idle time-out, and 20 writers with 5 readers, counted.
#   TOOLCMP_TEST_PG=... TOOLCMP_TEST_PGBOUNCER=... tests/team_test.sh BUILT_TOOLCMP SOURCE_DIR
# (scripts/test starts both with scripts/pg-cluster and sets them.)
set -u
# One author for both back-ends: their outputs are compared (the login differs: OS user, database role).
export TOOLCMP_AUTHOR=team-test
toolcmp=$(realpath "$1")
source_dir=$2
server=${TOOLCMP_TEST_PG:?set TOOLCMP_TEST_PG; scripts/test starts a server and sets it}
bouncer=${TOOLCMP_TEST_PGBOUNCER:?set TOOLCMP_TEST_PGBOUNCER; scripts/test starts pgbouncer and sets it}
host=$(sed -n 's/.*host=\([^ ]*\).*/\1/p' <<<"$server")
port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' <<<"$server")
bport=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' <<<"$bouncer")
work=$(mktemp -d)
# The PostgreSQL fingerprints a writer keeps go here, not into $HOME.
export XDG_CACHE_HOME=$work/user-cache
trap 'kill -CONT "${stopped:-}" 2>/dev/null; rm -rf "$work"' EXIT
source "$(dirname "$0")/check.sh"
export TOOLCMP_NOW=2026-12-01T12:00:00Z
psql_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql
psql_at() {  # psql_at PORT DB SQL...: as the superuser, bare values (pgbouncer takes no PGOPTIONS)
  local at=$1 db=$2 options=
  shift 2
  [ "$at" != "$port" ] || options=--client-min-messages=warning
  PGOPTIONS=$options "$psql_bin" -X -q -At -h "$host" -p "$at" -U toolcmp -d "$db" -v ON_ERROR_STOP=1 "$@"
}
names() { python3 -c 'import json,sys; print(",".join(t["name"] for t in json.load(sys.stdin)["tools"]))'; }
psql_at "$port" postgres -c "DROP DATABASE IF EXISTS team" -c "CREATE DATABASE team" >/dev/null
# pgbouncer serves the database toolcmp: this test's schemas there start empty too.
psql_at "$port" toolcmp -c "DROP SCHEMA IF EXISTS pooled CASCADE" -c "DROP SCHEMA IF EXISTS load CASCADE" >/dev/null
db="host=$host port=$port dbname=team user=toolcmp"

# --- several panels in one database, chosen by schema= ----------------------------------
"$toolcmp" --db "$db schema=panel_a" -q add Alpha
"$toolcmp" --db "$db schema='panel b'" -q add Beta
same "schema= makes its schema on the first write" Alpha "$(psql_at "$port" team -c 'SELECT name FROM panel_a.tool')"
same "a schema name that needs quoting" Beta "$(psql_at "$port" team -c 'SELECT name FROM "panel b".tool')"
same "each panel lists its own tools" Alpha "$("$toolcmp" --db "$db schema=panel_a" list --json | names)"
same "a URI takes ?schema= too" Beta \
  "$("$toolcmp" --db "postgresql:///team?host=$host&port=$port&user=toolcmp&schema=panel%20b" list --json | names)"
check "info shows the schema= given" grep -q 'schema=panel_a' <<<"$("$toolcmp" --db "$db schema=panel_a" info)"
"$toolcmp" --db "$db schema=" list 2>"$work/err"
same "an empty schema= is a bad option (exit 2)" 2 $?
check "and says so" grep -q "schema= in --db needs a schema name" "$work/err"
same "reads never create a schema" "" "$("$toolcmp" --db "$db schema=panel_c" list --json | names)"
same "  (none was made)" 0 "$(psql_at "$port" team -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'panel_c'")"

# --- behind pgbouncer in transaction mode --------------------------------------------------
pooled="$bouncer schema=pooled"
"$toolcmp" --db "$pooled" -q import "$source_dir/data/sample.jsonl"
same "a second import behind the pooler (statements prepared per transaction)" 0 \
  "$("$toolcmp" --db "$pooled" -q import "$source_dir/data/sample.jsonl"; echo $?)"
"$toolcmp" --db "$work/a.db" -q import "$source_dir/data/sample.jsonl"
expected=$("$toolcmp" --db "$work/a.db" compare SmolLM3 "Code Llama 4" --json)
pids=()
for i in $(seq 12); do
  "$toolcmp" --db "$pooled" compare SmolLM3 "Code Llama 4" --json >"$work/compare$i.json" 2>"$work/compare$i.err" &
  pids+=($!)
done
failed_compares=0
for i in $(seq 12); do
  wait "${pids[$((i - 1))]}" && [ "$(cat "$work/compare$i.json")" = "$expected" ] ||
    { failed_compares=$((failed_compares + 1)); cat "$work/compare$i.err" >&2; }
done
same "12 compares at once on the pool's connections, each the same as SQLite's" 0 "$failed_compares"
same "completion behind the pooler" "$("$toolcmp" __complete words --db "$work/a.db" compare "")" \
  "$("$toolcmp" __complete words --db "$pooled" compare "")"
# Nothing toolcmp set stays on a pooled connection: each of the pool's 10 is asked.
leaked=0
for i in $(seq 30); do
  settings=$(psql_at "$bport" toolcmp -c "SELECT current_setting('statement_timeout') || ' ' || current_setting('lock_timeout') || ' ' || current_setting('search_path') || ' ' || (SELECT count(*) FROM pg_prepared_statements)")
  [ "$settings" = '0 0 "$user", public 0' ] || { leaked=$((leaked + 1)); echo "pooled connection: $settings" >&2; }
done
same "no time-out, search_path or prepared statement is left on the pool's connections" 0 "$leaked"

# --- one panel's writers never wait for another's; a suspended writer ends ------------------
for tag in lock_a lock_b; do "$toolcmp" --db "$db schema=$tag" -q add "Tool 0"; done
panel "$work/big.jsonl" big 2000
# The import reads its records from a pipe this script holds open: after
# the first 1,000 it waits mid-import, holding its panel's lock, however
# fast it is, until it is suspended.
mkfifo "$work/feed"
"$toolcmp" --db "$db schema=lock_a" -q import - <"$work/feed" 2>"$work/stopped.err" &
stopped=$!
exec {feed}>"$work/feed"
head -n 1000 "$work/big.jsonl" >&"$feed"
# Suspended (as by Ctrl-Z) once it holds its panel's lock, mid-import:
# the server's pg_locks says when (at most 120 s on a busy machine).
held=0
for _ in $(seq 1200); do
  # In this database only: other tests' writers on the same server take the same kind of lock.
  [ "$(psql_at "$port" team -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 1413696848 AND database = (SELECT oid FROM pg_database WHERE datname = 'team')")" = 1 ] && { held=1; break; }
  kill -0 "$stopped" 2>/dev/null || break
  sleep 0.1
done
kill -STOP "$stopped"
same "the import holds its panel's lock when it is suspended" 1 "$held"
# With a 2 s lock_timeout of its own, a vote in the other panel fails "busy" if it has to wait at all.
PGOPTIONS="-c lock_timeout=2000" "$toolcmp" --db "$db schema=lock_b" -q vote "Tool 0" ship --voter ana 2>"$work/err"
same "a writer of another panel does not wait for the suspended one" 0 $?
cat "$work/err" >&2
start=$(date +%s)
"$toolcmp" --db "$db schema=lock_a" -q vote "Tool 0" ship --voter bo 2>"$work/err"
same "a writer of the same panel waits, and succeeds once the server ends the idle one" 0 $?
waited=$(($(date +%s) - start))
cat "$work/err" >&2
kill -CONT "$stopped"
tail -n +1001 "$work/big.jsonl" >&"$feed" 2>/dev/null
exec {feed}>&-
wait "$stopped"
same "the suspended import, resumed, fails" 1 $?
check "  saying the connection was lost and nothing written" grep -q "nothing was written" "$work/stopped.err"
same "  and wrote nothing" 0 "$(psql_at "$port" team -c "SELECT count(*) FROM lock_a.review")"
stopped=
echo "a writer suspended mid-import: the other panel's vote did not wait; the same panel's waited ${waited} s"

# --- votes and reviews do not wait for each other, only for a whole-panel write --------------
"$toolcmp" --db "$db schema=rows" -q add "Tool 0"
# The panel's lock key, as toolcmp makes it: FNV-1a of the schema's name, as a signed 32-bit number.
rows_key=$(python3 -c 'h = 2166136261
for c in b"rows": h = ((h ^ c) * 16777619) % 2**32
print(h - 2**32 if h >= 2**31 else h)')
# hold FUNCTION MODE: a psql session holding the panel's lock (by
# pg_advisory_xact_lock or _shared, granted as MODE) until release; returns
# once the server says it is granted (at most 60 s on a busy machine).
hold() {
  psql_at "$port" team -c "BEGIN" -c "SELECT $1(1413696848, $rows_key)" -c "SELECT pg_sleep(600)" -c "COMMIT" >/dev/null &
  holder=$!
  for _ in $(seq 1200); do
    [ "$(psql_at "$port" team -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND mode = '$2'
                                  AND classid = 1413696848 AND objid = ($rows_key)::oid")" -gt 0 ] && return
    sleep 0.05
  done
}
release() {  # ends the holder's session on the server, so its lock is gone before the next step
  psql_at "$port" team -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%pg_sleep(600)%' AND pid <> pg_backend_pid()" >/dev/null
  wait "$holder" 2>/dev/null
}
hold pg_advisory_xact_lock_shared ShareLock  # a vote or review under way
PGOPTIONS="-c lock_timeout=2000" "$toolcmp" --db "$db schema=rows" -q vote "Tool 0" ship --voter ana 2>"$work/err"
same "a vote does not wait for another writer's vote or review" 0 $?
PGOPTIONS="-c lock_timeout=2000" "$toolcmp" --db "$db schema=rows" -q review "Tool 0" Builder --verdict ship --score 70 \
  --text "Fine." 2>"$work/err"
same "nor does a review" 0 $?
PGOPTIONS="-c lock_timeout=2000" "$toolcmp" --db "$db schema=rows" -q edit "Tool 0" --vendor Acme 2>"$work/err"
same "a write of the whole panel's kind waits for it (busy after its 2 s)" 1 $?
release
hold pg_advisory_xact_lock ExclusiveLock  # an import or an edit under way
PGOPTIONS="-c lock_timeout=2000" "$toolcmp" --db "$db schema=rows" -q vote "Tool 0" skip --voter bo 2>"$work/err"
same "a vote waits for a whole-panel write (busy after its 2 s)" 1 $?
release
# One voter's vote, cast 12 times at once in three spellings: one vote, the
# last to commit. They queue behind a whole-panel writer, and start together
# once it ends.
hold pg_advisory_xact_lock ExclusiveLock
pids=()
for i in $(seq 12); do
  voter=$(sed -n "$((i % 3 + 1))p" <<<$'cy\nCY\nCy')
  "$toolcmp" --db "$db schema=rows" -q vote "Tool 0" "$([ $((i % 2)) -eq 0 ] && echo ship || echo skip)" --voter "$voter" \
    2>>"$work/race.err" &
  pids+=($!)
done
for _ in $(seq 1200); do  # until all 12 wait for the lock (at most 60 s)
  [ "$(psql_at "$port" team -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted
                                AND classid = 1413696848 AND objid = ($rows_key)::oid")" -ge 12 ] && break
  sleep 0.05
done
release
race_failed=0
for pid in "${pids[@]}"; do wait "$pid" || race_failed=$((race_failed + 1)); done
cat "$work/race.err" >&2
same "12 votes of one voter at once all succeed" 0 "$race_failed"
same "  and leave one vote" 1 "$(psql_at "$port" team -c "SELECT count(*) FROM rows.vote WHERE lower(voter) = 'cy'")"

# --- 20 writers and 5 readers, counted, behind the pooler and on SQLite -----------------------
# writer DB N: 10 writes (a vote, then a review), each timed; "status ms message" lines.
writer() {
  local db=$1 n=$2 i start status
  for i in $(seq 10); do
    start=$(date +%s%N)
    if [ $((i % 2)) -eq 1 ]; then
      "$toolcmp" --db "$db" -q vote "Tool $((i % 5))" ship --voter "w$n-$i" 2>"$work/w$n.err"
    else
      "$toolcmp" --db "$db" -q review "Tool $((i % 5))" Builder --score $((50 + n)) --verdict ship \
        --text "writer $n, write $i" 2>"$work/w$n.err"
    fi
    status=$?
    echo "$status $((($(date +%s%N) - start) / 1000000)) $(head -c 120 "$work/w$n.err" | tr '\n' ' ')"
  done >"$work/writes$n.txt"
}
# load DB LABEL: 20 writers, 5 readers until they are done; sets load_ok, load_failed, load_median.
load() {
  local db=$1 label=$2 n pids=() readers=() r
  for n in $(seq 0 4); do "$toolcmp" --db "$db" -q add "Tool $n" 2>/dev/null; done
  for n in $(seq 20); do writer "$db" "$n" & pids+=($!); done
  for r in $(seq 5); do
    (while kill -0 "${pids[@]}" 2>/dev/null; do
      "$toolcmp" --db "$db" rank --json >/dev/null 2>>"$work/readers-$label.err" || echo failed
    done) >"$work/reads$r.txt" &
    readers+=($!)
  done
  wait "${pids[@]}" "${readers[@]}"
  cat "$work"/writes*.txt >"$work/all-$label.txt"
  rm -f "$work"/writes*.txt
  load_ok=$(awk '$1 == 0' "$work/all-$label.txt" | wc -l)
  load_failed=$(awk '$1 != 0' "$work/all-$label.txt" | wc -l)
  load_median=$(awk '$1 == 0 {print $2}' "$work/all-$label.txt" | sort -n | awk '{a[NR] = $1} END {print a[int((NR + 1) / 2)]}')
  load_reads_failed=$(cat "$work"/reads*.txt | wc -l)
  awk '$1 != 0 {$1 = ""; $2 = ""; print}' "$work/all-$label.txt" | sort | uniq -c >&2
}
load "$bouncer schema=load" postgres
pg_ok=$load_ok pg_failed=$load_failed pg_median=$load_median pg_reads_failed=$load_reads_failed
stored=$(psql_at "$port" toolcmp -c "SELECT (SELECT count(*) FROM load.vote) + (SELECT count(*) FROM load.review)")
load "$work/load.db" sqlite
same "20 writers behind the pooler: none failed" 0 "$pg_failed"
same "  every write that said it succeeded is stored, once" "$pg_ok" "$stored"
same "  no reader failed" 0 "$pg_reads_failed"
same "the same load on SQLite: none failed" 0 "$load_failed"
echo "20 writers x 10 writes, 5 readers: PostgreSQL behind pgbouncer $pg_ok of 200 succeeded, $((pg_ok - stored)) lost, $pg_failed failed, median ${pg_median} ms; SQLite $load_ok succeeded, $load_failed failed, median ${load_median} ms"
finish
