#!/usr/bin/env bash
# End-to-end tests of the built binary, as a shell script uses it:
# the sample panel script, exit codes, files on disk, stdout vs stderr.
# Usage: binary_test.sh PATH/TO/toolcmp SOURCE_DIR
set -uo pipefail

toolcmp=$1
source_dir=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export LC_ALL=C.UTF-8
unset NO_COLOR CLICOLOR_FORCE COLUMNS TOOLCMP_DB

source "$(dirname "$0")/check.sh"
exit_code() {  # exit_code EXPECTED toolcmp-args...
  local expected=$1
  shift
  "$toolcmp" "$@" >"$work/out" 2>"$work/err"
  local code=$?
  [ "$code" -eq "$expected" ] || { echo "exit $code, expected $expected: $*" >&2; cat "$work/err" >&2; return 1; }
}

# With no --db and no TOOLCMP_DB, the first write makes the default
# location; the sample panel lands there.
db="$work/sub/toolcmp/toolcmp.db"
check "sample panel imports" env -u TOOLCMP_DB XDG_DATA_HOME="$work/sub" "$toolcmp" import "$source_dir/data/sample.jsonl"
# A --db whose directory is missing is a typo until shown otherwise.
check "--db in a missing directory exits 1" exit_code 1 --db "$work/nowhere/x.db" add Thing
check "--db in a missing directory says so" grep -q "directory '$work/nowhere' does not exist" "$work/err"
check "--db :memory: exits 2" exit_code 2 --db :memory: add Thing
check "a file: URI exits 2" exit_code 2 --db "file:$work/x.db?mode=rwc" add Thing
printf 'plain text, not a database, long enough to be read as one %0100d\n' 0 >"$work/notes.txt"
check "a file that is not a database exits 3" exit_code 3 --db "$work/notes.txt" list
check "and is left as it was" grep -q "^plain text" "$work/notes.txt"
TOOLCMP_NOW=2026-12-01T12:00:00Z "$toolcmp" --db "$db" compare SmolLM3 "Code Llama 4" --width 100 >"$work/compare.txt"
if [ "${TOOLCMP_UPDATE_GOLDEN:-}" = 1 ]; then cp "$work/compare.txt" "$source_dir/tests/golden/sample_compare_w100.txt"; fi
check "sample compare matches golden" diff -u "$source_dir/tests/golden/sample_compare_w100.txt" "$work/compare.txt"

# The database file is private, and so is the directory made for it.
check "db file mode 600" test "$(stat -c %a "$db")" = 600
check "db directory mode 700" test "$(stat -c %a "$work/sub/toolcmp")" = 700
check "the database uses a write-ahead log" python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); assert c.execute("pragma journal_mode").fetchone()[0]=="wal"' "$db"

# A read-only file can be read, and a write says it is read-only.
cp "$db" "$work/ro.db"
chmod 444 "$work/ro.db"
check "read-only file reads" exit_code 0 --db "$work/ro.db" show SmolLM3
if [ "$(id -u)" -ne 0 ]; then  # root writes whatever the mode says
  check "read-only file refuses a write" exit_code 1 --db "$work/ro.db" vote SmolLM3 ship
  check "and says why" grep -q "read-only" "$work/err"
fi

# Exit codes: 0 ok, 1 runtime error, 2 usage error; errors on stderr only.
check "unknown tool exits 1" exit_code 1 --db "$db" show "Nope"
check "error goes to stderr" grep -q "^toolcmp: error: no tool named 'Nope'" "$work/err"
check "nothing on stdout on error" test ! -s "$work/out"
check "score 101 exits 2" exit_code 2 --db "$db" review SmolLM3 Builder --verdict ship --score 101
check "unknown option exits 2" exit_code 2 --db "$db" list --bogus
# Standard input whose format nothing tells is refused, saying what was looked for.
check "stdin in no known format exits 1" sh -c "printf 'Some notes.\n' | '$toolcmp' --db '$work/never.db' import 2>'$work/err'; test \$? -eq 1"
check "and says it cannot tell the format" grep -q "stdin: cannot tell its format.*give --format" "$work/err"
check "and makes no database" test ! -e "$work/never.db"
# A tool named like a command is never taken for one (with a copy, so the sample stays as it was).
cp "$db" "$work/names.db"
check "a tool named list is added" exit_code 0 --db "$work/names.db" add list
check "vote list alone is vote's own list, not 'toolcmp list'" exit_code 2 --db "$work/names.db" vote list
check "and nothing was listed" test ! -s "$work/out"
check "the error says how to name the tool" grep -qF "'toolcmp vote [OPTIONS] -- list ...'" "$work/err"
check "a vote on the tool named list goes after --" exit_code 0 --db "$work/names.db" vote --voter ana -- list ship
check "vote list shows it" exit_code 0 --db "$work/names.db" vote list list
check "with its voter" grep -q "^ana  *ship" "$work/out"
check "review info reviews a tool named info" exit_code 1 --db "$work/names.db" review info Builder --verdict ship
check "which does not exist here" grep -q "no tool named 'info'" "$work/err"
check "json compare exits 0" exit_code 0 --db "$db" compare smollm3 smolvlm2 --json
check "json is one object" python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["schema_version"]==3; assert d["recommendation"]["tool"]=="SmolVLM2"' "$work/out"

