// Back-end 2: a PostgreSQL database. Opening it: choosing toolcmp's
// schema, refusing one that is not toolcmp's, and creating it on the first
// write. Everything past opening is the same store as for SQLite.
#include <fmt/format.h>

#include "store/backend.h"
#include "store/postgres/pg_schema.h"
#include "store/postgres/postgres.h"
#include "store/schema_history.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/own_files.h"
#include "toolcmp/base/sha256.h"
#include "toolcmp/base/text.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

namespace {

// The user's cache of schemas whose digest was found right (verify_digest).
constexpr const char* kCheckedSchemas = "postgres-schemas";

// Shell completion gives up after this long rather than hang the shell.
constexpr int kPeekDeadlineMs = 100;

// The tables of each version on PostgreSQL (4 was the first), by name.
constexpr const char* kTablesV4 = "persona,review,review_source,tool,tool_attribute,toolcmp_schema,vote";
constexpr const char* kTablesV5 =
    "decision,decision_tool,persona,review,review_source,tool,tool_attribute,toolcmp_schema,vote";
constexpr const char* kOurTables =
    "audit,decision,decision_tool,persona,review,review_source,tool,tool_attribute,toolcmp_schema,vote";

// What a schema holds, as the catalogs say, in one statement: its tables'
// names, triggers toolcmp did not make, whether any relation has rules or
// row-level security (pg_class's own flags) or a policy, the role's USAGE
// on the schema and the role. Any of those, planted, could drop or hide
// writes while toolcmp reported them done, or hide rows from a read. Only
// when one is there does a second statement (kSchemaObjects) name the
// rules, policies and tables with row security: on a new server process
// every catalog is read cold, and pg_rewrite's rows and the policies'
// deparsed expressions were about 3 ms of a reader's 12 ms check (a new
// psql connection per run, 2026-12-06). A writer also needs kSchemaDigest: a
// digest of every column (type, collation, null, default), index and
// constraint (its definition too), which must be the one toolcmp's own
// schema of that version has; a weakened constraint matters to what is
// written. Its deparsing is the most costly part of opening, so a writer
// adds only kSchemaFingerprint's columns here, and computes the
// digest in a second statement when this user's toolcmp has not found
// these very catalog rows right before (verify_digest). A read (one
// snapshot, rows checked as they are read) leaves both out, planning
// included. The schema's relations are found once (r), and each other
// catalog is looked up by their oids (= ANY), not joined: the planning,
// which every command pays again (no statement outlives a transaction
// behind a pooler), is most of the cost, and a join's the most.
constexpr const char* kSchemaRelations =
    "WITH r AS MATERIALIZED (SELECT c.oid, c.xmin, c.relname, c.relkind, c.relhasrules, c.relrowsecurity, "
    "  c.relforcerowsecurity FROM pg_class c WHERE c.relnamespace = (SELECT oid FROM pg_namespace WHERE nspname = ?1)) ";
constexpr const char* kSchemaCheck =
    "SELECT "
    "(SELECT coalesce(string_agg(relname, ',' ORDER BY relname), '') FROM r WHERE relkind IN ('r', 'v', 'm', 'f', 'p')), "
    "(SELECT string_agg(name, ', ' ORDER BY name) FROM (SELECT (SELECT relname FROM r WHERE r.oid = t.tgrelid) "
    "  || '.' || t.tgname AS name FROM pg_trigger t WHERE t.tgrelid = ANY (ARRAY(SELECT oid FROM r)) "
    "  AND NOT t.tgisinternal) AS x), "
    "(SELECT coalesce(bool_or(relhasrules OR relrowsecurity OR relforcerowsecurity), false) "
    "  OR EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = ANY (ARRAY(SELECT oid FROM r))) FROM r), "
    "(SELECT has_schema_privilege(oid, 'USAGE') FROM pg_namespace WHERE nspname = ?1), current_user";
// Rules but a view's own, policies, tables with row security on; each
// policy in full and the tables whose row security is forced too (what
// setup-roles --row-security makes).
constexpr const char* kSchemaObjects =
    "SELECT "
    "(SELECT string_agg(r.relname || '.' || w.rulename, ', ' ORDER BY r.relname, w.rulename) FROM pg_rewrite w "
    "  JOIN r ON r.oid = w.ev_class WHERE w.rulename <> '_RETURN'), "
    "(SELECT string_agg(r.relname || '.' || p.polname, ', ' ORDER BY r.relname, p.polname) FROM pg_policy p "
    "  JOIN r ON r.oid = p.polrelid), "
    "(SELECT string_agg(relname, ', ' ORDER BY relname) FROM r WHERE relrowsecurity OR relforcerowsecurity), "
    "(SELECT string_agg(r.relname || '.' || p.polname || ' ' || p.polcmd::text || ' ' || p.polpermissive::text || ' ' "
    "  || p.polroles::text || ' ' || coalesce(pg_get_expr(p.polqual, p.polrelid), '') || ' | ' "
    "  || coalesce(pg_get_expr(p.polwithcheck, p.polrelid), ''), chr(10) ORDER BY r.relname, p.polname) "
    "  FROM pg_policy p JOIN r ON r.oid = p.polrelid), "
    "(SELECT string_agg(relname, ', ' ORDER BY relname) FROM r WHERE relrowsecurity AND relforcerowsecurity)";
constexpr const char* kSchemaDigest =
    ", md5("
    " coalesce((SELECT string_agg(r.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod) || ' ' "
    "   || coalesce((SELECT co.collname FROM pg_collation co WHERE co.oid = a.attcollation), '') "
    "   || CASE WHEN a.attnotnull THEN ' not null' ELSE '' END || coalesce(' default ' || "
    "   (SELECT pg_get_expr(d.adbin, d.adrelid) FROM pg_attrdef d WHERE d.adrelid = a.attrelid AND d.adnum = a.attnum), '') "
    "   || ' ' || a.attidentity::text, chr(10) ORDER BY r.relname, a.attname) "
    "  FROM r JOIN pg_attribute a ON a.attrelid = r.oid "
    "  WHERE r.relkind IN ('r', 'p', 'v', 'm', 'f') AND a.attnum > 0 AND NOT a.attisdropped), '') "
    " || chr(10) || coalesce((SELECT string_agg(x.def, chr(10) ORDER BY x.def) FROM (SELECT "
    "   replace(pg_get_indexdef(i.indexrelid), quote_ident(?1) || '.', '') AS def FROM pg_index i "
    "   JOIN r ON r.oid = i.indrelid) x), '') "
    " || chr(10) || coalesce((SELECT string_agg(x.def, chr(10) ORDER BY x.def) FROM (SELECT r.relname || ' ' "
    "   || k.conname || ' ' || k.contype::text || ' ' "
    "   || coalesce((SELECT f.relname FROM pg_class f WHERE f.oid = k.confrelid), '') || ' ' || k.confdeltype::text "
    "   || ' ' || replace(pg_get_constraintdef(k.oid), quote_ident(?1) || '.', '') AS def "
    "   FROM pg_constraint k JOIN r ON r.oid = k.conrelid) x), ''))";
// What the digest is made of, as catalog row versions: the xmin (the
// transaction that wrote that version of a row) of each of the schema's
// relations (indexes and sequences included, with their oids), columns and
// constraints, four columns (kFingerprintColumns). A change to any of those writes
// a new row version, with a new xmin, or removes one, so a fingerprint seen
// before means the same rows, and the digest they gave then. A column's
// default is pg_attrdef's, but setting, changing or dropping one rewrites
// the column's row too, and an index changed is its relation's row changed
// (tests/postgres_test.sh makes each change on a kept fingerprint). Each
// part is a bare array, hashed here (fingerprint_of), not on the server:
// on a new server process each function and catalog a statement names is
// looked up cold, and md5(concat_ws(...)), current_database() and the
// schema's own row cost a vote about 1% of its time each (2026-12-07).
constexpr const char* kSchemaFingerprint =
    ", ARRAY(SELECT r.oid FROM r), ARRAY(SELECT r.xmin FROM r), "
    " ARRAY(SELECT a.xmin FROM pg_attribute a WHERE a.attrelid = ANY (ARRAY(SELECT oid FROM r)) AND a.attnum > 0), "
    " ARRAY(SELECT k.xmin FROM pg_constraint k WHERE k.conrelid = ANY (ARRAY(SELECT oid FROM r)))";
constexpr int kFingerprintColumns = 4;  // the arrays above
constexpr const char* kSchemaCheckEnd = " FROM (SELECT 1) AS one";

// The digest above of toolcmp's own schema: version 4, 5 and 6 (made
// new or migrated from 4). tests/postgres_test.sh makes both and compares.
constexpr const char* kDigestV4 = "16731a3bcd9e9fa2713ea393fcfa66b6";
constexpr const char* kDigestV5 = "5bac30f19b753433680d967b97e75eea";
constexpr const char* kDigestV6 = "0484b186bfc29bb5311b49d561c3a2e0";

// Each version's tables and digest: the version a schema's tables say it is.
struct PgVersion {
  int version;
  const char* tables;
  const char* digest;
};
constexpr PgVersion kPgVersions[] = {{4, kTablesV4, kDigestV4}, {5, kTablesV5, kDigestV5}, {kSchemaVersion, kOurTables, kDigestV6}};

const PgVersion* version_of_tables(const std::string& tables) {
  for (const PgVersion& known : kPgVersions) {
    if (tables == known.tables) return &known;
  }
  return nullptr;
}

// Refuses triggers, rules, policies and row security that toolcmp did not
// make; tells conn whether the panel is setup-roles --row-security's.
// summary is kSchemaCheck's row.
void check_schema_objects(sql::PgConnection& conn, const std::string& schema, sql::Statement& summary,
                          const std::string& where) {
  if (!summary.is_null(1)) {
    throw NotOursError(fmt::format("{} has triggers toolcmp did not make ({}); it is left as it is", where,
                                   summary.text(1)));
  }
  conn.set_authors_only(false);
  if (summary.integer(2) == 0) return;  // no rules, no row security: nothing more to look at
  sql::Statement objects(conn, (std::string(kSchemaRelations) + kSchemaObjects + kSchemaCheckEnd).c_str());
  objects.bind_all(schema).step();
  bool authors_only = !objects.is_null(2) && !objects.is_null(4) && objects.text(2) == objects.text(4) &&
                      !objects.is_null(3) && is_authors_only(objects.text(3), objects.text(4));
  const char* kinds[] = {"rules", "row-level security policies"};
  for (int column = 0; column <= 1; ++column) {
    if (objects.is_null(column) || (column == 1 && authors_only)) continue;
    throw NotOursError(fmt::format("{} has {} toolcmp did not make ({}); it is left as it is", where, kinds[column],
                                   objects.text(column)));
  }
  if (!objects.is_null(2) && !authors_only) {
    throw NotOursError(fmt::format("{} has row-level security turned on for {}; toolcmp did not do that, and leaves "
                                   "it as it is",
                                   where, objects.text(2)));
  }
  conn.set_authors_only(authors_only);
}

// kSchemaFingerprint's columns, from first on, as one key: SHA-256, as
// xmins can be steered by whoever plants a change, of them and of where
// the connection goes (host, port, database: clusters made alike, two
// test servers say, can have the same oids and xmins). Only a physical
// copy of a cluster reached at the same address shares its rows' xmins,
// and making one diverge to the same xmins with other contents takes its
// superuser, who can change anything toolcmp reads anyway.
std::string fingerprint_of(sql::PgConnection& conn, const sql::Statement& row, int first) {
  std::string parts = conn.address();
  for (int column = first; column < first + kFingerprintColumns; ++column) parts += "\n" + (row.is_null(column) ? "" : row.text(column));
  return sha256_hex(parts);
}

// A writer's digest of the schema's columns, indexes and constraints must be
// toolcmp's own; computed only when this user's cache does not say that
// these catalog rows (fingerprint) gave that digest before. The cache is
// the user's own file: a record kept on the server could be written by
// whoever planted the change it would hide. The fingerprint recorded is
// the one computed with the digest, in the same snapshot.
void verify_digest(sql::PgConnection& conn, const std::string& schema, const std::string& fingerprint,
                   const PgVersion& made_as, const std::string& where) {
  UserCache verified = UserCache::named(kCheckedSchemas);
  if (verified.holds(fingerprint + " " + made_as.digest)) return;
  std::string sql = std::string(kSchemaRelations) + "SELECT 1" + kSchemaFingerprint + kSchemaDigest + kSchemaCheckEnd;
  sql::Statement digest(conn, sql.c_str());
  digest.bind_all(schema).step();
  const int computed = 1 + kFingerprintColumns;  // after "1" and the fingerprint
  if (digest.is_null(computed) || digest.text(computed) != made_as.digest) {
    throw NotOursError(fmt::format("{} has columns, indexes or constraints that are not the ones toolcmp made; "
                                   "it is left as it is",
                                   where));
  }
  verified.add(fingerprint_of(conn, digest, 1) + " " + made_as.digest);
}

}  // namespace

