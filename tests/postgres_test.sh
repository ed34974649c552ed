#!/usr/bin/env bash
# The built binary against a PostgreSQL server: a panel moved both ways
# between back-ends, schemas that are not toolcmp's, a reader role, a
# password never shown, errors in words, parallel writers, kill -9 and
# shell completion that never hangs.
#   TOOLCMP_TEST_PG="host=SOCKETDIR dbname=toolcmp user=toolcmp" tests/postgres_test.sh BUILT_TOOLCMP SOURCE_DIR
# (scripts/test starts the server with scripts/pg-cluster and sets it.)
set -u
toolcmp=$(realpath "$1")
source_dir=$2
unset TOOLCMP_AUTHOR  # authors are the database roles here
server=${TOOLCMP_TEST_PG:?set TOOLCMP_TEST_PG; scripts/test starts a server and sets it}
host=$(sed -n 's/.*host=\([^ ]*\).*/\1/p' <<<"$server")
port=$(sed -n 's/.*port=\([0-9]*\).*/\1/p' <<<"$server")
port=${port:-5432}
work=$(mktemp -d)
# The PostgreSQL fingerprints a writer keeps go here, not into $HOME.
export XDG_CACHE_HOME=$work/user-cache
trap 'rm -rf "$work"' EXIT
source "$(dirname "$0")/check.sh"
export TOOLCMP_NOW=2026-12-01T12:00:00Z
export PGOPTIONS=--client-min-messages=warning
psql_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/psql
# psql_in DB SQL...: runs SQL as the superuser, prints bare values.
psql_in() {
  local db=$1
  shift
  "$psql_bin" -X -q -At -h "$host" -p "$port" -U toolcmp -d "$db" -v ON_ERROR_STOP=1 "$@"
}
quietly() { "$@" >/dev/null; }
fresh_db() {  # fresh_db NAME: an empty database, its connection string on stdout
  psql_in postgres -c "DROP DATABASE IF EXISTS $1" -c "CREATE DATABASE $1" >/dev/null
  echo "host=$host port=$port dbname=$1 user=toolcmp"
}

# --- a panel moved both ways loses nothing ------------------------------------------
pg=$(fresh_db roundtrip)
"$toolcmp" --db "$work/a.db" -q import "$source_dir/data/sample.jsonl"
"$toolcmp" --db "$work/a.db" -q vote SmolLM3 ship --voter ana
"$toolcmp" --db "$work/a.db" -q vote "Code Llama 4" skip
# Decided on 20 November, to look at again on the 30th: overdue now (a review-by already past is refused).
TOOLCMP_NOW=2026-11-20T12:00:00Z "$toolcmp" --db "$work/a.db" -q decide "Local code model" --pick SmolLM3 \
  --over "Code Llama 4" --status accepted --review-by 2026-11-30 --why "Small enough to fine-tune."
"$toolcmp" --db "$work/a.db" -q compare "Mistral 3B" "Code Llama 4" --save "Edge model" >/dev/null
"$toolcmp" --db "$work/a.db" export --format jsonl | "$toolcmp" --db "$pg" -q import
"$toolcmp" --db "$pg" export --format jsonl | "$toolcmp" --db "$work/b.db" -q import
for args in "compare SmolLM3 Code-Llama-4 --json" "rank --json" "list --json" "history SmolLM3 --json" \
            "compare SmolLM3 Code-Llama-4 --explain --width 100" "decision show 1 --json" "decision list --json" \
            "decision show local-code-model --width 100" "changes --since 2026-11-01 --json" "check --json" \
            "decision export 1 --with-changes"; do
  same "SQLite -> PostgreSQL: $args" "$("$toolcmp" --db "$work/a.db" $args)" "$("$toolcmp" --db "$pg" $args)"
  same "PostgreSQL -> SQLite: $args" "$("$toolcmp" --db "$work/a.db" $args)" "$("$toolcmp" --db "$work/b.db" $args)"
done
same "export is the same from both back-ends" "$("$toolcmp" --db "$work/a.db" export --format jsonl)" \
  "$("$toolcmp" --db "$pg" export --format jsonl)"
info=$("$toolcmp" --db "$pg" info --json)
check "info names the back-end, the schema, and a link without TLS" \
  grep -q '"backend": "PostgreSQL .* (schema toolcmp, no TLS)"' <<<"$info"
check "and the schema version" grep -q '"schema": 6' <<<"$info"
check "and its decisions" grep -q '"decisions": 2' <<<"$info"
"$toolcmp" --db "$pg" check >/dev/null
same "check gates on PostgreSQL: exit 4 for an overdue decision" 4 $?

# --- a version 4 schema (the first on PostgreSQL) is migrated with its data ---------------
pg=$(fresh_db migrate)
"$toolcmp" --db "$pg" -q import "$source_dir/data/sample.jsonl"
psql_in migrate -c "DROP TABLE toolcmp.decision_tool, toolcmp.decision, toolcmp.audit" \
  -c "ALTER TABLE toolcmp.review DROP COLUMN author" -c "ALTER TABLE toolcmp.vote DROP COLUMN author" \
  -c "UPDATE toolcmp.toolcmp_schema SET version = 4"
"$toolcmp" --db "$pg" compare SmolLM3 Mistral-3B >/dev/null 2>"$work/err"
same "a read of a version 4 schema is refused (readers never migrate): exit 3" 3 $?
check "  saying a writer must run toolcmp migrate" grep -q "a writer must run 'toolcmp migrate' first" "$work/err"
same "  and leaves it at version 4" 4 "$(psql_in migrate -c "SELECT version FROM toolcmp.toolcmp_schema")"
same "toolcmp migrate migrates it" "Migrated '$pg' from schema 4 to 6" "$("$toolcmp" --db "$pg" migrate)"
same "  once" "'$pg' is at schema 6, this toolcmp's: nothing to migrate" "$("$toolcmp" --db "$pg" migrate)"
check "reads work after it" quietly "$toolcmp" --db "$pg" compare SmolLM3 Mistral-3B
check "and info says version 6" grep -q '"schema": 6' <<<"$("$toolcmp" --db "$pg" info --json)"
same "with its data" 16 "$(psql_in migrate -c "SELECT count(*) FROM toolcmp.review")"
check "decisions work after the migration" quietly "$toolcmp" --db "$pg" decide Kept --pick SmolLM3 --over Mistral-3B --why Small.
before=$("$toolcmp" --db "$pg" info --json)
"$toolcmp" --db "$pg" -q import --dry-run "$source_dir/data/sample.jsonl" >/dev/null
same "import --dry-run writes nothing" "$before" "$("$toolcmp" --db "$pg" info --json)"