# A failed write leaves the database byte for byte as it was.
cp "$db" "$work/before.db"
check "review of unknown persona fails" exit_code 1 --db "$db" review SmolLM3 Nobody --verdict ship
check "failed write changed nothing" cmp -s "$db" "$work/before.db"

# Reading never creates a database.
check "read on missing db succeeds" exit_code 0 --db "$work/none/x.db" list
check "read created nothing" test ! -e "$work/none"

# --text-file reads standard input with '-'.
printf 'From a pipe.\n' | "$toolcmp" --db "$db" -q review "Mistral 3B" Builder --verdict ship --score 88 --text-file -
check "text from stdin stored" sh -c "'$toolcmp' --db '$db' history mistral-3b --persona builder --json | grep -q '\"From a pipe.\"'"

# No escape codes in a pipe, even with a table full of verdicts.
check "no escapes in a pipe" sh -c "! grep -q \$(printf '\\033') '$work/compare.txt'"

# Import from a pipe: the same reviews from another source (stdin) add that source, no review
# (each of the 16, the superseded Builder review of Mistral 3B too).
check "import from stdin adds no review, only its source" sh -c "
  '$toolcmp' --db '$db' import --format jsonl < '$source_dir/data/sample.jsonl' 2>'$work/err' &&
  grep -q '^imported 0 reviews, 0 tools, 0 votes in [0-9.]* s; 16 updated; 4 already there\$' '$work/err'"
check "import from stdin again adds nothing" sh -c "
  '$toolcmp' --db '$db' import --format jsonl < '$source_dir/data/sample.jsonl' 2>'$work/err' &&
  grep -q '^imported 0 reviews, 0 tools, 0 votes in [0-9.]* s; 20 already there\$' '$work/err'"

# A bad record anywhere and nothing is written; FILE:LINE says where.
cp "$db" "$work/before.db"
printf '%s\n' '{"type":"tool","name":"New One"}' '{"type":"review","tool":"New One","persona":"Bilder","score":7}' >"$work/bad.jsonl"
check "bad import exits 1" exit_code 1 --db "$db" import "$work/bad.jsonl"
check "bad import names file, line and persona" grep -q "bad.jsonl:2: no persona named 'Bilder'; did you mean 'Builder'?" "$work/err"
check "bad import wrote nothing" cmp -s "$db" "$work/before.db"

# Export then import into an empty database gives the same comparison.
"$toolcmp" --db "$db" export -o "$work/all.jsonl"
check "export imports into a new database" "$toolcmp" --db "$work/copy.db" -q import "$work/all.jsonl"
"$toolcmp" --db "$db" compare smollm3 "code llama 4" mistral-3b smolvlm2 --json >"$work/a.json"
"$toolcmp" --db "$work/copy.db" compare smollm3 "code llama 4" mistral-3b smolvlm2 --json >"$work/b.json"
check "round trip gives the same compare --json" cmp -s "$work/a.json" "$work/b.json"


# Output that cannot be written is an error, never a quiet exit 0.
"$toolcmp" --db "$db" export >/dev/full 2>"$work/err"; code=$?
same "export > /dev/full exits 1" 1 "$code"
check "and says why" grep -q "cannot write to standard output: No space left on device" "$work/err"
"$toolcmp" --db "$db" list --json >/dev/full 2>"$work/err"; code=$?
same "list --json > /dev/full exits 1" 1 "$code"
"$toolcmp" --db "$db" compare SmolLM3 "Code Llama 4" >&- 2>"$work/err"; code=$?
same "compare with stdout closed exits 1" 1 "$code"
check "and names the closed descriptor" grep -q "cannot write to standard output: Bad file descriptor" "$work/err"
out=$( ("$toolcmp" --db "$db" export | head -c 10 >/dev/null) 2>&1 )
same "a closed pipe (head) stays quiet" "" "$out"

