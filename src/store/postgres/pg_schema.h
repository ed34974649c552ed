// A PostgreSQL panel's schema as toolcmp opens it: which schema, and
// whether what it holds is toolcmp's (store_postgres.cpp); shared with
// setup-roles (setup_roles.cpp), which checks the same before its grants.
// Private to the store.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/postgres/postgres.h"

namespace toolcmp {

extern const char* const kPostgresSchemaSql;

struct PgSchema {
  std::string name;
  bool ours_to_create = false;  // toolcmp's default schema or schema='s, made on the first write
  std::string login;            // session_user: who is connected, read in the same round trip
};

// The schema --db's schema= names; else toolcmp's own, unless a search_path
// (options=-csearch_path=..., or the role's setting) chose one: then the
// first of those that exists. One round trip, which also sets it for the
// transaction open; pin_schema sets it for every later one.
PgSchema choose_schema(sql::PgConnection& conn, const std::optional<std::string>& given, const std::string& shown);

// The schema's version: 0 when it holds nothing yet; throws NotOursError
// when it holds what is not toolcmp's, or a newer toolcmp's. Tells conn
// whether the panel lets only a review's author change it.
int schema_version(sql::PgConnection& conn, const PgSchema& schema, const std::string& shown, bool writes);

// Whether a schema's row-level security is exactly what setup-roles
// --row-security makes: policies, each "table.name cmd permissive roles
// using | check" as the catalogs print them, a line each in name order,
// and the tables with row security both enabled and forced.
bool is_authors_only(std::string_view policies, std::string_view secured_tables);

}  // namespace toolcmp