# --- a version 5 schema (before authors) is migrated: its rows keep no author ----------
pg=$(fresh_db migrate5)
"$toolcmp" --db "$pg" -q import "$source_dir/data/sample.jsonl"
psql_in migrate5 -c "DROP TABLE toolcmp.audit" -c "ALTER TABLE toolcmp.review DROP COLUMN author" \
  -c "ALTER TABLE toolcmp.vote DROP COLUMN author" -c "ALTER TABLE toolcmp.decision DROP COLUMN author" \
  -c "UPDATE toolcmp.toolcmp_schema SET version = 5" >/dev/null
same "a version 5 schema is migrated by its first write" "" \
  "$(TOOLCMP_AUTHOR=carol "$toolcmp" --db "$pg" -q review SmolLM3 Skeptic --verdict skip --score 40 2>&1)"
same "  its reviews from before have no author, the new one its writer's" "16 1 carol" \
  "$(psql_in migrate5 -c "SELECT count(*) FILTER (WHERE author IS NULL) || ' ' || count(*) FILTER (WHERE author IS NOT NULL) || ' ' || max(author) FROM toolcmp.review")"
check "  and a later write passes the digest check" quietly "$toolcmp" --db "$pg" vote SmolLM3 ship

# --- reads never create; the first write creates the schema whole ----------------------
pg=$(fresh_db blank)
check "a read of an empty database succeeds" quietly "$toolcmp" --db "$pg" list --json
same "and creates nothing" "" "$(psql_in blank -c "SELECT nspname FROM pg_namespace WHERE nspname = 'toolcmp'")"
"$toolcmp" --db "$pg" -q add Alpha
same "the first write makes schema toolcmp" "toolcmp" \
  "$(psql_in blank -c "SELECT nspname FROM pg_namespace WHERE nspname = 'toolcmp'")"
psql_in blank -c "CREATE SCHEMA team" >/dev/null
"$toolcmp" --db "$pg options=-csearch_path=team" -q add Beta
same "a search_path in the connection string picks the schema" "Beta" "$(psql_in blank -c "SELECT name FROM team.tool")"
"$toolcmp" --db "$pg options=-csearch_path=nowhere" list 2>"$work/err"
check "a search_path naming no schema is a clear error" grep -q "no schema in the search_path" "$work/err"

# --- what is not toolcmp's is refused and left as it is -------------------------------
pg=$(fresh_db alien)
psql_in alien -c "CREATE SCHEMA toolcmp" -c "CREATE TABLE toolcmp.accounts (id int)" >/dev/null
"$toolcmp" --db "$pg" add Alpha 2>"$work/err"
same "a schema holding other tables: exit 3" 3 $?
check "naming what it holds" grep -q "not a toolcmp database: it holds the tables accounts" "$work/err"
same "and left as it was" "accounts" "$(psql_in alien -c "SELECT string_agg(relname, ',') FROM pg_class WHERE relnamespace = 'toolcmp'::regnamespace")"
pg=$(fresh_db newer)
"$toolcmp" --db "$pg" -q add Alpha
psql_in newer -c "UPDATE toolcmp.toolcmp_schema SET version = 99" >/dev/null
"$toolcmp" --db "$pg" list 2>"$work/err"
same "a newer toolcmp's schema: exit 3" 3 $?
check "saying so" grep -q "written by a newer toolcmp (schema 99)" "$work/err"
psql_in newer -c "UPDATE toolcmp.toolcmp_schema SET version = 6" \
  -c "CREATE FUNCTION toolcmp.f() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RETURN NEW; END'" \
  -c "CREATE TRIGGER spy BEFORE INSERT ON toolcmp.review FOR EACH ROW EXECUTE FUNCTION toolcmp.f()" >/dev/null
"$toolcmp" --db "$pg" -q add Gamma 2>"$work/err"
same "a trigger toolcmp did not make: exit 3" 3 $?
same "and nothing written" 1 "$(psql_in newer -c "SELECT count(*) FROM toolcmp.tool")"

# Rules, row-level security and changed columns, indexes or constraints
# are refused as triggers are: a rule that drops votes would have let
# vote print "Voted ship" and store nothing, a policy would hide every
# decision from check.
planted_pg() {  # planted_pg NAME SQL...: a fresh panel with SQL run in it; toolcmp must refuse it
  local name=$1 before
  shift
  pg=$(fresh_db planted)
  "$toolcmp" --db "$pg" -q import "$source_dir/data/sample.jsonl"
  TOOLCMP_NOW=2026-11-20T12:00:00Z "$toolcmp" --db "$pg" -q decide "Kept" --pick SmolLM3 --over "Code Llama 4" --status accepted --review-by 2026-11-30 \
    --why "Small."
  psql_in planted "$@" >/dev/null
  before=$(psql_in planted -c "SELECT count(*) FROM toolcmp.vote")
  "$toolcmp" --db "$pg" vote SmolLM3 ship >/dev/null 2>"$work/err"
  same "$name: vote exits 3" 3 $?
  same "$name: and stores nothing" "$before" "$(psql_in planted -c "SELECT count(*) FROM toolcmp.vote")"
  [ "${writes_only:-}" = yes ] && return  # a digest of columns, indexes and constraints: writers check it
  "$toolcmp" --db "$pg" check >/dev/null 2>>"$work/err"
  same "$name: check exits 3, not 0" 3 $?
}
planted_pg "a rule that drops votes" -c "CREATE RULE r AS ON INSERT TO toolcmp.vote DO INSTEAD NOTHING"
check "named" grep -q "has rules toolcmp did not make (vote.r)" "$work/err"
planted_pg "a policy that hides decisions" -c "ALTER TABLE toolcmp.decision ENABLE ROW LEVEL SECURITY" \
  -c "ALTER TABLE toolcmp.decision FORCE ROW LEVEL SECURITY" -c "CREATE POLICY p ON toolcmp.decision USING (false)"
check "named" grep -q "row-level security policies toolcmp did not make (decision.p)" "$work/err"
planted_pg "row-level security alone" -c "ALTER TABLE toolcmp.vote ENABLE ROW LEVEL SECURITY"
check "named" grep -q "row-level security turned on for vote" "$work/err"
planted_pg "a policy on a table without row security" -c "CREATE POLICY q ON toolcmp.vote USING (true)"
check "named" grep -q "row-level security policies toolcmp did not make (vote.q)" "$work/err"
writes_only=yes planted_pg "a weakened constraint" -c "ALTER TABLE toolcmp.vote DROP CONSTRAINT vote_verdict_check"
writes_only=yes planted_pg "a check constraint weakened under its own name" \
  -c "ALTER TABLE toolcmp.vote DROP CONSTRAINT vote_verdict_check, ADD CONSTRAINT vote_verdict_check CHECK (verdict IS NOT NULL)"