# A closed stdin is an error, not an empty review.
"$toolcmp" --db "$db" review SmolLM3 Builder --verdict ship --text-file - <&- >"$work/out" 2>"$work/err"; code=$?
same "--text-file - with stdin closed exits 1" 1 "$code"
check "and says it cannot read standard input" grep -q "cannot read review text in standard input" "$work/err"
check "an endless --text-file is refused, not read until memory runs out" exit_code 2 --db "$db" review SmolLM3 Builder --verdict ship --text-file /dev/zero
check "and says the limit" grep -q "the limit is 1048576" "$work/err"

# Not a regular file: refused before SQLite sees it, exit 2.
mkfifo "$work/db.fifo"
timeout 5 "$toolcmp" --db "$work/db.fifo" list 2>"$work/err"; code=$?
same "a FIFO as the database exits 2" 2 "$code"
check "and is named as a FIFO" grep -q "is a FIFO; the database must be a regular file" "$work/err"
# Devices of the test's own (a broken toolcmp must not replace the
# system's /dev/null): where mknod is not allowed, those checks are skipped.
if mknod -m 666 "$work/null" c 1 3 2>/dev/null && mknod -m 666 "$work/full" c 1 7 2>/dev/null; then
  timeout 5 "$toolcmp" --db "$work/null" add Thing 2>"$work/err"; code=$?
  same "a character device as the database exits 2" 2 "$code"
  check "and no journal beside it" test ! -e "$work/null-journal" -a ! -e "$work/null-wal"
  "$toolcmp" --db "$db" export -o "$work/null"
  check "export -o to a device leaves the device" test -c "$work/null"
  "$toolcmp" --db "$db" export -o "$work/full" 2>"$work/err"; code=$?
  same "export -o to a full device exits 1" 1 "$code"
  check "and leaves the device" test -c "$work/full"
else
  echo "skipped: the device-node tests need mknod" >&2
fi
ln -s "$db" "$work/link.db"
"$toolcmp" --db "$work/link.db" list >/dev/null 2>"$work/err"; code=$?
same "a symlinked database exits 2" 2 "$code"
check "and says why" grep -q "is a symbolic link" "$work/err"

# export -o: a regular file is replaced whole with its mode kept; a
# symlink, a FIFO or a device is written through, never replaced.
printf 'old\n' >"$work/keep.jsonl"; chmod 644 "$work/keep.jsonl"
"$toolcmp" --db "$db" export -o "$work/keep.jsonl"
same "export -o keeps the file's mode" 644 "$(stat -c %a "$work/keep.jsonl")"
check "export -o leaves no temporary file" sh -c "! ls -a '$work' | grep -q '\.tmp-'"
printf 'old\n' >"$work/target.jsonl"; ln -s "$work/target.jsonl" "$work/out-link.jsonl"
"$toolcmp" --db "$db" export -o "$work/out-link.jsonl"
check "export -o through a symlink keeps the link" test -L "$work/out-link.jsonl"
check "and writes the file it points to" grep -q '"type":"tool"' "$work/target.jsonl"
mkfifo "$work/out.fifo"
(timeout 5 cat "$work/out.fifo" >"$work/from-fifo.jsonl" &)
"$toolcmp" --db "$db" export -o "$work/out.fifo"
sleep 0.2
check "export -o to a FIFO writes into it" grep -q '"type":"tool"' "$work/from-fifo.jsonl"

# A database of another user, in a directory the reader cannot write, is
# read, not called damaged; nor does a reader leave -wal or -shm files.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
  shared="$work/shared"; mkdir -p "$shared"; chmod 755 "$work" "$shared"
  cp "$db" "$shared/team.db"; chmod 644 "$shared/team.db"
  as_nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups "$toolcmp" "$@"; }
  as_nobody --db "$shared/team.db" compare SmolLM3 "Code Llama 4" >"$work/ro.txt" 2>"$work/err"; code=$?
  same "another user's database in a read-only directory is read" 0 "$code"
  check "and answers as the owner's does" cmp -s "$work/ro.txt" <("$toolcmp" --db "$shared/team.db" compare SmolLM3 "Code Llama 4")
  chmod 1777 "$shared"
  "$toolcmp" --db "$shared/team.db" -q vote SmolLM3 ship  # the last connection to close removes -wal and -shm
  check "no -wal after the owner's write" test ! -e "$shared/team.db-wal"
  as_nobody --db "$shared/team.db" list >/dev/null 2>"$work/err"; code=$?
  same "another user's database in a writable directory is read" 0 "$code"
  same "without leaving files of the reader's behind" "" "$(find "$shared" -user 65534)"
  as_nobody --db "$shared/team.db" add Thing 2>"$work/err"; code=$?
  same "a write to another user's database exits 1" 1 "$code"
  check "and says it is read-only, not damaged" sh -c "grep -q 'read-only' '$work/err' && ! grep -q damaged '$work/err'"
  chmod 700 "$work"