// The schema --db's schema= names; else toolcmp's own, unless a search_path
// other than PostgreSQL's default (options=-csearch_path=..., the role's
// or the server's setting) chose one: then the first of those that exists.
// By value, not pg_settings' source: that view builds a row for every one
// of the server's settings, translated, 1.1 ms of server time on every
// command. One round trip, which also sets it for the transaction open;
// pin_schema sets it for every later one.
PgSchema choose_schema(sql::PgConnection& conn, const std::optional<std::string>& given, const std::string& shown) {
  sql::Statement current(conn,
                         "SELECT chosen, made, CASE WHEN chosen IS NOT NULL THEN "
                         "set_config('search_path', quote_ident(chosen), true) END, session_user FROM ("
                         "SELECT CASE WHEN ?1 <> '' THEN ?1 WHEN plain THEN 'toolcmp' "
                         "ELSE current_schema() END AS chosen, ?1 <> '' OR plain AS made "
                         "FROM (SELECT current_setting('search_path') = '\"$user\", public' AS plain) AS p) AS s");
  current.bind_all(given.value_or(""));
  if (!current.step() || current.is_null(0)) {
    throw Error(fmt::format("no schema in the search_path of '{}' exists; create it (CREATE SCHEMA ...), name one "
                            "with schema=NAME, or leave search_path out to use toolcmp's own schema",
                            shown));
  }
  PgSchema schema{current.text(0), current.integer(1) != 0, current.text(3)};
  conn.pin_schema(schema.name);
  return schema;
}