writes_only=yes planted_pg "a column with another default" -c "ALTER TABLE toolcmp.vote ALTER COLUMN verdict SET DEFAULT 'ship'"
check "named" grep -q "columns, indexes or constraints that are not the ones toolcmp made" "$work/err"
# A writer computes the digest only for catalog rows this user's toolcmp has
# not found right before (a fingerprint of their xmins, kept in the
# user's cache). Counted in the server's log, where only these commands log
# their statements (log_statement=all for their sessions alone).
if [ -r "$host/server.log" ]; then
  pg=$(fresh_db cached)
  cache=$work/cache/toolcmp/postgres-schemas
  logged() { XDG_CACHE_HOME=$work/cache PGOPTIONS="$PGOPTIONS -c log_statement=all" "$toolcmp" --db "$pg" "$@"; }
  digests() { grep -c "pg_get_constraintdef" "$host/server.log"; }
  logged -q import "$source_dir/data/sample.jsonl"
  n=$(digests)
  logged -q vote SmolLM3 ship --voter ana
  same "the first write on a panel computes the digest" $((n + 1)) "$(digests)"
  check "  and keeps the fingerprint in the user's cache, mode 600" test "$(stat -c %a "$cache")" = 600
  logged -q vote SmolLM3 ship --voter ben
  same "a second write does not compute it again" $((n + 1)) "$(digests)"
  # The fingerprint names where the connection went: a server elsewhere
  # with the same catalog rows (two clusters made alike) is checked anew.
  # The same socket directory spelled with a trailing slash stands for one.
  pg=${pg/host=$host /host=$host/ }
  logged -q vote SmolLM3 ship --voter bo
  same "the same rows at another address compute the digest" $((n + 2)) "$(digests)"
  logged -q vote SmolLM3 ship --voter bu
  same "  once" $((n + 2)) "$(digests)"
  chmod 0666 "$cache"
  logged -q vote SmolLM3 ship --voter cy
  same "a cache others may write is not believed" $((n + 3)) "$(digests)"
  check "  and info says so, naming it" grep -q "its cache of checked schemas $cache is not read: it can be written by other users (mode 666)" \
    <<<"$(XDG_CACHE_HOME=$work/cache "$toolcmp" --db "$pg" info --width 300)"
  chmod 0600 "$cache"
  psql_in cached -c "ALTER TABLE toolcmp.vote ALTER COLUMN verdict SET DEFAULT 'ship'" >/dev/null
  before=$(psql_in cached -c "SELECT count(*) FROM toolcmp.vote")
  logged vote SmolLM3 ship --voter dee 2>"$work/err" >/dev/null
  same "a column changed after the fingerprint was kept: exit 3" 3 $?
  same "  after computing the digest again" $((n + 4)) "$(digests)"
  same "  and nothing written" "$before" "$(psql_in cached -c "SELECT count(*) FROM toolcmp.vote")"
  check "  named" grep -q "columns, indexes or constraints that are not the ones toolcmp made" "$work/err"
  logged vote SmolLM3 ship --voter dee 2>/dev/null >/dev/null
  same "  and refused again: a refused fingerprint is never kept" 3 $?
  psql_in cached -c "ALTER TABLE toolcmp.vote ALTER COLUMN verdict DROP DEFAULT" >/dev/null
  check "put back as toolcmp made it, it is written to again" quietly logged -q vote SmolLM3 ship --voter dee
  # Every kind of change the digest sees changes the fingerprint too: made
  # on a panel whose fingerprint is kept, each is refused, and undone, the
  # panel is written to again (and that fingerprint kept).
  changed_then_undone() {  # NAME CHANGE UNDO
    psql_in cached -c "$2" >/dev/null
    logged -q vote SmolLM3 skip --voter eve 2>/dev/null
    same "kept fingerprint, then $1: refused" 3 $?
    psql_in cached -c "$3" >/dev/null
    check "  undone, written to again" quietly logged -q vote SmolLM3 ship --voter eve
  }
  changed_then_undone "a constraint renamed" "ALTER TABLE toolcmp.vote RENAME CONSTRAINT vote_tool_id_fkey TO fk" \
    "ALTER TABLE toolcmp.vote RENAME CONSTRAINT fk TO vote_tool_id_fkey"
  changed_then_undone "a foreign key made deferrable" \
    "ALTER TABLE toolcmp.vote ALTER CONSTRAINT vote_tool_id_fkey DEFERRABLE INITIALLY DEFERRED" \
    "ALTER TABLE toolcmp.vote ALTER CONSTRAINT vote_tool_id_fkey NOT DEFERRABLE"
  changed_then_undone "a foreign key's action" \
    "ALTER TABLE toolcmp.vote DROP CONSTRAINT vote_tool_id_fkey, ADD CONSTRAINT vote_tool_id_fkey FOREIGN KEY (tool_id) REFERENCES toolcmp.tool(id) ON DELETE NO ACTION" \
    "ALTER TABLE toolcmp.vote DROP CONSTRAINT vote_tool_id_fkey, ADD CONSTRAINT vote_tool_id_fkey FOREIGN KEY (tool_id) REFERENCES toolcmp.tool(id) ON DELETE CASCADE"
  changed_then_undone "a default changed" "ALTER TABLE toolcmp.audit ALTER COLUMN forced SET DEFAULT 1" \
    "ALTER TABLE toolcmp.audit ALTER COLUMN forced SET DEFAULT 0"
  changed_then_undone "a column's NOT NULL dropped" "ALTER TABLE toolcmp.vote ALTER COLUMN cast_at DROP NOT NULL" \
    "ALTER TABLE toolcmp.vote ALTER COLUMN cast_at SET NOT NULL"
  changed_then_undone "an index renamed" "ALTER INDEX toolcmp.vote_tally RENAME TO tally" \
    "ALTER INDEX toolcmp.tally RENAME TO vote_tally"
  changed_then_undone "an index made another way" \
    "DROP INDEX toolcmp.vote_tally; CREATE INDEX vote_tally ON toolcmp.vote (tool_id)" \
    "DROP INDEX toolcmp.vote_tally; CREATE INDEX vote_tally ON toolcmp.vote (tool_id, verdict)"
  changed_then_undone "an index with another fill factor" "ALTER INDEX toolcmp.vote_tally SET (fillfactor = 50)" \
    "ALTER INDEX toolcmp.vote_tally RESET (fillfactor)"
fi
# The digests toolcmp compares with are those of its own schema, made new
# and migrated from version 4 (above): every write there succeeded.
"$toolcmp" --db "$(fresh_db empty)" check 2>"$work/err"
same "check of a database without toolcmp's schema exits 3" 3 $?
check "saying it read nothing" grep -q "holds no toolcmp database, so check read nothing" "$work/err"