else
  echo "skipped: the other-user tests need root and setpriv" >&2
fi

# A database file replaced while an import writes to it: the import
# refuses to commit into a file the path no longer names.
"$toolcmp" --db "$work/moving.db" -q add Seed
"$toolcmp" --db "$work/other.db" -q add Other
mkfifo "$work/slow.jsonl"
("$toolcmp" --db "$work/moving.db" import "$work/slow.jsonl" 2>"$work/moving.err"; echo $? >"$work/moving.code") &
exec 4>"$work/slow.jsonl"
# The first 4 KiB tell the format (read before the database is opened);
# then the import holds its transaction, waiting for the rest of its input.
{ printf '{"type":"tool","name":"Mid"}\n'; printf '{"type":"tool","name":"Pad %s"}\n' $(seq 300); } >&4
sleep 0.5
mv "$work/other.db" "$work/moving.db"
exec 4>&-
wait
same "an import into a replaced file exits 1" 1 "$(cat "$work/moving.code")"
check "and says the file was replaced" grep -q "was moved, replaced or deleted while toolcmp was writing to it" "$work/moving.err"
check "the file now at the path holds none of it" sh -c "! '$toolcmp' --db '$work/moving.db' list | grep -q Mid"

# A file that looks like ours but carries what toolcmp never makes: a
# planted trigger would turn a ship into a skip, a view in place of a
# table would hang every command. Refused with exit 3, file untouched.
planted() {  # planted NAME SQL: a copy of the database with SQL run in it
  cp "$db" "$work/$1.db"
  python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.executescript(sys.argv[2]); c.close()' "$work/$1.db" "$2"
  cp "$work/$1.db" "$work/$1.before"
}
planted trigger "CREATE TRIGGER flip AFTER INSERT ON vote BEGIN UPDATE vote SET verdict = 'skip'; DELETE FROM vote WHERE id <> new.id; END;"
check "a planted trigger is refused on write" exit_code 3 --db "$work/trigger.db" vote SmolLM3 ship --voter eve
check "and named" grep -q "it has a trigger 'flip' that toolcmp does not make" "$work/err"
check "the trigger never ran: the file is as it was" cmp -s "$work/trigger.db" "$work/trigger.before"
check "a planted trigger is refused on read" exit_code 3 --db "$work/trigger.db" list
check "and by info" exit_code 3 --db "$work/trigger.db" info
planted view "DROP TABLE tool_attribute; CREATE VIEW tool_attribute AS WITH RECURSIVE r(tool_id, key, value) AS (SELECT 1, 'k', 'v' UNION ALL SELECT tool_id, key, value FROM r) SELECT * FROM r;"
timeout 10 "$toolcmp" --db "$work/view.db" show SmolLM3 >/dev/null 2>"$work/err"; code=$?
same "a view in place of a table is refused, not run (no hang)" 3 "$code"
check "and named" grep -q "it has a view 'tool_attribute' that toolcmp does not make" "$work/err"
planted index "CREATE INDEX extra ON tool(vendor);"
check "an extra index is refused too" exit_code 3 --db "$work/index.db" list
planted altered "DROP INDEX vote_tally; CREATE INDEX vote_tally ON vote(verdict);"
check "an index changed under its own name is refused" exit_code 3 --db "$work/altered.db" list
check "and named" grep -q "its index 'vote_tally' is not the one toolcmp makes" "$work/err"
planted analyzed "ANALYZE;"
check "statistics from ANALYZE are SQLite's own and allowed" exit_code 0 --db "$work/analyzed.db" list
python3 -c 'import sqlite3,sys; c=sqlite3.connect(sys.argv[1]); c.execute("pragma application_id = 1413696848"); c.execute("pragma user_version = 3"); c.close()' "$work/bare.db"
check "toolcmp's application id but no tables: exit 3" exit_code 3 --db "$work/bare.db" list
check "and says what is missing, not raw SQL" grep -q "as toolcmp made it: it has no index 'review_current'" "$work/err"