// The schema's version: 0 when it holds nothing yet; throws when it holds
// what is not toolcmp's, or a newer toolcmp's.
int schema_version(sql::PgConnection& conn, const PgSchema& schema, const std::string& shown, bool writes) {
  std::string check = std::string(kSchemaRelations) + kSchemaCheck + (writes ? kSchemaFingerprint : ", NULL") + kSchemaCheckEnd;
  sql::Statement objects(conn, check.c_str());
  objects.bind_all(schema.name).step();
  std::string tables = objects.text(0);
  if (tables.empty()) return 0;
  std::string where = fmt::format("schema '{}' of '{}'", schema.name, shown);
  const PgVersion* made_as = version_of_tables(tables);
  if (!made_as) {
    throw NotOursError(fmt::format("{} is not a toolcmp database: it holds the tables {} (give toolcmp a schema of "
                                   "its own with schema=NAME in --db)",
                                   where, tables));
  }
  if (objects.integer(3) == 0) {
    throw Error(fmt::format("{}: permission denied: role '{}' may not use the schema (a writer can run GRANT USAGE "
                            "ON SCHEMA {} TO {}, and GRANT SELECT ON ALL TABLES IN SCHEMA {} TO {})",
                            where, objects.text(4), schema.name, objects.text(4), schema.name, objects.text(4)));
  }
  check_schema_objects(conn, schema.name, objects, where);
  if (writes) verify_digest(conn, schema.name, fingerprint_of(conn, objects, 5), *made_as, where);
  sql::Statement version(conn, "SELECT application_id, version FROM toolcmp_schema");
  if (!version.step() || version.integer(0) != kApplicationId) {
    throw NotOursError(fmt::format("{} is not a toolcmp database (its toolcmp_schema is not toolcmp's)", where));
  }
  if (version.integer(1) > kSchemaVersion) {
    throw NotOursError(fmt::format("{} was written by a newer toolcmp (schema {}); this toolcmp reads schema {}. "
                                   "Upgrade toolcmp to use it",
                                   where, version.integer(1), kSchemaVersion));
  }
  // Version 4 is the first on PostgreSQL; its tables say which version it is.
  int made = static_cast<int>(version.integer(1));
  if (made != made_as->version) {
    throw NotOursError(fmt::format("{} has an unknown toolcmp schema ({})", where, made));
  }
  return made;
}