# A read waits for a lock no longer than a write does, and then fails "busy", never passes.
pg=$(fresh_db locked)
"$toolcmp" --db "$pg" -q import "$source_dir/data/sample.jsonl"
"$toolcmp" --db "$pg" -q decide "Kept" --pick SmolLM3 --over "Code Llama 4" --status accepted --why "Small."
psql_in locked -c "BEGIN" -c "LOCK TABLE toolcmp.decision IN ACCESS EXCLUSIVE MODE" -c "SELECT pg_sleep(20)" >/dev/null &
locker=$!
for _ in $(seq 100); do
  [ "$(psql_in locked -c "SELECT count(*) FROM pg_locks WHERE mode = 'AccessExclusiveLock' AND relation = 'toolcmp.decision'::regclass")" = 1 ] && break
  sleep 0.1
done
PGOPTIONS="$PGOPTIONS -c lock_timeout=1000" "$toolcmp" --db "$pg" check 2>"$work/err"
same "check behind a lock held by someone else exits 1" 1 $?
check "saying the database is busy" grep -q "busy" "$work/err"
kill "$locker" 2>/dev/null; wait "$locker" 2>/dev/null

# --- a reader role reads everything and writes nothing ----------------------------------
pg=$(fresh_db roles)
"$toolcmp" --db "$pg" -q import "$source_dir/data/sample.jsonl"
psql_in roles -c "GRANT USAGE ON SCHEMA toolcmp TO reader, secret" \
  -c "GRANT SELECT ON ALL TABLES IN SCHEMA toolcmp TO reader, secret" >/dev/null
reader="host=$host port=$port dbname=roles user=reader"
for args in "compare SmolLM3 Code-Llama-4" "rank" "list" "show SmolLM3" "history SmolLM3" "persona list" "info" \
            "export --format jsonl"; do
  check "reader role: $args" "$toolcmp" --db "$reader" $args -q >/dev/null
done
"$toolcmp" --db "$reader" -q add Intruder 2>"$work/err"
same "reader role: a write exits 1" 1 $?
check "with a clear error" grep -q "refused: permission denied for table tool (the role may only read)" "$work/err"
"$toolcmp" --db "$reader" -q import "$source_dir/data/sample.jsonl" 2>/dev/null
same "reader role: an import writes nothing" 4 "$(psql_in roles -c "SELECT count(*) FROM toolcmp.tool")"

psql_in roles -c "CREATE ROLE stranger LOGIN" >/dev/null 2>&1
"$toolcmp" --db "host=$host port=$port dbname=roles user=stranger" list 2>"$work/err"
same "a role without USAGE on the schema: exit 1" 1 $?
check "told it is a permission problem" grep -q "permission denied: role 'stranger' may not use the schema" "$work/err"

# --- the README's writer role: given the schema, no CREATE on the database needed ------------
pg=$(fresh_db owned)
psql_in owned -c "DO \$\$ BEGIN CREATE ROLE panel_writer LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" \
  -c "REVOKE CREATE ON DATABASE owned FROM PUBLIC" -c "CREATE SCHEMA toolcmp AUTHORIZATION panel_writer" >/dev/null
check "a writer role owning the schema makes the tables and writes" \
  "$toolcmp" --db "host=$host port=$port dbname=owned user=panel_writer" -q import "$source_dir/data/sample.jsonl"
same "its tables" 4 "$(psql_in owned -c "SELECT count(*) FROM toolcmp.tool")"

# --- setup-roles: a team's roles, for a database owner who is not a superuser -------------
psql_in postgres -c "DROP DATABASE IF EXISTS roleteam" >/dev/null
for role in dbowner alice bob carol; do
  psql_in postgres -c "DO \$\$ BEGIN CREATE ROLE $role LOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" >/dev/null
done
for role in team_writer team_reader; do
  psql_in postgres -c "DO \$\$ BEGIN CREATE ROLE $role NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END \$\$" >/dev/null
done
psql_in postgres -c "CREATE DATABASE roleteam OWNER dbowner" -c "GRANT team_writer TO alice, bob" \
  -c "GRANT team_reader TO carol" >/dev/null
as_user() { echo "host=$host port=$port dbname=roleteam user=$1${2:+ schema=$2}"; }
"$toolcmp" --db "$(as_user alice)" setup-roles --writer team_writer --reader team_reader 2>"$work/err"
same "setup-roles before the owner let the writer role create schemas: exit 1" 1 $?
check "  saying what the owner must run" grep -q 'GRANT CREATE ON DATABASE "roleteam" TO "team_writer"' "$work/err"
"$psql_bin" -X -q -h "$host" -p "$port" -U dbowner -d roleteam -v ON_ERROR_STOP=1 \
  -c "GRANT CREATE ON DATABASE roleteam TO team_writer" >/dev/null
check "which a database owner who is not a superuser can" test $? -eq 0
"$toolcmp" --db "$(as_user carol)" setup-roles --writer team_writer --reader team_reader 2>"$work/err"
same "setup-roles by a role outside the writer role: exit 1" 1 $?
check "  naming it" grep -q "role 'carol' is neither 'team_writer' nor a member of it" "$work/err"
"$toolcmp" --db "$(as_user alice)" setup-roles --writer team_writer --reader nobody 2>"$work/err"
same "setup-roles with a reader role that does not exist: exit 1" 1 $?
check "  naming it" grep -q "no role 'nobody'" "$work/err"
check "setup-roles by a member of the writer role" \
  quietly "$toolcmp" --db "$(as_user alice)" setup-roles --writer team_writer --reader team_reader
same "  the writer role owns the schema and its tables" "team_writer" \
  "$(psql_in roleteam -c "SELECT string_agg(DISTINCT pg_get_userbyid(c.relowner), ',') FROM pg_class c
                      JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'toolcmp' AND c.relkind = 'r'
                      UNION ALL SELECT pg_get_userbyid(nspowner) FROM pg_namespace WHERE nspname = 'toolcmp'" | sort -u)"
check "  and again changes nothing" \
  quietly "$toolcmp" --db "$(as_user alice)" setup-roles --writer team_writer --reader team_reader