# A foreign database in WAL mode with frames not yet in the main file: the
# refusal happens before SQLite opens it, so its -wal is not checkpointed
# and no -shm appears, on read and on write.
python3 - "$work/foreign.db" <<'PY'
import sqlite3, sys, shutil, os
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("pragma journal_mode = wal")
c.execute("pragma wal_autocheckpoint = 0")
c.execute("create table notes (t text)")
c.execute("insert into notes values ('kept in the log')")
# Copy the file and its log while the connection is open: the copy's log
# holds frames that are not in its main file.
for suffix in ("", "-wal"):
    shutil.copy(sys.argv[1] + suffix, sys.argv[1] + ".copy" + suffix)
c.close()
for suffix in ("", "-wal"):
    os.replace(sys.argv[1] + ".copy" + suffix, sys.argv[1] + suffix)
for suffix in ("-shm",):
    if os.path.exists(sys.argv[1] + suffix): os.remove(sys.argv[1] + suffix)
PY
check "the foreign file has uncheckpointed frames" test -s "$work/foreign.db-wal"
cp "$work/foreign.db" "$work/foreign.before"; cp "$work/foreign.db-wal" "$work/foreign.before-wal"
check "a foreign WAL-mode file is refused on read" exit_code 3 --db "$work/foreign.db" list
check "a foreign WAL-mode file is refused on write" exit_code 3 --db "$work/foreign.db" add Thing
check "and named as another SQLite database" grep -q "it is another SQLite database" "$work/err"
check "its main file is byte-identical" cmp -s "$work/foreign.db" "$work/foreign.before"
check "its -wal is byte-identical" cmp -s "$work/foreign.db-wal" "$work/foreign.before-wal"
check "no -shm was left" test ! -e "$work/foreign.db-shm"
# Our own database whose first page with toolcmp's application id is
# still only in the -wal (made, then the writer died before its
# checkpoint) is still ours.
python3 - "$source_dir/schema.sql" "$work/fresh.db" <<'PY'
import os, shutil, sqlite3, sys
schema, path = sys.argv[1], sys.argv[2]
c = sqlite3.connect(path, isolation_level=None)
c.execute("pragma journal_mode = wal")
c.execute("pragma wal_autocheckpoint = 0")
c.executescript("BEGIN;" + open(schema).read() + "COMMIT;")
for suffix in ("", "-wal"):
    shutil.copy(path + suffix, path + ".copy" + suffix)
c.close()
for suffix in ("", "-wal"):
    os.replace(path + ".copy" + suffix, path + suffix)
PY
check "its main file alone does not say toolcmp" sh -c "! grep -q TCMP '$work/fresh.db'"
"$toolcmp" --db "$work/fresh.db" -q add Fresh 2>"$work/err"; code=$?
same "a database toolcmp made is ours however far its log got" 0 "$code"

# A command that fails leaves the path as it found it: no file, no log,
# no directory made for it.
check "a failed review on a new path exits 1" exit_code 1 --db "$work/never.db" review Nope Builder --verdict ship --text x
check "and leaves no file behind" sh -c "! ls '$work' | grep -q '^never.db'"
env -u TOOLCMP_DB XDG_DATA_HOME="$work/nodata" "$toolcmp" review Nope Builder --verdict ship --text x 2>/dev/null
check "nor the directories it made for the default location" test ! -e "$work/nodata"
bash -c "ulimit -f 0; trap '' XFSZ; '$toolcmp' --db '$work/nospace.db' add Thing" 2>&1 | cat >"$work/err"
check "a write with no room to write says nothing was written" grep -q "nothing was written" "$work/err"
check "and leaves no empty file behind" sh -c "! ls '$work' | grep -q '^nospace.db'"

# -o names a descriptor or a process substitution: written through.
"$toolcmp" --db "$db" export -o /proc/self/fd/1 >"$work/fd1.jsonl" 2>"$work/err"
check "export -o /proc/self/fd/1 writes to standard output" grep -q '"type":"tool"' "$work/fd1.jsonl"
"$toolcmp" --db "$db" export --format csv -o >(cat >"$work/subst.csv") 2>"$work/err"; code=$?
sleep 0.2
same "export -o to a process substitution exits 0" 0 "$code"
check "and writes through it" grep -q '^type,' "$work/subst.csv"