namespace {

// Tables are made and altered as the role that owns the panel (its
// toolcmp_schema table's owner, or before there is one its schema's) when
// this role is a member of it: a team's writers are members of one role
// that owns everything (setup-roles), so a table a migration adds is that
// role's too, and the default privileges given to readers cover it.
void act_as_owner(sql::PgConnection& conn, const PgSchema& schema) {
  sql::Statement owner(conn,
                       "SELECT r.rolname FROM pg_roles r WHERE r.oid = coalesce("
                       "(SELECT c.relowner FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "  WHERE n.nspname = ?1 AND c.relname = 'toolcmp_schema' AND c.relkind = 'r'), "
                       "(SELECT nspowner FROM pg_namespace WHERE nspname = ?1)) "
                       "AND r.rolname <> current_user AND NOT r.rolsuper AND pg_has_role(current_user, r.oid, 'MEMBER')");
  if (owner.bind_all(schema.name).step()) {
    conn.exec(("SET LOCAL ROLE " + sql::quoted_identifier(owner.text(0))).c_str());
  }
}

// Brings an older schema up to this version, in one transaction under the
// writers' lock, as migrate() does for SQLite; gives the version it was.
// Only writers migrate (a reader's role could not, and a reader never
// changes what it reads): see PgBackend::open.
int migrate_postgres(sql::PgConnection& conn, const PgSchema& schema, const std::string& shown) {
  sql::Transaction tx(conn);
  int version = schema_version(conn, schema, shown, true);  // another toolcmp may have migrated it meanwhile
  act_as_owner(conn, schema);
  for (int to = version + 1; version > 0 && to <= kSchemaVersion; ++to) {
    conn.exec(schema_part(kPostgresSchemaSql, to).c_str());
  }
  conn.exec(fmt::format("UPDATE toolcmp_schema SET version = {}", kSchemaVersion).c_str());
  tx.commit();
  return version < kSchemaVersion ? version : 0;
}