check "alice imports" quietly "$toolcmp" --db "$(as_user alice)" -q import "$source_dir/data/sample.jsonl"
check "bob votes" quietly "$toolcmp" --db "$(as_user bob)" -q vote SmolLM3 skip --voter bob
check "carol reads" quietly "$toolcmp" --db "$(as_user carol)" compare SmolLM3 Code-Llama-4
"$toolcmp" --db "$(as_user carol)" -q add Intruder 2>/dev/null
same "  and may not write" 1 $?
# A later migration adds tables: made as the writer role, readable by the reader role.
psql_in roleteam -c "DROP TABLE toolcmp.decision_tool, toolcmp.decision, toolcmp.audit" \
  -c "ALTER TABLE toolcmp.review DROP COLUMN author" -c "ALTER TABLE toolcmp.vote DROP COLUMN author" \
  -c "UPDATE toolcmp.toolcmp_schema SET version = 4" >/dev/null
check "bob migrates" quietly "$toolcmp" --db "$(as_user bob)" migrate
same "  the tables the migration added are the writer role's, not bob's" "team_writer" \
  "$(psql_in roleteam -c "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'toolcmp.decision'::regclass")"
check "carol reads them" quietly "$toolcmp" --db "$(as_user carol)" decision list
check "alice decides" quietly "$toolcmp" --db "$(as_user alice)" -q decide Team --pick SmolLM3 --over Code-Llama-4 --why Small.
# Who wrote what: the database role, unless --author says otherwise; another's review needs --force.
"$toolcmp" --db "$(as_user alice)" -q review SmolLM3 Skeptic --verdict ship --score 71 --text "Alice's view."
id=$("$toolcmp" --db "$(as_user carol)" history SmolLM3 --json | jq '.reviews[-1].id')
same "alice's review records her role as its author" alice \
  "$("$toolcmp" --db "$(as_user carol)" history SmolLM3 --json | jq -r '.reviews[-1].author')"
"$toolcmp" --db "$(as_user bob)" review edit "$id" --score 10 2>"$work/err"
same "bob may not edit it: exit 1" 1 $?
check "  saying whose it is" grep -q "was written by alice, and you write as bob" "$work/err"
same "  and it is unchanged" 71 "$("$toolcmp" --db "$(as_user carol)" history SmolLM3 --json | jq '.reviews[-1].score')"
"$toolcmp" --db "$(as_user bob)" review rm "$id" --yes 2>/dev/null
same "  nor remove it: exit 1" 1 $?
check "with --force he may" quietly "$toolcmp" --db "$(as_user bob)" -q review edit "$id" --score 10 --force
same "  and the log says so, newest first" "bob bob review edit true 71 10" \
  "$("$toolcmp" --db "$(as_user carol)" log --json | jq -r '.changes[0] | "\(.author) \(.login) \(.command) \(.forced) \(.before.score) \(.after.score)"')"
same "--author names another author, the log keeps the login" "Alice Liddell alice" \
  "$("$toolcmp" --db "$(as_user alice)" --author "Alice Liddell" -q vote SmolLM3 ship --voter al &&
     "$toolcmp" --db "$(as_user carol)" log --json | jq -r '.changes[0] | "\(.author) \(.login)"')"
# --print: a script for psql, connecting to nothing; the first write makes the tables as the writer role.
"$toolcmp" --db "$(as_user alice team_b)" setup-roles --writer team_writer --reader team_reader --print >"$work/roles.sql"
check "setup-roles --print prints the grants for the schema= panel" \
  grep -q 'ALTER DEFAULT PRIVILEGES IN SCHEMA "team_b" GRANT SELECT ON TABLES TO "team_reader";' "$work/roles.sql"
"$psql_bin" -X -q -h "$host" -p "$port" -U alice -d roleteam -v ON_ERROR_STOP=1 -f "$work/roles.sql" >/dev/null
check "  which runs in psql as alice" test $? -eq 0
check "bob's first write makes team_b's tables" quietly "$toolcmp" --db "$(as_user bob team_b)" -q add Solo
same "  as the writer role" "team_writer" \
  "$(psql_in roleteam -c "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'team_b.tool'::regclass")"
check "carol reads team_b" quietly "$toolcmp" --db "$(as_user carol team_b)" show Solo
# A panel alice made before setup-roles is handed over to the writer role.
check "alice's own panel" quietly "$toolcmp" --db "$(as_user alice team_c)" -q add Early
check "  setup-roles hands it over" quietly "$toolcmp" --db "$(as_user alice team_c)" setup-roles --writer team_writer \
  --reader team_reader
same "  to the writer role" "team_writer" \
  "$(psql_in roleteam -c "SELECT pg_get_userbyid(relowner) FROM pg_class WHERE oid = 'team_c.tool'::regclass")"
check "  which carol reads" quietly "$toolcmp" --db "$(as_user carol team_c)" show Early
# A schema a third role owns is refused, not taken.
psql_in roleteam -c "CREATE SCHEMA theirs AUTHORIZATION dbowner" >/dev/null
"$toolcmp" --db "$(as_user alice theirs)" setup-roles --writer team_writer --reader team_reader 2>"$work/err"
same "setup-roles on a schema a third role owns: exit 1" 1 $?
check "  naming its owner" grep -q "owned by dbowner, not 'team_writer'" "$work/err"
"$toolcmp" --db "$work/a.db" setup-roles --writer team_writer --reader team_reader 2>"$work/err"
same "setup-roles on SQLite: exit 2" 2 $?

# --- setup-roles --row-security: only a review's author changes it, --force or not ---------
as_psql() { "$psql_bin" -X -q -At -h "$host" -p "$port" -U "$1" -d roleteam -v ON_ERROR_STOP=1 -c "$2"; }
check "setup-roles --row-security" quietly "$toolcmp" --db "$(as_user alice)" setup-roles --writer team_writer \
  --reader team_reader --row-security
"$toolcmp" --db "$(as_user alice)" -q review SmolLM3 Builder --verdict ship --score 80 --text "Alice, with row security."
rid=$("$toolcmp" --db "$(as_user carol)" history SmolLM3 --json | jq '.reviews[-1].id')
same "carol reads alice's new review" 80 "$("$toolcmp" --db "$(as_user carol)" history SmolLM3 --json | jq '.reviews[-1].score')"
"$toolcmp" --db "$(as_user bob)" review edit "$rid" --score 5 --force 2>"$work/err"
same "bob may not edit it, even with --force: exit 1" 1 $?
check "  told that only its author may" grep -q "only a review's author may change or remove it" "$work/err"
"$toolcmp" --db "$(as_user bob)" review rm "$rid" --yes --force 2>"$work/err"
same "  nor remove it: exit 1" 1 $?
as_psql bob "UPDATE toolcmp.review SET score = 5 WHERE id = $rid" 2>"$work/err"
same "past toolcmp, the server refuses bob's change too" 1 $?
check "  by its row-level security" grep -q "row-level security" "$work/err"
same "  and bob's removal removes nothing" 0 "$(as_psql bob "WITH gone AS (DELETE FROM toolcmp.review WHERE id = $rid RETURNING 1) SELECT count(*) FROM gone")"
same "  the review is as alice wrote it" 80 "$("$toolcmp" --db "$(as_user carol)" history SmolLM3 --json | jq '.reviews[-1].score')"
check "info says so" grep -q "a review changed by its author only" <<<"$("$toolcmp" --db "$(as_user carol)" info --json)"
check "alice edits her own" quietly "$toolcmp" --db "$(as_user alice)" -q review edit "$rid" --score 81
{
  echo '{"type": "tool", "name": "Bob Tool"}'
  for persona in Builder Skeptic Futurist Founder; do
    echo "{\"type\": \"review\", \"tool\": \"Bob Tool\", \"persona\": \"$persona\", \"score\": 60, \"verdict\": \"ship\", \"text\": \"Bob's $persona view.\"}"
  done
} >"$work/bob.jsonl"
"$toolcmp" --db "$(as_user alice)" -q review SmolLM3 Skeptic --verdict skip --text "Alice, no score yet."
echo '{"type": "review", "tool": "SmolLM3", "persona": "Skeptic", "score": 35, "verdict": "skip", "text": "Alice, no score yet."}' \
  >"$work/fill.jsonl"