# Ctrl-C once the write has committed (here: while the summary waits on a
# full pipe) exits 0: a script that retries on 130 must not add it twice.
python3 - "$toolcmp" "$db" >"$work/late-int" 2>&1 <<'PY'
import fcntl, os, signal, subprocess, sys, time
toolcmp, db = sys.argv[1], sys.argv[2]
r, w = os.pipe()
fcntl.fcntl(w, fcntl.F_SETFL, os.O_NONBLOCK)
try:
    while True: os.write(w, b"x" * 4096)
except BlockingIOError:
    pass
fcntl.fcntl(w, fcntl.F_SETFL, 0)
p = subprocess.Popen([toolcmp, "--db", db, "vote", "SmolLM3", "ship"], stdout=w, stderr=subprocess.DEVNULL)
os.close(w)
# Blocked once it writes to the full pipe (a minute at most on a slow machine).
for _ in range(1200):
    try:
        if "pipe_write" in open(f"/proc/{p.pid}/wchan").read(): break
    except OSError:
        break
    time.sleep(0.05)
blocked = p.poll() is None
p.send_signal(signal.SIGINT)
time.sleep(0.2)
fcntl.fcntl(r, fcntl.F_SETFL, os.O_NONBLOCK)
out = b""
while True:
    try:
        chunk = os.read(r, 65536)
        if not chunk: break
        out += chunk
    except BlockingIOError:
        if p.poll() is not None: break
        time.sleep(0.01)
print("blocked" if blocked else "not-blocked", p.wait(), b"Voted ship" in out)
PY
same "Ctrl-C after the commit (the output blocked) exits 0" "blocked 0 True" "$(cat "$work/late-int")"

# Ctrl-C exits 130, also while blocked opening a FIFO (the signal is sent
# once the process is known to wait there).
mkfifo "$work/fifo"
"$toolcmp" --db "$db" review SmolLM3 Builder --verdict ship --text-file "$work/fifo" &
pid=$!
fifo_wait="fifo_open|wait_for_partner"  # the kernel function that waits for a FIFO's writer
check "review --text-file FIFO waits in the FIFO's open" wait_blocked "$pid" "$fifo_wait"
kill -INT "$pid"; wait "$pid"; code=$?
same "SIGINT exits 130" 130 "$code"

# Files given to review edit, decide and decision edit are read before the
# database is locked: a FIFO nobody writes to holds no writer up.
"$toolcmp" --db "$db" -q decide "Fifo decision" --pick SmolLM3 --over "Code Llama 4" --why Small.
fifo_holds_no_lock() {  # fifo_holds_no_lock DESCRIPTION toolcmp-args... (the FIFO last)
  local name=$1
  shift
  "$toolcmp" --db "$db" "$@" "$work/fifo" 2>/dev/null &
  local pid=$!
  wait_blocked "$pid" "$fifo_wait" >/dev/null
  check "$name FIFO holds no lock: a vote meanwhile succeeds" "$toolcmp" --db "$db" -q vote SmolLM3 ship
  kill -INT "$pid"; wait "$pid"
}
fifo_holds_no_lock "review edit --text-file" review edit 1 --text-file
fifo_holds_no_lock "decide --why-file" decide Another --pick SmolLM3 --over Mistral-3B --why-file
fifo_holds_no_lock "decision edit --why-file" decision edit "Fifo decision" --why-file

# JSON Lines are read by the module beside the binary (or in
# PREFIX/libexec/toolcmp): a binary without it says what is missing, exits 1,
# writes nothing, and every other command works as before.
mkdir -p "$work/alone"
cp "$toolcmp" "$work/alone/toolcmp"
check "an import without the JSON Lines module exits 1" sh -c "
  '$work/alone/toolcmp' --db '$work/alone.db' import '$source_dir/data/sample.jsonl' 2>'$work/err'; test \$? -eq 1"
check "and names the module and where it looked" grep -q "toolcmp-jsonl.so.*$work/libexec/toolcmp/toolcmp-jsonl.so" "$work/err"
check "and writes nothing (the new file is taken back)" test ! -e "$work/alone.db"
check "CSV imports without it" sh -c "printf 'name,vendor\nX,Y\n' > '$work/t.csv' && '$work/alone/toolcmp' --db '$work/alone.db' -q import '$work/t.csv' && '$work/alone/toolcmp' --db '$work/alone.db' show X >/dev/null"
# The module is loaded from one place only (PREFIX/libexec/toolcmp for a
# binary outside its build tree), and only when it and every directory up
# to / belong to root or the binary's owner and no one else can write them.
module=$(dirname "$toolcmp")/toolcmp-jsonl.so
mkdir -p "$work/libexec/toolcmp"
cp "$module" "$work/libexec/toolcmp/toolcmp-jsonl.so"
chmod 755 "$work" "$work/libexec" "$work/libexec/toolcmp"
if [ "$(id -u)" -eq 0 ]; then
  chown nobody "$work/libexec/toolcmp/toolcmp-jsonl.so"
  "$work/alone/toolcmp" --db "$work/planted.db" import "$source_dir/data/sample.jsonl" 2>"$work/err"
  same "a module another user owns is refused (exit 1)" 1 "$?"
  check "and named for what it is" grep -q "belongs to user" "$work/err"
  check "and no database file is touched" test ! -e "$work/planted.db"
  chown root "$work/libexec/toolcmp/toolcmp-jsonl.so"
