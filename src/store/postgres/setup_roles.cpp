// setup-roles on a PostgreSQL panel: the grants that let a writer role
// (and its members) write it and a reader role read it, now and after
// later migrations, and optionally row-level security by which only a
// review's author may change it.
#include <fmt/format.h>

#include "store/postgres/pg_schema.h"
#include "store/postgres/postgres.h"
#include "toolcmp/base/error.h"
#include "toolcmp/base/text.h"
#include "toolcmp/store/store.h"

namespace toolcmp {

namespace {

// setup-roles --row-security: everyone who may use the table reads and adds
// reviews; a change or a removal is the author's alone (the database role a
// review names; one without an author stays anyone's). A change of
// another's review fails loudly (the new row fails its check), a removal
// finds nothing to remove (toolcmp checks before either).
struct AuthorPolicy {
  const char* name;
  const char* rule;     // as CREATE POLICY takes it
  const char* catalog;  // as schema_version reads it back: "cmd permissive roles using | check"
};
constexpr AuthorPolicy kAuthorPolicies[] = {
    {"toolcmp_add", "FOR INSERT WITH CHECK (true)", "a true {0}  | true"},
    {"toolcmp_author_changes", "FOR UPDATE USING (true) WITH CHECK (author IS NULL OR author = session_user)",
     "w true {0} true | ((author IS NULL) OR (author = SESSION_USER))"},
    {"toolcmp_author_removes", "FOR DELETE USING (author IS NULL OR author = session_user)",
     "d true {0} ((author IS NULL) OR (author = SESSION_USER)) | "},
    {"toolcmp_read", "FOR SELECT USING (true)", "r true {0} true | "},
};

void check_role_name(const std::string& name, const char* option) {
  if (name.empty() || name.size() > 63 || has_hidden_or_control(name)) {
    throw UsageError(fmt::format("{} '{}' cannot be a role name: 1 to 63 bytes of UTF-8, nothing hidden", option,
                                 name.size() > 63 ? name.substr(0, 63) + "..." : name));
  }
}

// What setup-roles runs, in one transaction, as a member of the writer role.
std::vector<std::string> role_statements(const std::string& schema, const std::string& writer,
                                         const std::string& reader, RowSecurity rows) {
  std::string s = sql::quoted_identifier(schema), w = sql::quoted_identifier(writer),
              r = sql::quoted_identifier(reader);
  std::vector<std::string> statements{"SET LOCAL ROLE " + w,
                                      "CREATE SCHEMA IF NOT EXISTS " + s,
                                      "GRANT USAGE ON SCHEMA " + s + " TO " + r,
                                      "GRANT SELECT ON ALL TABLES IN SCHEMA " + s + " TO " + r,
                                      "ALTER DEFAULT PRIVILEGES IN SCHEMA " + s + " GRANT SELECT ON TABLES TO " + r};
  if (rows == RowSecurity::Keep) return statements;
  std::string table = s + ".review";
  for (const AuthorPolicy& policy : kAuthorPolicies) {
    statements.push_back(fmt::format("DROP POLICY IF EXISTS {} ON {}", policy.name, table));
  }
  if (rows == RowSecurity::Off) {
    statements.push_back("ALTER TABLE " + table + " NO FORCE ROW LEVEL SECURITY");
    statements.push_back("ALTER TABLE " + table + " DISABLE ROW LEVEL SECURITY");
    return statements;
  }
  for (const AuthorPolicy& policy : kAuthorPolicies) {
    statements.push_back(fmt::format("CREATE POLICY {} ON {} {}", policy.name, table, policy.rule));
  }
  // Forced: the writers are members of the table's owner, whom row
  // security would otherwise let by.
  statements.push_back("ALTER TABLE " + table + " ENABLE ROW LEVEL SECURITY");
  statements.push_back("ALTER TABLE " + table + " FORCE ROW LEVEL SECURITY");
  return statements;
}

// Checks that setup-roles may do its work, and gives the statements that
// hand over to the writer role what the role running it owns there.
std::vector<std::string> hand_over_to_writer(sql::PgConnection& conn, const PgSchema& schema, const std::string& shown,
                                             const std::string& writer, const std::string& reader) {
  sql::Statement roles(conn,
                       "SELECT current_user, current_database(), "
                       "(SELECT oid FROM pg_roles WHERE rolname = ?1) IS NOT NULL, "
                       "(SELECT oid FROM pg_roles WHERE rolname = ?2) IS NOT NULL, "
                       "coalesce((SELECT pg_has_role(current_user, oid, 'MEMBER') FROM pg_roles WHERE rolname = ?1), false), "
                       "coalesce((SELECT has_database_privilege(oid, current_database(), 'CREATE') FROM pg_roles "
                       "  WHERE rolname = ?1), false), "
                       "(SELECT r.rolname FROM pg_namespace n JOIN pg_roles r ON r.oid = n.nspowner WHERE n.nspname = ?3), "
                       "(SELECT string_agg(DISTINCT r.rolname, ', ') FROM pg_class c JOIN pg_namespace n "
                       "  ON n.oid = c.relnamespace JOIN pg_roles r ON r.oid = c.relowner "
                       "  WHERE n.nspname = ?3 AND c.relkind = 'r' AND r.rolname NOT IN (?1, current_user)), "
                       "(SELECT string_agg(quote_ident(c.relname), ',' ORDER BY c.relname) FROM pg_class c "
                       "  JOIN pg_namespace n ON n.oid = c.relnamespace "
                       "  WHERE n.nspname = ?3 AND c.relkind = 'r' AND c.relowner = (SELECT oid FROM pg_roles WHERE rolname = current_user) AND current_user <> ?1)");
  roles.bind_all(writer, reader, schema.name).step();
  std::string me = roles.text(0), database = roles.text(1);
  for (int column : {2, 3}) {
    if (roles.integer(column) != 0) continue;
    const std::string& name = column == 2 ? writer : reader;
    throw Error(fmt::format("no role '{}' on '{}': create it first (as a role that may: CREATE ROLE {} NOLOGIN;{})",
                            name, shown, sql::quoted_identifier(name),
                            column == 2 ? fmt::format(" GRANT {} TO each writer", sql::quoted_identifier(name))
                                        : fmt::format(" GRANT {} TO each reader", sql::quoted_identifier(name))));
  }
  if (roles.integer(4) == 0) {
    throw Error(fmt::format("role '{}' is neither '{}' nor a member of it: run setup-roles as '{}' or one of its "
                            "members (GRANT {} TO {})",
                            me, writer, writer, sql::quoted_identifier(writer), sql::quoted_identifier(me)));
  }
  bool schema_exists = !roles.is_null(6);
  if (!schema_exists && roles.integer(5) == 0) {
    throw Error(fmt::format("role '{}' may not create schema '{}' in database '{}': as its owner, run GRANT CREATE ON "
                            "DATABASE {} TO {} (or CREATE SCHEMA {} AUTHORIZATION {}), then setup-roles again",
                            writer, schema.name, database, sql::quoted_identifier(database),
                            sql::quoted_identifier(writer), sql::quoted_identifier(schema.name),
                            sql::quoted_identifier(writer)));
  }
  // The writer role owns the panel, schema and tables: the writers must
  // share one owner, or a migration by one would lock the others out. What
  // this role owns it hands over; what a third role owns, that role must.
  std::string schema_owner = schema_exists ? roles.text(6) : writer;
  std::string third = !roles.is_null(7) ? roles.text(7) : schema_owner != writer && schema_owner != me ? schema_owner : "";
  if (!third.empty()) {
    throw Error(fmt::format("schema '{}' or its tables are owned by {}, not '{}': as {} run ALTER SCHEMA {} OWNER TO {} "
                            "and ALTER TABLE ... OWNER TO {} for each table, then setup-roles again",
                            schema.name, third, writer, third, sql::quoted_identifier(schema.name),
                            sql::quoted_identifier(writer), sql::quoted_identifier(writer)));
  }
  std::vector<std::string> statements;
  std::string s = sql::quoted_identifier(schema.name), w = sql::quoted_identifier(writer);
  if (schema_owner == me && me != writer) statements.push_back("ALTER SCHEMA " + s + " OWNER TO " + w);
  if (!roles.is_null(8)) {
    std::string tables = roles.text(8);
    for (std::size_t start = 0; start < tables.size();) {
      std::size_t end = std::min(tables.find(',', start), tables.size());
      statements.push_back("ALTER TABLE " + s + "." + tables.substr(start, end - start) + " OWNER TO " + w);
      start = end + 1;
    }
  }
  return statements;
}

RoleSetup run_setup_roles(const std::string& db, const std::string& writer, const std::string& reader,
                          RowSecurity rows) {
  std::string shown = shown_connection(db);
  sql::SchemaChoice choice = sql::split_schema(db);
  sql::PgConnection conn(choice.target, shown, 0);
  PgSchema schema = choose_schema(conn, choice.schema, shown);
  sql::Transaction tx(conn);
  int version = schema_version(conn, schema, shown, true);  // refuses a schema that is not toolcmp's first
  if (rows == RowSecurity::On && version != 0 && version < kSchemaVersion) {
    throw Error(fmt::format("schema '{}' of '{}' holds toolcmp schema {}, which has no authors yet: run 'toolcmp "
                            "migrate' first, then setup-roles --row-security",
                            schema.name, shown, version));
  }
  std::vector<std::string> statements = hand_over_to_writer(conn, schema, shown, writer, reader);
  for (const std::string& statement : statements) conn.exec(statement.c_str());
  std::vector<std::string> grants = role_statements(schema.name, writer, reader, rows);
  for (std::size_t i = 0; i < grants.size(); ++i) {
    conn.exec(grants[i].c_str());
    statements.push_back(std::move(grants[i]));
    // After SET LOCAL ROLE and CREATE SCHEMA: toolcmp's tables, made by the
    // writer role before the grants (an older schema is brought up to date
    // by the next write, as the writer role).
    if (i == 1 && version == 0) {  // (the policies come after, on the tables)
      conn.exec(kPostgresSchemaSql);
      statements.push_back(fmt::format("-- toolcmp's tables, schema {}", kSchemaVersion));
    }
  }
  tx.commit();
  return {schema.name, std::move(statements)};
}

}  // namespace

bool is_authors_only(std::string_view policies, std::string_view secured_tables) {
  std::string expected;
  for (const AuthorPolicy& policy : kAuthorPolicies) {
    if (!expected.empty()) expected += '\n';
    expected += fmt::format("review.{} {}", policy.name, policy.catalog);
  }
  return secured_tables == "review" && policies == expected;
}

RoleSetup setup_roles(const std::string& db, const std::string& writer, const std::string& reader, bool run,
                      RowSecurity rows) {
  if (!is_postgres_target(db)) {
    throw UsageError("setup-roles is for a PostgreSQL panel: who may read or write an SQLite file is its file "
                     "permissions (chmod, chgrp)");
  }
  check_role_name(writer, "--writer");
  check_role_name(reader, "--reader");
  if (writer == reader) throw UsageError(fmt::format("--writer and --reader are both '{}': give two roles", writer));
  if (run) return run_setup_roles(db, writer, reader, rows);
  std::string schema = sql::split_schema(db).schema.value_or("toolcmp");
  return {schema, role_statements(schema, writer, reader, rows)};
}

}  // namespace toolcmp