"$toolcmp" --db "$(as_user bob)" -q import "$work/fill.jsonl" 2>"$work/err"
same "bob's import filling in the score alice's review lacks: exit 1, not a figure dropped unsaid" 1 $?
check "  naming the line, the author and who is connected" grep -q "fill.jsonl:1: .*written by alice.* connected as bob" "$work/err"
same "  and the review is as alice wrote it" "null" \
  "$("$toolcmp" --db "$(as_user carol)" history SmolLM3 --json | jq '[.reviews[] | select(.persona == "Skeptic")][-1].score')"
check "alice's own import fills it in" quietly "$toolcmp" --db "$(as_user alice)" -q import "$work/fill.jsonl"
same "  to 35" 35 "$("$toolcmp" --db "$(as_user carol)" history SmolLM3 --json | jq '[.reviews[] | select(.persona == "Skeptic")][-1].score')"
check "bob imports new reviews (COPY goes through a staging table)" \
  quietly "$toolcmp" --db "$(as_user bob)" -q import "$work/bob.jsonl"
same "  four, his" "4 bob" "$(psql_in roleteam -c "SELECT count(*) || ' ' || string_agg(DISTINCT author, ',') FROM toolcmp.review r
                                               JOIN toolcmp.tool t ON t.id = r.tool_id WHERE t.name = 'Bob Tool'")"
bid=$("$toolcmp" --db "$(as_user carol)" history "Bob Tool" --json | jq '.reviews[0].id')
check "  and removes one of his own" quietly "$toolcmp" --db "$(as_user bob)" -q review rm "$bid" --yes
psql_in roleteam -c "CREATE POLICY extra ON toolcmp.vote USING (true)" >/dev/null
"$toolcmp" --db "$(as_user carol)" list >/dev/null 2>"$work/err"
same "a policy beside toolcmp's is still refused: exit 3" 3 $?
check "  naming it" grep -q "vote.extra" "$work/err"
psql_in roleteam -c "DROP POLICY extra ON toolcmp.vote" \
  -c "ALTER POLICY toolcmp_author_removes ON toolcmp.review USING (true)" >/dev/null
"$toolcmp" --db "$(as_user carol)" list >/dev/null 2>"$work/err"
same "one of toolcmp's policies loosened is refused: exit 3" 3 $?
psql_in roleteam -c "ALTER POLICY toolcmp_author_removes ON toolcmp.review USING (author IS NULL OR author = session_user)" \
  -c "ALTER TABLE toolcmp.review NO FORCE ROW LEVEL SECURITY" >/dev/null
"$toolcmp" --db "$(as_user carol)" list >/dev/null 2>"$work/err"
same "row security no longer forced (the writers would pass it) is refused: exit 3" 3 $?
psql_in roleteam -c "ALTER TABLE toolcmp.review FORCE ROW LEVEL SECURITY" >/dev/null
check "setup-roles --no-row-security" quietly "$toolcmp" --db "$(as_user alice)" setup-roles --writer team_writer \
  --reader team_reader --no-row-security
check "  and bob may again, with --force" quietly "$toolcmp" --db "$(as_user bob)" -q review edit "$rid" --score 6 --force

# --- a password works, warns, and is never shown -----------------------------------------
with_password="host=$host port=$port dbname=roles user=secret password=s3cret-pass"
"$toolcmp" --db "$with_password" info >"$work/out" 2>"$work/err"
same "a password in --db works" 0 $?
check "with a one-line warning pointing at .pgpass" grep -q "toolcmp: warning: .*\.pgpass" "$work/err"
check "never showing the password" bash -c "! grep -q s3cret '$work/out' '$work/err'"
TOOLCMP_DB="postgresql://secret:wrong-pass-123@/roles?host=$host&port=$port" "$toolcmp" info >"$work/out" 2>"$work/err"
same "a wrong password: exit 1" 1 $?
check "authentication failed, in words" grep -q "password authentication failed" "$work/err"
check "with the connection shown without it" grep -q "postgresql://secret:\*\*\*@/roles" "$work/err"
check "and never the password" bash -c "! grep -q wrong-pass '$work/out' '$work/err'"

# What libpq reads as a secret is hidden, however it is spelled.
for spelled in "postgresql://secret@/roles?host=$host&port=$port&%70assword=s3cret-pass" \
               "host=$host port=$port dbname=roles user=secret password=s3cret-pass sslpassword=S3cretKey" \
               "host=$host port=$port dbname=roles user=secret password=s3cret\\ S3cretTail" \
               "postgresql://secret:S3cretPass%zz@/roles?host=$host&port=$port"; do
  "$toolcmp" --db "$spelled" info --json >"$work/out" 2>"$work/err"
  check "no secret shown for: ${spelled//[sS]3cret/...}" bash -c "! grep -qi '3cret' '$work/out' '$work/err'"
done
# A password in --db is overwritten in the process's own argv (ps, /proc/PID/cmdline).
mkfifo "$work/why"
"$toolcmp" --db "$with_password" decide "Hidden" --pick SmolLM3 --over "Code Llama 4" --why-file "$work/why" 2>/dev/null &
pid=$!
wait_blocked "$pid" "fifo_open|wait_for_partner" >/dev/null
check "the password is not in /proc/PID/cmdline" bash -c "! tr '\\0' ' ' </proc/$pid/cmdline | grep -q s3cret"
check "the rest of the command line is" bash -c "tr '\\0' ' ' </proc/$pid/cmdline | grep -q 'user=secret'"
kill -INT "$pid"; wait "$pid" 2>/dev/null