fi
chmod 777 "$work/libexec"
"$work/alone/toolcmp" --db "$work/planted.db" import "$source_dir/data/sample.jsonl" 2>"$work/err"
same "a module in a directory others can write is refused" 1 "$?"
check "and the directory is named" grep -q "$work/libexec can be written by other users" "$work/err"
chmod 755 "$work/libexec"
head -c 8000 "$module" >"$work/libexec/toolcmp/toolcmp-jsonl.so"
"$work/alone/toolcmp" --db "$work/planted.db" import "$source_dir/data/sample.jsonl" 2>"$work/err"
same "a cut-short module fails cleanly (no SIGBUS)" 1 "$?"
check "and says it is not whole" grep -q "not a whole toolcmp JSON Lines module" "$work/err"
check "and leaves no database, -wal or -shm" sh -c "! ls '$work'/planted.db* 2>/dev/null | grep -q ."
cp "$module" "$work/libexec/toolcmp/toolcmp-jsonl.so"
check "the installed layout's own module loads" "$work/alone/toolcmp" --db "$work/planted.db" -q import "$source_dir/data/sample.jsonl"
check "no other command loads it" sh -c "! LD_DEBUG=files '$toolcmp' --db '$db' compare SmolLM3 'Code Llama 4' 2>&1 >/dev/null | grep -q toolcmp-jsonl"
check "an import loads it" sh -c "LD_DEBUG=files '$toolcmp' --db '$work/ld.db' -q import '$source_dir/data/sample.jsonl' 2>&1 | grep -q toolcmp-jsonl"

# A CI gate that could read nothing fails: a typo in --db, a directory
# that is not there, a 0-byte file. --allow-empty is for a pipeline that means it.
check "check of a missing database exits 1" exit_code 1 --db "$work/typo.db" check
check "and names the path" grep -q "'$work/typo.db' does not exist, so check read nothing" "$work/err"
check "and does not create it" test ! -e "$work/typo.db"
check "check in a missing directory exits 1" exit_code 1 --db "$work/nowhere/x.db" check
: >"$work/zero.db"
check "check of a 0-byte file exits 3" exit_code 3 --db "$work/zero.db" check
check "check --allow-empty passes on nothing" exit_code 0 --db "$work/typo.db" check --allow-empty

# A command that does not exist is not helped: --help after it is an error too.
check "toolcmp frobnicate --help exits 2" exit_code 2 frobnicate --help
check "and says there is no such command" grep -q "unknown command 'frobnicate'" "$work/err"
check "toolcmp help frobnicate exits 2" exit_code 2 help frobnicate

# migrate brings an old file up to this toolcmp's schema, once.
python3 - "$work/v1.db" "$source_dir/src/store/schema/v1.sql" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
db.executescript(open(sys.argv[2]).read())
db.execute("INSERT INTO tool (name, name_key, loose_key, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
           ("Old", "old", "old", "2026-01-01T00:00:00Z", "2026-01-01T00:00:00Z"))
db.commit()
PY
current=$(sed -n 's/^PRAGMA user_version = \([0-9]*\);/\1/p' "$source_dir/schema.sql")
same "migrate says what it did" "Migrated '$work/v1.db' from schema 1 to $current" "$("$toolcmp" --db "$work/v1.db" migrate)"
same "and again, that there is nothing to do" "'$work/v1.db' is at schema $current, this toolcmp's: nothing to migrate" \
  "$("$toolcmp" --db "$work/v1.db" migrate)"
check "migrate --json is info's JSON" grep -q "\"schema\": $current" <<<"$("$toolcmp" --db "$work/v1.db" migrate --json)"
same "with the data kept" Old "$("$toolcmp" --db "$work/v1.db" list --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["tools"][0]["name"])')"
check "toolcmp persona ad --help suggests add" sh -c "'$toolcmp' persona ad --help 2>&1 | grep -q \"did you mean 'add'\""