class PgBackend : public Backend {
 public:
  explicit PgBackend(const std::string& db) : shown_(shown_connection(db)) {
    sql::SchemaChoice choice = sql::split_schema(db);
    target_ = std::move(choice.target);
    schema_ = std::move(choice.schema);
  }
  Opened open(Store::Access access) override;
  const std::string& shown() const override { return shown_; }
  std::string describe() const override;
  std::string login(sql::Connection&) override { return login_; }

 private:
  std::string target_;  // as given, with its password, without schema=
  std::optional<std::string> schema_;  // schema=
  std::string shown_;
  std::string server_;  // "PostgreSQL 15.4"
  std::string login_;   // session_user
};

// What info shows. A cache of checked schemas that is not read costs a
// digest on every write: said here, where the user looks, and looked at
// only when asked (not on every command's way in).
std::string PgBackend::describe() const {
  UserCache checked = UserCache::named(kCheckedSchemas);
  std::optional<std::string> why = checked.refused();
  if (!why) return server_;
  return fmt::format("{}; its cache of checked schemas {} is not read: {}", server_, checked.path(), *why);
}

Backend::Opened PgBackend::open(Store::Access access) {
  using Access = Store::Access;
  auto conn = std::make_unique<sql::PgConnection>(target_, shown_, access == Access::Peek ? kPeekDeadlineMs : 0);
  PgSchema schema = choose_schema(*conn, schema_, shown_);
  login_ = schema.login;
  // What info says: the server, the panel's schema, whether the link is
  // encrypted, and setup-roles --row-security.
  bool writes = access == Access::Write || access == Access::Trial;
  int version = schema_version(*conn, schema, shown_, writes);
  server_ = fmt::format("{} (schema {}, {}{})", conn->server_version(), schema.name, conn->uses_tls() ? "TLS" : "no TLS",
                        conn->authors_only() ? ", a review changed by its author only" : "");
  bool blank = version == 0;
  if (blank && access == Access::Peek) throw Error(fmt::format("'{}' holds no toolcmp database", shown_));
  if (blank && access != Access::Write) return {};  // reads never create anything
  if (blank) {
    // The first write makes the schema, whole, in one transaction; another
    // toolcmp may have made it while this one waited for the lock.
    sql::Transaction tx(*conn);
    act_as_owner(*conn, schema);
    // Only when missing: a role given the schema needs no CREATE on the database.
    sql::Statement exists(*conn, "SELECT count(*) FROM pg_namespace WHERE nspname = ?1");
    if (schema.ours_to_create && exists.bind_all(schema.name).step() && exists.integer(0) == 0) {
      conn->exec(("CREATE SCHEMA IF NOT EXISTS " + sql::quoted_identifier(schema.name)).c_str());
    }
    if (schema_version(*conn, schema, shown_, true) == 0) conn->exec(kPostgresSchemaSql);
    tx.commit();
  } else if (version < kSchemaVersion && access == Access::Read) {
    throw NotOursError(fmt::format("schema '{}' of '{}' holds toolcmp schema {}, older than this toolcmp's ({}); "
                                   "readers never migrate: a writer must run 'toolcmp migrate' first",
                                   schema.name, shown_, version, kSchemaVersion));
  }
  int migrated_from = 0;
  if (!blank && version < kSchemaVersion && access != Access::Peek) migrated_from = migrate_postgres(*conn, schema, shown_);
  if (access == Access::Read) conn->begin_snapshot();  // one snapshot for the whole command
  return {std::move(conn), false, migrated_from};
}

}  // namespace

std::unique_ptr<Backend> make_postgres_backend(const std::string& db, bool /*create_directories*/) {
  return std::make_unique<PgBackend>(db);
}

}  // namespace toolcmp