# --- sslmode=verify-full works when asked, and refuses a server it cannot verify ----------
if [ -f "$host/ca.crt" ]; then
  tls="host=localhost port=$port dbname=roundtrip user=toolcmp sslmode=verify-full"
  check "sslmode=verify-full with the server's CA: compare works" \
    quietly "$toolcmp" --db "$tls sslrootcert=$host/ca.crt" compare SmolLM3 Code-Llama-4 --json
  check "and info says the link is TLS" grep -q '"backend": "PostgreSQL .* (schema toolcmp, TLS)"' \
    <<<"$("$toolcmp" --db "$tls sslrootcert=$host/ca.crt" info --json)"
  openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj "/CN=another CA" -keyout "$work/other.key" \
    -out "$work/other.crt" >/dev/null 2>&1
  "$toolcmp" --db "$tls sslrootcert=$work/other.crt" info 2>"$work/err"
  same "verify-full with another CA: exit 1" 1 $?
  check "saying the certificate failed" grep -q "certificate verify failed" "$work/err"
  "$toolcmp" --db "host=127.0.0.1 port=$port dbname=roundtrip user=toolcmp sslmode=verify-full sslrootcert=$host/ca.crt" \
    info 2>"$work/err"
  same "verify-full with a host name the certificate does not name: exit 1" 1 $?
  check "saying so" grep -q 'does not match host name "127.0.0.1"' "$work/err"
fi

# --- errors in words --------------------------------------------------------------------
"$toolcmp" --db "host=$work/nowhere dbname=x user=toolcmp" list 2>"$work/err"
same "no server: exit 1" 1 $?
check "no server: cannot connect" grep -q "^toolcmp: error: cannot connect to PostgreSQL at 'host=$work/nowhere" "$work/err"
"$toolcmp" --db "host=$host port=$port dbname=missing user=toolcmp" list 2>"$work/err"
same "a missing database: exit 1" 1 $?
check "a missing database: named" grep -q 'database "missing" does not exist' "$work/err"

# --- a connection lost mid-import: exit 1, in words, nothing written ------------------------
pg=$(fresh_db lost)
panel "$work/lost.jsonl" lost 2000
# It reads a pipe this script holds: after the first 1,000 records it
# waits mid-import, holding the writers' lock, until the rest come.
rm -f "$work/feed"
mkfifo "$work/feed"
"$toolcmp" --db "$pg" -q import - <"$work/feed" 2>"$work/err" &
importer=$!
exec {feed}>"$work/feed"
head -n 1000 "$work/lost.jsonl" >&"$feed"
for _ in $(seq 200); do  # until the import holds the writers' lock
  # In this database only: the team test's writers may hold the same kind of lock meanwhile.
  [ "$(psql_in postgres -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted
                             AND database = (SELECT oid FROM pg_database WHERE datname = 'lost')")" -gt 0 ] && break
  sleep 0.05
done
psql_in postgres -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = 'lost' AND application_name = 'toolcmp'" >/dev/null
tail -n +1001 "$work/lost.jsonl" >&"$feed" 2>/dev/null
exec {feed}>&-
wait "$importer"
same "a connection lost mid-import: exit 1" 1 $?
check "saying so, and that nothing was written" grep -q "^toolcmp: error: .*lost the connection to PostgreSQL at 'host=.*nothing was written" "$work/err"
same "and nothing was" 0 "$(psql_in lost -c "SELECT count(*) FROM toolcmp.review")"

# --- shell completion never hangs on a server that does not answer -------------------------
mkdir -p "$work/mute"
python3 -c '
import socket, sys, time
s = socket.socket(socket.AF_UNIX); s.bind(sys.argv[1]); s.listen(8)
conns = []
while True:
    c, _ = s.accept(); conns.append(c)
' "$work/mute/.s.PGSQL.5432" &
mute=$!
while [ ! -S "$work/mute/.s.PGSQL.5432" ]; do sleep 0.05; done
start=$(date +%s%N)
out=$(timeout 10 "$toolcmp" __complete words --db "host=$work/mute dbname=x user=toolcmp" compare "" 2>&1)
status=$?
took=$(( ($(date +%s%N) - start) / 1000000 ))
kill "$mute"
same "completion against a server that never answers prints nothing" "" "$out"
check "and returns (exit $status, ${took} ms; timeout 10 s would be 124)" test "$status" -ne 124
pg=$(fresh_db complete)
"$toolcmp" --db "$pg" -q import "$source_dir/data/sample.jsonl"
same "completion against a live server names the tools" "$("$toolcmp" __complete words --db "$work/a.db" compare "")" \
  "$("$toolcmp" __complete words --db "$pg" compare "")"


# --- 8 writers at once, readers meanwhile: every review counted once ----------------------
pg=$(fresh_db parallel)
writers_race "$toolcmp" "$pg" "$work"
check "all 8 writers succeed" test "$writers_failed" -eq 0
same "exactly 16,000 reviews" 16000 "$(psql_in parallel -c "SELECT count(*) FROM toolcmp.review")"
same "and 10 tools" 10 "$(psql_in parallel -c "SELECT count(*) FROM toolcmp.tool")"
check "no reader failed ($reads reads)" test "$readers_failed" -eq 0
echo "writers on PostgreSQL: 8 x 2,000 reviews; $reads compare runs meanwhile, $readers_failed failed"
# Export reads a cursor, 1,000 rows at a time: 16 batches back into SQLite, whole.
"$toolcmp" --db "$pg" export --format jsonl | "$toolcmp" --db "$work/parallel.db" -q import
same "16,000 reviews exported in batches import back the same" "$("$toolcmp" --db "$pg" export --format jsonl | md5sum)" \
  "$("$toolcmp" --db "$work/parallel.db" export --format jsonl | md5sum)"
same "and rank the same" "$("$toolcmp" --db "$pg" rank --json)" "$("$toolcmp" --db "$work/parallel.db" rank --json)"

# --- kill -9 in the middle of an import leaves all of it or none ------------------------------
pg=$(fresh_db killed)
panel "$work/big.jsonl" big 2000
# Its tools there first. Each import reads a pipe this script holds: it
# is fed part of the file (then killed mid-import, however fast it is) or
# all of it with the pipe closed (then killed while it finishes, or after).
head -n 10 "$work/big.jsonl" | "$toolcmp" --db "$pg" -q import
partial=0
for i in $(seq 10); do
  rm -f "$work/feed"
  mkfifo "$work/feed"
  "$toolcmp" --db "$pg" -q import - <"$work/feed" 2>/dev/null &
  pid=$!
  exec {feed}>"$work/feed"
  lines=$((10 + RANDOM % 3000))
  head -n "$lines" "$work/big.jsonl" >&"$feed"
  # All of it: the pipe closed, it finishes; part: the rest never comes.
  [ "$lines" -ge 2010 ] && exec {feed}>&-
  sleep "0.$((RANDOM % 10))"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  [ "$lines" -ge 2010 ] || exec {feed}>&-
  count=$(psql_in killed -c "SELECT count(*) FROM toolcmp.review")
  [ $((count % 2000)) -eq 0 ] || partial=$((partial + 1))