# Under a locale that is not UTF-8, every glyph toolcmp adds is ASCII.
"$toolcmp" --db "$work/ascii.db" -q import "$source_dir/data/sample.jsonl"
LC_ALL=C "$toolcmp" --db "$work/ascii.db" compare "Code Llama 4" "Mistral 3B" --weight Founder=0 --rule ship-first >"$work/ascii.txt" 2>&1
check "LC_ALL=C output is ASCII (the interval's dash too)" sh -c "! LC_ALL=C grep -q '[^ -~]' '$work/ascii.txt'"
check "and the interval is still shown" grep -q '\[44-100\]' "$work/ascii.txt"

# Inputs that would exhaust the machine are refused in bounded time.
python3 - "$work" <<'PY'
import sys
work = sys.argv[1]
open(f"{work}/wide.csv", "w").write(",".join(f"attr.k{i}" for i in range(100000)) + "\n")
open(f"{work}/divs.html", "w").write("<html><body>" + "<div/>" * 20000 + "</body></html>")
open(f"{work}/bolds.html", "w").write("<b/>" * 200000)
open(f"{work}/stray.html", "w").write("<div></a>" * 110000)
open(f"{work}/attrs.html", "w").write("<div " + " ".join(f"a{i}=1" for i in range(110000)) + ">x</div>")
open(f"{work}/flat.html", "w").write("<p>" * 30000)
PY
timeout 20 "$toolcmp" --db "$work/bomb.db" import "$work/wide.csv" 2>"$work/err"
same "a CSV header of 100,000 columns is refused at once (exit 1)" 1 "$?"
grep -q "the header has 100000 columns; the limit is 1024" "$work/err"; same "and the limit named" 0 $?
for bomb in divs bolds stray attrs flat; do
  timeout 20 "$toolcmp" --db "$work/bomb.db" import --format page "$work/$bomb.html" 2>"$work/err"; code=$?
  same "HTML page bomb $bomb is refused within the bound (exit 1, not a time-out)" 1 "$code"
done
check "no database was made by the refused inputs" test ! -e "$work/bomb.db"

# Ctrl-C at random moments of a publish: no temporary file is left, and
# every page on disk is one the manifest lists (the next run's to replace
# or remove), whatever moment it landed.
python3 -c '
import json
for i in range(3000): print(json.dumps({"type": "tool", "name": f"Site tool {i}", "category": "Test"}))
' >"$work/site-tools.jsonl"
"$toolcmp" --db "$work/site.db" -q import "$work/site-tools.jsonl"
unlisted=0; leftovers=0; site_runs=10
for i in $(seq "$site_runs"); do
  "$toolcmp" --db "$work/site.db" -q publish "$work/site" 2>/dev/null &
  pid=$!
  sleep "0.$(printf '%03d' $((RANDOM % 800)))"
  kill -INT "$pid" 2>/dev/null; wait "$pid"
  [ -z "$(find "$work/site" -name '*.tmp')" ] || leftovers=$((leftovers + 1))
  find "$work/site" -name '.toolcmp-site' -prune -o -type f -printf '%P\n' | sort >"$work/on-disk"
  cut -d' ' -f2- "$work/site/.toolcmp-site" 2>/dev/null | sort >"$work/listed"
  [ -z "$(comm -23 "$work/on-disk" "$work/listed")" ] || unlisted=$((unlisted + 1))
  "$toolcmp" --db "$work/site.db" -q rm "Site tool $i" --yes  # the next run removes its page
done
same "Ctrl-C during publish leaves no temporary file ($site_runs runs)" 0 "$leftovers"
same "and no page the manifest does not list" 0 "$unlisted"
check "a run after them completes" "$toolcmp" --db "$work/site.db" -q publish "$work/site"
same "and leaves only listed pages" "" "$(comm -23 <(find "$work/site" -name '.toolcmp-site' -prune -o -type f -printf '%P\n' | sort) \
  <(cut -d' ' -f2- "$work/site/.toolcmp-site" | sort))"

# One limit per kind of input: a name is held to the name limit however long it is.
python3 -c 'import json; print(json.dumps({"type": "tool", "name": "x" * 70000}))' >"$work/long-name.jsonl"
"$toolcmp" --db "$work/bomb.db" import "$work/long-name.jsonl" 2>"$work/err"
same "a 70 KB tool name is refused (exit 1)" 1 "$?"
check "with the name limit, not the field limit" grep -q "200" "$work/err"
check "and not 65536" sh -c "! grep -q 65536 '$work/err'"

finish