done
same "a client killed mid-import never leaves part of it (a multiple of 2,000 reviews)" 0 "$partial"
echo "kill -9 on PostgreSQL: 10 imports of 2,000 reviews, each killed or finished; $(psql_in killed -c "SELECT count(*) FROM toolcmp.review") reviews at the end"
# --- an import's round trips do not grow with its records ------------------------------
# Into tools it adds, its rows go by COPY: 100 times the reviews is not
# 100 times the statements (one or two each, before).
panel "$work/few.jsonl" few 200
panel "$work/many.jsonl" many 20000
few=$(TOOLCMP_TRACE_SQL=1 "$toolcmp" --db "$(fresh_db few)" -q import "$work/few.jsonl" 2>&1 | grep -c '^toolcmp: sql:')
many=$(TOOLCMP_TRACE_SQL=1 "$toolcmp" --db "$(fresh_db many)" -q import "$work/many.jsonl" 2>&1 | grep -c '^toolcmp: sql:')
echo "an import's statements on PostgreSQL: $few for 200 reviews, $many for 20,000"
check "20,000 reviews take no more than 10 statements more than 200 do ($few, $many)" test "$many" -le $((few + 10))
# Into tools already there, each tool's reviews are read once and kept
# whole as the import adds to them: its rows go by COPY too.
panel "$work/again.jsonl" again 200
panel "$work/more.jsonl" more 10000
into_few=$(fresh_db into_few)
into_many=$(fresh_db into_many)
"$toolcmp" --db "$into_few" -q import "$work/few.jsonl"
"$toolcmp" --db "$into_many" -q import "$work/few.jsonl"
few=$(TOOLCMP_TRACE_SQL=1 "$toolcmp" --db "$into_few" -q import "$work/again.jsonl" 2>&1 | grep -c '^toolcmp: sql:')
many=$(TOOLCMP_TRACE_SQL=1 "$toolcmp" --db "$into_many" -q import "$work/more.jsonl" 2>&1 | grep -c '^toolcmp: sql:')
echo "into tools already there: $few statements for 200 reviews, $many for 10,000"
check "into tools already there, 10,000 reviews take no more than 10 statements more than 200 do ($few, $many)" \
  test "$many" -le $((few + 10))
same "and every one of them is there" 10200 "$(psql_in into_many -c "SELECT count(*) FROM toolcmp.review")"
same "and all of them are there" 20000 "$(psql_in many -c "SELECT count(*) FROM toolcmp.review")"
# The same panel as on SQLite (written by the role's name on both).
TOOLCMP_AUTHOR=toolcmp "$toolcmp" --db "$work/many.db" -q import "$work/many.jsonl"
same "and the same as on SQLite" "$("$toolcmp" --db "$work/many.db" export --format jsonl | md5sum)" \
  "$("$toolcmp" --db "host=$host port=$port dbname=many user=toolcmp" export --format jsonl | md5sum)"
# A file that takes many tools already there (a re-import): the first 64
# are read one at a time, then every one at once, and it ends as on SQLite.
python3 - "$work" <<'PY'
import json, sys
work = sys.argv[1]
def review(t, persona, text, **more):
    r = {"type": "review", "tool": f"Wide {t}", "persona": persona, "text": text, "reviewed_at": "2026-11-10T12:00:00Z"}
    r.update(more)
    return json.dumps(r) + "\n"
with open(f"{work}/wide1.jsonl", "w") as out:
    for t in range(150):
        out.write(json.dumps({"type": "tool", "name": f"Wide {t}", "category": "Wide", "tagline": f"first {t}"}) + "\n")
        out.write(review(t, "Builder", f"builder on {t}", score=50 + t % 40, verdict="ship"))
        out.write(review(t, "Skeptic", f"skeptic on {t}", verdict="skip"))
with open(f"{work}/wide2.jsonl", "w") as out:
    for t in range(150):
        tool = {"type": "tool", "name": f"Wide {t}", "category": "Wide", "tagline": f"first {t}"}
        if t % 2:
            tool["vendor"] = f"Vendor {t}"  # filled in
        out.write(json.dumps(tool) + "\n")
        out.write(review(t, "Builder", f"builder on {t}", score=50 + t % 40, verdict="ship"))  # there already
        out.write(review(t, "Skeptic", f"skeptic on {t}", score=30, verdict="skip"))  # its score filled in
        out.write(review(t, "Founder", f"founder on {t}", score=70 + t % 20, verdict="ship"))  # new
        if t % 10 == 0:
            out.write(review(t, "Founder", f"founder on {t}", score=70 + t % 20, verdict="ship"))  # again
            out.write(json.dumps(tool) + "\n")
PY
wide=$(fresh_db wide)
for db in "$wide" "$work/wide.db"; do
  TOOLCMP_NOW=2026-11-20T12:00:00Z TOOLCMP_AUTHOR=toolcmp "$toolcmp" --db "$db" -q import "$work/wide1.jsonl"
done
statements=$(TOOLCMP_NOW=2026-11-20T13:00:00Z TOOLCMP_AUTHOR=toolcmp TOOLCMP_TRACE_SQL=1 "$toolcmp" --db "$wide" -q \
  import "$work/wide1.jsonl" 2>&1 | grep -c '^toolcmp: sql:')
# (three a tool, 469 in all, when each was read one at a time)
check "the same file again reads the 150 tools one by one only at first ($statements statements)" \
  test "$statements" -le 260
TOOLCMP_NOW=2026-11-20T13:00:00Z TOOLCMP_AUTHOR=toolcmp "$toolcmp" --db "$work/wide.db" -q import "$work/wide1.jsonl"
for db in "$wide" "$work/wide.db"; do  # fills, new reviews, repeats, a new source for each
  TOOLCMP_NOW=2026-11-21T12:00:00Z TOOLCMP_AUTHOR=toolcmp "$toolcmp" --db "$db" -q import "$work/wide2.jsonl"
done
same "and leaves what SQLite leaves" "$("$toolcmp" --db "$work/wide.db" export --format jsonl)" \
  "$("$toolcmp" --db "$wide" export --format jsonl)"
same "  its tools filled in" 75 "$(psql_in wide -c "SELECT count(*) FROM toolcmp.tool WHERE vendor IS NOT NULL")"
finish
